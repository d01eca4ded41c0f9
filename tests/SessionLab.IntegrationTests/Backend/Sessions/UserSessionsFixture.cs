using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend.Sessions;

/// <summary>
/// One store and three redis-scheme backends on it, with short lifetimes so expiry is observable: idle TTL 3 s,
/// absolute lifetime 8 s, at most 3 sessions per user. Each test uses its own usernames.
/// </summary>
public abstract class UserSessionsFixture(bool garnet) : IAsyncLifetime
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromSeconds(8);
    public const int MaxSessionsPerUser = 3;

    internal RedisServer Redis { get; private set; } = null!;

    internal IReadOnlyList<BackendProcess> Backends { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Redis = garnet ? await RedisServer.StartAsync(RedisEngineKind.Garnet, ct) : await RedisServer.StartPreferredAsync(ct);
        // A generous command timeout: these tests are about behaviour, on a machine that may be busy.
        var settings = new Dictionary<string, string>
        {
            ["Redis:OperationTimeout"] = "00:00:05",
            ["Session:AbsoluteLifetime"] = AbsoluteLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Session:MaxSessionsPerUser"] = MaxSessionsPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Backends = await Task.WhenAll(Enumerable.Range(1, 3).Select(i =>
            BackendProcess.StartAsync("redis", $"server-{i}", null, settings, ct, "--redis", Redis.Configuration, "--session-ttl", "3s")));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in Backends)
        {
            await backend.DisposeAsync();
        }

        await Redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>On redis-server when installed (else Garnet), as CI runs.</summary>
public sealed class PreferredStoreUserSessionsFixture() : UserSessionsFixture(garnet: false);

/// <summary>On the embedded Garnet, the store of a machine without redis-server.</summary>
public sealed class GarnetUserSessionsFixture() : UserSessionsFixture(garnet: true);
