using System.Runtime.InteropServices;

namespace SessionLab.Backend.Keys;

/// <summary>
/// The owner of a file, which .NET does not expose: statx(2) on Linux, whose layout is the same on every architecture
/// (unlike struct stat). Elsewhere the owner is unknown and only the mode is checked.
/// </summary>
internal static partial class UnixFileOwner
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;
    private const int UidOffset = 20; // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid

    /// <summary>The owner's uid, or null where it cannot be read.</summary>
    public static uint? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[256];
        try
        {
            return Statx(AtFdCwd, path, 0, StatxUid, buffer) == 0 ? BitConverter.ToUInt32(buffer, UidOffset) : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null; // a libc older than 2.28
        }
    }

    /// <summary>The owner's uid of an open file (statx with AT_EMPTY_PATH on its descriptor), or null where it cannot be read.</summary>
    public static uint? Of(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        const int AtEmptyPath = 0x1000;
        var buffer = new byte[256];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxUid, buffer) == 0 ? BitConverter.ToUInt32(buffer, UidOffset) : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>This process's effective uid, or null where unknown.</summary>
    public static uint? CurrentUser() => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? GetEffectiveUserId() : null;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial uint GetEffectiveUserId();
}
