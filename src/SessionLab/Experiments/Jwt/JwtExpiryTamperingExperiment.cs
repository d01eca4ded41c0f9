using System.Diagnostics;
using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Jwt;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Jwt;

/// <summary>3.2 — is a token honoured exactly until its <c>exp</c>, and is a forged payload caught by the signature?</summary>
internal sealed class JwtExpiryTamperingExperiment : Experiment<JwtExpiryTamperingExperiment, ExpiryFacts>, IJudge<ExpiryFacts>
{
    private static readonly Hypothesis H1 = new("H1", "A token works until its exp.");

    private static readonly Hypothesis H2 = new("H2", "An expired token is refused with 401 \"token expired\".");

    private static readonly Hypothesis H3 = new("H3", "A token whose payload was altered (exp one hour later, not re-signed) is refused with 401 \"invalid signature\".");

    public override ExperimentInfo Info { get; } = new(
        "3.2",
        3,
        "JWT expiry and tampering",
        "Is a JWT refused once it expires, and when its payload is altered?",
        [H1, H2, H3]);

    protected override async Task<ExpiryFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        // Quick mode keeps the plan's 5-second token: the whole timeline is 6 s, and shrinking it would push the checks
        // inside the clock skew (a 2 s token checked at 1.2 × its lifetime is still within exp + 1 s).
        var lifetime = context.Parameter("token_lifetime", TimeSpan.FromSeconds(5));
        var (early, late) = (lifetime * 0.6, lifetime * 1.2); // the plan's T0+3 s and T0+6 s for a 5 s token
        context.Parameter("check_times", $"T0, T0+{Format.Seconds(early)} s, T0+{Format.Seconds(late)} s");
        var skew = context.Parameter("clock_skew", new JwtOptions().ClockSkew);
        var skewProbe = context.Parameter("skew_probe", TimeSpan.FromSeconds(0.5));
        var extension = context.Parameter("forged_exp_extension", TimeSpan.FromHours(1));
        var client = context.Client(SchemeKind.Jwt, cookies: false);

        context.Step($"POST {ShortLoginPath(lifetime)} via the jwt load balancer: a {Format.Seconds(lifetime)} s token; T0 is when it arrives");
        var login = await client.PostJsonAsync(ShortLoginPath(lifetime), null, cancellationToken);
        var t0 = Stopwatch.StartNew();
        var token = login.Property("token") ?? throw new InvalidOperationException($"/login-short gave no token: {login.Describe()}.");
        var exp = UnverifiedJwt.NumericClaim(token, "exp") ?? throw new InvalidOperationException("The short token has no numeric exp.");
        var iat = UnverifiedJwt.NumericClaim(token, "iat");
        var results = new List<TimedCheck>();

        context.Step("GET /profile at T0");
        results.Add(await CheckAsync(client, token, t0, exp, TimedCheckKind.BeforeExpiry, "T0", null, skew, cancellationToken));

        context.Step($"GET /profile at T0+{Format.Seconds(early)} s");
        await WaitUntilAsync(context, t0, early, $"T0+{Format.Seconds(early)} s", cancellationToken);
        results.Add(await CheckAsync(client, token, t0, exp, TimedCheckKind.BeforeExpiry, $"T0+{Format.Seconds(early)} s", null, skew, cancellationToken));

        context.Step($"GET /profile {skewProbe.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s after exp, inside the clock skew (beyond the plan)");
        await WaitUntilWallClockAsync(context, exp, skewProbe, cancellationToken);
        results.Add(await CheckAsync(client, token, t0, exp, TimedCheckKind.InsideSkew, $"exp+{skewProbe.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", null, skew, cancellationToken));

        context.Step($"GET /profile at T0+{Format.Seconds(late)} s");
        await WaitUntilAsync(context, t0, late, $"T0+{Format.Seconds(late)} s", cancellationToken);
        results.Add(await CheckAsync(client, token, t0, exp, TimedCheckKind.AfterExpiry, $"T0+{Format.Seconds(late)} s", null, skew, cancellationToken));

        context.Step($"rewrite the payload's exp {extension.TotalHours.ToString(CultureInfo.InvariantCulture)} h later without re-signing; GET /profile");
        var forged = UnverifiedJwt.WithClaim(token, "exp", exp + (long)extension.TotalSeconds);
        results.Add(await CheckAsync(client, forged, t0, exp, TimedCheckKind.Tampered, $"after T0+{Format.Seconds(late)} s", $"payload exp +{extension.TotalHours.ToString(CultureInfo.InvariantCulture)} h, signature unchanged", skew, cancellationToken));

