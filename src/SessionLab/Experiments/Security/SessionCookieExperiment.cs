using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Security;

/// <summary>5.2 — is the session cookie protected, immune to fixation, and is logout final on the server?</summary>
internal sealed class SessionCookieExperiment : Experiment<SessionCookieExperiment, SessionCookieFacts>, IJudge<SessionCookieFacts>
{
    private static readonly Hypothesis H1 = new("H1", "The session cookie is HttpOnly, SameSite=Lax and Path=/ on sticky and redis (Secure only when configured; the plain-HTTP lab does not).");

    private static readonly Hypothesis H2 = new("H2", "A session id the client chose before login is never adopted: login issues another id and the chosen one stays unknown.");

    private static readonly Hypothesis H3 = new("H3", "Logout clears the cookie and ends the session on the server: the old cookie replayed gets 401.");

    private static readonly Hypothesis H4 = new("H4", "With the JWT scheme, a token replayed after /logout on /profile-with-blacklist gets 401 \"token revoked\".");

    public override ExperimentInfo Info { get; } = new(
        "5.2",
        5,
        "Session cookie, fixation and logout",
        "Is the session cookie HttpOnly and SameSite, is a client-chosen id never adopted, and does logout end the session on the server?",
        [H1, H2, H3, H4]);

    protected override async Task<SessionCookieFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var schemes = new List<CookieSchemeFacts>();
        foreach (var scheme in new[] { SchemeKind.Sticky, SchemeKind.Redis })
        {
            schemes.Add(await ProbeSchemeAsync(context, scheme, cancellationToken));
        }

