using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Jwt;
using SessionLab.Backend.Peers;
using SessionLab.Backend.Redis;
using SessionLab.Backend.Sessions;
using SessionOptions = SessionLab.Backend.Sessions.SessionOptions;
using SessionLab.Backend.Sticky;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend;

/// <summary>Composes one backend process: options, the scheme's services, the middleware and the API.</summary>
public static class BackendApp
{
    /// <summary>Environment variables with this prefix configure a backend, e.g. <c>SESSIONLAB_Jwt__Key</c>.</summary>
    public const string EnvironmentPrefix = "SESSIONLAB_";

    /// <summary>Builds a backend from its configuration; <paramref name="overrides"/> (from the command line) win over everything else.</summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddInMemoryCollection(overrides);

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // A failed start is reported once, cleanly, by the serve command; not as a stack trace here too.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        var server = builder.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(server.Host), server.Port);
            kestrel.AddServerHeader = false;
            // Kestrel's default header (32 KiB) and request-line (8 KiB) limits stay: our own caps (4 KiB of cookies,
            // 8 KiB tokens) fit inside them and answer in JSON; only what is larger still gets Kestrel's bare 431/414.
            kestrel.Limits.MaxConcurrentConnections = server.MaxConnections;
        });

        builder.Services.AddBackendServices(server.Scheme);
        DrainingListenerFactory.Decorate(builder.Services);
        // The host's stop budget covers the drain (StoppingAsync) and then Kestrel finishing requests in flight.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = server.DrainTime + server.ShutdownTimeout);
        var app = builder.Build();
        app.UseBackendPipeline();
        app.MapHealthApi();
        var instruments = app.Services.GetRequiredService<LabMode>().InstrumentsOn;
        if (instruments)
        {
            app.MapRuntimeApi();
        }

        switch (server.Scheme)
        {
            case SchemeKind.Jwt:
                app.MapJwtApi(instruments);
                break;
            case SchemeKind.AspNetSession:
                app.MapAspNetSessionApi(instruments);
                break;
            case SchemeKind.JwtBearer:
                app.MapJwtBearerApi(instruments);
                break;
            default:
                app.MapSessionApi(instruments);
                break;
        }

        return app;
    }

    internal static IServiceCollection AddBackendServices(this IServiceCollection services, SchemeKind scheme)
    {
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Id), "Server:Id must not be empty.")
            .Validate(o => o.Port is > 0 and < 65536, "Server:Port must be 1-65535.")
            .Validate(o => IPAddress.TryParse(o.Host, out _), "Server:Host must be an IP address.")
            .Validate(o => o.DrainTime >= TimeSpan.Zero && o.DrainTime <= TimeSpan.FromMinutes(1), "Server:DrainTime must be 0 to 60 seconds.")
            .Validate(o => o.ShutdownTimeout > TimeSpan.Zero && o.ShutdownTimeout <= TimeSpan.FromMinutes(1), "Server:ShutdownTimeout must be more than 0 and at most 60 seconds.")
            .ValidateOnStart();
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.SectionName)
            .Validate(o => o.Ttl >= TimeSpan.FromSeconds(1), "Session:Ttl must be at least 1 second.")
            .Validate(o => o.AbsoluteLifetime >= o.Ttl, "Session:AbsoluteLifetime must be at least Session:Ttl.")
            .Validate(o => o.MaxSessionsPerUser is >= 1 and <= 10_000, "Session:MaxSessionsPerUser must be 1 to 10000.")
            .ValidateOnStart();
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.SectionName)
            .Validate(o => o.Lifetime >= TimeSpan.FromSeconds(1), "Jwt:Lifetime must be at least 1 second.")
            .Validate(o => o.ClockSkew >= TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromMinutes(5), "Jwt:ClockSkew must be 0 to 5 minutes.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer), "Jwt:Issuer must not be empty.")
            .Validate(o => o.RefreshLifetime >= o.Lifetime, "Jwt:RefreshLifetime must be at least Jwt:Lifetime.")
            .Validate(o => o.MaxRefreshFamiliesPerUser is >= 1 and <= 10_000, "Jwt:MaxRefreshFamiliesPerUser must be 1 to 10000.")
            .ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName)
            .Validate(o => o.OperationTimeout > TimeSpan.Zero && o.ConnectTimeout > TimeSpan.Zero, "Redis timeouts must be positive.")
            .Validate(o => o.WaitReplicas is >= 0 and <= 16 && o.WaitTimeout > TimeSpan.Zero && o.WaitTimeout < o.OperationTimeout, "Redis:WaitReplicas must be 0 to 16 and Redis:WaitTimeout positive and shorter than Redis:OperationTimeout.")
            .ValidateOnStart();
        services.AddOptions<UserDirectoryOptions>().BindConfiguration(UserDirectoryOptions.SectionName);
        services.AddOptions<LabOptions>().BindConfiguration(LabOptions.SectionName);
        services.AddSingleton<LabMode>();

        services.ConfigureHttpJsonOptions(o =>
        {
            // The context supplies metadata; naming and null handling must be restated for these options.
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, BackendJsonContext.Default);
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServerIdentity>();
        services.AddFailedAuthThrottle();
        services.AddSingleton<LoginFlow>();
        // Device cookies are signed with the scheme's own secret; the ASP.NET Core peers have none, so a process key.
        services.AddSingleton(sp => new LoginDevices(
            sp.GetService<SessionKey>()?.Secret ?? sp.GetService<JwtSigningKey>()?.Secret
                ?? new Keys.SecretKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "a random key of this process", IsDevelopmentKey: false),
            sp.GetRequiredService<IOptions<SessionOptions>>().Value.SecureCookie,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IUserDirectory>(sp =>
            sp.GetRequiredService<IOptions<UserDirectoryOptions>>().Value.File is { Length: > 0 } path
                ? new FileUserDirectory(path)
                : new DemoUserDirectory());
        services.AddExceptionHandler<JsonExceptionHandler>();
        services.AddHostedService<ParentProcessWatchdog>();
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.AddHostedService<StartupReport>();

        switch (scheme)
        {
            case SchemeKind.Sticky:
                AddSessionCookies(services);
                services.AddSingleton<InMemorySessionStore>();
                services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<InMemorySessionStore>());
                services.AddHostedService<SessionSweeper>();
                break;
            case SchemeKind.Redis:
                AddSessionCookies(services);
                services.AddSingleton<RedisConnection>();
                services.AddSingleton<ISessionStore, RedisSessionStore>();
                break;
            case SchemeKind.Jwt:
                services.AddSingleton<RedisConnection>();
                services.AddSingleton<JwtSigningKey>();
                services.AddSingleton<TokenService>();
                services.AddSingleton<RevocationStore>();
                services.AddSingleton<RefreshTokenCodec>();
                services.AddSingleton<RefreshTokenStore>();
                services.AddSingleton<TokenAuthorizer>();
                services.AddSingleton<ICredentialCheck, TokenCredentialCheck>();
                break;
            case SchemeKind.AspNetSession:
                PeerServices.AddAspNetSession(services);
                break;
            case SchemeKind.JwtBearer:
                PeerServices.AddJwtBearer(services);
                break;
        }

        services.TryAddSingleton<ICredentialCheck, NoCredentialCheck>();
        return services;
    }

    private static void AddSessionCookies(IServiceCollection services)
    {
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<SessionKey>();
        services.AddSingleton<SessionIds>();
        services.AddSingleton<ICredentialCheck, SessionCredentialCheck>();
    }

    internal static WebApplication UseBackendPipeline(this WebApplication app)
    {
        // JsonExceptionHandler answers every exception; the fallback below is only the middleware's required default.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => Task.CompletedTask,
            SuppressDiagnosticsCallback = _ => true,
        });
        app.Use(app.Services.GetRequiredService<ShutdownDrain>().CloseConnectionsWhileDraining);
        // Before anything reads the client address: behind a trusted proxy it becomes the real client's.
        app.UseForwardedHeaders();
        app.UseMiddleware<StoreUnavailableMiddleware>();
        app.UseStatusCodePages(context => WriteStatusAsJson(context.HttpContext));
        app.UseMiddleware<InputLimitsMiddleware>();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers["X-Server-Id"] = context.RequestServices.GetRequiredService<ServerIdentity>().ServerId;
            // Replies carry sessions, tokens and who the user is: no shared or browser cache may keep them.
            headers.CacheControl = "no-store";
            return next(context);
        });
        // Before authentication, so a throttled client costs no store lookup and no token validation.
        app.UseMiddleware<FailedAuthThrottleMiddleware>();

        switch (app.Services.GetRequiredService<ServerIdentity>().Scheme)
        {
            case SchemeKind.AspNetSession:
                app.UseSession();
                break;
            case SchemeKind.JwtBearer:
                app.UseAuthentication();
                app.UseAuthorization();
                break;
        }

        return app;
    }

    // Routing's bare 404/405 become JSON too, so every reply of the API is JSON with server_id.
    private static Task WriteStatusAsJson(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var message = status switch
        {
            StatusCodes.Status404NotFound => ErrorMessages.NotFound,
            StatusCodes.Status405MethodNotAllowed => ErrorMessages.MethodNotAllowed,
            _ => ErrorMessages.BadRequest,
        };
        return context.RequestServices.GetRequiredService<ServerIdentity>().WriteErrorAsync(context, status, message);
    }
}
