using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Security;

/// <summary>5.3 — is every forged, altered or malformed JWT refused with a 401 and the error its defect calls for?</summary>
internal sealed class ForgedTokenExperiment : Experiment<ForgedTokenExperiment, ForgedTokenFacts>, IJudge<ForgedTokenFacts>
{
    private static readonly Hypothesis H1 = new("H1", "No forged, altered or malformed token is accepted (no 200).");

    private static readonly Hypothesis H2 = new("H2", "No probe causes a server error or goes unanswered (no 5xx, no timeout).");

    private static readonly Hypothesis H3 = new("H3", "Each probe is refused with a 4xx and an error its defect calls for.");

    public override ExperimentInfo Info { get; } = new(
        "5.3",
        5,
        "Forged and malformed tokens",
        "Does the JWT load balancer refuse every forged, altered or malformed token, never with a 200 or a server error?",
        [H1, H2, H3]);

    protected override async Task<ForgedTokenFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var shortLifetime = context.Parameter("short_token_lifetime", TimeSpan.FromSeconds(1));
        var shortWait = context.Parameter("short_token_used_after", TimeSpan.FromSeconds(3));
        var hugeSize = context.Parameter("huge_token_bytes", 100 * 1024);
        var client = context.Client(SchemeKind.Jwt, cookies: false);

        context.Step("POST /login as mallory via the jwt load balancer; GET /profile with the genuine token (control)");
        var login = await client.LoginAsync("mallory", cancellationToken);
        var token = login.Property("token") ?? throw new InvalidOperationException($"/login gave no token: {login.Describe()}.");
        var control = await client.GetAsync("/profile", cancellationToken, bearer: token);

        context.Step($"POST /login-short?seconds={Format.CompactSeconds(shortLifetime)}; wait {Format.CompactSeconds(shortWait)} s, beyond exp and the clock skew");
        var shortLogin = await client.PostJsonAsync($"/login-short?seconds={Format.CompactSeconds(shortLifetime)}", null, cancellationToken);
        var shortToken = shortLogin.Property("token") ?? throw new InvalidOperationException($"/login-short gave no token: {shortLogin.Describe()}.");
        await context.WaitAsync(shortWait, "until the short token is expired beyond the clock skew", cancellationToken);

