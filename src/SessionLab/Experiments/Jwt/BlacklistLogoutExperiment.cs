using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Jwt;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Jwt;

/// <summary>3.3 — can a stateless token be logged out, for how long is the blacklist entry kept, and what does the check cost?</summary>
internal sealed class BlacklistLogoutExperiment : Experiment<BlacklistLogoutExperiment, BlacklistFacts>, IJudge<BlacklistFacts>
{
    private const string WithBlacklist = "/profile-with-blacklist";

    private static readonly Hypothesis H1 = new("H1", "Logout puts the token on the blacklist for its remaining lifetime.");

    private static readonly Hypothesis H2 = new("H2", "A revoked token is refused with 401 \"token revoked\".");

    private static readonly Hypothesis H3 = new("H3", "The blacklist entry expires together with the token.");

    private static readonly Hypothesis H4 = new("H4", "The blacklist check costs 10–20% latency.");

    public override ExperimentInfo Info { get; } = new(
        "3.3",
        3,
        "Blacklist logout",
        "Can a JWT be revoked with a Redis blacklist, and what does the check cost?",
        [H1, H2, H3, H4]);

    protected override async Task<BlacklistFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var shortLifetime = context.Parameter("short_token_lifetime", TimeSpan.FromSeconds(quick ? 3 : 30));
        var expiryWait = context.Parameter("expiry_wait_after_logout", TimeSpan.FromSeconds(quick ? 4 : 35));
        var skew = context.Parameter("clock_skew", new JwtOptions().ClockSkew);
        var warmup = context.Parameter("overhead_warmup_pairs", quick ? 20 : 100);
        var rounds = context.Parameter("overhead_rounds", quick ? 3 : 5);
        var perRound = context.Parameter("overhead_requests_per_endpoint_per_round", quick ? 30 : 100);
        var band = (Low: 10.0, High: 20.0);
        context.Parameter("expected_overhead", "10-20 % (plan)");
        context.Parameter("blacklist_key", $"{RevocationStore.KeyPrefix}{{jti}} (the plan: blacklist:{{token}})");
        var backends = context.Topology.BackendsOf(SchemeKind.Jwt).ToList();
        var balancer = context.Client(SchemeKind.Jwt, cookies: false);

        context.Step($"log in via the jwt load balancer (2 h token); {WithBlacklist} before logout");
        var token = TokenOf(await balancer.LoginAsync("bob", cancellationToken));
        var beforeLogout = await balancer.GetAsync(WithBlacklist, cancellationToken, bearer: token);

        context.Step("POST /logout with the token; read blacklist:{jti} and its TTL in Redis");
        var logout = await balancer.PostJsonAsync("/logout", null, cancellationToken, bearer: token);
        var entry = await ReadEntryAsync(context, token, logout);

        context.Step($"the revoked token on {WithBlacklist} via the load balancer and on every backend directly; then on plain /profile");
        var revoked = new List<BackendReply> { new("load balancer", await balancer.GetAsync(WithBlacklist, cancellationToken, bearer: token)) };
        foreach (var backend in backends)
        {
            revoked.Add(new(backend.Name, await context.Client(backend.BaseAddress, cookies: false).GetAsync(WithBlacklist, cancellationToken, bearer: token)));
        }

        var plainAfterLogout = await balancer.GetAsync("/profile", cancellationToken, bearer: token);

        context.Step($"a {Format.Seconds(shortLifetime)} s token: log out, read its blacklist entry, wait {Format.Seconds(expiryWait)} s, read it again");
        var shortToken = TokenOf(await balancer.PostJsonAsync($"/login-short?seconds={((int)shortLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture)}", null, cancellationToken));
        var shortLogout = await balancer.PostJsonAsync("/logout", null, cancellationToken, bearer: shortToken);
        var loggedOutAt = context.Recorder.Elapsed;
        var shortEntry = await ReadEntryAsync(context, shortToken, shortLogout);
        var remainingWait = expiryWait - (context.Recorder.Elapsed - loggedOutAt);
        if (remainingWait > TimeSpan.Zero)
        {
            await context.WaitAsync(remainingWait, $"{Format.Seconds(expiryWait)} s after the logout of the short token", cancellationToken);
        }

        var shortExistsAfterWait = shortEntry.Key is { } shortKey ? await context.Redis.ExistsAsync(shortKey) : null;
        var shortAfterWait = await balancer.GetAsync(WithBlacklist, cancellationToken, bearer: shortToken);