        var jwt = await ProbeJwtAsync(context, cancellationToken);
        return new SessionCookieFacts(schemes, jwt, DateTimeOffset.UtcNow);
    }

    protected override void Tabulate(ExperimentContext context, SessionCookieFacts facts)
    {
        var (schemes, jwt) = (facts.Schemes, facts.Jwt);
        context.AddTable(
            "Session cookie attributes (Set-Cookie of the login and of the logout)",
            ["scheme", "reply", "HttpOnly", "SameSite", "Path", "Secure", "expires / max-age", "value"],
            schemes.SelectMany(s => new[] { ("login", s.LoginCookie), ("logout", s.LogoutCookie) }.Select(r => (IReadOnlyList<string>)
            [
                s.Scheme, r.Item1,
                r.Item2 is null ? "(no cookie)" : YesNo(r.Item2.HttpOnly), r.Item2?.SameSite ?? "not set", r.Item2?.Path ?? "not set",
                r.Item2 is null ? "-" : r.Item2.Secure ? "set" : "not set (plain HTTP lab)",
                r.Item2?.Expires?.ToString("u", CultureInfo.InvariantCulture) ?? r.Item2?.MaxAge?.ToString(CultureInfo.InvariantCulture) ?? "session cookie",
                r.Item2 is null ? "-" : r.Item2.Value.Length == 0 ? "(empty)" : $"{r.Item2.Value.Length} chars",
            ])));
        context.AddTable(
            "Session fixation and logout (request, expected, observed)",
            ["scheme", "request", "expected", "observed"],
            [
                .. schemes.SelectMany(s => new IReadOnlyList<string>[]
                {
                    [s.Scheme, $"GET /profile with a chosen id ({s.Planted[..6]}…)", "401", s.PlantedBefore.Describe()],
                    [s.Scheme, "POST /login sending the chosen id", "200 and another id", $"{s.LoginWithPlanted.Describe()}, id {(s.IssuedId is null ? "(none)" : s.IssuedId == s.Planted ? "= the chosen one" : "new")}"],
                    [s.Scheme, "GET /profile with the chosen id after that login", "401", s.PlantedAfter.Describe()],
                    [s.Scheme, "GET /profile with the issued id", "200", s.ProfileBeforeLogout.Describe()],
                    [s.Scheme, "POST /logout", "200, cookie cleared", $"{s.Logout.Describe()}, cookie {(s.LogoutCookie?.Clears(facts.At) == true ? "cleared" : "not cleared")}"],
                    [s.Scheme, "GET /profile replaying the issued id", "401", s.Replay.Describe()],
                }),
                ["jwt", "GET /profile-with-blacklist with a fresh token", "200", jwt.Before.Describe()],
                ["jwt", "POST /logout with the token", "200", jwt.Logout.Describe()],
                ["jwt", "GET /profile-with-blacklist replaying the token", "401 token revoked", jwt.Replay.Describe()],
                ["jwt", "GET /profile replaying the token (stateless unless revocation is on)", "200 when revocation is off", jwt.StatelessReplay.Describe()],
            ]);

        foreach (var s in schemes.Where(s => s.IssuedId is not null && s.IssuedId == s.Planted))
        {
            context.Anomaly($"{s.Scheme}: the login adopted the session id the client had chosen (session fixation).");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(SessionCookieFacts facts)
    {
        var cookies = facts.Schemes.Select(s => (s.Scheme, Cookie: s.LoginCookie)).ToList();
        var protectedAll = cookies.All(c => c.Cookie is { HttpOnly: true, Path: "/" } && string.Equals(c.Cookie.SameSite, "Lax", StringComparison.OrdinalIgnoreCase));
        yield return cookies.Count == 0 || cookies.Any(c => c.Cookie is null)
            ? H1.Inconclusive($"No session cookie was set at login on {string.Join(", ", cookies.Where(c => c.Cookie is null).Select(c => c.Scheme))}.")
            : H1.Holds(protectedAll, string.Join("; ", cookies.Select(c => $"{c.Scheme}: HttpOnly {YesNo(c.Cookie!.HttpOnly)}, SameSite={c.Cookie.SameSite ?? "not set"}, Path={c.Cookie.Path ?? "not set"}, Secure {(c.Cookie.Secure ? "set" : "not set (plain HTTP lab)")}")) + ".");

        var adopted = facts.Schemes.Where(s => s.IssuedId == s.Planted || s.PlantedAfter.IsOk).ToList();
        yield return facts.Schemes.Any(s => s.IssuedId is null)
            ? H2.Inconclusive("A login sent with a chosen id gave no session id.")
            : H2.Holds(adopted.Count == 0, string.Join("; ", facts.Schemes.Select(s => $"{s.Scheme}: chosen id got {s.PlantedBefore.Describe()}, login issued {(s.IssuedId == s.Planted ? "the chosen id" : "a new id")}, chosen id afterwards got {s.PlantedAfter.Describe()}")) + ".");

        var ended = facts.Schemes.All(s => s.ProfileBeforeLogout.IsOk && s.Logout.IsOk && s.LogoutCookie?.Clears(facts.At) == true && s.Replay.Status == 401);
        yield return facts.Schemes.Any(s => !s.ProfileBeforeLogout.IsOk)
            ? H3.Inconclusive($"The session did not work before logout ({string.Join(", ", facts.Schemes.Select(s => $"{s.Scheme}: {s.ProfileBeforeLogout.Describe()}"))}).")
            : H3.Holds(ended, string.Join("; ", facts.Schemes.Select(s => $"{s.Scheme}: logout {s.Logout.Describe()} with the cookie {(s.LogoutCookie?.Clears(facts.At) == true ? "cleared" : "not cleared")}, replay {s.Replay.Describe()}")) + ".");

        var jwt = facts.Jwt;
        yield return !jwt.Before.IsOk
            ? H4.Inconclusive($"The fresh token got {jwt.Before.Describe()} before logout.")
            : H4.Holds(jwt.Replay.Status == 401 && jwt.Replay.Error == ErrorMessages.TokenRevoked, $"Before logout {jwt.Before.Describe()}, logout {jwt.Logout.Describe()}, replay on /profile-with-blacklist {jwt.Replay.Describe()} (on the stateless /profile: {jwt.StatelessReplay.Describe()}).");
    }

    private static async Task<CookieSchemeFacts> ProbeSchemeAsync(ExperimentContext context, SchemeKind scheme, CancellationToken cancellationToken)
    {
        var name = scheme.ToString().ToLowerInvariant();
        var planted = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Backend.Sessions.SessionIds.EntropyBytes + Backend.Sessions.SessionIds.TagBytes));
        var client = context.Client(scheme, cookies: false);
        client.SetHeader("Cookie", $"session_id={planted}");

        context.Step($"{name}: GET /profile, then POST /login as fixation-victim, then GET /profile, all sending a session_id the client chose");
        var before = await client.GetAsync("/profile", cancellationToken);
        var login = await client.LoginAsync("fixation-victim", cancellationToken);
        var after = await client.GetAsync("/profile", cancellationToken);

        context.Step($"{name}: GET /profile with the issued id, POST /logout, then replay the issued id on GET /profile");
        client.SetHeader("Cookie", login.SessionIdSet is { } id ? $"session_id={id}" : null);
        var profile = await client.GetAsync("/profile", cancellationToken);
        var logout = await client.PostJsonAsync("/logout", null, cancellationToken);
        var replay = await client.GetAsync("/profile", cancellationToken);

        return new CookieSchemeFacts(name, planted, before, login, after, profile, logout, replay)
        {
            LoginCookie = SetCookieHeader.SessionOf(login.SetCookies),
            LogoutCookie = SetCookieHeader.SessionOf(logout.SetCookies),
        };
    }

    private static async Task<JwtLogoutFacts> ProbeJwtAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var client = context.Client(SchemeKind.Jwt, cookies: false);
        context.Step("jwt: POST /login, GET /profile-with-blacklist, POST /logout, then replay the token on /profile-with-blacklist and /profile");
        var login = await client.LoginAsync("logout-victim", cancellationToken);
        var token = login.Property("token") ?? throw new InvalidOperationException($"/login gave no token: {login.Describe()}.");
        var before = await client.GetAsync("/profile-with-blacklist", cancellationToken, bearer: token);
        var logout = await client.PostJsonAsync("/logout", null, cancellationToken, bearer: token);
        var replay = await client.GetAsync("/profile-with-blacklist", cancellationToken, bearer: token);
        var stateless = await client.GetAsync("/profile", cancellationToken, bearer: token);
        return new JwtLogoutFacts(before, logout, replay, stateless);
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}

/// <summary>What 5.2 observed on the cookie schemes and the JWT scheme, and when (to read cookie expiries against).</summary>
internal sealed record SessionCookieFacts(IReadOnlyList<CookieSchemeFacts> Schemes, JwtLogoutFacts Jwt, DateTimeOffset At);

/// <summary>One cookie scheme: the chosen id and the replies to it, the login's issued id, the logout and the replay after it.</summary>
internal sealed record CookieSchemeFacts(
    string Scheme, string Planted, Exchange PlantedBefore, Exchange LoginWithPlanted, Exchange PlantedAfter, Exchange ProfileBeforeLogout, Exchange Logout, Exchange Replay)
{
    public SetCookieHeader? LoginCookie { get; init; }

    public SetCookieHeader? LogoutCookie { get; init; }

    public string? IssuedId => LoginWithPlanted.SessionIdSet;
}

/// <summary>The JWT scheme's logout: the token before, the logout, and the token replayed on both profile endpoints.</summary>
internal sealed record JwtLogoutFacts(Exchange Before, Exchange Logout, Exchange Replay, Exchange StatelessReplay);