        return new ExpiryFacts(results, skew, iat is { } issued ? TimeSpan.FromSeconds(exp - issued) : null)
        {
            ExpiresIn = login.Property("expires_in"),
            Token = token,
            Forged = forged,
        };
    }

    protected override void Tabulate(ExperimentContext context, ExpiryFacts facts)
    {
        context.AddTable(
            "Timeline of one short token",
            ["time", "seconds from exp", "token state", "status", "body", "verdict"],
            facts.Checks.Select(r => (IReadOnlyList<string>)[$"{r.Label} (measured {Format.Seconds(r.AtSeconds)} s after T0)", Signed(r.SecondsFromExp), r.State, Status(r.Reply), r.Reply.Body.Length > 0 ? r.Reply.Body : r.Reply.Failure ?? "(empty)", RowVerdict(r)]));
        context.AddTable(
            "Token and validation settings",
            ["setting", "value"],
            [
                ["lifetime (exp − iat of the token received)", facts.Lifetime is { } l ? $"{Format.Seconds(l.TotalSeconds)} s" : "(no iat)"],
                ["expires_in in the login reply", facts.ExpiresIn is { } e ? $"{e} s" : "(missing)"],
                ["clock skew configured on the backends", $"{Format.Seconds(facts.ClockSkew.TotalSeconds)} s (.NET's default of 5 min would have accepted this token until exp + 300 s)"],
                ["forged token differs from the original in", $"the payload only ({DiffersIn(facts.Token, facts.Forged)})"],
            ]);

        if (facts.Checks.FirstOrDefault(r => r.Kind == TimedCheckKind.InsideSkew) is { Reply.IsOk: true } inside)
        {
            context.Anomaly($"The token was still accepted {Format.Seconds(inside.SecondsFromExp)} s after its exp: the backends allow a {Format.Seconds(facts.ClockSkew.TotalSeconds)} s clock skew (set deliberately; .NET's default would be 5 minutes).");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(ExpiryFacts facts)
    {
        var before = facts.Of(TimedCheckKind.BeforeExpiry);
        var inside = facts.Checks.FirstOrDefault(c => c.Kind == TimedCheckKind.InsideSkew);
        var skewNote = inside is null ? string.Empty : $"; {Format.Seconds(inside.SecondsFromExp)} s past exp (clock skew {Format.Seconds(facts.ClockSkew.TotalSeconds)} s) it got {inside.Reply.Describe()}";
        yield return before.Count == 0
            ? H1.Inconclusive("The token was not used before its exp.")
            : H1.Holds(before.All(c => c.Reply.IsOk), $"Before exp: {string.Join(", ", before.Select(c => $"{c.Label} ({Signed(c.SecondsFromExp)} s from exp) → {c.Reply.Describe()}"))}{skewNote}.");

        var after = facts.Of(TimedCheckKind.AfterExpiry);
        yield return after.Count == 0
            ? H2.Inconclusive("The token was not used after its exp.")
            : H2.Holds(after.All(c => c.Reply.Status == 401 && c.Reply.Error == ErrorMessages.TokenExpired), $"After exp: {string.Join(", ", after.Select(c => $"{c.Label} ({Signed(c.SecondsFromExp)} s from exp, clock skew {Format.Seconds(facts.ClockSkew.TotalSeconds)} s) → {c.Reply.Describe()}"))}.");

        var forged = facts.Of(TimedCheckKind.Tampered);
        yield return forged.Count == 0
            ? H3.Inconclusive("No altered token was sent.")
            : H3.Holds(forged.All(c => c.Reply.Status == 401 && c.Reply.Error == ErrorMessages.InvalidSignature), $"The token with exp moved one hour later and the old signature got {string.Join(", ", forged.Select(c => c.Reply.Describe()))}.");
    }

    private static string ShortLoginPath(TimeSpan lifetime) =>
        lifetime == TimeSpan.FromSeconds(5) ? "/login-short" : $"/login-short?seconds={((int)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture)}";

    private static async Task<TimedCheck> CheckAsync(
        LabClient client, string token, Stopwatch t0, long exp, TimedCheckKind kind, string label, string? state, TimeSpan skew, CancellationToken cancellationToken)
    {
        var at = t0.Elapsed.TotalSeconds;
        var fromExp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 - exp;
        var reply = await client.GetAsync("/profile", cancellationToken, bearer: token);
        return new TimedCheck(kind, label, at, fromExp, state ?? StateAt(fromExp, skew), reply);
    }

    private static async Task WaitUntilAsync(ExperimentContext context, Stopwatch t0, TimeSpan target, string label, CancellationToken cancellationToken)
    {
        var remaining = target - t0.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await context.WaitAsync(remaining, $"until {label}", cancellationToken);
        }
    }

    /// <summary>Waits until the wall clock (which the backends read too) is <paramref name="past"/> after <paramref name="exp"/>.</summary>
    private static async Task WaitUntilWallClockAsync(ExperimentContext context, long exp, TimeSpan past, CancellationToken cancellationToken)
    {
        var remaining = DateTimeOffset.FromUnixTimeSeconds(exp) + past - DateTimeOffset.UtcNow;
        if (remaining > TimeSpan.Zero)
        {
            await context.WaitAsync(remaining, $"until exp + {past.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", cancellationToken);
        }
    }

    /// <summary>The token's state by the clock at the moment it was sent, not by the plan's schedule.</summary>
    private static string StateAt(double secondsFromExp, TimeSpan skew) => secondsFromExp switch
    {
        < 0 => $"valid: exp in {Format.Seconds(-secondsFromExp)} s",
        var s when s <= skew.TotalSeconds => $"expired {Format.Seconds(s)} s ago, inside the {Format.Seconds(skew)} s clock skew",
        var s => $"expired {Format.Seconds(s)} s ago, beyond the {Format.Seconds(skew)} s clock skew",
    };

    private static string RowVerdict(TimedCheck check) => check.Kind switch
    {
        TimedCheckKind.BeforeExpiry => check.Reply.IsOk ? "accepted, as the plan expects" : "refused, the plan expects 200",
        TimedCheckKind.InsideSkew => check.Reply.IsOk ? "accepted: within the clock skew" : "refused already: the skew did not apply",
        TimedCheckKind.AfterExpiry => check.Reply.Status == 401 && check.Reply.Error == ErrorMessages.TokenExpired ? "refused as expired, as the plan expects" : "the plan expects 401 token expired",
        _ => check.Reply.Status == 401 && check.Reply.Error == ErrorMessages.InvalidSignature ? "refused, signature mismatch, as the plan expects" : "the plan expects 401 invalid signature",
    };

    private static string DiffersIn(string original, string forged)
    {
        var a = original.Split('.');
        var b = forged.Split('.');
        var parts = new[] { "header", "payload", "signature" };
        var changed = Enumerable.Range(0, Math.Min(a.Length, b.Length)).Where(i => a[i] != b[i]).Select(i => parts[i]).ToList();
        return changed.Count == 0 ? "nothing" : $"changed: {string.Join(", ", changed)}";
    }

    private static string Status(Exchange e) => e.Status == 0 ? e.Failure ?? "no reply" : e.Status.ToString(CultureInfo.InvariantCulture);



    private static string Signed(double seconds) => seconds.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
}

/// <summary>What 3.2 observed: every timed check of the token, and the configured clock skew.</summary>
internal sealed record ExpiryFacts(IReadOnlyList<TimedCheck> Checks, TimeSpan ClockSkew, TimeSpan? Lifetime)
{
    /// <summary>The login reply's <c>expires_in</c>, as sent.</summary>
    public string? ExpiresIn { get; init; }

    /// <summary>The short token, and the same with its exp rewritten (signature unchanged).</summary>
    public string Token { get; init; } = string.Empty;

    /// <inheritdoc cref="Token"/>
    public string Forged { get; init; } = string.Empty;


    public IReadOnlyList<TimedCheck> Of(TimedCheckKind kind) => [.. Checks.Where(c => c.Kind == kind)];
}

/// <summary>One use of the short token: when (from T0 and from exp, by the client's clock), in which state, and the reply.</summary>
internal sealed record TimedCheck(TimedCheckKind Kind, string Label, double AtSeconds, double SecondsFromExp, string State, Exchange Reply);

internal enum TimedCheckKind
{
    BeforeExpiry,
    InsideSkew,
    AfterExpiry,
    Tampered,
}
