using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Backend.Common;
using SessionLab.Backend.Redis;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology;
using SessionLab.Topology.Stores.Cluster;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// 6.9 — with sessions in a Redis Cluster of three shards (a primary and a replica each), what share of the sessions
/// becomes unavailable when one shard's primary is killed under load, for how long (until its replica is promoted),
/// do the users on the other shards keep working, are acknowledged logins lost, and does <c>/debug/sessions</c> still
/// list every shard's sessions afterwards? Readers are judged by the shard of their session key; a login also writes its
/// user's index, which may sit on another shard, so logins are counted, not attributed to a shard when they fail.
/// </summary>
internal sealed class ClusterShardFailureExperiment : Experiment<ClusterShardFailureExperiment, ClusterShardFailureFacts>, IJudge<ClusterShardFailureFacts>
{
    /// <summary>Beyond cluster-node-timeout, what a failover may take (the failure report, the replica's election, the client refreshing its slot map).</summary>
    public static readonly TimeSpan FailoverAllowance = TimeSpan.FromSeconds(5);

    /// <summary>The share of sessions one of three shards holds is about a third; the hypothesis accepts this band around it.</summary>
    public const double ShareLow = 0.15;

    /// <inheritdoc cref="ShareLow"/>
    public const double ShareHigh = 0.55;

    private static readonly TimeSpan ReadInterval = TimeSpan.FromMilliseconds(100);

    private static readonly Hypothesis H1 = new("H1", "Killing one shard's primary leaves the other shards untouched: users whose session lives on another shard get no failed request.");

    private static readonly Hypothesis H2 = new("H2", "The killed shard's sessions are served again once its replica is promoted, within cluster-node-timeout + 5 s of the kill, with no backend restarted.");

    private static readonly Hypothesis H3 = new("H3", "Only the killed shard's share of the sessions becomes unavailable, about a third (between 15 % and 55 % of the users), all of them on that shard.");

    private static readonly Hypothesis H4 = new("H4", "With Redis's default asynchronous replication, no login acknowledged during the load is missing after the failover.");

    private static readonly Hypothesis H5 = new("H5", "/debug/sessions is right across shards afterwards: it lists every session the lab holds and checked alive, on all three shards.");

    public override ExperimentInfo Info { get; } = new(
        "6.9",
        6,
        "Cluster shard failure under load",
        "With sessions spread over a Redis Cluster of three shards, what share becomes unavailable when one shard's primary is killed under load, for how long, do the other shards keep working, are acknowledged logins lost, and does /debug/sessions stay right?",
        [H1, H2, H3, H4, H5]);

    protected override async Task<ClusterShardFailureFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var users = context.Parameter("readers", context.Settings.Concurrency ?? (quick ? 18 : 30));
        var writers = context.Parameter("writers", 2);
        var duration = context.Parameter("duration", context.Settings.Duration ?? (quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(14)));
        var killAt = context.Parameter("primary_killed_at", TimeSpan.FromSeconds(2));
        context.Parameter("read_interval_per_reader", ReadInterval);

        ClusterStore cluster;
        bool owned;
        try
        {
            context.Step("the Redis Cluster: the topology's own (--redis cluster), else one started beside it");
            (cluster, owned) = await context.Topology.ClusterAsync(cancellationToken);
        }
        catch (TopologyException e)
        {
            context.Skip($"needs a Redis Cluster (redis-server and redis-cli): {e.Message}");
            return null;
        }

