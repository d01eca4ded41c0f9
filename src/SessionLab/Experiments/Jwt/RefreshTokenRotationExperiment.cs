using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Jwt;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;
using SessionLab.Topology;

namespace SessionLab.Experiments.Jwt;

/// <summary>
/// 3.4 — a short access token with a rotating refresh token (RFC 9700 §4.14.2): does refresh work and rotate, does a
/// replayed retired refresh token revoke its whole family (the thief's tokens and the victim's), does /logout-all revoke
/// every device, and what do access tokens do without revocation checks?
/// </summary>
internal sealed class RefreshTokenRotationExperiment : Experiment<RefreshTokenRotationExperiment, RefreshRotationFacts>, IJudge<RefreshRotationFacts>
{
    internal const string Checked = "revocation on";
    internal const string Unchecked = "revocation off";

    /// <summary>How far from the family's limit a refresh may land either way and still count as at it.</summary>
    internal static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(300);

    private static readonly Hypothesis H1 = new("H1", "Refresh works and rotates: each /refresh returns an access token that is accepted and a new refresh token, and an access token ends after its short lifetime (the client refreshes, it does not log in again).");

    private static readonly Hypothesis H2 = new("H2", "Replaying a retired refresh token revokes its whole family: when the victim presents the token the thief already rotated, the replay gets 401 \"refresh token reused\" and the thief's new refresh token 401 \"refresh token revoked\" (with and without revocation checks).");

    private static readonly Hypothesis H3 = new("H3", "With revocation checked, the replay also ends the family's access tokens at once: the thief's and the victim's get 401 \"token revoked\".");

    private static readonly Hypothesis H4 = new("H4", "POST /logout-all from one of three devices revokes every device: each device's refresh token gets 401, and with revocation checked each access token too.");

    private static readonly Hypothesis H5 = new("H5", "Without revocation checks access tokens outlive every revocation: after the family was revoked and after /logout-all, /profile still accepts them until they expire.");

    private static readonly Hypothesis H6 = new("H6", "A family kept rotating still ends at its absolute limit (Jwt:RefreshLifetime from login): rotation never extends it.");

    public override ExperimentInfo Info { get; } = new(
        "3.4",
        3,
        "Refresh-token rotation",
        "With a short access token and a rotating refresh token: does refresh rotate, does a replayed refresh token revoke its family, does /logout-all revoke every device?",
        [H1, H2, H3, H4, H5, H6]);

    protected override async Task<RefreshRotationFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var access = context.Parameter("access_lifetime", quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(5));
        var family = context.Parameter("refresh_lifetime", quick ? TimeSpan.FromSeconds(8) : TimeSpan.FromSeconds(15));
        var interval = context.Parameter("refresh_interval", TimeSpan.FromSeconds(0.5));

        context.Step($"start two extra JWT backends with refresh tokens, access lifetime {Format.CompactSeconds(access)} s, refresh lifetime {Format.CompactSeconds(family)} s: one with revocation on, one with revocation off");
        BackendLaunch Configure(BackendLaunch launch, RevocationMode revocation) => launch with
        {
            JwtLifetime = access,
            Revocation = revocation,
            Settings = new Dictionary<string, string>(launch.Settings)
            {
                ["Jwt:RefreshTokens"] = "true",
                ["Jwt:RefreshLifetime"] = family.ToString("c", CultureInfo.InvariantCulture),
            },
        };
        await using var on = await context.Topology.StartExtraBackendAsync(SchemeKind.Jwt, 1, "jwt-refresh", l => Configure(l, RevocationMode.On), cancellationToken);
        await using var off = await context.Topology.StartExtraBackendAsync(SchemeKind.Jwt, 2, "jwt-refresh-stateless", l => Configure(l, RevocationMode.Off), cancellationToken);
        (string Variant, BackendNode Backend)[] variants = [(Checked, on), (Unchecked, off)];

        var reuse = new List<ReuseFacts>();
        foreach (var (variant, backend) in variants)
        {
            context.Step($"{variant}: the victim logs in; a thief who stole its refresh token refreshes first; then the victim presents that (now retired) token; then both try their tokens");
            reuse.Add(await ReuseAsync(context, variant, backend, cancellationToken));
        }

        var logoutAll = new List<LogoutAllFacts>();
        foreach (var (variant, backend) in variants)
        {
            context.Step($"{variant}: one user logs in on three devices; device 1 calls POST /logout-all; then every device tries its refresh token and its access token");
            logoutAll.Add(await LogoutAllAsync(context, variant, backend, cancellationToken));
        }

