using SessionLab.Commands;

namespace SessionLab.Tests.Commands;

public sealed class GarnetCommandTests
{
    [Fact]
    public void GarnetArguments_NoAof_PortBindAndPubSubOnly()
    {
        var args = GarnetCommand.GarnetArguments(6379, "127.0.0.1", appendOnly: false, dataDirectory: null);

        Assert.Equal(["--port", "6379", "--bind", "127.0.0.1", "--no-pubsub", "false"], args);
    }

    [Fact]
    public void GarnetArguments_Aof_CommitsEverySecondRecoversAndKeepsFilesInTheDataDirectory()
    {
        var args = GarnetCommand.GarnetArguments(6379, "127.0.0.1", appendOnly: true, "/runs/r/garnet");

        Assert.Equal(
            [
                "--port", "6379", "--bind", "127.0.0.1", "--no-pubsub", "false",
                "--aof", "true", "--aof-commit-freq", "1000", "--recover", "true", "--fail-on-recovery-error", "true",
                "--checkpointdir", "/runs/r/garnet", "--device-type", "RandomAccess",
            ],
            args);
    }

    [Fact]
    public void Parse_AofWithoutDataDir_IsAnError()
    {
        var result = GarnetCommand.Create().Parse(["--aof"]);

        Assert.Contains(result.Errors, e => e.Message.Contains("--data-dir", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_AofWithDataDir_IsValid() =>
        Assert.Empty(GarnetCommand.Create().Parse(["--aof", "--data-dir", "/tmp/g"]).Errors);
}