        context.Parameter("cluster", cluster.Settings);
        BackendNode? backend = null;
        try
        {
            context.Step("one extra redis backend on the cluster (every node as a seed)");
            backend = await context.Topology.StartExtraBackendAsync(
                SchemeKind.Redis,
                1,
                "cluster",
                launch => launch with
                {
                    StoreConfiguration = cluster.Configuration,
                    // Long enough that nothing written during the load expires before it is read back (quick mode's TTL is 3 s).
                    SessionTtl = TimeSpan.FromMinutes(10),
                    // Every id listed, so the listing can be checked session by session.
                    Settings = new Dictionary<string, string> { ["Session:MaxListedIds"] = "100000" },
                },
                cancellationToken);
            var pid = backend.ProcessId;
            var before = cluster.View() ?? throw new TopologyException("No cluster node answers CLUSTER NODES.");
            var shards = before.Shards.Select(s => (Name: NameOf(cluster, s.Port), Line: s)).ToList();

            context.Step($"{users} readers log in; each session key's hash slot tells its shard");
            var readers = await LoginAsync(backend.BaseAddress, users, cancellationToken);
            if (readers.Count < users)
            {
                context.JudgeAllInconclusive($"Only {readers.Count} of {users} readers could log in to the backend on the cluster.");
                return null;
            }

            string ShardOf(string sessionId) => before.ShardOf(HashSlot.Of(RedisSessionStore.KeyPrefix + sessionId)) is { } s ? NameOf(cluster, s.Port) : "?";
            var victim = cluster.PrimaryName ?? shards[0].Name;
            context.Recorder.Note(ObservationKind.Note, "readers per shard: " + string.Join(", ", shards.Select(s => $"{s.Name} ({s.Line.SlotText}) {readers.Count(r => ShardOf(r) == s.Name)}")));

            context.Step($"{users} readers (one /profile every {ReadInterval.TotalMilliseconds:0} ms each) and {writers} login writers for {Format.CompactSeconds(duration)} s; kill -9 {victim}, the primary serving slot 0, at {Format.CompactSeconds(killAt)} s");
            await using var watch = await cluster.WatchFailoverAsync(cancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reads = readers.Select(r => Task.Run(() => ReadAsync(backend.BaseAddress, r, stop.Token), CancellationToken.None)).ToArray();
            var writes = AcknowledgedWrites.RunAsync(backend.BaseAddress, revocations: false, writers, "cl-s", stop.Token);
            await Task.Delay(killAt, cancellationToken);
            var killed = Stopwatch.GetTimestamp();
            var killedText = await cluster.KillNodeAsync(victim);
            context.RecordFault(killedText);
            await Task.Delay(duration - killAt, cancellationToken);
            await stop.CancelAsync();
            var readLogs = await Task.WhenAll(reads);
            var writeLog = await writes;

            // The promotion may come after the load if the failover was slow: wait a little for it.
            await Task.WhenAny(watch.Announced, Task.Delay(TimeSpan.FromSeconds(15), cancellationToken));
            var promotion = watch.Announced.IsCompletedSuccessfully ? watch.Announced.Result : null;
            double? promotedAfter = promotion is null ? null : Math.Round((promotion.Timestamp - killed) / (double)Stopwatch.Frequency, 3);
            context.RecordFault(promotion is null ? "no replica took over the killed shard within 15 s of the load's end" : $"{promotion.Message} ({Num(promotedAfter)} s after the kill)");

            context.Step("read back every acknowledged login, by shard");
            var outages = new List<ShardOutage>();
            foreach (var (name, line) in shards)
            {
                var mine = readers.Select((r, i) => (Session: r, Log: readLogs[i])).Where(r => ShardOf(r.Session) == name).ToList();
                var events = mine.SelectMany(r => r.Log.Select(e => (At: (e.At - killed) / (double)Stopwatch.Frequency, Ok: e.Status == 200, Failed: IsFailure(e.Status))));
                var check = await AcknowledgedWrites.CheckAsync(backend.BaseAddress, revocations: false, [.. writeLog.Acknowledged.Where(w => ShardOf(w.Credential) == name)], cancellationToken);
                outages.Add(new ShardOutage(
                    name,
                    line.SlotText,
                    name == victim,
                    mine.Count,
                    mine.Count(r => r.Log.Any(e => e.At >= killed && IsFailure(e.Status))),
                    mine.Sum(r => r.Log.Count),
                    SchemeOutage.From(events, promotedAfter),
                    check));
            }

            context.Recorder.Note(ObservationKind.Note, $"login writes: {writeLog.Acknowledged.Count} acknowledged, {writeLog.Failures.Count} failed");
            await RestoreAsync(context, cluster, cancellationToken);

            context.Step("/debug/sessions on the healthy cluster against the sessions the lab holds");
            var alive = await AliveAsync(backend.BaseAddress, [.. readers, .. writeLog.Acknowledged.Select(w => w.Credential)], cancellationToken);
            var listing = await ListAsync(backend.BaseAddress, alive, shards.Select(s => s.Name).ToList(), ShardOf, cancellationToken);
            return new ClusterShardFailureFacts(cluster.Settings, cluster.NodeTimeout.TotalSeconds, killedText, promotedAfter, promotion?.Message, outages, listing, backend.ProcessId != pid);
        }
        finally
        {
            if (backend is not null)
            {
                await backend.DisposeAsync();
            }

            if (owned)
            {
                await cluster.DisposeAsync();
            }
        }
    }

