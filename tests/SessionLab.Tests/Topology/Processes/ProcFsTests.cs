using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SessionLab.Topology;
using SessionLab.Topology.Processes;

namespace SessionLab.Tests.Topology.Processes;

public sealed class ProcFsTests
{
    [Fact]
    public void ListenerOf_OurOwnListener_NamesThisProcess()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux-only");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var owner = ProcFs.ListenerOf(((IPEndPoint)listener.LocalEndpoint).Port);

        Assert.Contains($"pid {Environment.ProcessId}", owner, StringComparison.Ordinal);
    }

    [Fact]
    public void StartTimeOf_LiveAndMissingProcesses()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux-only");

        Assert.NotNull(ProcFs.StartTimeOf(Environment.ProcessId));
        Assert.Null(ProcFs.StartTimeOf(int.MaxValue));
    }

    [Fact]
    public void SweepOrphans_ChildOfADeadLab_IsKilled_ChildOfALiveLabIsNot()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux-only");
        var runs = Directory.CreateTempSubdirectory("sessionlab-runs-").FullName;
        using var orphan = Process.Start("sleep", "60");
        using var owned = Process.Start("sleep", "60");
        try
        {
            var deadLab = new ProcessStamp(int.MaxValue, 1);
            WritePids(Path.Combine(runs, "old"), deadLab, orphan.Id);
            WritePids(Path.Combine(runs, "live"), ProcessStamp.Of(Environment.ProcessId)!, owned.Id);

            var swept = ProcessRegistry.SweepOrphans(runs);

            Assert.Single(swept);
            Assert.True(orphan.WaitForExit(5000));
            Assert.False(owned.HasExited);
        }
        finally
        {
            owned.Kill();
            orphan.Kill();
            Directory.Delete(runs, recursive: true);
        }
    }

    private static void WritePids(string folder, ProcessStamp lab, int child)
    {
        Directory.CreateDirectory(folder);
        var file = new PidFile(lab, [ProcessStamp.Of(child)!]);
        File.WriteAllText(Path.Combine(folder, ProcessRegistry.FileName), System.Text.Json.JsonSerializer.Serialize(file, RegistryJsonContext.Default.PidFile));
    }
}