        context.Step($"{Checked}: a user logs in, refreshes, waits until its access token expired, and refreshes again");
        var client = context.Client(on.BaseAddress, cookies: false);
        var login = await client.LoginAsync("refresh-rotating", cancellationToken);
        var loggedInAt = DateTimeOffset.UtcNow;
        var first = await RefreshAsync(client, login.Property("refresh_token"), cancellationToken);
        var firstAccess = await client.GetAsync("/profile", cancellationToken, bearer: first.Property("token") ?? string.Empty);
        await context.WaitAsync(access + TimeSpan.FromSeconds(1.5), "the access token expires (lifetime + 1 s clock skew)", cancellationToken);
        var expired = await client.GetAsync("/profile", cancellationToken, bearer: first.Property("token") ?? string.Empty);
        var second = await RefreshAsync(client, first.Property("refresh_token"), cancellationToken);
        var secondAccess = await client.GetAsync("/profile", cancellationToken, bearer: second.Property("token") ?? string.Empty);
        var rotation = new RotationFacts(
            Reply.Of(login),
            login.Property("refresh_token") is not null,
            Reply.Of(first),
            Reply.Of(firstAccess),
            Reply.Of(expired),
            Reply.Of(second),
            Reply.Of(secondAccess),
            Distinct: new[] { login.Property("refresh_token"), first.Property("refresh_token"), second.Property("refresh_token") }.OfType<string>().Distinct(StringComparer.Ordinal).Count());

        var limit = loggedInAt + family;
        context.Step($"{Checked}: the same user keeps refreshing every {Format.CompactSeconds(interval)} s until 1.5 s past its family's limit ({Format.CompactSeconds(family)} s after login)");
        var samples = new List<RefreshSample>();
        var current = second.Property("refresh_token");
        while (DateTimeOffset.UtcNow < limit + TimeSpan.FromSeconds(1.5) && current is not null)
        {
            var reply = await RefreshAsync(client, current, cancellationToken);
            samples.Add(new RefreshSample((DateTimeOffset.UtcNow - limit).TotalSeconds, reply.Status, reply.Describe(), reply.Property("refresh_expires_in") is { } left ? int.Parse(left, CultureInfo.InvariantCulture) : null));
            current = reply.Property("refresh_token") ?? current;
            await Task.Delay(interval, cancellationToken);
        }

