using System.Diagnostics;
using System.Reflection;
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
        SelfLauncher.Version.Split('+')[0] + BuildNote(),
        topology.LoadBalancer.Description,
        topology.Store.Description);

    /// <summary>Says when the measured code ran without the JIT's optimizations, which would understate every figure.</summary>
    private static string BuildNote() =>
        typeof(SessionLab.Backend.BackendApp).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true
            ? " (unoptimized build: JIT optimizations off, figures understate the schemes)"
            : " (optimized build)";

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
