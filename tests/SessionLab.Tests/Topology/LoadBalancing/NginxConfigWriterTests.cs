using System.Net;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.LoadBalancing.Nginx;

namespace SessionLab.Tests.Topology.LoadBalancing;

public sealed class NginxConfigWriterTests
{
    private const string Folder = "/tmp/lab run/nginx";

    private static readonly IReadOnlyList<UpstreamGroup> PlanGroups =
    [
        new("sticky", Loopback(8080), BalancingPolicy.IpHash, [Loopback(8081), Loopback(8082), Loopback(8083)]),
        new("redis", Loopback(8090), BalancingPolicy.RoundRobin, [Loopback(8091), Loopback(8092), Loopback(8093)]),
        new("jwt", Loopback(8100), BalancingPolicy.RoundRobin, [Loopback(8101), Loopback(8102), Loopback(8103)]),
    ];

    [Fact]
    public void Write_IpHashGroup_HasIpHashOnlyInItsOwnUpstream()
    {
        var config = Write();

        Assert.Contains("ip_hash;", Directives(Block(config, "upstream sticky")));
        Assert.DoesNotContain("ip_hash;", Directives(Block(config, "upstream redis")));
        Assert.DoesNotContain("ip_hash;", Directives(Block(config, "upstream jwt")));
        Assert.Single(Directives(config), d => d == "ip_hash;");
    }

    [Fact]
    public void Write_IpHash_ComesBeforeKeepalive()
    {
        // nginx requires a balancing method to be set before keepalive, or keepalive wraps round robin instead.
        var directives = Directives(Block(Write(), "upstream sticky"));

        Assert.True(directives.IndexOf("ip_hash;") < directives.IndexOf("keepalive 64;"));
    }

    [Fact]
    public void Write_EveryBackend_IsListedWithMaxFailsAndFailTimeout()
    {
        var health = new PassiveHealthOptions { MaxFails = 2, FailTimeout = TimeSpan.FromSeconds(5) };

        var config = Write(health: health);

        foreach (var backend in PlanGroups.SelectMany(g => g.Backends))
        {
            Assert.Single(Directives(config), d => d == $"server {backend} max_fails=2 fail_timeout=5s;");
        }

        Assert.Equal(9, Directives(config).Count(d => d.StartsWith("server ", StringComparison.Ordinal) && d != "server {"));
    }

    [Fact]
    public void Write_BackendOutOfRotation_IsMarkedDownInItsOwnUpstreamOnly()
    {
        var config = NginxConfigWriter.Write(PlanGroups, new PassiveHealthOptions(), new NginxConfigSettings(Folder), new HashSet<IPEndPoint> { Loopback(8082) });

        Assert.Single(Directives(config), d => d.EndsWith(" down;", StringComparison.Ordinal));
        Assert.Contains("server 127.0.0.1:8082 max_fails=1 fail_timeout=10s down;", Directives(Block(config, "upstream sticky")));
        Assert.Contains("server 127.0.0.1:8081 max_fails=1 fail_timeout=10s;", Directives(Block(config, "upstream sticky")));
    }

    [Fact]
    public void Write_NothingOutOfRotation_SameTextAsWithoutTheArgument() =>
        Assert.Equal(Write(), NginxConfigWriter.Write(PlanGroups, new PassiveHealthOptions(), new NginxConfigSettings(Folder), new HashSet<IPEndPoint>()));

    [Fact]
    public void Write_EveryUpstream_KeepsBackendConnectionsAlive()
    {
        var config = Write();

        foreach (var group in PlanGroups)
        {
            Assert.Contains("keepalive 64;", Directives(Block(config, $"upstream {group.Name}")));
            Assert.Contains($"zone {group.Name} 64k;", Directives(Block(config, $"upstream {group.Name}")));
        }

        Assert.Equal(3, Directives(config).Count(d => d == "proxy_http_version 1.1;"));
        Assert.Equal(3, Directives(config).Count(d => d == "proxy_set_header Connection \"\";"));
    }

