using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SessionLab.Backend;
using SessionLab.Backend.Jwt;
using SessionLab.Cli;
using SessionLab.Topology;

namespace SessionLab.Commands;

/// <summary><c>sessionlab serve</c>: one backend process of one scheme (SPEC §3).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var scheme = new Option<string>("--scheme") { Description = "the session scheme: sticky, redis, jwt, aspnet-session or jwt-bearer", Required = true };
        // aspnet-session and jwt-bearer are the ASP.NET Core built-ins, run as baselines by the performance experiments.
        scheme.AcceptOnlyFromAmong([.. SchemeNames.All.Select(s => s.Name)]);
        var port = new Option<int>("--port") { Description = "TCP port to listen on (1-65535)", Required = true }.MustBeAPort();
        var serverId = new Option<string>("--server-id") { Description = "reported as server_id in every reply", DefaultValueFactory = _ => "server-1" };
        var host = new Option<string?>("--host") { Description = "address to listen on [default: 127.0.0.1]" }.MustBeAnIpAddress();
        var redis = new Option<string?>("--redis") { Description = "Redis configuration string, Sentinel/Cluster syntax accepted [default: 127.0.0.1:6379]" };
        var sessionTtl = Duration("--session-ttl", "idle expiry of a session [default: 30m]");
        var absoluteLifetime = Duration("--session-absolute-lifetime", "however busy, a session ends this long after its login [default: 12h]");
        var jwtLifetime = Duration("--jwt-lifetime", "lifetime of a /login token [default: 2h]");
        var refreshTokens = new Option<bool>("--refresh-tokens") { Description = "jwt: /login also returns a rotating refresh token, /refresh exchanges it (needs Redis) [default: off]" };
        var refreshLifetime = Duration("--refresh-lifetime", "jwt: a refresh-token family's absolute lifetime [default: 168h, 7 days]");
        var clockSkew = Duration("--clock-skew", "JWT clock skew tolerance [default: 1s]");
        var drainTime = Duration("--drain-time", "on SIGTERM or Ctrl+C, how long to keep serving with Connection: close before stopping (0: no drain) [default: 1.5s]");
        // No --jwt-key: a key on the command line is readable by every user through ps and /proc/<pid>/cmdline.
        var jwtKeyFile = new Option<string?>("--jwt-key-file") { Description = "file holding the base64 HS256 key shared by the JWT backends, mode 0600, or env SESSIONLAB_Jwt__Key [default in lab mode: a generated development key]" };
        var sessionKeyFile = new Option<string?>("--session-key-file") { Description = "file holding the base64 key that signs session ids and Redis records, mode 0600, or env SESSIONLAB_Session__Key [default in lab mode: a generated development key]" };
        var labEndpoints = new Option<bool>("--lab-endpoints") { Description = "serve the lab instruments /login-short, /debug/sessions, /debug/runtime also with a users file [default: on with the demo directory, off with a users file]" };
        var insecureKey = new Option<bool>("--allow-insecure-dev-key") { Description = "accept a generated development key with a users file, and weak or published keys (experiments only)" };
        var revocation = new Option<string?>("--revocation") { Description = "off: /profile is stateless; on: /profile consults the blacklist [default: off]" };
        revocation.AcceptOnlyFromAmong("off", "on");
        var whenDown = new Option<string?>("--revocation-when-redis-down") { Description = "fail-closed (503) or fail-open (accept unchecked) [default: fail-closed]" };
        whenDown.AcceptOnlyFromAmong("fail-closed", "fail-open");
        var usersFile = new Option<string?>("--users-file") { Description = "JSON user file, {\"users\":[{\"username\":\"alice\",\"user_id\":1001,\"password_hash\":\"AQAAAA...\"}]} with hashes from `sessionlab hash-password`; turns on real password checks" };
        var secureCookie = new Option<bool>("--secure-cookie") { Description = "mark the session cookie Secure (HTTPS only)" };
        var parentPid = new Option<int?>("--parent-pid") { Description = "exit when this process is gone", Hidden = true };

        var command = new Command("serve", "Run one backend of one scheme: sticky, redis or jwt (the plan's), or aspnet-session or jwt-bearer (the ASP.NET Core built-ins the performance group measures as baselines).")
        {
            scheme, port, serverId, host, redis, sessionTtl, absoluteLifetime, jwtLifetime, refreshTokens, refreshLifetime, clockSkew, drainTime, jwtKeyFile, sessionKeyFile, revocation, whenDown, usersFile,
            secureCookie, labEndpoints, insecureKey, parentPid,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>
            {
                ["Server:Scheme"] = SchemeNames.Parse(parse.GetValue(scheme)!).ToString(),
                ["Server:Port"] = parse.GetValue(port).ToString(CultureInfo.InvariantCulture),
                ["Server:Id"] = parse.GetValue(serverId),
            };
            Set(overrides, "Server:Host", parse.GetValue(host));
            Set(overrides, "Redis:Configuration", parse.GetValue(redis));
            Set(overrides, "Session:Ttl", parse.GetValue(sessionTtl)?.ToString("c", CultureInfo.InvariantCulture));
            Set(overrides, "Session:AbsoluteLifetime", parse.GetValue(absoluteLifetime)?.ToString("c", CultureInfo.InvariantCulture));
            Set(overrides, "Jwt:Lifetime", parse.GetValue(jwtLifetime)?.ToString("c", CultureInfo.InvariantCulture));
            Set(overrides, "Jwt:RefreshTokens", parse.GetValue(refreshTokens) ? "true" : null);
            Set(overrides, "Jwt:RefreshLifetime", parse.GetValue(refreshLifetime)?.ToString("c", CultureInfo.InvariantCulture));
            Set(overrides, "Jwt:ClockSkew", parse.GetValue(clockSkew)?.ToString("c", CultureInfo.InvariantCulture));
            Set(overrides, "Server:DrainTime", parse.GetValue(drainTime)?.ToString("c", CultureInfo.InvariantCulture));
            Set(overrides, "Jwt:KeyFile", parse.GetValue(jwtKeyFile));
            Set(overrides, "Session:KeyFile", parse.GetValue(sessionKeyFile));
            Set(overrides, "Lab:Endpoints", parse.GetValue(labEndpoints) ? "true" : null);
            Set(overrides, "Lab:AllowInsecureDevKey", parse.GetValue(insecureKey) ? "true" : null);
            if (parse.GetValue(redis) is { } configuration && configuration.Contains("password=", StringComparison.OrdinalIgnoreCase))
            {
                // Every user of the machine reads a command line through ps: with real users that leaks the store.
                if (parse.GetValue(usersFile) is not null)
                {
                    Console.Error.WriteLine("sessionlab serve: --redis carries a password, which every user can read through ps; with a users file that is refused: set SESSIONLAB_Redis__Configuration in the environment instead.");
                    return 2;
                }

                Console.Error.WriteLine("sessionlab serve: WARNING: --redis carries a password, which every user can read through ps; set SESSIONLAB_Redis__Configuration in the environment instead.");
            }

            Set(overrides, "Jwt:Revocation", parse.GetValue(revocation));
            Set(overrides, "Jwt:WhenStoreDown", parse.GetValue(whenDown) switch
            {
                "fail-open" => nameof(RevocationStoreDownPolicy.FailOpen),
                "fail-closed" => nameof(RevocationStoreDownPolicy.FailClosed),
                _ => null,
            });
            Set(overrides, "Users:File", parse.GetValue(usersFile));
            Set(overrides, "Session:SecureCookie", parse.GetValue(secureCookie) ? "true" : null);
            Set(overrides, "Server:ParentProcessId", parse.GetValue(parentPid)?.ToString(CultureInfo.InvariantCulture));
            return await RunAsync(overrides, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = BackendApp.Build(overrides);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is IOException or OptionsValidationException or InvalidOperationException or FormatException)
        {
            // Start-up problems (port in use, bad settings, unreadable user file) are the user's to fix: say which, no stack trace.
            await Console.Error.WriteLineAsync($"sessionlab serve: cannot start: {Describe(e)}");
            return 2;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        IOException { InnerException: { } inner } io => $"{io.Message} ({inner.Message})",
        _ => e.Message,
    };

    private static Option<TimeSpan?> Duration(string name, string description) =>
        new(name) { Description = description, CustomParser = DurationParser.ParseOption };

    private static void Set(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
