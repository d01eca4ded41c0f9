using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Jwt;
using SessionLab.Backend.Redis;
using SessionLab.Backend.Sessions;
using SessionLab.Backend.Throttling;
using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Security;

/// <summary>
/// 5.6 — the backends as a real deployment runs them (a users file, configured keys, revocation on, no lab
/// instruments, no throttle exemption), tried from outside as an attacker would: is anything granted without
/// credentials, is password guessing throttled per address and per user, is a record written straight into Redis a
/// session, and does any secret reach a log?
/// </summary>
internal sealed class ProductionPostureExperiment : Experiment<ProductionPostureExperiment, ProductionPostureFacts>, IJudge<ProductionPostureFacts>
{
    private const string Target = "alice";
    private const string Other = "bob";

    private static readonly Hypothesis H1 = new("H1", "An anonymous client gets nothing: /login-short, /debug/sessions and /debug/runtime answer 404 on backends with a users file, and /profile without credentials 401.");

    private static readonly Hypothesis H2 = new("H2", "Password guessing from one address is cut off after its budget: 429 from then on, even for the right password, while the real user logs in from another address.");

    private static readonly Hypothesis H3 = new("H3", "Guessing one user's password from many addresses is cut off after the username's budget: 429 for that user from any address, while other users, and the user's own device (its login-device cookie), still log in.");

    private static readonly Hypothesis H4 = new("H4", "A session record written into Redis without the server's key is refused: a session edited to another user and a session made up from scratch both get 401.");

    private static readonly Hypothesis H5 = new("H5", "No secret appears in any file of the run: neither key, nor a password of the users file.");

    public override ExperimentInfo Info { get; } = new(
        "5.6",
        5,
        "Production posture",
        "Run as a real deployment would run them, do the backends grant nothing to an anonymous client, throttle password guessing per address and per user, refuse a session record forged in Redis, and keep every secret out of the logs?",
        [H1, H2, H3, H4, H5]);

    protected override async Task<ProductionPostureFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        // The budgets' defaults, but no failure earned back during the experiment, so its counts are exact.
        var login = new LoginThrottleOptions { RefillInterval = context.Parameter("login_refill_interval", TimeSpan.FromMinutes(10)) };
        var guesses = context.Parameter("guesses_from_one_address", login.ClientBurst + 5);
        var spread = context.Parameter("guesses_from_fresh_addresses", login.UserBurst);
        var passwords = new Dictionary<string, string> { [Target] = NewPassword(), [Other] = NewPassword() };

        context.Step($"write a users file ({Target}, {Other}; random passwords, PBKDF2-SHA512 × {FileUserDirectory.Iterations:N0}) and start a redis and a JWT backend with it, revocation on, no lab instruments, no throttle exemption");
        var usersFile = context.Topology.WriteRunFile("production-users.json", UsersFile(passwords));
        await using var sessions = await context.Topology.StartExtraBackendAsync(SchemeKind.Redis, 1, "redis-production", l => Production(l, usersFile, login.RefillInterval), cancellationToken);
        await using var tokens = await context.Topology.StartExtraBackendAsync(SchemeKind.Jwt, 2, "jwt-production", l => Production(l, usersFile, login.RefillInterval) with { Revocation = RevocationMode.On }, cancellationToken);

        context.Step("an anonymous client asks each backend for the lab instruments and a profile");
        var anonymous = new List<(string, string, Exchange)>();
        foreach (var (name, backend) in new[] { ("redis", sessions.BaseAddress), ("jwt", tokens.BaseAddress) })
        {
            var client = context.Client(backend, Address(60, 1), cookies: false);
            anonymous.Add((name, "POST /login-short", await client.PostJsonAsync("/login-short", null, cancellationToken)));
            anonymous.Add((name, "POST /login-short?seconds=3600", await client.PostJsonAsync("/login-short?seconds=3600", null, cancellationToken)));
            anonymous.Add((name, "GET /debug/sessions", await client.GetAsync("/debug/sessions", cancellationToken)));
            anonymous.Add((name, "GET /debug/runtime?gc=true", await client.GetAsync("/debug/runtime?gc=true", cancellationToken)));
            anonymous.Add((name, "GET /profile", await client.GetAsync("/profile", cancellationToken)));
        }

