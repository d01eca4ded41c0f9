using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.LoadBalancing.Nginx;

namespace SessionLab.Tests.Topology.LoadBalancing;

/// <summary>
/// deploy/nginx/nginx.conf is a golden file: exactly what <see cref="NginxConfigWriter"/> writes for the Docker Compose
/// topology, so the config users run in Docker and the one the lab runs never drift apart.
/// </summary>
public sealed class NginxDockerConfigTests
{
    /// <summary>Set to 1 to rewrite the golden file from the writer, after a deliberate change to the writer.</summary>
    private const string UpdateVariable = "SESSIONLAB_UPDATE_GOLDEN";

    /// <summary>SPEC §2's topology as docker-compose.yml declares it: backends by service name, nginx on every interface.</summary>
    private static readonly NginxUpstream[] ComposeTopology =
    [
        new("sticky", "0.0.0.0:8080", BalancingPolicy.IpHash, ["sticky-backend-1:8081", "sticky-backend-2:8082", "sticky-backend-3:8083"]),
        new("redis", "0.0.0.0:8090", BalancingPolicy.RoundRobin, ["redis-backend-1:8091", "redis-backend-2:8092", "redis-backend-3:8093"]),
        new("jwt", "0.0.0.0:8100", BalancingPolicy.RoundRobin, ["jwt-backend-1:8101", "jwt-backend-2:8102", "jwt-backend-3:8103"]),
    ];

    /// <summary>Container paths: the config is mounted at /etc/nginx, /tmp/nginx is a tmpfs, errors go to `docker logs`.</summary>
    private static readonly NginxConfigSettings ContainerSettings = new("/tmp/nginx") { ConfigFile = "/etc/nginx/nginx.conf", ErrorLog = "stderr" };

    [Fact]
    public void DeployNginxConf_IsWhatTheWriterProducesForTheComposeTopology()
    {
        var expected = NginxConfigWriter.Write(ComposeTopology, new PassiveHealthOptions(), ContainerSettings);
        var path = Path.Combine(RepositoryRoot(), "deploy", "nginx", "nginx.conf");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; create it with {UpdateVariable}=1 dotnet test");
        var actual = File.ReadAllText(path);
        Assert.True(expected == actual, $"{path} differs from NginxConfigWriter's output ({FirstDifference(expected, actual)}). If the writer changed on purpose, regenerate it with {UpdateVariable}=1 dotnet test.");
    }

    [Fact]
    public void ComposeFile_RunsEveryBackendTheConfigNames_OnItsPort()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot(), "docker-compose.yml")).ReplaceLineEndings("\n");

        foreach (var server in ComposeTopology.SelectMany(u => u.Servers))
        {
            var (service, port) = (server.Split(':')[0], server.Split(':')[1]);
            var definition = Service(compose, service);
            Assert.Contains($"\"--port\", \"{port}\"", definition, StringComparison.Ordinal);
            Assert.Contains("\"--host\", \"0.0.0.0\"", definition, StringComparison.Ordinal);
        }

        var nginx = Service(compose, "nginx");
        Assert.All(ComposeTopology, u => Assert.Contains($"\"127.0.0.1:{u.Listen.Split(':')[1]}:{u.Listen.Split(':')[1]}\"", nginx, StringComparison.Ordinal));
        Assert.Contains("./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro", nginx, StringComparison.Ordinal);
        Assert.Contains("- /tmp/nginx", nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeFile_PublishesOnlyNginx_RedisHasAPassword_NoKeyInTheFile()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot(), "docker-compose.yml")).ReplaceLineEndings("\n");

        var redis = Service(compose, "redis");
        Assert.DoesNotContain("ports:", redis, StringComparison.Ordinal);
        Assert.Contains("requirepass", redis, StringComparison.Ordinal);
        foreach (var server in ComposeTopology.SelectMany(u => u.Servers))
        {
            Assert.DoesNotContain("ports:", Service(compose, server.Split(':')[0]), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Jwt__Key:", compose, StringComparison.Ordinal);
        Assert.Contains("env_file: deploy/sessionlab.env", compose, StringComparison.Ordinal);
        Assert.Contains("deploy/sessionlab.env", File.ReadAllText(Path.Combine(RepositoryRoot(), ".gitignore")), StringComparison.Ordinal);
    }

    /// <summary>The lines of one top-level service in docker-compose.yml (services are indented two spaces).</summary>
    private static string Service(string compose, string name)
    {
        var start = compose.IndexOf($"\n  {name}:\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docker-compose.yml has no service '{name}'");
        var lines = compose[(start + 1)..].Split('\n');
        var body = lines.Skip(1).TakeWhile(l => l.Length == 0 || l.StartsWith("    ", StringComparison.Ordinal) || l.StartsWith("  #", StringComparison.Ordinal));
        return string.Join('\n', body);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var want = i < e.Length ? e[i] : "(end of file)";
            var got = i < a.Length ? a[i] : "(end of file)";
            if (want != got)
            {
                return $"line {i + 1}: expected `{want}`, found `{got}`";
            }
        }

        return "line endings or trailing text";
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SessionLab.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"SessionLab.slnx not found above {AppContext.BaseDirectory}");
    }
}