    protected override void Tabulate(ExperimentContext context, ClusterShardFailureFacts facts)
    {
        context.AddTable(
            "One shard's primary killed under load, by shard (times in s after the kill)",
            ["shard (primary at the start)", "slots", "killed", "readers", "readers with a failure", "requests", "failed requests", "first failure / first success after it", "unavailable (s)", "logins acknowledged / missing afterwards"],
            facts.Shards.Select(s => (IReadOnlyList<string>)
            [
                s.Shard,
                s.Slots,
                s.Killed ? "yes" : "no",
                s.Users.ToString(CultureInfo.InvariantCulture),
                s.UsersWithFailures.ToString(CultureInfo.InvariantCulture),
                s.Requests.ToString(CultureInfo.InvariantCulture),
                s.Reads.Failures.ToString(CultureInfo.InvariantCulture),
                $"{Num(s.Reads.FirstFailureSeconds)} / {Num(s.Reads.RecoveredSeconds)}",
                Num(s.Reads.UnavailableSeconds),
                $"{s.Sessions.Acknowledged} / {s.Sessions.Missing}",
            ]));
        context.AddTable(
            "/debug/sessions after the failover, by shard",
            ["shard", "sessions the lab holds alive", "listed", "held but not listed"],
            [
                .. facts.Listing.Shards.Select(s => (IReadOnlyList<string>)[s.Shard, s.Known.ToString(CultureInfo.InvariantCulture), s.Listed.ToString(CultureInfo.InvariantCulture), s.KnownNotListed.ToString(CultureInfo.InvariantCulture)]),
                ["all (session_count)", facts.Listing.Known.ToString(CultureInfo.InvariantCulture), facts.Listing.Count?.ToString(CultureInfo.InvariantCulture) ?? facts.Listing.Answer, facts.Listing.KnownNotListed.ToString(CultureInfo.InvariantCulture)],
            ]);
        // Keyed by the shard's role, not its address: a shard's address moves with the port offset.
        if (facts.Victim is { } victim && victim.Reads.UnavailableSeconds is { } down)
        {
            context.AddMetric(new Metric(TargetNames.Redis, "killed_shard_unavailable_s", "s", down));
        }

        if (facts.PromotedAfterSeconds is { } promoted)
        {
            context.AddMetric(new Metric(TargetNames.Redis, "replica_promoted_s", "s", promoted));
        }

        context.AddMetric(new Metric(TargetNames.Redis, "other_shards_failed_requests", "requests", facts.Others.Sum(s => (long)s.Reads.Failures)));
        context.AddMetric(new Metric(TargetNames.Redis, "acknowledged_logins", "writes", facts.Shards.Sum(s => s.Sessions.Acknowledged)));
        context.AddMetric(new Metric(TargetNames.Redis, "acknowledged_logins_lost", "writes", facts.Shards.Sum(s => s.Sessions.Missing)));
        context.AddMetric(new Metric(TargetNames.Redis, "live_sessions_not_listed", "sessions", facts.Listing.KnownNotListed));
        if (facts.Shards.Sum(s => s.Sessions.Unknown) > 0)
        {
            context.Anomaly($"{facts.Shards.Sum(s => s.Sessions.Unknown)} acknowledged logins got neither 200 nor 401 when read back five times after the failover.");
        }
    }

