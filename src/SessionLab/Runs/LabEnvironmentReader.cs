using System.Runtime.InteropServices;
using SessionLab.Reporting.Model;
using SessionLab.Topology;
using SessionLab.Topology.Processes;

namespace SessionLab.Runs;

/// <summary>Reads the environment section of a run: OS, kernel, CPUs, .NET, and which engines ran.</summary>
internal static class LabEnvironmentReader
{
    public static LabEnvironment Read(RunningTopology topology) => new(
        RuntimeInformation.OSDescription,
        Kernel(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        SelfLauncher.Version.Split('+')[0],
        topology.LoadBalancer.Description,
        topology.Store.Description);

    private static string Kernel()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return Environment.OSVersion.VersionString;
        }
    }
}
