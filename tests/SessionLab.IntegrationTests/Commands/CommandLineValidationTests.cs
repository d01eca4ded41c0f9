using System.Globalization;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Commands;

/// <summary>
/// Bad input to the CLI, as a user types it: one line naming the problem and exit 2, never a stack trace, and nothing
/// started or announced first.
/// </summary>
public sealed class CommandLineValidationTests
{
    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["serve", "--scheme", "jwt", "--port", "99999"], "--port 99999: a TCP port is 1 to 65535" },
        { ["serve", "--scheme", "jwt", "--port", "-1"], "--port -1: a TCP port is 1 to 65535" },
        { ["serve", "--scheme", "jwt", "--port", "8101", "--host", "nope"], "--host nope: not an IP address" },
        { ["serve", "--scheme", "nope", "--port", "8101"], "Must be one of: 'sticky', 'redis', 'jwt', 'aspnet-session', 'jwt-bearer'" },
        { ["up", "--port-offset", "60000"], "--port-offset 60000: the lab's ports would be 66379–76466" },
        { ["run", "2.2", "--port-offset", "-7000"], "the offset must be -6378 to 49069" },
        // Redis Cluster's bus ports (node + 10000) are the highest the lab takes; 6.9 starts a cluster beside any topology.
        { ["up", "--redis", "cluster", "--port-offset", "50000"], "the lab's ports would be 56379–66466" },
        { ["run", "2.2", "--out", "/proc/nope"], "--out /proc/nope: cannot create or write this folder" },
        { ["report", "results.json", "--out", "/proc/nope"], "--out /proc/nope: cannot create or write this folder" },
        { ["up", "--runs-dir", "/proc/nope"], "--runs-dir /proc/nope: cannot create or write this folder" },
        { ["garnet", "--port", "0"], "--port 0: a TCP port is 1 to 65535" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task BadOption_IsOneLineAndExit2(string[] args, string expected)
    {
        var (exitCode, stdout, stderr) = await LabCli.RunSeparatelyAsync(TimeSpan.FromMinutes(1), new Dictionary<string, string>(), args);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"sessionlab {args[0]}: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_ExternalStoreThatDoesNotAnswer_FailsClearly_NeverSaysReady()
    {
        var runs = Directory.CreateTempSubdirectory("sessionlab-external-").FullName;
        try
        {
            var nobody = FreePorts.Next();
            var (exitCode, output) = await LabCli.RunAsync(
                TimeSpan.FromMinutes(1),
                "up", "--redis", $"127.0.0.1:{nobody.ToString(CultureInfo.InvariantCulture)}", "--lb", "yarp",
                "--port-offset", LabPorts.FindFree().Offset.ToString(CultureInfo.InvariantCulture), "--runs-dir", runs);

            Assert.Equal(2, exitCode);
            // One line although it is longer than 80 columns: piped output is not wrapped.
            Assert.Contains($"cannot start: The external Redis at 127.0.0.1:{nobody} does not answer PING within 5 s (UnableToConnect).", output, StringComparison.Ordinal);
            Assert.DoesNotContain("ready", output, StringComparison.Ordinal);
            Assert.DoesNotContain("starting 9 backends", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }

    [Fact]
    public async Task Up_RedisServerOnPathThatCannotRun_IsAClearError()
    {
        var bin = Directory.CreateTempSubdirectory("sessionlab-broken-redis-").FullName;
        var runs = Directory.CreateTempSubdirectory("sessionlab-broken-runs-").FullName;
        try
        {
            // Executable, but its interpreter does not exist: starting it fails the way a broken install does.
            var fake = Path.Combine(bin, "redis-server");
            await File.WriteAllTextAsync(fake, "#!/nonexistent/interpreter\n", TestContext.Current.CancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var path = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";

            var (exitCode, output) = await LabCli.RunAsync(
                TimeSpan.FromMinutes(1),
                new Dictionary<string, string> { ["PATH"] = path },
                "up", "--redis", "system", "--lb", "yarp", "--port-offset", LabPorts.FindFree().Offset.ToString(CultureInfo.InvariantCulture), "--runs-dir", runs);

            Assert.Equal(2, exitCode);
            Assert.Contains($"--redis system: {fake} cannot be run", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
            Directory.Delete(runs, recursive: true);
        }
    }

    [Fact]
    public async Task Fault_WithNoLabUnderTheRunsFolder_NamesRunsDir_Exit2()
    {
        var empty = Directory.CreateTempSubdirectory("sessionlab-no-lab-").FullName;
        try
        {
            var (exitCode, output) = await LabCli.RunAsync(TimeSpan.FromMinutes(1), "fault", "status", "--runs-dir", empty);

            Assert.Equal(2, exitCode);
            Assert.Contains($"no running `sessionlab up` found under {empty}", output, StringComparison.Ordinal);
            Assert.Contains("--runs-dir", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
