using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SessionLab.Backend.Identity;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend;

/// <summary><c>sessionlab serve</c> as a user starts it by hand: dev keys, user files, start-up errors.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServeConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JwtWithoutAKey_BackendsOnOneMachineShareTheLabelledDevKey_NeverLogIt()
    {
        var folder = Directory.CreateTempSubdirectory("sessionlab-devkey-").FullName;
        var keyFile = Path.Combine(folder, "dev-jwt-key");
        try
        {
            // Two backends started with no key: the first creates the dev key file, the second reads it.
            await using var one = await BackendProcess.StartAsync("jwt", "server-1", keyFile, Ct, "--redis", $"127.0.0.1:{FreePorts.Next()}");
            await using var two = await BackendProcess.StartAsync("jwt", "server-2", keyFile, Ct, "--redis", $"127.0.0.1:{FreePorts.Next()}");
            using var client = one.NewClient();
            var token = await (await client.LoginAsync("alice")).TokenOfAsync();

            using var other = two.NewClient();
            Assert.Equal(HttpStatusCode.OK, (await other.ProfileAsync(token)).StatusCode);
            Assert.Contains("GENERATED DEVELOPMENT KEY", one.Log, StringComparison.Ordinal);
            Assert.Contains(keyFile, one.Log, StringComparison.Ordinal);
            Assert.DoesNotContain((await File.ReadAllTextAsync(keyFile, Ct)).Trim(), one.Log + two.Log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task UsersFile_TurnsOnRealPasswordChecks()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sessionlab-users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, $$"""{"users":[{"username":"alice","user_id":1001,"password_hash":"{{FileUserDirectory.HashPassword("s3cret!")}}"}]}""", Ct);
        try
        {
            await using var backend = await BackendProcess.StartAsync("sticky", "server-1", Ct, "--users-file", file);
            using var client = backend.NewClient();

            var wrong = await client.LoginAsync("alice", "123456");
            var unknown = await client.LoginAsync("bob", "s3cret!");
            var right = await client.LoginAsync("alice", "s3cret!");

            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("invalid username or password", await wrong.ErrorAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Equal(1001, (await right.JsonAsync()).GetProperty("user_id").GetInt32());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PortInUse_ExitsWithAClearMessage()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var (exitCode, output) = await LabCli.RunAsync(TimeSpan.FromSeconds(30), "serve", "--scheme", "sticky", "--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(2, exitCode);
        Assert.Contains("address already in use", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(port.ToString(CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ShortJwtKey_IsRefusedAtStart_BeforeTheBackendAnnouncesItself(bool inTheEnvironment)
    {
        var shortKey = Convert.ToBase64String(new byte[8]);
        var keyFile = Path.Combine(Path.GetTempPath(), $"sessionlab-short-key-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(keyFile, shortKey, Ct);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            string[] args = ["serve", "--scheme", "jwt", "--port", FreePorts.Next().ToString(CultureInfo.InvariantCulture)];
            var (exitCode, output) = inTheEnvironment
                ? await LabCli.RunAsync(TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["SESSIONLAB_Jwt__Key"] = shortKey }, args)
                : await LabCli.RunAsync(TimeSpan.FromSeconds(30), [.. args, "--jwt-key-file", keyFile]);

            Assert.Equal(2, exitCode);
            Assert.Contains("at least 32 bytes", output, StringComparison.Ordinal);
            // A backend that logs "… backend on http://…" and then dies reads as one that started: the key is checked first.
            Assert.DoesNotContain(" on http://", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task JwtKeyOnTheCommandLine_IsNoLongerAnOption()
    {
        // A key in the arguments is readable by every user of the machine through ps and /proc/<pid>/cmdline.
        var (exitCode, _) = await LabCli.RunAsync(TimeSpan.FromSeconds(30), "serve", "--scheme", "jwt", "--port", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "--jwt-key", Convert.ToBase64String(new byte[64]));

        Assert.NotEqual(0, exitCode);
    }
}
