using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Jwt;
using SessionLab.Backend.Redis;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology;
using SessionLab.Topology.Stores;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// 6.6 — the plan's outage (2.3) loses every session because Redis runs without persistence. Does an append-only file
/// (<c>appendfsync everysec</c>) keep sessions and revocations across a kill -9, with their remaining TTLs?
/// </summary>
internal sealed class PersistenceExperiment : Experiment<PersistenceExperiment, PersistenceRuns>, IJudge<PersistenceRuns>
{
    private const string Profile = "/profile";

    private static readonly Hypothesis H1 = new("H1", "With AOF, every session written more than a second before the kill survives the restart.");

    private static readonly Hypothesis H2 = new("H2", "With AOF, sessions keep their remaining TTL: after the restart it is the TTL before minus the time that passed (not reset, not gone).");

    private static readonly Hypothesis H3 = new("H3", "Without persistence, every session is lost with the restart.");

    private static readonly Hypothesis H4 = new("H4", "With AOF a revocation survives the restart (the revoked token is still refused); without persistence it is lost and the token is accepted again.");

    public override ExperimentInfo Info { get; } = new(
        "6.6",
        6,
        "Redis persistence across a restart",
        "Do sessions and revocations survive a kill -9 of Redis when it keeps an append-only file (fsync every second), with their remaining TTLs — and are they lost without one?",
        [H1, H2, H3, H4]);

    protected override async Task<PersistenceRuns?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var users = context.Parameter("sessions_per_store", quick ? 20 : 200);
        var sessionTtl = context.Parameter("session_ttl", TimeSpan.FromMinutes(10));
        var fsyncWait = context.Parameter("wait_before_kill", TimeSpan.FromSeconds(1.5));
        var reconnectLimit = context.Parameter("reconnect_limit", TimeSpan.FromSeconds(10));
        if (!context.Topology.CanStartStores)
        {
            context.Skip("the store is an external Redis: the lab cannot start stores of its own or kill them");
            return null;
        }

        context.Step($"start two extra {context.Topology.Store.Description} stores, one without persistence and one with AOF (fsync every second); each gets a redis backend and a JWT backend with revocation on");
        await using var plain = await Arm.StartAsync(context, 1, "no persistence", StorePersistence.None, sessionTtl, cancellationToken);
        await using var aof = await Arm.StartAsync(context, 2, "AOF, fsync every second", StorePersistence.AppendOnly, sessionTtl, cancellationToken);
        Arm[] arms = [plain, aof];

        context.Step($"on each: {users} users log in to the redis backend; one JWT user logs in and out (its token is revoked); read the TTL of three session keys");
        foreach (var arm in arms)
        {
            await arm.LogInAsync(context, users, cancellationToken);
        }

        await context.WaitAsync(fsyncWait, "appendfsync everysec writes to disk at most a second after the command", cancellationToken);

        context.Step("kill -9 both stores, then start them again on the same ports (the AOF store replays its file)");
        foreach (var arm in arms)
        {
            context.RecordFault(await arm.KillAndRestartAsync(context.Faults, cancellationToken));
        }

        context.Step($"read the sampled TTLs again; then every user's {Profile} and the revoked token, once each backend reaches its store again (at most {reconnectLimit.TotalSeconds:0} s)");
        var facts = new List<PersistenceFacts>();
        foreach (var arm in arms)
        {
            facts.Add(await arm.MeasureAsync(context, reconnectLimit, cancellationToken));
        }