    /// <summary>The verdicts from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(ClusterShardFailureFacts facts)
    {
        if (facts.Victim is not { } victim)
        {
            var none = $"No shard's primary was killed ({facts.Killed}).";
            foreach (var h in new[] { H1, H2, H3, H4, H5 })
            {
                yield return h.Inconclusive(none);
            }

            yield break;
        }

        var others = facts.Others.ToList();
        var otherFailures = others.Sum(s => s.Reads.Failures);
        var otherText = string.Join(", ", others.Select(s => $"{s.Shard}: {s.Reads.Failures} of {s.Requests} requests by {s.Users} readers"));
        yield return others.Sum(s => s.Users) == 0
            ? H1.Inconclusive($"No reader's session lived on another shard than {victim.Shard}'s.")
            : H1.Holds(otherFailures == 0, $"Failed requests on the shards not killed: {otherText}; on the killed shard ({victim.Shard}, {victim.Slots}): {victim.Reads.Failures} of {victim.Requests}.");

        var limit = facts.NodeTimeoutSeconds + FailoverAllowance.TotalSeconds;
        var promoted = facts.PromotedAfterSeconds is { } p ? $"another node served its slots {Num(p)} s after the kill" : "no node took over its slots while the lab watched";
        var window = victim.Reads.UnavailableSeconds;
        yield return window is null
            ? H2.Refuted($"{victim.Shard}'s readers got no success after their first failure ({Num(victim.Reads.FirstFailureSeconds)} s after the kill) before the load ended; {promoted}.")
            : H2.Holds(
                window <= limit && !facts.BackendRestarted,
                $"{victim.Shard}'s sessions were unavailable {Num(window)} s (first failure {Num(victim.Reads.FirstFailureSeconds)} s, first success after it {Num(victim.Reads.RecoveredSeconds)} s after the kill); {promoted}; limit {limit:0.###} s (cluster-node-timeout {facts.NodeTimeoutSeconds:0.###} s + {FailoverAllowance.TotalSeconds:0} s); backend {(facts.BackendRestarted ? "restarted" : "not restarted")}.");

        var affected = facts.Shards.Sum(s => s.UsersWithFailures);
        var share = facts.Users == 0 ? 0 : affected / (double)facts.Users;
        var elsewhere = others.Sum(s => s.UsersWithFailures);
        yield return facts.Users == 0
            ? H3.Inconclusive("No reader ran.")
            : H3.Holds(
                share is >= ShareLow and <= ShareHigh && elsewhere == 0,
                string.Create(CultureInfo.InvariantCulture, $"{affected} of {facts.Users} readers ({share:P0}) saw a failure: {victim.UsersWithFailures} of the {victim.Users} on the killed shard, {elsewhere} on the others (readers per shard: {string.Join(", ", facts.Shards.Select(s => $"{s.Shard} {s.Users}"))})."));

        var acknowledged = facts.Shards.Sum(s => s.Sessions.Acknowledged);
        var missing = facts.Shards.Sum(s => s.Sessions.Missing);
        yield return acknowledged == 0
            ? H4.Inconclusive("No login was acknowledged during the load.")
            : H4.Holds(missing == 0, $"Of {acknowledged} acknowledged logins {missing} sessions were missing after the failover ({victim.Sessions.Missing} of the {victim.Sessions.Acknowledged} on the killed shard; {facts.Shards.Sum(s => s.Sessions.Unknown)} unanswered).");

        var listing = facts.Listing;
        var shardsListed = listing.Shards.Count(s => s.Listed > 0);
        yield return listing.Count is null
            ? H5.Refuted($"/debug/sessions gave no listing after the failover: {listing.Answer}.")
            : listing.Known == 0
                ? H5.Inconclusive("The lab held no live session to look for.")
                : H5.Holds(
                    listing.KnownNotListed == 0 && shardsListed == listing.Shards.Count && listing.Count >= listing.Known,
                    $"/debug/sessions counted {listing.Count} sessions; of the {listing.Known} the lab holds alive it missed {listing.KnownNotListed}; by shard (held / listed): {string.Join(", ", listing.Shards.Select(s => $"{s.Shard} {s.Known} / {s.Listed}"))}.");
    }

