using System.Runtime.InteropServices;

namespace SessionLab.Topology.Processes;

/// <summary>POSIX signals .NET does not expose for other processes (it can only kill, i.e. SIGKILL).</summary>
internal static partial class NativeSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM; true when delivered.</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