        return new PersistenceRuns(facts[0], facts[1]);
    }

    protected override void Tabulate(ExperimentContext context, PersistenceRuns runs)
    {
        PersistenceFacts[] facts = [runs.Plain, runs.Aof];
        context.AddTable(
            "Sessions and a revocation across kill -9 and restart of the store",
            ["store", "sessions", "kept (200)", "lost (401)", "other", "restart until PING (ms)", "revoked token after the restart"],
            facts.Select(f => (IReadOnlyList<string>)
            [
                f.Store,
                f.Sessions.ToString(CultureInfo.InvariantCulture),
                f.Kept.ToString(CultureInfo.InvariantCulture),
                f.Lost.ToString(CultureInfo.InvariantCulture),
                f.Other.ToString(CultureInfo.InvariantCulture),
                f.RestartMs.ToString("0", CultureInfo.InvariantCulture),
                f.RevokedAfter switch { 401 => "401 (still revoked)", 200 => "200 (accepted again)", null => "no reply from the store", var s => s.Value.ToString(CultureInfo.InvariantCulture) },
            ]));
        context.AddTable(
            "Remaining TTL of sampled session keys",
            ["store", "key", "TTL before the kill → after the restart", "kept?"],
            facts.SelectMany(f => f.Ttls.Select(t => (IReadOnlyList<string>)[f.Store, t.Key, t.Describe(), t.IsRemainingKept ? "yes" : "no"])));
        foreach (var f in facts)
        {
            FaultMetrics.AddSessions(context, TargetNames.Redis, f.Sessions, f.Kept, f.Lost, f.Store);
            context.AddMetric(new Metric(TargetNames.Redis, FaultMetrics.Name("restart_until_ping_ms", f.Store), "ms", Math.Round(f.RestartMs, 1)));
            if (f.RevokedAfter is { } status)
            {
                // 1 when the token revoked before the restart was accepted again after it (the blacklist was lost).
                context.AddMetric(new Metric(TargetNames.JwtRevocation, FaultMetrics.Name("revoked_token_accepted_after_restart", f.Store), "count", status == 200 ? 1 : 0));
            }
        }
    }

    /// <summary>The verdicts from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(PersistenceRuns runs) => Judge(runs.Plain, runs.Aof);

    internal static IEnumerable<HypothesisVerdict> Judge(PersistenceFacts plain, PersistenceFacts aof)
    {
        yield return aof.Sessions == 0
            ? H1.Inconclusive("No session was logged in on the AOF store.")
            : H1.Holds(aof.Kept == aof.Sessions, $"{aof.Kept} of {aof.Sessions} sessions answered 200 after the restart ({aof.Lost} lost, {aof.Other} other); replaying the file took the store {aof.RestartMs:0} ms to answer PING.");

        yield return aof.Ttls.Count == 0
            ? H2.Inconclusive("No TTL was sampled on the AOF store.")
            : H2.Holds(aof.TtlsKept == aof.Ttls.Count, $"{aof.TtlsKept} of {aof.Ttls.Count} sampled keys kept their remaining TTL (±{PersistenceFacts.TtlTolerance.TotalSeconds:0} s): {string.Join("; ", aof.Ttls.Select(t => t.Describe()))}.");

        yield return plain.Sessions == 0
            ? H3.Inconclusive("No session was logged in on the store without persistence.")
            : H3.Holds(plain.Lost == plain.Sessions, $"{plain.Lost} of {plain.Sessions} sessions answered 401 after the restart ({plain.Kept} kept, {plain.Other} other).");

        yield return aof.RevokedAfter is null || plain.RevokedAfter is null
            ? H4.Inconclusive("A JWT backend did not reach its store again within the limit.")
            : H4.Holds(aof.RevokedAfter == 401 && plain.RevokedAfter == 200, $"After the restart the revoked token got {aof.RevokedAfter} with AOF and {plain.RevokedAfter} without persistence.");
    }

    /// <summary>One side of the comparison: a store, a redis backend and a JWT backend on it, and what was logged in.</summary>
    private sealed class Arm(string name, bool persistent, IRunningStore store, BackendNode redis, BackendNode jwt, LabRedis reader) : IAsyncDisposable
    {
        private readonly List<string> _sessions = [];
        private readonly List<(string Key, TimeSpan Ttl, long At)> _before = [];
        private LabClient? _jwtClient;
        private string? _revoked;
        private double _restartMs;

        public static async Task<Arm> StartAsync(ExperimentContext context, int index, string name, StorePersistence persistence, TimeSpan sessionTtl, CancellationToken cancellationToken)
        {
            var topology = context.Topology;
            var store = await topology.StartExtraStoreAsync(index, persistence == StorePersistence.None ? "store-plain" : "store-aof", persistence, cancellationToken);
            var group = persistence == StorePersistence.None ? "plain" : "aof";
            try
            {
                var redis = await topology.StartExtraBackendAsync(SchemeKind.Redis, (2 * index) + 1, $"redis-{group}", l => l with { StoreConfiguration = store.Configuration, SessionTtl = sessionTtl }, cancellationToken);
                var jwt = await topology.StartExtraBackendAsync(SchemeKind.Jwt, (2 * index) + 2, $"jwt-{group}", l => l with { StoreConfiguration = store.Configuration, Revocation = RevocationMode.On }, cancellationToken);
                return new Arm(name, persistence != StorePersistence.None, store, redis, jwt, new LabRedis(store.Configuration, context.Recorder));
            }
            catch
            {
                await store.DisposeAsync();
                throw;
            }
        }

        public async Task LogInAsync(ExperimentContext context, int users, CancellationToken cancellationToken)
        {
            var login = await BulkLogin.RunAsync(redis.BaseAddress, users, Math.Min(users, 8), cancellationToken, userPrefix: "persist");
            _sessions.AddRange(login.Credentials.OfType<string>());
            context.Recorder.Note(ObservationKind.Note, $"{name}: {_sessions.Count} of {users} users logged in on {redis.Name}");

            _jwtClient = context.Client(jwt.BaseAddress, cookies: false);
            _revoked = (await _jwtClient.LoginAsync("revoked-user", cancellationToken)).Property("token");
            if (_revoked is not null)
            {
                await _jwtClient.PostJsonAsync("/logout", null, cancellationToken, bearer: _revoked);
            }

            foreach (var id in Sample(_sessions))
            {
                var key = RedisSessionStore.KeyPrefix + id;
                if (await reader.TtlAsync(key) is { } ttl)
                {
                    _before.Add((key, ttl, Stopwatch.GetTimestamp()));
                }
            }
        }

        public async Task<string> KillAndRestartAsync(Faults.FaultController faults, CancellationToken cancellationToken)
        {
            var (description, restart) = await faults.KillAndRestartStoreAsync(store, name, cancellationToken);
            _restartMs = restart.TotalMilliseconds;
            return description;
        }

        public async Task<PersistenceFacts> MeasureAsync(ExperimentContext context, TimeSpan reconnectLimit, CancellationToken cancellationToken)
        {
            // TTLs first: a /profile would slide them back to the full TTL.
            var ttls = new List<TtlSample>();
            if (!await reader.WaitUntilAnsweringAsync(reconnectLimit, cancellationToken))
            {
                context.Anomaly($"{name}: the lab's own Redis client did not reconnect within {reconnectLimit.TotalSeconds:0} s, so the TTLs after the restart read as missing.");
            }

            foreach (var (key, before, at) in _before)
            {
                var after = await reader.TtlAsync(key);
                ttls.Add(new TtlSample(key.Length > 20 ? $"{key[..20]}…" : key, before, after, Stopwatch.GetElapsedTime(at)));
            }

            var statuses = await ProfileStatusesAsync(reconnectLimit, cancellationToken);
            int? revokedAfter = _jwtClient is not null && _revoked is not null ? await RevokedTokenProbe.ReplyFromStoreAsync(_jwtClient, _revoked, reconnectLimit, cancellationToken) : null;
            context.Recorder.Note(ObservationKind.Note, $"{name}: /profile after the restart: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}");
            return new PersistenceFacts(name, persistent, _sessions.Count, statuses.GetValueOrDefault(200), statuses.GetValueOrDefault(401), ttls, _restartMs, revokedAfter);
        }

        public async ValueTask DisposeAsync()
        {
            reader.Dispose();
            await jwt.DisposeAsync();
            await redis.DisposeAsync();
            await store.DisposeAsync();
        }

        private static IEnumerable<string> Sample(List<string> ids) =>
            ids.Count == 0 ? [] : new[] { ids[0], ids[ids.Count / 2], ids[^1] }.Distinct();

        /// <summary>Every session's /profile once the backend answers from the store again (the first one is retried past 503s while it reconnects).</summary>
        private async Task<Dictionary<int, int>> ProfileStatusesAsync(TimeSpan reconnectLimit, CancellationToken cancellationToken)
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 8 }) { BaseAddress = redis.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            if (_sessions.Count == 0)
            {
                return [];
            }

            var watch = Stopwatch.StartNew();
            while (await StatusAsync(http, _sessions[0], cancellationToken) is 503 or 0 && watch.Elapsed < reconnectLimit)
            {
                await Task.Delay(100, cancellationToken);
            }

            var statuses = new ConcurrentDictionary<int, int>();
            await Parallel.ForEachAsync(_sessions, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
                statuses.AddOrUpdate(await StatusAsync(http, id, ct), 1, (_, n) => n + 1));
            return new Dictionary<int, int>(statuses);
        }

        private static async Task<int> StatusAsync(HttpClient http, string sessionId, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Profile);
            request.Headers.TryAddWithoutValidation("Cookie", $"{SessionLab.Backend.Sessions.SessionOptions.CookieName}={sessionId}");
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                return (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
        }
    }
}

/// <summary>What 6.6 observed on the store without and with an append-only file.</summary>
internal sealed record PersistenceRuns(PersistenceFacts Plain, PersistenceFacts Aof);
