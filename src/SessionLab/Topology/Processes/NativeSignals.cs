using System.Runtime.InteropServices;

namespace SessionLab.Topology.Processes;

/// <summary>POSIX signals .NET does not expose for other processes (it can only kill, i.e. SIGKILL).</summary>
internal static partial class NativeSignals
{
    private const int SigHup = 1;
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;

    /// <summary>Sends SIGTERM; true when delivered.</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    /// <summary>Sends SIGINT, what Ctrl+C in a terminal sends; true when delivered.</summary>
    public static bool Interrupt(int processId) => Kill(processId, SigInt) == 0;

    /// <summary>Sends SIGHUP (nginx's master: reload the configuration); true when delivered.</summary>
    public static bool Hangup(int processId) => Kill(processId, SigHup) == 0;

    /// <summary>Freezes a process (SIGSTOP): it keeps its sockets but answers nothing, like a hung server.</summary>
    public static bool Pause(int processId) => Kill(processId, SigStop) == 0;

    /// <summary>Thaws a process frozen by <see cref="Pause"/> (SIGCONT).</summary>
    public static bool Resume(int processId) => Kill(processId, SigCont) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