        context.Step($"latency of /profile vs {WithBlacklist} with a valid token: {warmup} warm-up pairs, then {rounds} rounds × {perRound} each, alternating; via the load balancer and directly on {backends[0].Name}");
        var valid = TokenOf(await balancer.LoginAsync("carol", cancellationToken));
        var viaBalancer = await MeasureAsync(balancer, "load balancer", valid, warmup, rounds, perRound, cancellationToken);
        var direct = await MeasureAsync(context.Client(backends[0].BaseAddress, cookies: false), $"directly on {backends[0].Name}", valid, warmup, rounds, perRound, cancellationToken);

        return new BlacklistFacts(logout, entry, revoked, plainAfterLogout, shortEntry, shortExistsAfterWait, expiryWait, shortAfterWait, viaBalancer, direct, skew, band)
        {
            Token = token,
            BeforeLogout = beforeLogout,
        };
    }

    protected override void Tabulate(ExperimentContext context, BlacklistFacts facts)
    {
        AddTables(context, facts);
        var (token, entry, plainAfterLogout, viaBalancer, direct, band) = (facts.Token, facts.Entry, facts.PlainProfileAfterLogout, facts.ViaBalancer, facts.Direct, facts.ExpectedPercent);
        if (entry.Key is { } key && key != RevocationStore.KeyPrefix + token)
        {
            context.Anomaly($"The blacklist key is {key} ({RevocationStore.KeyPrefix}{{jti}}), not the plan's blacklist:{{token}}: one token has several base64url spellings that all verify, so a key on the raw string could be bypassed; every token carries a unique jti instead.");
        }

        if (plainAfterLogout.IsOk)
        {
            context.Anomaly($"After logout the revoked token still got {plainAfterLogout.Describe()} on plain /profile (revocation_check \"{plainAfterLogout.Property("revocation_check")}\"): with revocation off, /profile stays stateless and a logout only binds endpoints that consult the blacklist.");
        }

        if (viaBalancer.HasSamples && direct.HasSamples)
        {
            // Each round's figure is kept; the rounds' spread is not a confidence interval, so none is claimed.
            context.AddMetric(new Metric(TargetNames.JwtRevocation, "blacklist_overhead_percent", "%", Math.Round(viaBalancer.MedianOverheadPercent, 2), Rounds: [.. viaBalancer.Rounds.Select(r => Math.Round(r.MedianOverheadPercent, 2))]));
            context.AddMetric(new Metric(TargetNames.JwtRevocation, "blacklist_overhead_percent_direct", "%", Math.Round(direct.MedianOverheadPercent, 2), Rounds: [.. direct.Rounds.Select(r => Math.Round(r.MedianOverheadPercent, 2))]));
            context.AddMetric(new Metric(TargetNames.JwtRevocation, "blacklist_check_ms_direct", "ms", Math.Round(LatencyStats.Median(direct.CheckedMs) - LatencyStats.Median(direct.PlainMs), 4)));
        }

        if (viaBalancer.HasSamples && (viaBalancer.MedianOverheadPercent < band.Low || viaBalancer.MedianOverheadPercent > band.High))
        {
            context.Anomaly($"The blacklist check cost {LatencyOverhead.FormatPercent(viaBalancer.MedianOverheadPercent)} (median, via the load balancer; rounds {Spread(viaBalancer)}), {LatencyOverhead.FormatPercent(direct.MedianOverheadPercent)} directly on a backend, against the plan's 10–20 %: "
                + $"one Redis EXISTS adds about {Ms(LatencyStats.Median(direct.CheckedMs) - LatencyStats.Median(direct.PlainMs))} ms to a {Ms(LatencyStats.Median(direct.PlainMs))} ms request.");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(BlacklistFacts facts)
    {
        var skew = facts.ClockSkew.TotalSeconds;
        yield return JudgeEntry(H1, facts.Entry, skew, "the 2 h token");

        var refused = facts.Revoked.Count(r => r.Reply.Status == 401 && r.Reply.Error == ErrorMessages.TokenRevoked);
        var plain = $"; plain /profile (revocation off) still answered {facts.PlainProfileAfterLogout.Describe()}";
        yield return facts.Revoked.Count == 0
            ? H2.Inconclusive("The revoked token was not sent again.")
            : H2.Holds(refused == facts.Revoked.Count, $"{refused} of {facts.Revoked.Count} calls of {WithBlacklist} with the revoked token were refused ({string.Join(", ", facts.Revoked.Select(r => $"{r.Backend}: {r.Reply.Describe()}"))}){plain}.");

        var shortEntry = facts.ShortEntry;
        var wait = Format.Seconds(facts.ExpiryWait);
        yield return shortEntry.Exists != true || facts.ShortExistsAfterWait is null
            ? H3.Inconclusive($"The short token's entry could not be followed (after logout: {Presence(shortEntry.Exists)}, {wait} s later: {Presence(facts.ShortExistsAfterWait)}).")
            : facts.ShortExistsAfterWait == true
                ? H3.Refuted($"{shortEntry.Key} was still in Redis {wait} s after the logout of a token with {Format.Seconds(shortEntry.RemainingSeconds)} s left (TTL was {Ttl(shortEntry.Ttl)}).")
                : H3.Holds(Covers(shortEntry, skew), $"The short token's entry had TTL {Ttl(shortEntry.Ttl)} for {Format.Seconds(shortEntry.RemainingSeconds)} s of remaining lifetime (+{Format.Seconds(skew)} s skew) and was gone {wait} s after the logout; the token itself then got {facts.ShortAfterWait.Describe()}.");

        var lb = facts.ViaBalancer;
        var (low, high) = facts.ExpectedPercent;
        var measured = $"via the load balancer the median went {Ms(LatencyStats.Median(lb.PlainMs))} → {Ms(LatencyStats.Median(lb.CheckedMs))} ms ({LatencyOverhead.FormatPercent(lb.MedianOverheadPercent)}; mean {LatencyOverhead.FormatPercent(lb.MeanOverheadPercent)}; rounds {Spread(lb)}), "
            + $"directly on a backend {Ms(LatencyStats.Median(facts.Direct.PlainMs))} → {Ms(LatencyStats.Median(facts.Direct.CheckedMs))} ms ({LatencyOverhead.FormatPercent(facts.Direct.MedianOverheadPercent)})";
        if (!lb.HasSamples || lb.Failures > 0)
        {
            yield return H4.Inconclusive($"{lb.Failures} requests failed during the measurement; {measured}.");
            yield break;
        }

        var overhead = lb.MedianOverheadPercent;
        var (min, max) = lb.RoundSpread;
        yield return overhead >= low && overhead <= high
            ? H4.Confirmed($"{Capitalised(measured)}.")
            : (max < low || min > high)
                ? H4.Refuted($"{Capitalised(measured)}: every round is outside the plan's {low.ToString(CultureInfo.InvariantCulture)}–{high.ToString(CultureInfo.InvariantCulture)} %.")
                : H4.Inconclusive($"{Capitalised(measured)}: the rounds straddle the plan's {low.ToString(CultureInfo.InvariantCulture)}–{high.ToString(CultureInfo.InvariantCulture)} %.");
    }

    private static HypothesisVerdict JudgeEntry(Hypothesis h, BlacklistEntry entry, double skew, string which) =>
        entry.Exists != true || entry.Ttl is null
            ? h.With(entry.Exists == false ? Verdict.Refuted : Verdict.Inconclusive, $"After logout of {which}, {entry.Key ?? "the blacklist key"} was {Presence(entry.Exists)} (TTL {Ttl(entry.Ttl)}).")
            : h.Holds(Covers(entry, skew), $"After logout of {which}, {entry.Key} had TTL {Ttl(entry.Ttl)} against {Format.Seconds(entry.RemainingSeconds)} s of remaining lifetime (difference {Format.Seconds(entry.Ttl.Value.TotalSeconds - entry.RemainingSeconds)} s; clock skew {Format.Seconds(skew)} s); the logout reply said {entry.ReplyTtlSeconds ?? "nothing"} s.");

    /// <summary>The entry lives at least as long as the token can still be accepted, and not much longer (skew + 1 s of slack).</summary>
    private static bool Covers(BlacklistEntry entry, double skew) =>
        entry.Ttl is { } ttl && ttl.TotalSeconds >= entry.RemainingSeconds && ttl.TotalSeconds <= entry.RemainingSeconds + skew + 1;

    private static async Task<BlacklistEntry> ReadEntryAsync(ExperimentContext context, string token, Exchange logout)
    {
        var jti = logout.Property("jti") ?? UnverifiedJwt.Payload(token)?["jti"]?.GetValue<string>();
        if (jti is null)
        {
            return new BlacklistEntry(null, null, null, double.NaN, logout.Property("blacklist_ttl_seconds"));
        }

        var key = RevocationStore.KeyOf(jti).ToString();
        var exists = await context.Redis.ExistsAsync(key);
        var ttl = await context.Redis.TtlAsync(key);
        var exp = UnverifiedJwt.NumericClaim(token, "exp") ?? 0;
        var remaining = exp - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        return new BlacklistEntry(key, exists, ttl, remaining, logout.Property("blacklist_ttl_seconds"));
    }

    /// <summary>Alternates /profile and /profile-with-blacklist (swapping which goes first) so drift hits both alike.</summary>
    private static async Task<LatencyOverhead> MeasureAsync(LabClient client, string path, string token, int warmup, int rounds, int perRound, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmup; i++)
        {
            await client.GetAsync("/profile", cancellationToken, bearer: token);
            await client.GetAsync(WithBlacklist, cancellationToken, bearer: token);
        }

        var failures = 0;
        var results = new List<OverheadRound>();
        for (var round = 0; round < rounds; round++)
        {
            var plain = new List<double>(perRound);
            var checkedMs = new List<double>(perRound);
            for (var i = 0; i < perRound; i++)
            {
                var first = i % 2 == 0 ? "/profile" : WithBlacklist;
                var second = i % 2 == 0 ? WithBlacklist : "/profile";
                foreach (var endpoint in new[] { first, second })
                {
                    var reply = await client.GetAsync(endpoint, cancellationToken, bearer: token);
                    if (!reply.IsOk)
                    {
                        failures++;
                        continue;
                    }

                    (endpoint == WithBlacklist ? checkedMs : plain).Add(reply.ElapsedMs);
                }
            }

            results.Add(new OverheadRound(plain, checkedMs));
        }

        return new LatencyOverhead(path, results, failures);
    }

    private static void AddTables(ExperimentContext context, BlacklistFacts facts)
    {
        var beforeLogout = facts.BeforeLogout ?? throw new InvalidOperationException("3.3 tabulates a run that did not record the call before the logout.");
        var skew = facts.ClockSkew.TotalSeconds;
        var rows = new List<IReadOnlyList<string>>
        {
            Row($"{WithBlacklist} before logout", "200", beforeLogout.Describe() + RevocationCheck(beforeLogout), beforeLogout.IsOk),
            Row("POST /logout", "200, the token is blacklisted", $"{facts.Logout.Describe()}, jti {facts.Logout.Property("jti") ?? "(none)"}, blacklist_ttl_seconds {facts.Logout.Property("blacklist_ttl_seconds") ?? "(none)"}", facts.Logout.IsOk),
            Row("blacklist entry after logout (2 h token)", "blacklist:{token} exists, TTL ≈ remaining lifetime (~7200 s)", EntryText(facts.Entry), Covers(facts.Entry, skew)),
        };
        rows.AddRange(facts.Revoked.Select(r => Row($"revoked token on {WithBlacklist} ({r.Backend})", "401 token revoked", r.Reply.Describe(), r.Reply.Status == 401 && r.Reply.Error == ErrorMessages.TokenRevoked)));
        rows.Add(["revoked token on plain /profile", "the plan's /profile consults the blacklist (401); ours is stateless while revocation is off", facts.PlainProfileAfterLogout.Describe() + RevocationCheck(facts.PlainProfileAfterLogout), facts.PlainProfileAfterLogout.IsOk ? "accepted: a stateless endpoint cannot see a logout" : "refused"]);
        rows.Add(Row("blacklist entry after logout (short token)", "exists, TTL ≈ remaining lifetime", EntryText(facts.ShortEntry), Covers(facts.ShortEntry, skew)));
        rows.Add(Row($"the same entry {Format.Seconds(facts.ExpiryWait)} s after logout", "gone", Presence(facts.ShortExistsAfterWait), facts.ShortExistsAfterWait == false));
        rows.Add(Row($"the short token on {WithBlacklist} then", "401 token expired", facts.ShortAfterWait.Describe(), facts.ShortAfterWait.Status == 401 && facts.ShortAfterWait.Error == ErrorMessages.TokenExpired));
        context.AddTable("Logout and blacklist", ["step", "expected", "measured", "verdict"], rows);

        var latency = new List<IReadOnlyList<string>>();
        foreach (var measurement in new[] { facts.ViaBalancer, facts.Direct })
        {
            latency.Add(LatencyRow(measurement.Path, "/profile", measurement.PlainMs));
            latency.Add(LatencyRow(measurement.Path, WithBlacklist, measurement.CheckedMs));
        }

        context.AddTable("Latency with a valid token (successful requests, ms)", ["path", "endpoint", "requests", "mean", "median", "p25–p75", "min–max"], latency);
        context.AddTable(
            "Cost of the blacklist check",
            ["path", "overhead of the median", "overhead of the mean", "per-round median overhead (min–max)", "rounds × requests per endpoint", "failed requests"],
            new[] { facts.ViaBalancer, facts.Direct }.Select(m => (IReadOnlyList<string>)[
                m.Path,
                LatencyOverhead.FormatPercent(m.MedianOverheadPercent),
                LatencyOverhead.FormatPercent(m.MeanOverheadPercent),
                Spread(m),
                $"{m.Rounds.Count} × {(m.Rounds.Count == 0 ? 0 : m.Rounds.Max(r => Math.Max(r.PlainMs.Count, r.CheckedMs.Count)))}",
                m.Failures.ToString(CultureInfo.InvariantCulture)]));
    }

    private static IReadOnlyList<string> Row(string step, string expected, string measured, bool asExpected) =>
        [step, expected, measured, asExpected ? "as expected" : "differs"];

    private static IReadOnlyList<string> LatencyRow(string path, string endpoint, IReadOnlyList<double> samples) =>
    [
        path,
        endpoint,
        samples.Count.ToString(CultureInfo.InvariantCulture),
        Ms(LatencyStats.Mean(samples)),
        Ms(LatencyStats.Median(samples)),
        $"{Ms(LatencyStats.Percentile(samples, 25))}–{Ms(LatencyStats.Percentile(samples, 75))}",
        samples.Count == 0 ? "n/a" : $"{Ms(samples.Min())}–{Ms(samples.Max())}",
    ];

    private static string EntryText(BlacklistEntry entry) =>
        entry.Key is null
            ? "no jti in the logout reply or the token"
            : $"{entry.Key} {Presence(entry.Exists)}, TTL {Ttl(entry.Ttl)}, remaining lifetime {Format.Seconds(entry.RemainingSeconds)} s";

    private static string RevocationCheck(Exchange e) => e.Property("revocation_check") is { } check ? $" (revocation_check: {check})" : string.Empty;

    private static string TokenOf(Exchange login) =>
        login.Property("token") ?? throw new InvalidOperationException($"The jwt login gave no token: {login.Describe()}.");

    private static string Presence(bool? exists) => exists switch
    {
        true => "present",
        false => "absent",
        null => "unreadable",
    };

    private static string Ttl(TimeSpan? ttl) => ttl is { } t ? $"{Format.Seconds(t.TotalSeconds)} s" : "none";

    private static string Spread(LatencyOverhead m) => $"{LatencyOverhead.FormatPercent(m.RoundSpread.Min)} to {LatencyOverhead.FormatPercent(m.RoundSpread.Max)}";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString("0.000", CultureInfo.InvariantCulture);


}

/// <summary>What 3.3 observed, reduced to what its verdicts need.</summary>
internal sealed record BlacklistFacts(
    Exchange Logout,
    BlacklistEntry Entry,
    IReadOnlyList<BackendReply> Revoked,
    Exchange PlainProfileAfterLogout,
    BlacklistEntry ShortEntry,
    bool? ShortExistsAfterWait,
    TimeSpan ExpiryWait,
    Exchange ShortAfterWait,
    LatencyOverhead ViaBalancer,
    LatencyOverhead Direct,
    TimeSpan ClockSkew,
    (double Low, double High) ExpectedPercent)
{
    /// <summary>The 2 h token that was logged out, and its call of the blacklist endpoint before the logout.</summary>
    public string Token { get; init; } = string.Empty;

    /// <inheritdoc cref="Token"/>
    public Exchange? BeforeLogout { get; init; }
}


/// <summary>A blacklist entry as read in Redis right after a logout, with the token's remaining lifetime at that moment.</summary>
internal sealed record BlacklistEntry(string? Key, bool? Exists, TimeSpan? Ttl, double RemainingSeconds, string? ReplyTtlSeconds);