    [Fact]
    public void Write_EveryLocation_RetriesOnErrorAndTimeoutButNeverNonIdempotent()
    {
        var config = Write();

        foreach (var group in PlanGroups)
        {
            var location = Directives(Block(Block(config, $"listen {group.Listen};", "server"), "location /"));
            Assert.Contains($"proxy_pass http://{group.Name};", location);
            Assert.Contains("proxy_next_upstream error timeout;", location);
            Assert.Contains("proxy_next_upstream_tries 3;", location);
            Assert.Contains("proxy_connect_timeout 1s;", location);
            Assert.Contains("proxy_read_timeout 60s;", location);
            Assert.Contains("proxy_set_header Host $host;", location);
            Assert.Contains("proxy_set_header X-Real-IP $remote_addr;", location);
            Assert.Contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", location);
        }

        // Stated in a comment, never enabled: a POST that reached a backend must not run twice.
        Assert.Contains("non_idempotent", config, StringComparison.Ordinal);
        Assert.DoesNotContain(Directives(config), d => d.Contains("non_idempotent", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_EveryListenAddress_GetsItsOwnServer()
    {
        var directives = Directives(Write());

        Assert.Equal(["listen 127.0.0.1:8080;", "listen 127.0.0.1:8090;", "listen 127.0.0.1:8100;"], directives.Where(d => d.StartsWith("listen ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_ConnectTimeout_ComesFromTheHealthOptions()
    {
        var config = Write(health: new PassiveHealthOptions { ConnectTimeout = TimeSpan.FromMilliseconds(1500), FailTimeout = TimeSpan.FromSeconds(30) });

        Assert.Equal(3, Directives(config).Count(d => d == "proxy_connect_timeout 1500ms;"));
        Assert.Contains("server 127.0.0.1:8081 max_fails=1 fail_timeout=30s;", Directives(config));
    }

    [Fact]
    public void Write_EveryPathNginxWrites_IsInsideTheRunFolder()
    {
        var directives = Directives(Write());

        string[] expected =
        [
            $"pid \"{Folder}/nginx.pid\";",
            $"error_log \"{Folder}/nginx-error.log\" warn;",
            $"client_body_temp_path \"{Folder}/client_body_temp\";",
            $"proxy_temp_path \"{Folder}/proxy_temp\";",
            $"fastcgi_temp_path \"{Folder}/fastcgi_temp\";",
            $"uwsgi_temp_path \"{Folder}/uwsgi_temp\";",
            $"scgi_temp_path \"{Folder}/scgi_temp\";",
        ];
        Assert.All(expected, line => Assert.Contains(line, directives));
        var paths = directives.Where(d => d.Contains("\"/", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected.Length, paths.Count);
        Assert.All(paths, d => Assert.Contains($"\"{Folder}/", d, StringComparison.Ordinal));
        Assert.DoesNotContain("/var/", string.Join('\n', directives), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MainContext_RunsInTheForegroundWithOneWorkerAndNoAccessLog()
    {
        var directives = Directives(Write());

        Assert.Contains("daemon off;", directives);
        Assert.Contains("master_process on;", directives);
        Assert.Contains("worker_processes 1;", directives);
        Assert.Contains("worker_connections 4096;", directives);
        Assert.Contains("access_log off;", directives);
    }

    [Fact]
    public void Write_WorkerUser_IsWrittenOnlyWhenGiven()
    {
        Assert.DoesNotContain(Directives(Write()), d => d.StartsWith("user ", StringComparison.Ordinal));
        Assert.Contains("user root;", Directives(Write(settings: new NginxConfigSettings(Folder) { WorkerUser = "root" })));
    }

    [Fact]
    public void Write_ContainerSettings_LogToStderrAndNameTheConfigFile()
    {
        var settings = new NginxConfigSettings("/tmp/nginx") { ErrorLog = "stderr", ConfigFile = "/etc/nginx/nginx.conf" };

        var config = Write(settings: settings);

        Assert.Contains("error_log stderr warn;", Directives(config));
        Assert.Contains("# Run it with: nginx -p /tmp/nginx/ -c /etc/nginx/nginx.conf\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HostNameBackends_AreWrittenAsGiven()
    {
        NginxUpstream[] upstreams = [new("sticky", "0.0.0.0:8080", BalancingPolicy.IpHash, ["sticky-backend-1:8081", "sticky-backend-2:8082"])];

        var directives = Directives(NginxConfigWriter.Write(upstreams, new PassiveHealthOptions(), new NginxConfigSettings(Folder)));

        Assert.Contains("listen 0.0.0.0:8080;", directives);
        Assert.Contains("server sticky-backend-1:8081 max_fails=1 fail_timeout=10s;", directives);
        Assert.Contains("server sticky-backend-2:8082 max_fails=1 fail_timeout=10s;", directives);
    }

    [Fact]
    public void Write_Braces_Balance()
    {
        var directives = Directives(Write());

        Assert.Equal(directives.Count(d => d.EndsWith('{')), directives.Count(d => d == "}"));
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("semi;colon")]
    [InlineData("")]
    [InlineData("-leading")]
    public void Write_GroupNameNginxCannotTake_IsRefused(string name)
    {
        UpstreamGroup[] groups = [new(name, Loopback(8080), BalancingPolicy.RoundRobin, [Loopback(8081)])];

        Assert.Throws<ArgumentException>(() => Write(groups));
    }

    [Fact]
    public void Write_DuplicateOrEmptyGroups_AreRefused()
    {
        UpstreamGroup sticky = new("sticky", Loopback(8080), BalancingPolicy.IpHash, [Loopback(8081)]);

        Assert.Throws<ArgumentException>(() => Write([sticky, sticky with { Listen = Loopback(8090) }]));
        Assert.Throws<ArgumentException>(() => Write([sticky with { Backends = [] }]));
        Assert.Throws<ArgumentException>(() => Write([]));
    }

    private static string Write(IReadOnlyList<UpstreamGroup>? groups = null, PassiveHealthOptions? health = null, NginxConfigSettings? settings = null) =>
        NginxConfigWriter.Write(groups ?? PlanGroups, health ?? new PassiveHealthOptions(), settings ?? new NginxConfigSettings(Folder));

    private static IPEndPoint Loopback(int port) => new(IPAddress.Loopback, port);

    /// <summary>The config's lines without comments, blanks and indentation.</summary>
    private static List<string> Directives(string config) =>
        [.. config.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>
    /// The text of the block that opens with <paramref name="opening"/>; with <paramref name="enclosing"/>, the block of
    /// that kind which contains the line <paramref name="opening"/> (e.g. the server that listens on a port).
    /// </summary>
    private static string Block(string config, string opening, string? enclosing = null)
    {
        var lines = config.Split('\n');
        var at = Array.FindIndex(lines, l => l.Trim() == (enclosing is null ? opening + " {" : opening));
        Assert.True(at >= 0, $"'{opening}' not found");
        if (enclosing is not null)
        {
            at = Array.FindLastIndex(lines, at, l => l.Trim() == enclosing + " {");
        }

        var depth = 0;
        var end = at;
        do
        {
            var line = lines[end].Trim();
            depth += line.StartsWith('#') ? 0 : line.Count(c => c == '{') - line.Count(c => c == '}');
            end++;
        }
        while (depth > 0);
        return string.Join('\n', lines[at..end]);
    }
}
