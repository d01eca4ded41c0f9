namespace SessionLab.IntegrationTests.Support;

/// <summary>
/// Whether the system engines are installed. With <c>SESSIONLAB_REQUIRE_REAL=1</c> (set by CI) a missing one
/// fails the test instead of skipping it, so CI can never pass by testing nothing real.
/// </summary>
internal static class RealEngines
{
    public static bool RequireReal => Environment.GetEnvironmentVariable("SESSIONLAB_REQUIRE_REAL") == "1";

    public static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"]);
        return directories.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    /// <summary>The program's path; skips the test when it is missing, or fails it when real engines are required.</summary>
    public static string Require(string program)
    {
        if (Find(program) is { } found)
        {
            return found;
        }

        if (RequireReal)
        {
            Assert.Fail($"{program} is not installed but SESSIONLAB_REQUIRE_REAL=1 (apt-get install -y nginx redis-server).");
        }

        Assert.Skip($"{program} is not installed.");
        return string.Empty;
    }
}
