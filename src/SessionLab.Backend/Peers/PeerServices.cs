using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Jwt;
using SessionLab.Backend.Redis;

namespace SessionLab.Backend.Peers;

/// <summary>Registers the ASP.NET Core built-ins the baselines use, configured as a careful developer would.</summary>
internal static class PeerServices
{
    public static void AddAspNetSession(IServiceCollection services)
    {
        services.AddSingleton<RedisConnection>();
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<RedisConnection>((cache, redis) =>
        {
            // One multiplexer per process, the same fail-fast one the redis scheme uses: a fair comparison.
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer);
            cache.InstanceName = "aspnet-session:";
        });
        // Before AddDataProtection: hosted services start in registration order, and Data Protection's own one loads the
        // key ring at start-up (creating a key when Redis has none) — that load must happen under the warm-up's lock.
        services.AddHostedService<DataProtectionKeyRingWarmup>();
        // Shared keys, or a cookie written by one backend cannot be read by the next one the round robin picks.
        services.AddDataProtection().SetApplicationName("sessionlab");
        services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>((keys, redis) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis.Multiplexer.GetDatabase(), "sessionlab:data-protection-keys"));
        services.AddSession();
        services.AddOptions<Microsoft.AspNetCore.Builder.SessionOptions>().Configure<IOptions<Sessions.SessionOptions>>((session, ours) =>
        {
            session.Cookie.Name = Sessions.SessionOptions.CookieName;
            session.Cookie.HttpOnly = true;
            session.Cookie.SameSite = SameSiteMode.Lax;
            session.Cookie.SecurePolicy = ours.Value.SecureCookie ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            session.Cookie.IsEssential = true;
            session.IdleTimeout = ours.Value.Ttl;
            session.IOTimeout = TimeSpan.FromSeconds(1);
        });
    }

    public static void AddJwtBearer(IServiceCollection services)
    {
        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<TokenService>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<JwtSigningKey, IOptions<JwtOptions>, ServerIdentity>((bearer, key, jwt, server) =>
        {
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = TokenService.CreateValidationParameters(key, jwt.Value);
            bearer.Events = new JwtBearerEvents
            {
                // Same JSON errors as our scheme, instead of the built-in's empty 401 with a WWW-Authenticate header only.
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var error = context.AuthenticateFailure is null ? ErrorMessages.MissingToken : TokenService.ErrorFor(context.AuthenticateFailure);
                    await server.WriteErrorAsync(context.HttpContext, StatusCodes.Status401Unauthorized, error);
                },
            };
        });
        services.AddAuthorization();
    }
}