        return new RefreshRotationFacts(access, family, rotation, reuse, logoutAll, samples);
    }

    private static async Task<ReuseFacts> ReuseAsync(ExperimentContext context, string variant, BackendNode backend, CancellationToken cancellationToken)
    {
        var victim = context.Client(backend.BaseAddress, cookies: false);
        var thief = context.Client(backend.BaseAddress, System.Net.IPAddress.Parse("127.90.1.1"), cookies: false);
        var login = await victim.LoginAsync($"refresh-victim-{(variant == Checked ? "on" : "off")}", cancellationToken);
        var stolen = login.Property("refresh_token");
        var thiefRefresh = await RefreshAsync(thief, stolen, cancellationToken);
        var thiefAccess = thiefRefresh.Property("token") ?? string.Empty;
        var thiefBefore = await thief.GetAsync("/profile", cancellationToken, bearer: thiefAccess);
        var replay = await RefreshAsync(victim, stolen, cancellationToken);
        var thiefNext = await RefreshAsync(thief, thiefRefresh.Property("refresh_token"), cancellationToken);
        var thiefAfter = await thief.GetAsync("/profile", cancellationToken, bearer: thiefAccess);
        var victimAfter = await victim.GetAsync("/profile", cancellationToken, bearer: login.Property("token") ?? string.Empty);
        return new ReuseFacts(variant, Reply.Of(login), Reply.Of(thiefRefresh), Reply.Of(thiefBefore), Reply.Of(replay), Reply.Of(thiefNext), Reply.Of(thiefAfter), Reply.Of(victimAfter));
    }

    private static async Task<LogoutAllFacts> LogoutAllAsync(ExperimentContext context, string variant, BackendNode backend, CancellationToken cancellationToken)
    {
        var devices = new List<(LabClient Client, Exchange Login)>();
        for (var i = 0; i < 3; i++)
        {
            var client = context.Client(backend.BaseAddress, cookies: false);
            devices.Add((client, await client.LoginAsync($"refresh-everywhere-{(variant == Checked ? "on" : "off")}", cancellationToken)));
        }

        var logoutAll = await devices[0].Client.PostJsonAsync("/logout-all", null, cancellationToken, bearer: devices[0].Login.Property("token") ?? string.Empty);
        var after = new List<DeviceTokens>();
        for (var i = 0; i < devices.Count; i++)
        {
            var (client, login) = devices[i];
            var refresh = await RefreshAsync(client, login.Property("refresh_token"), cancellationToken);
            var profile = await client.GetAsync("/profile", cancellationToken, bearer: login.Property("token") ?? string.Empty);
            after.Add(new DeviceTokens($"device {i + 1}", Reply.Of(login), Reply.Of(refresh), Reply.Of(profile)));
        }

        return new LogoutAllFacts(variant, Reply.Of(logoutAll), logoutAll.Property("sessions_ended") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : null, after);
    }

    private static Task<Exchange> RefreshAsync(LabClient client, string? token, CancellationToken cancellationToken) =>
        client.PostJsonAsync("/refresh", new Dictionary<string, string> { ["refresh_token"] = token ?? string.Empty }, cancellationToken);

    protected override void Tabulate(ExperimentContext context, RefreshRotationFacts facts)
    {
        var r = facts.Rotation;
        context.AddTable(
            $"Rotation ({Checked}, access lifetime {Format.CompactSeconds(facts.AccessLifetime)} s)",
            ["step", "reply"],
            [
                ["POST /login", r.Login.Text + (r.LoginHadRefreshToken ? " (with a refresh token)" : " (no refresh token)")],
                ["POST /refresh with the login's refresh token", r.FirstRefresh.Text],
                ["GET /profile with the new access token", r.FirstAccess.Text],
                ["GET /profile with it once its lifetime passed", r.ExpiredAccess.Text],
                ["POST /refresh with the rotated refresh token", r.SecondRefresh.Text],
                ["GET /profile with the newest access token", r.SecondAccess.Text],
                ["distinct refresh tokens seen", Format.Count(r.Distinct) + " of 3"],
            ]);
        context.AddTable(
            "A stolen refresh token: the thief refreshes first, then the victim presents the retired token",
            ["variant", "thief's refresh", "thief's access token", "victim's replay", "thief's next refresh", "thief's access token after", "victim's access token after"],
            facts.Reuse.Select(f => (IReadOnlyList<string>)[f.Variant, f.ThiefRefresh.Text, f.ThiefAccessBefore.Text, f.VictimReplay.Text, f.ThiefNextRefresh.Text, f.ThiefAccessAfter.Text, f.VictimAccessAfter.Text]));
        context.AddTable(
            "POST /logout-all from device 1 of 3",
            ["variant", "/logout-all", "families revoked", "device", "its refresh token after", "its access token after (GET /profile)"],
            facts.LogoutAll.SelectMany(f => f.Devices.Select(d => (IReadOnlyList<string>)[f.Variant, f.LogoutAll.Text, f.Ended?.ToString(CultureInfo.InvariantCulture) ?? "-", d.Device, d.Refresh.Text, d.Profile.Text])));
        context.AddTable(
            $"Refreshing every 0.5 s up to the family's limit ({Format.CompactSeconds(facts.RefreshLifetime)} s after login)",
            ["measure", "value"],
            [
                ["refreshes before the limit", $"{facts.FamilyEnd.Count(s => s.ToLimitSeconds < 0 && s.Status == 200).ToString(CultureInfo.InvariantCulture)} of {facts.FamilyEnd.Count(s => s.ToLimitSeconds < 0).ToString(CultureInfo.InvariantCulture)} got 200"],
                ["refresh_expires_in over them (s)", string.Join(" ", facts.FamilyEnd.Where(s => s.ExpiresIn is not null).Select(s => s.ExpiresIn!.Value.ToString(CultureInfo.InvariantCulture)))],
                ["after the limit", Tally(facts.FamilyEnd.Where(s => s.ToLimitSeconds > Tolerance.TotalSeconds).Select(s => s.Reply))],
            ]);
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(RefreshRotationFacts facts)
    {
        var r = facts.Rotation;
        if (r.Login.Status != 200 || !r.LoginHadRefreshToken)
        {
            yield return H1.Inconclusive($"The login gave no refresh token ({r.Login.Text}).");
        }
        else
        {
            var works = r.FirstRefresh.Status == 200 && r.SecondRefresh.Status == 200 && r.FirstAccess.Status == 200 && r.SecondAccess.Status == 200;
            var ended = r.ExpiredAccess.Status == 401 && r.ExpiredAccess.Error == ErrorMessages.TokenExpired;
            yield return H1.Holds(works && ended && r.Distinct == 3, $"Two refreshes got {r.FirstRefresh.Text} and {r.SecondRefresh.Text}, their access tokens {r.FirstAccess.Text} and {r.SecondAccess.Text}; {r.Distinct} distinct refresh tokens of 3; the first access token got {r.ExpiredAccess.Text} {Format.CompactSeconds(facts.AccessLifetime)} s + skew later.");
        }

        var reuse = facts.Reuse.Where(f => f.Login.Status == 200 && f.ThiefRefresh.Status == 200).ToList();
        if (reuse.Count == 0)
        {
            yield return H2.Inconclusive("No thief's refresh succeeded, so there was no retired token to replay.");
        }
        else
        {
            var revoked = reuse.Count(f => f.VictimReplay.Error == ErrorMessages.RefreshTokenReused && f.ThiefNextRefresh.Status == 401);
            var thiefGotIn = reuse.Count(f => f.ThiefNextRefresh.Status == 200 || f.VictimReplay.Status == 200);
            yield return H2.With(
                thiefGotIn > 0 ? Verdict.Refuted : revoked == reuse.Count ? Verdict.Confirmed : Verdict.Inconclusive,
                string.Join("; ", reuse.Select(f => $"{f.Variant}: the victim's replay got {f.VictimReplay.Text}, then the thief's new refresh token {f.ThiefNextRefresh.Text}")) + ".");
        }

        var checkedReuse = reuse.FirstOrDefault(f => f.Variant == Checked);
        if (checkedReuse is null || checkedReuse.ThiefAccessBefore.Status != 200)
        {
            yield return H3.Inconclusive("With revocation on, the thief's access token was never accepted to begin with, or the thief's refresh failed.");
        }
        else
        {
            var both = checkedReuse.ThiefAccessAfter.Error == ErrorMessages.TokenRevoked && checkedReuse.VictimAccessAfter.Error == ErrorMessages.TokenRevoked;
            yield return H3.With(
                both ? Verdict.Confirmed : checkedReuse.ThiefAccessAfter.Status == 200 || checkedReuse.VictimAccessAfter.Status == 200 ? Verdict.Refuted : Verdict.Inconclusive,
                $"With revocation on, the thief's access token got {checkedReuse.ThiefAccessBefore.Text} before the replay and {checkedReuse.ThiefAccessAfter.Text} after it; the victim's {checkedReuse.VictimAccessAfter.Text}.");
        }

        var logoutAll = facts.LogoutAll.Where(f => f.LogoutAll.Status == 200 && f.Devices.All(d => d.Login.Status == 200)).ToList();
        if (logoutAll.Count == 0)
        {
            yield return H4.Inconclusive($"/logout-all did not succeed ({string.Join(", ", facts.LogoutAll.Select(f => $"{f.Variant}: {f.LogoutAll.Text}"))}).");
        }
        else
        {
            var refreshKept = logoutAll.Sum(f => f.Devices.Count(d => d.Refresh.Status == 200));
            var accessKept = logoutAll.Where(f => f.Variant == Checked).Sum(f => f.Devices.Count(d => d.Profile.Status == 200));
            var accessRevoked = logoutAll.Where(f => f.Variant == Checked).Sum(f => f.Devices.Count(d => d.Profile.Error == ErrorMessages.TokenRevoked));
            var checkedDevices = logoutAll.Where(f => f.Variant == Checked).Sum(f => f.Devices.Count);
            yield return H4.With(
                refreshKept > 0 || accessKept > 0 ? Verdict.Refuted : checkedDevices > 0 && accessRevoked == checkedDevices ? Verdict.Confirmed : Verdict.Inconclusive,
                string.Join("; ", logoutAll.Select(f => $"{f.Variant}: /logout-all revoked {f.Ended?.ToString(CultureInfo.InvariantCulture) ?? "?"} families; the devices' refresh tokens got {Tally(f.Devices.Select(d => d.Refresh.Text))}, their access tokens {Tally(f.Devices.Select(d => d.Profile.Text))}")) + ".");
        }

        var stateless = facts.Reuse.Where(f => f.Variant == Unchecked && f.ThiefRefresh.Status == 200 && f.ThiefNextRefresh.Status == 401).Select(f => f.ThiefAccessAfter)
            .Concat(facts.LogoutAll.Where(f => f.Variant == Unchecked && f.LogoutAll.Status == 200).SelectMany(f => f.Devices.Select(d => d.Profile)))
            .ToList();
        yield return stateless.Count == 0
            ? H5.Inconclusive("Nothing was revoked on the backend without revocation checks, so its access tokens could not be tried after a revocation.")
            : H5.With(
                stateless.All(p => p.Status == 200) ? Verdict.Confirmed : stateless.Any(p => p.Status == 401) ? Verdict.Refuted : Verdict.Inconclusive,
                $"With revocation off, after the family was revoked and after /logout-all, /profile answered the access tokens {Tally(stateless.Select(p => p.Text))}.");

        var tolerance = Tolerance.TotalSeconds;
        var before = facts.FamilyEnd.Where(s => s.ToLimitSeconds < -tolerance).ToList();
        var past = facts.FamilyEnd.Where(s => s.ToLimitSeconds > tolerance).ToList();
        if (before.Count == 0 || past.Count == 0)
        {
            yield return H6.Inconclusive($"The family was not refreshed both before and after its limit ({before.Count} refreshes before, {past.Count} after).");
        }
        else
        {
            var early = before.Count(s => s.Status != 200);
            var extended = past.Count(s => s.Status == 200);
            yield return H6.With(
                early == 0 && extended == 0 && past.All(s => s.Status == 401) ? Verdict.Confirmed : extended > 0 || early > 0 ? Verdict.Refuted : Verdict.Inconclusive,
                $"{before.Count - early} of {before.Count} refreshes before the {Format.CompactSeconds(facts.RefreshLifetime)} s limit got 200 (refresh_expires_in counting down: {string.Join(" ", before.Where(s => s.ExpiresIn is not null).Select(s => s.ExpiresIn!.Value.ToString(CultureInfo.InvariantCulture)).Distinct())}); past it {Tally(past.Select(s => s.Reply))}.");
        }
    }

    private static string Tally(IEnumerable<string> replies)
    {
        var groups = replies.GroupBy(r => r).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count().ToString(CultureInfo.InvariantCulture)}").ToList();
        return groups.Count == 0 ? "none" : string.Join(", ", groups);
    }
}

