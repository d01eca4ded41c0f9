using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Support;

/// <summary>A real <c>sessionlab serve</c> process on a free port, and clients to talk to it.</summary>
internal sealed class BackendProcess : IAsyncDisposable
{
    /// <summary>One session key for every backend of this test run, as the lab's topology gives one to all of its backends.</summary>
    public static readonly string SessionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

    private readonly ManagedProcess _process;
    private readonly string _folder;

    private BackendProcess(ManagedProcess process, int port, string folder)
    {
        _process = process;
        Port = port;
        _folder = folder;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.ProcessId;

    public bool HasExited => _process.HasExited;

    public string Log => File.ReadAllText(_process.LogPath);

    public static Task<BackendProcess> StartAsync(string scheme, string serverId, CancellationToken cancellationToken, params string[] extra) =>
        StartAsync(scheme, serverId, devKeyFile: null, cancellationToken, extra);

    /// <summary>Starts a backend with the JWT key <paramref name="jwtKey"/> (base64), passed in the environment as a deployment would.</summary>
    public static Task<BackendProcess> StartWithJwtKeyAsync(string scheme, string serverId, string jwtKey, CancellationToken cancellationToken, params string[] extra) =>
        StartAsync(scheme, serverId, null, new Dictionary<string, string> { ["Jwt:Key"] = jwtKey }, cancellationToken, extra);

    /// <summary>Starts a backend whose generated development JWT key lives in <paramref name="devKeyFile"/> (default: its own temp folder).</summary>
    public static Task<BackendProcess> StartAsync(string scheme, string serverId, string? devKeyFile, CancellationToken cancellationToken, params string[] extra) =>
        StartAsync(scheme, serverId, devKeyFile, new Dictionary<string, string>(), cancellationToken, extra);

    /// <summary>Starts a backend with <paramref name="settings"/> (<c>Throttle:Burst</c> …) passed as <c>SESSIONLAB_</c> environment variables.</summary>
    public static async Task<BackendProcess> StartAsync(string scheme, string serverId, string? devKeyFile, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, params string[] extra)
    {
        var port = FreePorts.Next();
        var folder = Directory.CreateTempSubdirectory("sessionlab-backend-").FullName;
        string[] args =
        [
            "serve", "--scheme", scheme, "--port", port.ToString(CultureInfo.InvariantCulture), "--server-id", serverId,
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), .. extra,
        ];
        if (!settings.ContainsKey("Session:Key") && !settings.ContainsKey("Session:KeyFile"))
        {
            settings = new Dictionary<string, string>(settings) { ["Session:Key"] = SessionKey };
        }

        var spec = SelfLauncher.Command(args) with
        {
            // Never touch the developer's own dev key: each test run gets its own file unless a key is passed.
            Environment = new Dictionary<string, string>(settings.Select(s => KeyValuePair.Create("SESSIONLAB_" + s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value)))
            {
                ["SESSIONLAB_Jwt__DevKeyFile"] = devKeyFile ?? Path.Combine(folder, "dev-jwt-key"),
                ["SESSIONLAB_Session__DevKeyFile"] = Path.Combine(folder, "dev-session-key"),
            },
        };
        var process = ManagedProcess.Start($"{scheme}/{serverId}", spec, Path.Combine(folder, "backend.log"));
        var backend = new BackendProcess(process, port, folder);
        try
        {
            using var probe = new HttpClient { BaseAddress = backend.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
            await process.WaitUntilReadyAsync(async ct => (await probe.GetAsync("/health", ct)).IsSuccessStatusCode, TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }

        return backend;
    }

    /// <summary>A client with its own cookie jar, as one browser would be.</summary>
    public HttpClient NewClient(TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = BaseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };

    /// <summary>A client that sends exactly the Cookie header it is given, for replaying or forging session ids.</summary>
    public HttpClient NewClientWithCookie(string cookieHeader)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Cookie", cookieHeader);
        return client;
    }

    public Task KillAsync() => _process.KillAsync();

    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(5));

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Harmless.
        }
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