        context.Step($"{guesses} wrong passwords for {Target} from {Address(61, 1)}, then the right one from there; then {Target} from {Address(62, 1)}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var guesser = context.Client(tokens.BaseAddress, Address(61, 1), cookies: false);
        var guessed = new List<Exchange>();
        for (var i = 0; i < guesses; i++)
        {
            guessed.Add(await guesser.LoginAsync(Target, cancellationToken, NewPassword()));
        }

        var guesserRight = await guesser.LoginAsync(Target, cancellationToken, passwords[Target]);
        var realUser = await context.Client(tokens.BaseAddress, Address(62, 1), cookies: false).LoginAsync(Target, cancellationToken, passwords[Target]);

        context.Step($"up to {spread} wrong passwords for {Target}, each from a fresh address, until refused; then {Target} and {Other} with their right passwords from fresh addresses");
        var spreadReplies = new List<Exchange>();
        for (var i = 0; i < spread; i++)
        {
            var reply = await context.Client(tokens.BaseAddress, Address(63, i + 1), cookies: false).LoginAsync(Target, cancellationToken, NewPassword());
            spreadReplies.Add(reply);
            if (reply.Status == 429)
            {
                break;
            }
        }

        var guessingSeconds = clock.Elapsed.TotalSeconds;
        var targetAfter = await context.Client(tokens.BaseAddress, Address(64, 1), cookies: false).LoginAsync(Target, cancellationToken, passwords[Target]);
        var otherAfter = await context.Client(tokens.BaseAddress, Address(64, 2), cookies: false).LoginAsync(Other, cancellationToken, passwords[Other]);
        var ownDevice = context.Client(tokens.BaseAddress, Address(64, 3), cookies: false);
        ownDevice.SetHeader("Cookie", realUser.SetCookies.FirstOrDefault(c => c.StartsWith("login_device=", StringComparison.Ordinal))?.Split(';')[0]);
        var ownDeviceAfter = await ownDevice.LoginAsync(Target, cancellationToken, passwords[Target]);

        context.Step($"{Other} logs in on the redis backend; with write access to Redis, the record of {Other}'s session is edited to {Target}'s user id, and a session is made up under an id of the right shape");
        var forgery = await ForgeAsync(context, sessions.BaseAddress, passwords[Other], cancellationToken);

        context.Step("search every file of the run (backend, store and balancer logs) for the keys and the passwords");
        var scan = context.Topology.ScanLogsForSecrets(passwords.Select(p => ($"{p.Key}'s password", p.Value)));

        return new ProductionPostureFacts(anonymous, login.ClientBurst, login.UserBurst, login.RefillInterval, guessingSeconds, guessed, guesserRight, realUser, spreadReplies, targetAfter, otherAfter, ownDeviceAfter, forgery, scan);
    }

