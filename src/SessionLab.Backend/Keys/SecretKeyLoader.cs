using System.Security.Cryptography;
using System.Text;

namespace SessionLab.Backend.Keys;

/// <summary>
/// Loads a secret key safely: from configuration, from a file only its owner can read, or (lab mode only) a generated
/// development key created owner-only from the first byte. Weak and public keys are refused unless explicitly allowed.
/// Every refusal is a <see cref="KeyException"/> whose message says what to do.
/// </summary>
internal static class SecretKeyLoader
{
    private const int GeneratedBytes = 64;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static SecretKey Load(KeySettings settings, KeyPolicy policy)
    {
        if (!string.IsNullOrWhiteSpace(settings.Value))
        {
            return Checked(settings, Decode(settings, settings.Value, "its value"), $"configuration ({settings.Name})", policy, development: false);
        }

        if (!string.IsNullOrWhiteSpace(settings.File))
        {
            return Checked(settings, ReadKeyFile(settings, settings.File), $"key file {settings.File}", policy, development: false);
        }

        if (!policy.GeneratedAllowed)
        {
            throw new KeyException(
                $"{settings.Name}: no key configured, and a generated development key is refused with a users file (real mode). " +
                $"Create one (`openssl rand -base64 64 > key && chmod 600 key`) and pass its file, or set it in the environment " +
                $"(SESSIONLAB_{settings.Name.Replace(":", "__", StringComparison.Ordinal)}); --allow-insecure-dev-key overrides this for experiments.");
        }

        var bytes = File.Exists(settings.DevFile) ? ReadKeyFile(settings, settings.DevFile) : CreateDevKey(settings);
        return Checked(settings, bytes, $"GENERATED DEVELOPMENT KEY in {settings.DevFile}", policy, development: true);
    }

    private static SecretKey Checked(KeySettings settings, byte[] bytes, string source, KeyPolicy policy, bool development)
    {
        if (bytes.Length < KeyStrength.MinimumBytes)
        {
            throw new KeyException($"{settings.Name} must decode to at least {KeyStrength.MinimumBytes} bytes; the one from {source} has {bytes.Length}.");
        }

        if (!policy.WeakAllowed && KeyStrength.Weakness(bytes) is { } weakness)
        {
            throw new KeyException($"{settings.Name} from {source} is refused: {weakness}. Generate one with `openssl rand -base64 64`, or pass --allow-insecure-dev-key for an experiment.");
        }

        return new SecretKey(bytes, source, development);
    }

    private static byte[] Decode(KeySettings settings, string text, string where)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new KeyException($"{settings.Name}: {where} must be base64 (e.g. `openssl rand -base64 64`).");
        }
    }

    /// <summary>
    /// Reads a key file only if no one but its owner, this process's user, can read or change it. Mode and owner are
    /// checked on the open file, not on its path, so the file cannot be swapped between the check and the read.
    /// </summary>
    private static byte[] ReadKeyFile(KeySettings settings, string path)
    {
        if (!File.Exists(path))
        {
            throw new KeyException($"{settings.Name}: the key file {path} does not exist.");
        }

        for (var attempt = 0; ; attempt++)
        {
            string text;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                if (!OperatingSystem.IsWindows())
                {
                    var mode = File.GetUnixFileMode(stream.SafeFileHandle);
                    if ((mode & GroupOrOther) != 0)
                    {
                        throw new KeyException($"{settings.Name}: the key file {path} is accessible to other users (mode {Octal(mode)}); `chmod 600 {path}`.");
                    }

                    if (UnixFileOwner.Of(stream.SafeFileHandle) is { } owner && UnixFileOwner.CurrentUser() is { } me && owner != me)
                    {
                        throw new KeyException($"{settings.Name}: the key file {path} belongs to uid {owner}, not to this process's user (uid {me}): someone else chose that key.");
                    }
                }

                using var reader = new StreamReader(stream, Encoding.ASCII);
                text = reader.ReadToEnd().Trim();
            }

            if (text.Length > 0 || attempt >= 20)
            {
                return Decode(settings, text, $"the key file {path}");
            }

            Thread.Sleep(50); // a backend that started at the same moment is still writing it
        }
    }

    /// <summary>Creates folder (0700) and file (0600) with their final modes, so the key is never readable by others, not even for a moment.</summary>
    private static byte[] CreateDevKey(KeySettings settings)
    {
        var path = settings.DevFile;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }

        var fresh = RandomNumberGenerator.GetBytes(GeneratedBytes);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            // CreateNew: when several backends start at once, exactly one writes and the others read its key.
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh)));
            return fresh;
        }
        catch (IOException) when (File.Exists(path))
        {
            return ReadKeyFile(settings, path);
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}

/// <summary>A key that cannot or must not be used; the message says why and what to do.</summary>
internal sealed class KeyException(string message) : InvalidOperationException(message);
