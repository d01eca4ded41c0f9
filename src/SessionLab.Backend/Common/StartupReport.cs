using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Jwt;
using SessionLab.Backend.Redis;
using SessionLab.Backend.Sessions;

namespace SessionLab.Backend.Common;

/// <summary>
/// Says at start-up what this backend is (scheme, address, store, user directory, key source, revocation policy)
/// and opens the Redis connection now, so the first request does not pay for it. Never prints a secret.
/// </summary>
internal sealed partial class StartupReport(IServiceProvider services, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var server = services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var users = services.GetRequiredService<IUserDirectory>();
        // Keys first: a missing or unsafe one stops the start before the backend announces itself.
        var sessionKey = server.Scheme is SchemeKind.Sticky or SchemeKind.Redis ? services.GetRequiredService<SessionKey>().Secret : null;
        var jwtKey = server.Scheme is SchemeKind.Jwt or SchemeKind.JwtBearer ? services.GetRequiredService<JwtSigningKey>() : null;
        LogServing(server.Id, server.Scheme, server.Host, server.Port, users.Description);
        var lab = services.GetRequiredService<LabMode>();
        var instruments = server.Scheme switch
        {
            SchemeKind.Jwt => "/login-short, /debug/sessions, /debug/runtime",
            SchemeKind.JwtBearer => "/debug/runtime",
            _ => "/debug/sessions, /debug/runtime",
        };
        var described = lab.Describe(instruments);
        if (lab.InstrumentsOn && lab.RealUsers)
        {
            LogInstrumentsWithRealUsers(described);
        }
        else
        {
            LogInstruments(described);
        }

        if (server.Scheme is SchemeKind.Sticky or SchemeKind.Redis or SchemeKind.AspNetSession)
        {
            var ttl = services.GetRequiredService<IOptions<SessionOptions>>().Value.Ttl;
            LogSessions(ttl);
        }

        if (sessionKey is not null)
        {
            LogSessionKey(sessionKey.Source, sessionKey.Fingerprint);
        }

        if (server.Scheme is SchemeKind.Redis or SchemeKind.Jwt or SchemeKind.AspNetSession)
        {
            _ = services.GetRequiredService<RedisConnection>();
            var redis = RedisConnection.Describe(services.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            LogRedis(redis);
        }

        if (jwtKey is not null)
        {
            var key = jwtKey;
            var jwt = services.GetRequiredService<IOptions<JwtOptions>>().Value;
            LogJwt(key.Source, key.Key.KeyId, jwt.Lifetime, jwt.ClockSkew, jwt.Revocation, jwt.WhenStoreDown);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{ServerId}: {Scheme} backend on http://{Host}:{Port}; users: {Users}")]
    private partial void LogServing(string serverId, SchemeKind scheme, string host, int port, string users);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lab mode: {Instruments}")]
    private partial void LogInstruments(string instruments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lab mode: {Instruments}")]
    private partial void LogInstrumentsWithRealUsers(string instruments);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sessions expire after {Ttl} idle (sliding)")]
    private partial void LogSessions(TimeSpan ttl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session ids and records signed with HMAC-SHA256; key from {KeySource} (key id {KeyId})")]
    private partial void LogSessionKey(string keySource, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis: {Configuration} (fail fast, no queueing while disconnected)")]
    private partial void LogRedis(string configuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "JWT: HS256, key from {KeySource} (key id {KeyId}), lifetime {Lifetime}, clock skew {Skew}, revocation {Revocation}, when Redis is down: {WhenDown}")]
    private partial void LogJwt(string keySource, string keyId, TimeSpan lifetime, TimeSpan skew, RevocationMode revocation, RevocationStoreDownPolicy whenDown);
}
