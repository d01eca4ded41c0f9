using System.Runtime.InteropServices;

namespace SessionLab.Measurement.Load;

/// <summary>
/// Sleeps for less than a millisecond without spinning: <see cref="Thread.Sleep(int)"/> only takes whole
/// milliseconds, so on Linux and macOS this calls <c>nanosleep</c> directly; elsewhere it rounds up to 1 ms.
/// </summary>
internal static partial class PreciseSleep
{
    public static void For(long nanoseconds)
    {
        if (nanoseconds <= 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var request = new TimeSpec(nanoseconds / 1_000_000_000, nanoseconds % 1_000_000_000);

            // An interrupted sleep (EINTR) just ends early: the caller checks the clock and sleeps again.
            _ = NanoSleep(in request, IntPtr.Zero);
            return;
        }

        Thread.Sleep(Math.Max(1, (int)(nanoseconds / 1_000_000)));
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct TimeSpec(long Seconds, long Nanoseconds);
}
