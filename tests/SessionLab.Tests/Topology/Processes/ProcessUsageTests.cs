using SessionLab.Topology.Processes;

namespace SessionLab.Tests.Topology.Processes;

public sealed class ProcessUsageTests
{
    [Fact]
    public void Read_ThisProcess_HasCpuTimeAndResidentMemory()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux-only");

        var usage = ProcessUsage.Read(Environment.ProcessId);

        Assert.NotNull(usage);
        Assert.True(usage.Value.ResidentBytes > 1_000_000);
        Assert.True(usage.Value.CpuTime > TimeSpan.Zero);
    }

    [Fact]
    public void CpuPercent_IsCpuTimeOverWallTime()
    {
        var start = DateTimeOffset.UnixEpoch;
        var before = new ProcessUsage(1, TimeSpan.FromSeconds(1), 0, start);
        var after = new ProcessUsage(1, TimeSpan.FromSeconds(1.5), 0, start.AddSeconds(2));

        Assert.Equal(25, ProcessUsage.CpuPercent(before, after), 3);
    }

    [Fact]
    public void Read_MissingProcess_IsNull() => Assert.Null(ProcessUsage.Read(int.MaxValue));
}
