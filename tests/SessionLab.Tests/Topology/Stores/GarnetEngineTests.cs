using SessionLab.Topology.Stores;

namespace SessionLab.Tests.Topology.Stores;

public sealed class GarnetEngineTests
{
    [Fact]
    public void Arguments_None_PortAndParentOnly()
    {
        var args = GarnetEngine.Arguments(6379, 42, StorePersistence.None, dataFolder: null);

        Assert.Equal(["garnet", "--port", "6379", "--parent-pid", "42"], args);
    }

    [Fact]
    public void Arguments_AppendOnly_AskForTheAofInTheDataFolder()
    {
        var args = GarnetEngine.Arguments(6379, 42, StorePersistence.AppendOnly, "/runs/r/garnet");

        Assert.Equal(["garnet", "--port", "6379", "--parent-pid", "42", "--aof", "--data-dir", "/runs/r/garnet"], args);
    }

    [Fact]
    public void Arguments_AppendOnlyWithoutAFolder_Throws() =>
        Assert.Throws<ArgumentNullException>(() => GarnetEngine.Arguments(6379, 42, StorePersistence.AppendOnly, dataFolder: null));
}
