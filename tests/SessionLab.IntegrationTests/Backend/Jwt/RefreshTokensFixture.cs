using System.Security.Cryptography;
using SessionLab.IntegrationTests.Support;

namespace SessionLab.IntegrationTests.Backend.Jwt;

/// <summary>
/// JWT backends sharing one key and one store, with refresh tokens on: two stateless ones (server-1, server-2), one
/// with revocation on (server-3); one with refresh tokens off (the plan's scheme), and one whose Redis is unreachable.
/// Each test uses its own usernames.
/// </summary>
public abstract class RefreshTokensFixture(bool garnet) : IAsyncLifetime
{
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    internal RedisServer Redis { get; private set; } = null!;

    internal BackendProcess Server1 { get; private set; } = null!;

    internal BackendProcess Server2 { get; private set; } = null!;

    internal BackendProcess Revoking { get; private set; } = null!;

    internal BackendProcess RefreshOff { get; private set; } = null!;

    internal BackendProcess WithoutRedis { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Redis = garnet ? await RedisServer.StartAsync(RedisEngineKind.Garnet, ct) : await RedisServer.StartPreferredAsync(ct);
        // A generous command timeout: these tests are about behaviour, on a machine that may be busy (a cold first
        // MULTI/EXEC on Garnet took over 1 s, the default, at a load average of 40).
        var settings = new Dictionary<string, string> { ["Jwt:Key"] = _key, ["Redis:OperationTimeout"] = "00:00:05" };
        string[] refresh = ["--redis", Redis.Configuration, "--refresh-tokens", "--jwt-lifetime", "60s"];
        var started = await Task.WhenAll(
            BackendProcess.StartAsync("jwt", "server-1", null, settings, ct, refresh),
            BackendProcess.StartAsync("jwt", "server-2", null, settings, ct, refresh),
            BackendProcess.StartAsync("jwt", "server-3", null, settings, ct, [.. refresh, "--revocation", "on"]),
            BackendProcess.StartAsync("jwt", "server-4", null, settings, ct, "--redis", Redis.Configuration),
            BackendProcess.StartAsync("jwt", "server-5", null, settings, ct, "--redis", $"127.0.0.1:{FreePorts.Next()}", "--refresh-tokens"));
        (Server1, Server2, Revoking, RefreshOff, WithoutRedis) = (started[0], started[1], started[2], started[3], started[4]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in new[] { Server1, Server2, Revoking, RefreshOff, WithoutRedis })
        {
            await backend.DisposeAsync();
        }

        await Redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>On redis-server when installed (else Garnet).</summary>
public sealed class PreferredStoreRefreshTokensFixture() : RefreshTokensFixture(garnet: false);

/// <summary>On the embedded Garnet: WATCH/MULTI/EXEC conditions, HSETNX, PEXPIREAT NX/GT.</summary>
public sealed class GarnetRefreshTokensFixture() : RefreshTokensFixture(garnet: true);