    protected override void Tabulate(ExperimentContext context, ProductionPostureFacts facts)
    {
        AddTables(context, facts);
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(ProductionPostureFacts facts)
    {
        var instruments = facts.Anonymous.Where(a => !a.Request.EndsWith("/profile", StringComparison.Ordinal)).ToList();
        var profiles = facts.Anonymous.Where(a => a.Request.EndsWith("/profile", StringComparison.Ordinal)).ToList();
        var granted = facts.Anonymous.Where(a => a.Reply.IsOk).Select(a => $"{a.Backend} {a.Request}").ToList();
        yield return H1.Holds(instruments.Count > 0 && instruments.All(a => a.Reply.Status == 404) && profiles.All(a => a.Reply.Status == 401), $"Lab instruments: {ProductionPostureFacts.Statuses(instruments.Select(a => a.Reply))} ({instruments.Count} requests on 2 backends); /profile without credentials: {ProductionPostureFacts.Statuses(profiles.Select(a => a.Reply))}."
            + (granted.Count > 0 ? $" Granted: {string.Join(", ", granted)}." : string.Empty));

        var unauthorized = facts.Guesses.TakeWhile(g => g.Status == 401).Count();
        var cutOff = unauthorized <= facts.ClientBurst && facts.Guesses.Skip(unauthorized).Any() && facts.Guesses.Skip(unauthorized).All(g => g.Status == 429);
        var h2Evidence = $"{facts.Guesses.Count} wrong passwords from one address: {ProductionPostureFacts.Statuses(facts.Guesses)} (its budget: {facts.ClientBurst}); then the right password from it: {facts.GuesserRightPassword.Describe()}; the real user from another address: {facts.RealUserMeanwhile.Describe()}.";
        yield return facts.Guesses.Count <= facts.ClientBurst
            ? H2.Inconclusive($"Only {facts.Guesses.Count} guesses, within the budget. {h2Evidence}")
            : H2.Holds(cutOff && facts.GuesserRightPassword.Status == 429 && facts.RealUserMeanwhile.IsOk, h2Evidence);

        var spentBefore = facts.Guesses.Count(g => g.Status == 401);
        var refusedAt = facts.Spread.Count > 0 && facts.Spread[^1].Status == 429 ? facts.Spread.Count : (int?)null;
        var h3Evidence = $"After the {spentBefore} failures from the first address, {facts.Spread.Count} wrong passwords from fresh addresses: {ProductionPostureFacts.Statuses(facts.Spread)}; the username's budget allows {facts.UserAllowance} over the {facts.GuessingSeconds:0.0} s of guessing (burst {facts.UserBurst}, one back every {facts.Refill.TotalSeconds:0.#} s); then the user's right password from a fresh address: {facts.TargetAfterSpread.Describe()}, from its own device (login-device cookie, a fresh address): {facts.OwnDeviceAfterSpread.Describe()}, another user's: {facts.OtherUserAfterSpread.Describe()}.";
        yield return H3.Holds(refusedAt is not null && spentBefore + refusedAt - 1 <= facts.UserAllowance && facts.OtherUserAfterSpread.IsOk && facts.OwnDeviceAfterSpread.IsOk, h3Evidence);

        var f = facts.Forgery;
        var h4Evidence = $"Genuine session (control): {f.Genuine.Describe()}; its record edited to another user ({(f.EditWritten ? "written" : "not written")}): {f.AfterEdit.Describe()}; a session made up in Redis ({(f.MadeUpWritten ? "written" : "not written")}): {f.MadeUp.Describe()}.";
        yield return !f.Genuine.IsOk || !f.EditWritten || !f.MadeUpWritten
            ? H4.Inconclusive($"The forgery could not be tried. {h4Evidence}")
            : H4.Holds(f.AfterEdit.Status == 401 && f.MadeUp.Status == 401, h4Evidence);

        var scan = facts.Logs;
        yield return scan.Files == 0
            ? H5.Inconclusive("The run folder had no files to search.")
            : H5.Holds(scan.Hits.Count == 0, scan.Hits.Count == 0
                    ? $"{scan.Files} files ({scan.Lines:N0} lines) searched for {string.Join(", ", scan.Searched)}: none found."
                    : $"Found: {string.Join("; ", scan.Hits.Take(5).Select(h => $"{h.Secret} in {h.File} line {h.Line}"))}{(scan.Hits.Count > 5 ? $" and {scan.Hits.Count - 5} more" : string.Empty)}.");
    }

    private static async Task<ForgeryFacts> ForgeAsync(ExperimentContext context, Uri backend, string password, CancellationToken cancellationToken)
    {
        var owner = context.Client(backend, Address(65, 1), cookies: true);
        var login = await owner.LoginAsync(Other, cancellationToken, password);
        var genuine = await owner.GetAsync("/profile", cancellationToken);
        var edited = false;
        if (login.SessionIdSet is { } id && await context.Redis.GetAsync(RedisSessionStore.KeyOf(id).ToString()) is { } value
            && JsonNode.Parse(value) is JsonObject record)
        {
            record["user_id"] = DemoUserDirectory.UserIdOf(Target);
            record["username"] = Target;
            edited = await context.Redis.SetAsync(RedisSessionStore.KeyOf(id).ToString(), record.ToJsonString(), TimeSpan.FromMinutes(5));
        }

        var afterEdit = await owner.GetAsync("/profile", cancellationToken);

        var madeUpId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SessionIds.EntropyBytes + SessionIds.TagBytes));
        var madeUpRecord = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["session_id"] = madeUpId,
            ["user_id"] = DemoUserDirectory.UserIdOf(Target),
            ["username"] = Target,
            ["created_at"] = DateTimeOffset.UtcNow,
            ["mac"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
        });
        var madeUpWritten = await context.Redis.SetAsync(RedisSessionStore.KeyOf(madeUpId).ToString(), madeUpRecord, TimeSpan.FromMinutes(5));
        var forger = context.Client(backend, Address(65, 2), cookies: false);
        forger.SetHeader("Cookie", $"{SessionOptions.CookieName}={madeUpId}");
        var madeUp = await forger.GetAsync("/profile", cancellationToken);
        return new ForgeryFacts(genuine, edited, afterEdit, madeUpWritten, madeUp);
    }

    private static void AddTables(ExperimentContext context, ProductionPostureFacts facts)
    {
        context.AddTable(
            "An anonymous client against backends with a users file",
            ["backend", "request", "expected", "observed"],
            facts.Anonymous.Select(a => (IReadOnlyList<string>)[a.Backend, a.Request, a.Request.EndsWith("/profile", StringComparison.Ordinal) ? "401" : "404", a.Reply.Describe()]));
        context.AddTable(
            "Password guessing against the JWT backend (budgets: per address, per username)",
            ["phase", "attempts", "replies", "expected"],
            [
                [$"wrong passwords for {Target} from one address", N(facts.Guesses.Count), ProductionPostureFacts.Statuses(facts.Guesses), $"401 × {facts.ClientBurst}, then 429"],
                ["the right password from that address", "1", facts.GuesserRightPassword.Describe(), "429 (cut off: no hash computed)"],
                [$"{Target} from another address", "1", facts.RealUserMeanwhile.Describe(), "200"],
                [$"wrong passwords for {Target}, each from a fresh address", N(facts.Spread.Count), ProductionPostureFacts.Statuses(facts.Spread), $"401 until the username's budget ({facts.UserBurst}) is spent, then 429"],
                [$"{Target} from a fresh address, right password", "1", facts.TargetAfterSpread.Describe(), "429 (the username is locked until it earns failures back)"],
                [$"{Target} from a fresh address with the login-device cookie of its earlier login", "1", facts.OwnDeviceAfterSpread.Describe(), "200 (a known device is spared the username's budget)"],
                [$"{Other} from a fresh address", "1", facts.OtherUserAfterSpread.Describe(), "200"],
            ]);
        var f = facts.Forgery;
        context.AddTable(
            "Session records written into Redis without the server's key",
            ["record", "written", "GET /profile", "expected"],
            [
                [$"{Other}'s genuine session (control)", "by the backend", f.Genuine.Describe(), "200"],
                [$"{Other}'s record edited to {Target}'s user id", f.EditWritten ? "yes (SET)" : "no", f.AfterEdit.Describe(), "401"],
                ["a session made up under a well-formed id", f.MadeUpWritten ? "yes (SET)" : "no", f.MadeUp.Describe(), "401"],
            ]);
        context.AddTable(
            "Secrets searched for in every file of the run",
            ["files", "lines", "searched for", "found"],
            [[N(facts.Logs.Files), N(facts.Logs.Lines), string.Join(", ", facts.Logs.Searched), facts.Logs.Hits.Count == 0 ? "none" : string.Join("; ", facts.Logs.Hits.Select(h => $"{h.Secret}: {h.File}:{h.Line}"))]]);
    }

    private static Topology.BackendLaunch Production(Topology.BackendLaunch launch, string usersFile, TimeSpan refill) =>
        launch with
        {
            UsersFile = usersFile,
            LabInstruments = false,
            ThrottleExemptNetworks = [],
            Settings = new Dictionary<string, string> { ["Throttle:Login:RefillInterval"] = refill.ToString("c", CultureInfo.InvariantCulture) },
        };

    private static string UsersFile(IReadOnlyDictionary<string, string> passwords) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["users"] = passwords.Select(p => new Dictionary<string, object>
            {
                ["username"] = p.Key,
                ["user_id"] = DemoUserDirectory.UserIdOf(p.Key),
                ["password_hash"] = FileUserDirectory.HashPassword(p.Value),
            }).ToList(),
        });

    private static string NewPassword() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));

    /// <summary>127.N.M.1: every client its own /24, none the lab's own 127.0.0.1.</summary>
    private static IPAddress Address(int n, int m) => new([127, (byte)n, (byte)m, 1]);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
