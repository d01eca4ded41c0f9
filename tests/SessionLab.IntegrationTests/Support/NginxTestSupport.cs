using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SessionLab.Topology.LoadBalancing;
using SessionLab.Topology.LoadBalancing.Nginx;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Support;

/// <summary>What the nginx tests need: nginx or a skip, free ports, real backends, clients with their own source address, and /proc.</summary>
internal static class NginxTestSupport
{
    /// <summary>Set to 1 where nginx must be present (CI): a missing nginx then fails the tests instead of skipping them.</summary>
    public const string RequireRealVariable = "SESSIONLAB_REQUIRE_REAL";

    private static readonly TimeSpan BackendReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Skips the test when nginx is not installed, unless <see cref="RequireRealVariable"/> demands it.</summary>
    public static EngineAvailability RequireNginx()
    {
        var availability = new NginxLoadBalancerEngine().CheckAvailability();
        if (!availability.IsAvailable)
        {
            if (Environment.GetEnvironmentVariable(RequireRealVariable) == "1")
            {
                Assert.Fail($"{RequireRealVariable}=1 but nginx is unavailable: {availability.Reason}");
            }

            Assert.Skip($"nginx is unavailable: {availability.Reason}");
        }

        return availability;
    }

    /// <summary>Distinct free loopback ports: all are held at once while picking, so none is handed out twice.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public static IPEndPoint Loopback(int port) => new(IPAddress.Loopback, port);

    /// <summary>
    /// A fresh folder directly under the temp directory (no shared parent another user could own) for one test's files.
    /// Its name has a space, so every test also proves that paths in the generated config and arguments are quoted.
    /// </summary>
    public static string NewRunFolder(string test) => Directory.CreateTempSubdirectory($"sessionlab nginx-{test}-").FullName;

    /// <summary>Starts <c>sessionlab serve --scheme sticky</c> as <paramref name="serverId"/> and waits for its /health.</summary>
    public static async Task<ManagedProcess> StartStickyBackendAsync(string serverId, int port, string logFolder, CancellationToken cancellationToken)
    {
        var spec = SelfLauncher.Command(
            ["serve", "--scheme", "sticky", "--port", Invariant(port), "--server-id", serverId, "--parent-pid", Invariant(Environment.ProcessId)]);
        var backend = ManagedProcess.Start(serverId, spec, Path.Combine(logFolder, $"{serverId}.log"));
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var health = new Uri($"http://127.0.0.1:{port}/health");
            await backend.WaitUntilReadyAsync(async ct => (await http.GetAsync(health, ct)).IsSuccessStatusCode, BackendReadyTimeout, cancellationToken);
            return backend;
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client whose connections leave from <paramref name="source"/>: any 127.x.y.z is loopback on Linux, no root needed.</summary>
    public static HttpClient ClientFrom(string source)
    {
        var address = IPAddress.Parse(source);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(address, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>GET /health through <paramref name="port"/>; the <c>server_id</c> that answered. Fails on anything but 200.</summary>
    public static async Task<string> ServerIdAsync(HttpClient client, int port, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET /health via {port}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("server_id").GetString()!;
    }

    /// <summary>Whether something accepts TCP connections on the loopback port.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="pid"/> is a live process (a zombie counts as gone: it runs nothing and holds no port).</summary>
    public static bool IsAlive(int pid) => State(pid) is { } state && state != 'Z' && state != 'X';

    /// <summary>The pids whose parent is <paramref name="pid"/>, from /proc (nginx's workers are the master's children).</summary>
    public static List<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && Stat(candidate) is { } stat && stat.ParentPid == pid)
            {
                children.Add(candidate);
            }
        }

        return children;
    }

    private static char? State(int pid) => Stat(pid)?.State;

    // /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read from the last ')'.
    private static (char State, int ParentPid)? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Invariant(pid)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