    /// <summary>Logs in <paramref name="count"/> users (four at a time); returns their session ids.</summary>
    private static async Task<List<string>> LoginAsync(Uri backend, int count, CancellationToken cancellationToken)
    {
        using var http = NewClient(backend);
        var sessions = new List<string>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(4))
        {
            var ids = await Task.WhenAll(chunk.Select(async n =>
            {
                using var login = await http.PostAsJsonAsync("/login", new { username = $"cl-r-{n}", password = "123456" }, cancellationToken);
                return login.IsSuccessStatusCode && login.Headers.TryGetValues("Set-Cookie", out var cookies)
                    ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("session_id=", StringComparison.Ordinal))?["session_id=".Length..]
                    : null;
            }));
            sessions.AddRange(ids.OfType<string>());
        }

        return sessions;
    }

    /// <summary>One reader: <c>/profile</c> with its session every <see cref="ReadInterval"/> until stopped; each answer's status (0: none) and time.</summary>
    private static async Task<List<(long At, int Status)>> ReadAsync(Uri backend, string sessionId, CancellationToken stop)
    {
        using var http = NewClient(backend);
        var log = new List<(long, int)>();
        while (!stop.IsCancellationRequested)
        {
            log.Add((Stopwatch.GetTimestamp(), await StatusAsync(http, sessionId, CancellationToken.None)));
            try
            {
                await Task.Delay(ReadInterval, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return log;
    }

    /// <summary>The sessions among <paramref name="sessionIds"/> the backend serves now (200 to <c>/profile</c>, asked up to three times).</summary>
    private static async Task<List<string>> AliveAsync(Uri backend, IReadOnlyList<string> sessionIds, CancellationToken cancellationToken)
    {
        using var http = NewClient(backend);
        var alive = new List<string>();
        foreach (var id in sessionIds)
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var status = await StatusAsync(http, id, cancellationToken);
                if (status == 200)
                {
                    alive.Add(id);
                }

                if (status is 200 or 401)
                {
                    break;
                }

                await Task.Delay(200, cancellationToken);
            }
        }

        return alive;
    }

    private static async Task<SessionListingCheck> ListAsync(Uri backend, IReadOnlyList<string> alive, IReadOnlyList<string> shards, Func<string, string> shardOf, CancellationToken cancellationToken)
    {
        using var http = NewClient(backend);
        try
        {
            using var response = await http.GetAsync("/debug/sessions", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new SessionListingCheck(null, $"answered {(int)response.StatusCode}", Empty(shards, alive, shardOf));
            }

            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
            var listed = json.GetProperty("session_ids").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
            return new SessionListingCheck(
                json.GetProperty("session_count").GetInt64(),
                "200",
                [.. shards.Select(s => new ShardListing(s, alive.Count(a => shardOf(a) == s), listed.Count(l => shardOf(l) == s), alive.Count(a => shardOf(a) == s && !listed.Contains(a))))]);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new SessionListingCheck(null, $"{e.GetType().Name}: {e.Message}", Empty(shards, alive, shardOf));
        }
    }

    private static List<ShardListing> Empty(IReadOnlyList<string> shards, IReadOnlyList<string> alive, Func<string, string> shardOf) =>
        [.. shards.Select(s => new ShardListing(s, alive.Count(a => shardOf(a) == s), 0, alive.Count(a => shardOf(a) == s)))];

    /// <summary>Starts the killed node again (it rejoins as its successor's replica) and waits until the cluster is healthy, for the next experiment.</summary>
    private static async Task RestoreAsync(ExperimentContext context, ClusterStore cluster, CancellationToken cancellationToken)
    {
        foreach (var node in cluster.Nodes().Where(n => !n.IsRunning))
        {
            context.RecordFault(await context.Topology.StartStoreNodeAsync(cluster, node.Name, cancellationToken));
        }

        try
        {
            await cluster.WaitHealthyAsync(TimeSpan.FromSeconds(30), cancellationToken);
            context.Recorder.Note(ObservationKind.Note, "the cluster is healthy again: " + string.Join("; ", cluster.Nodes().Select(n => $"{n.Name} {n.Role}")));
        }
        catch (TopologyException e)
        {
            context.Anomaly($"After the failover the cluster did not become healthy again: {e.Message}");
        }
    }

    private static async Task<int> StatusAsync(HttpClient http, string sessionId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/profile");
        request.Headers.Add("Cookie", $"session_id={sessionId}");
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

    /// <summary>A 5xx or no answer; a 401 is the session gone, which the read-back counts, not an outage.</summary>
    private static bool IsFailure(int status) => status is 0 or >= 500;

    private static string NameOf(ClusterStore cluster, int port) => cluster.Nodes().FirstOrDefault(n => n.Port == port)?.Name ?? port.ToString(CultureInfo.InvariantCulture);

    private static HttpClient NewClient(Uri backend) =>
        new(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { BaseAddress = backend, Timeout = TimeSpan.FromSeconds(3) };

    private static string Num(double? seconds) => seconds is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