        string[] signature = [ErrorMessages.InvalidSignature];
        var probes = new List<(string Name, string Token, IReadOnlyList<string> Expected)>
        {
            ("no Authorization header", string.Empty, [ErrorMessages.MissingToken]),
            ("alg: none, signature dropped", TokenForgery.AlgNone(token), [ErrorMessages.InvalidSignature, ErrorMessages.InvalidToken]),
            ("alg: None (capitalised), signature dropped", $"{TokenForgery.WithHeader(token, """{"alg":"None","typ":"JWT"}""").Split('.')[0]}.{token.Split('.')[1]}.", [ErrorMessages.InvalidSignature, ErrorMessages.InvalidToken]),
            ("alg: none, original signature kept", TokenForgery.WithHeader(token, """{"alg":"none","typ":"JWT"}"""), [ErrorMessages.InvalidSignature, ErrorMessages.InvalidToken]),
            ("header alg switched to HS512, signature kept", TokenForgery.WithHeader(token, """{"alg":"HS512","typ":"JWT"}"""), [ErrorMessages.InvalidSignature, ErrorMessages.InvalidToken]),
            ("HS256 signed with another key", TokenForgery.SignedWithAnotherHmacKey(), signature),
            ("RS256 signed with an RSA key (algorithm confusion)", TokenForgery.SignedWithRsa(), [ErrorMessages.InvalidSignature, ErrorMessages.InvalidToken]),
            ("iss changed to someone-else", TokenForgery.EditPayload(token, p => p["iss"] = "someone-else"), [ErrorMessages.InvalidSignature, ErrorMessages.InvalidIssuer]),
            ("exp removed", TokenForgery.EditPayload(token, p => p.Remove("exp")), [ErrorMessages.InvalidSignature, ErrorMessages.TokenWithoutExpiry]),
            ("nbf one hour in the future", TokenForgery.EditPayload(token, p => p["nbf"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()), [ErrorMessages.InvalidSignature, ErrorMessages.TokenNotYetValid]),
            ($"expired {Format.CompactSeconds(shortWait - shortLifetime)} s ago (clock skew 1 s)", shortToken, [ErrorMessages.TokenExpired]),
            ("payload tampered: user_id 1, username admin", TokenForgery.EditPayload(token, p => { p["user_id"] = 1; p["username"] = "admin"; }), signature),
            ("truncated: last 5 characters cut", token[..^5], [ErrorMessages.InvalidSignature, ErrorMessages.InvalidToken]),
            ("not base64: !!!.###.$$$", "!!!.###.$$$", [ErrorMessages.InvalidToken]),
            ("two parts only", string.Join('.', token.Split('.')[..2]), [ErrorMessages.InvalidToken]),
            ($"{hugeSize / 1024} KB token", new string('a', hugeSize), [ErrorMessages.InvalidToken, TooLarge]),
        };

        var results = new List<TokenProbe>();
        foreach (var (name, forged, expected) in probes)
        {
            context.Step($"GET /profile with {name}");
            var reply = await client.GetAsync("/profile", cancellationToken, bearer: forged.Length == 0 ? null : forged);
            results.Add(new TokenProbe(name, expected, reply));
        }

        return new ForgedTokenFacts(control, results);
    }

    protected override void Tabulate(ExperimentContext context, ForgedTokenFacts facts)
    {
        var (control, results) = (facts.Control, facts.Probes);
        context.AddTable(
            "Forged and malformed tokens against GET /profile",
            ["probe", "expected", "observed status", "observed error", "verdict"],
            [
                ["genuine token (control)", "200", Status(control), control.Error ?? "-", control.IsOk ? "accepted, as expected" : "the control was refused"],
                .. results.Select(r => (IReadOnlyList<string>)[r.Name, $"4xx: {string.Join(" or ", r.Expected)}", Status(r.Reply), r.Reply.Error ?? Excerpt(r.Reply), r.Verdict]),
            ]);

        foreach (var accepted in results.Where(r => r.Reply.IsOk || r.Reply.Status is 0 or >= 500))
        {
            context.Anomaly($"The probe \"{accepted.Name}\" got {accepted.Reply.Describe()} from the jwt load balancer.");
        }
    }

    /// <summary>The error shown for a request refused before it reached a backend (a header too large for the LB).</summary>
    internal const string TooLarge = "(refused as too large, by status)";

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(ForgedTokenFacts facts)
    {
        var probes = facts.Probes;
        var accepted = probes.Where(p => p.Reply.IsOk).ToList();
        yield return !facts.Control.IsOk
            ? H1.Inconclusive($"The genuine token itself got {facts.Control.Describe()}, so refusals prove nothing.")
            : H1.Holds(accepted.Count == 0, accepted.Count == 0
                    ? $"The genuine token got 200 and none of the {probes.Count} forged or malformed tokens did."
                    : $"{accepted.Count} of {probes.Count} probes were accepted: {string.Join("; ", accepted.Select(p => p.Name))}.");

        var broken = probes.Where(p => p.Reply.Status is 0 or >= 500).ToList();
        yield return H2.Holds(broken.Count == 0, broken.Count == 0
                ? $"All {probes.Count} probes got a reply below 500 (statuses {string.Join(", ", probes.Select(p => p.Reply.Status).Distinct().Order())})."
                : $"{broken.Count} of {probes.Count} probes got a server error or no reply: {string.Join("; ", broken.Select(p => $"{p.Name} → {p.Reply.Describe()}"))}.");

        var wrong = probes.Where(p => !p.AsExpected).ToList();
        yield return H3.Holds(wrong.Count == 0, wrong.Count == 0
                ? $"All {probes.Count} probes were refused with a 4xx and an expected error ({string.Join(", ", probes.Select(p => p.Reply.Error ?? $"{p.Reply.Status.ToString(CultureInfo.InvariantCulture)} without a JSON body (size limit)").Distinct(StringComparer.Ordinal))})."
                : $"{wrong.Count} of {probes.Count} probes got another reply than expected: {string.Join("; ", wrong.Select(p => $"{p.Name} → {p.Reply.Describe()}"))}.");
    }

    private static string Status(Exchange e) => e.Status == 0 ? e.Failure ?? "no reply" : e.Status.ToString(CultureInfo.InvariantCulture);

    private static string Excerpt(Exchange e) => e.Body.Length == 0 ? "(empty body)" : $"(not JSON) {(e.Body.Length > 60 ? e.Body[..60] + "…" : e.Body)}".ReplaceLineEndings(" ");

}

/// <summary>What 5.3 observed: the genuine token's reply (the control) and every probe's.</summary>
internal sealed record ForgedTokenFacts(Exchange Control, IReadOnlyList<TokenProbe> Probes);

/// <summary>One forged or malformed token: what it is, the errors that would be right, and the reply it got.</summary>
internal sealed record TokenProbe(string Name, IReadOnlyList<string> Expected, Exchange Reply)
{
    /// <summary>A 4xx with one of the expected errors; a size refusal (413/431/400, with or without a JSON body) counts when it is expected.</summary>
    public bool AsExpected => Reply.Status is >= 400 and < 500
        && ((Reply.Error is { } error && Expected.Contains(error))
            || (Expected.Contains(ForgedTokenExperiment.TooLarge) && Reply.Status is 400 or 413 or 431));

    public string Verdict => Reply.IsOk ? "ACCEPTED: forgery works"
        : Reply.Status is 0 or >= 500 ? "server error or no reply"
        : AsExpected ? "refused, as expected"
        : "refused, but not with an expected error";
}
