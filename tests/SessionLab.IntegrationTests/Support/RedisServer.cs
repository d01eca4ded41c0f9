using SessionLab.Topology.Processes;
using StackExchange.Redis;

namespace SessionLab.IntegrationTests.Support;

/// <summary>
/// A real Redis-compatible server on a free port: <c>redis-server</c> when installed, else the lab's embedded
/// Garnet (<c>sessionlab garnet</c>). Can be killed and restarted on the same port to test outages.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder;
    private ManagedProcess? _process;
    private ConnectionMultiplexer? _admin;

    private RedisServer(RedisEngineKind engine, int port, string folder)
    {
        Engine = engine;
        Port = port;
        _folder = folder;
    }

    public RedisEngineKind Engine { get; }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public int ProcessId => _process?.ProcessId ?? 0;

    /// <summary>redis-server when on PATH (required in CI), otherwise Garnet.</summary>
    public static Task<RedisServer> StartPreferredAsync(CancellationToken cancellationToken) =>
        StartAsync(RealEngines.Find("redis-server") is not null || RealEngines.RequireReal ? RedisEngineKind.RedisServer : RedisEngineKind.Garnet, cancellationToken);

    public static async Task<RedisServer> StartAsync(RedisEngineKind engine, CancellationToken cancellationToken, int? port = null)
    {
        var folder = Directory.CreateTempSubdirectory("sessionlab-redis-").FullName;
        var server = new RedisServer(engine, port ?? FreePorts.Next(), folder);
        await server.StartProcessAsync(cancellationToken);
        return server;
    }

    /// <summary>A connection for the test's own checks (TTL, GET); fails fast like the backends.</summary>
    public IDatabase Database => (_admin ??= ConnectionMultiplexer.Connect($"{Configuration},abortConnect=false,connectTimeout=1000,asyncTimeout=1000")).GetDatabase();

    /// <summary>kill -9, as in the plan's outage experiments; everything in memory is lost.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public Task RestartAsync(CancellationToken cancellationToken) => StartProcessAsync(cancellationToken);

    public void Pause() => NativeSignals.Pause(ProcessId);

    public void Resume() => NativeSignals.Resume(ProcessId);

    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        await KillAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var spec = Engine switch
        {
            RedisEngineKind.RedisServer => new ProcessSpec(RealEngines.Require("redis-server"),
                ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder]),
            _ => SelfLauncher.Command(["garnet", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--parent-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
        };
        _process = ManagedProcess.Start($"{Engine}:{Port}", spec, Path.Combine(_folder, "server.log"));
        await _process.WaitUntilReadyAsync(PingAsync, TimeSpan.FromSeconds(20), cancellationToken);
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }
}

internal enum RedisEngineKind
{
    RedisServer,
    Garnet,
}