/// <summary>One reply as 3.4 keeps it: its status, how it reads ("401 refresh token revoked") and its error.</summary>
internal sealed record Reply(int Status, string Text, string? Error)
{
    public static Reply Of(Exchange exchange) => new(exchange.Status, exchange.Describe(), exchange.Error);
}

/// <summary>What 3.4 observed: the lifetimes, the rotation, the stolen token and /logout-all per variant, and refreshes up to the family's limit.</summary>
internal sealed record RefreshRotationFacts(
    TimeSpan AccessLifetime,
    TimeSpan RefreshLifetime,
    RotationFacts Rotation,
    IReadOnlyList<ReuseFacts> Reuse,
    IReadOnlyList<LogoutAllFacts> LogoutAll,
    IReadOnlyList<RefreshSample> FamilyEnd);

/// <summary>Login, a refresh, the access token before and after its lifetime, a second refresh; how many distinct refresh tokens were seen.</summary>
internal sealed record RotationFacts(Reply Login, bool LoginHadRefreshToken, Reply FirstRefresh, Reply FirstAccess, Reply ExpiredAccess, Reply SecondRefresh, Reply SecondAccess, int Distinct);

/// <summary>The stolen refresh token on one variant: the thief refreshes first, then the victim replays the retired token.</summary>
internal sealed record ReuseFacts(string Variant, Reply Login, Reply ThiefRefresh, Reply ThiefAccessBefore, Reply VictimReplay, Reply ThiefNextRefresh, Reply ThiefAccessAfter, Reply VictimAccessAfter);

/// <summary><c>/logout-all</c> from device 1 of 3 on one variant, and every device's tokens afterwards.</summary>
internal sealed record LogoutAllFacts(string Variant, Reply LogoutAll, int? Ended, IReadOnlyList<DeviceTokens> Devices);

/// <summary>One device: its login, its refresh token and its access token tried after the <c>/logout-all</c>.</summary>
internal sealed record DeviceTokens(string Device, Reply Login, Reply Refresh, Reply Profile);

/// <summary>One refresh near the family's limit: seconds relative to it (negative before), the reply, and its <c>refresh_expires_in</c>.</summary>
internal sealed record RefreshSample(double ToLimitSeconds, int Status, string Reply, int? ExpiresIn);
