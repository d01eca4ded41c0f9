using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Redis;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology.Processes;

namespace SessionLab.Experiments.Performance;

/// <summary>4.3 — what does each scheme cost in memory and CPU for many active sessions?</summary>
internal sealed class ResourcesExperiment : Experiment<ResourcesExperiment, ResourceFacts>, IJudge<ResourceFacts>
{
    /// <summary>Below this many bytes per session a cost is indistinguishable from measurement noise.</summary>
    internal const double NoiseBytesPerSession = 16;

    private const int Projection = 1_000_000;

    public override ExperimentInfo Info { get; } = new(
        "4.3",
        4,
        "Resources",
        "What does each scheme cost in memory and CPU for many active sessions?",
        [
            new("H1", "A sticky session costs memory on the backend that holds it (the plan: about 500 B each)."),
            new("H2", "A Redis session costs Redis memory, not backend memory (the plan: about 300 B each)."),
            new("H3", "A JWT session costs no server memory at all."),
        ]);

    protected override async Task<ResourceFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var sessions = context.Parameter("sessions", context.Settings.Quick ? 1_000 : 10_000);
        var parallelism = context.Parameter("login_parallelism", 32);

        context.Step("CPU of every process while idle");
        var idleCpu = await MeasureCpuAsync(context, context.Settings.Wait(TimeSpan.FromSeconds(5)), cancellationToken);

        context.Step($"{sessions:N0} sticky sessions on one sticky backend: its managed heap and RSS before and after");
        var sticky = await MeasureBackendSessionsAsync(context, SchemeKind.Sticky, sessions, parallelism, viaBalancer: false, cancellationToken);

        context.Step($"{sessions:N0} Redis sessions via the round-robin balancer: Redis used_memory and a backend's heap before and after");
        var redis = await MeasureBackendSessionsAsync(context, SchemeKind.Redis, sessions, parallelism, viaBalancer: true, cancellationToken);

        context.Step($"{sessions:N0} JWT logins via the round-robin balancer: token size, Redis used_memory and a backend's heap");
        var jwt = await MeasureBackendSessionsAsync(context, SchemeKind.Jwt, sessions, parallelism, viaBalancer: true, cancellationToken);

        var facts = new ResourceFacts(sessions, sticky, redis, jwt);
        context.AddTable(
            $"Memory for {sessions:N0} active sessions",
            ["scheme", "state lives in", "bytes per session (marginal, measured)", "backend RSS delta per session", "logins failed", $"projection for {Projection:N0} users"],
            [
                Row("sticky", "backend memory (managed heap)", facts.StickyBytesPerSession, sticky),
                Row("redis", "Redis (used_memory)", facts.RedisBytesPerSession, redis),
                Row("jwt", "the client (token)", facts.JwtServerBytesPerSession, jwt),
            ]);
        context.AddTable(
            "Per-session details",
            ["measure", "value"],
            [
                ["sticky: managed heap delta on the holding backend", Bytes(sticky.BackendHeapDelta)],
                ["redis: used_memory delta", Bytes(redis.StoreDelta)],
                ["redis: MEMORY USAGE of one session key", redis.SampleKeyBytes is { } key ? $"{key} B" : "not reported by this store"],
                ["redis: managed heap delta on one redis backend", Bytes(redis.BackendHeapDelta)],
                ["jwt: mean token size", jwt.MeanCredentialBytes is { } size ? $"{size:0} B" : "no token"],
                ["jwt: used_memory delta", Bytes(jwt.StoreDelta)],
                ["jwt: managed heap delta on one jwt backend", Bytes(jwt.BackendHeapDelta)],
            ]);
        context.AddTable(
            "CPU while idle (percent of one core)",
            ["process", "pid", "CPU %"],
            idleCpu.Select(c => (IReadOnlyList<string>)[c.Name, c.ProcessId.ToString(CultureInfo.InvariantCulture), c.Percent.ToString("0.0", CultureInfo.InvariantCulture)]));
        context.AddChart(new ChartSeries(
            "memory per session",
            "scheme",
            "bytes per session",
            [new ChartPoint(0, facts.StickyBytesPerSession ?? 0, "sticky"), new ChartPoint(1, facts.RedisBytesPerSession ?? 0, "redis"), new ChartPoint(2, facts.JwtServerBytesPerSession ?? 0, "jwt")]));

        foreach (var miss in MissedTargets(facts))
        {
            context.Anomaly(miss);
        }

        return facts;
    }

    /// <summary>Our memory targets (sticky ≤ 400 B of managed heap, Redis ≤ 200 B of used_memory), explained where missed.</summary>
    internal static IEnumerable<string> MissedTargets(ResourceFacts facts)
    {
        if (facts.StickyBytesPerSession is > 400 and var sticky)
        {
            yield return $"Sticky sessions cost {sticky:0} B of managed heap each, above the 400 B target: the id string (43 chars), the entry object and the dictionary node are the floor; a username per session adds its own string.";
        }

        if (facts.RedisBytesPerSession is > 200 and var redis)
        {
            var key = facts.Redis.SampleKeyBytes is { } k ? $"MEMORY USAGE puts the key and its value at {k} B; " : string.Empty;
            yield return $"Redis sessions cost {redis:0} B of used_memory each, above the 200 B target: {key}the rest is Redis's own bookkeeping per key with a TTL (the main dictionary entry, the expires dictionary entry, allocator size classes). The value is the plan's JSON (session_id, user_id, username, created_at, about 120 B); a binary encoding could save some 60 B, the per-key overhead stays.";
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(ExperimentInfo info, ResourceFacts facts)
    {
        var h1 = info["H1"];
        yield return facts.StickyBytesPerSession is not { } sticky
            ? h1.Inconclusive("The sticky backend's memory could not be read.")
            : h1.Holds(sticky > NoiseBytesPerSession, $"Each of {facts.Sticky.Sessions:N0} sessions (after {facts.Sessions - facts.Sticky.Sessions:N0} others and a warm-up) added {sticky:0} B to the holding backend's live managed heap (the plan expected about 500 B; our target is at most 400 B).");

        var h2 = info["H2"];
        yield return facts.RedisBytesPerSession is not { } redis
            ? h2.Inconclusive("The store does not report used_memory, so its cost per session could not be measured.")
            : new(h2.Id, h2.Statement,
                redis > NoiseBytesPerSession && Math.Abs(facts.Redis.BackendHeapPerSession ?? 0) < Math.Max(NoiseBytesPerSession, redis / 10) ? Verdict.Confirmed : Verdict.Refuted,
                $"Redis used_memory grew by {redis:0} B per session (the plan expected about 300 B; our target is at most 200 B) while a redis backend's heap changed by {facts.Redis.BackendHeapPerSession ?? 0:0} B per session.");

        var h3 = info["H3"];
        var jwtHeap = facts.Jwt.BackendHeapPerSession;
        var jwtStore = facts.Jwt.StorePerSession;
        yield return jwtHeap is null
            ? h3.Inconclusive("The JWT backend's memory could not be read.")
            : new(h3.Id, h3.Statement,
                Math.Abs(jwtHeap.Value) < NoiseBytesPerSession && Math.Abs(jwtStore ?? 0) < NoiseBytesPerSession ? Verdict.Confirmed : Verdict.Refuted,
                $"{facts.Jwt.Sessions:N0} more JWT logins changed a backend's heap by {jwtHeap:0} B and Redis by {jwtStore ?? 0:0} B per login; the state travels in a {facts.Jwt.MeanCredentialBytes ?? 0:0}-byte token instead.");
    }

    private static async Task<SessionCost> MeasureBackendSessionsAsync(ExperimentContext context, SchemeKind scheme, int sessions, int parallelism, bool viaBalancer, CancellationToken cancellationToken)
    {
        var backend = context.Topology.BackendsOf(scheme).First();
        var target = viaBalancer ? context.Topology.BalancerAddress(scheme) : backend.BaseAddress;

        // Warm up, then measure the MARGINAL cost: the heap after a first half of the logins against the heap after the
        // second half. One-time growth (JIT, Kestrel's and the libraries' buffer pools) lands in the first half, so only
        // what every session keeps alive shows in the difference.
        await BulkLogin.RunAsync(target, Math.Max(parallelism * 4, sessions / 20), parallelism, cancellationToken, userPrefix: "warmup");
        var half = sessions / 2;
        var first = await BulkLogin.RunAsync(target, half, parallelism, cancellationToken, userPrefix: "first");
        var storeBefore = await context.Redis.UsedMemoryAsync();
        var heapBefore = await RuntimeProbe.ReadAsync(context, backend.BaseAddress, cancellationToken);
        var result = await BulkLogin.RunAsync(target, sessions - half, parallelism, cancellationToken);
        sessions -= half;
        context.Recorder.Note(ObservationKind.Note, $"{SchemeNames(scheme)}: {half - first.Failures} + {sessions - result.Failures} logins at {target} in {(first.Elapsed + result.Elapsed).TotalSeconds:0.00} s ({first.Failures + result.Failures} failed); memory compared across the second {sessions}");
        var heapAfter = await RuntimeProbe.ReadAsync(context, backend.BaseAddress, cancellationToken);
        var storeAfter = await context.Redis.UsedMemoryAsync();
        var sample = result.Credentials.FirstOrDefault(c => c is not null);
        long? sampleKeyBytes = scheme == SchemeKind.Redis && sample is not null ? await context.Redis.MemoryUsageAsync(RedisSessionStore.KeyPrefix + sample) : null;
        var tokens = result.Credentials.Where(c => c is not null).ToList();
        return new SessionCost(
            sessions - result.Failures,
            result.Failures + first.Failures,
            heapBefore is not null && heapAfter is not null ? heapAfter.ManagedHeapBytes - heapBefore.ManagedHeapBytes : null,
            heapBefore is not null && heapAfter is not null ? heapAfter.WorkingSetBytes - heapBefore.WorkingSetBytes : null,
            storeBefore is not null && storeAfter is not null ? storeAfter - storeBefore : null,
            sampleKeyBytes,
            scheme == SchemeKind.Jwt && tokens.Count > 0 ? tokens.Average(t => t!.Length) : null,
            viaBalancer ? context.Topology.BackendsOf(scheme).Count() : 1);
    }

    private static async Task<List<ProcessCpu>> MeasureCpuAsync(ExperimentContext context, TimeSpan period, CancellationToken cancellationToken)
    {
        var processes = context.Faults.Status().Where(s => s.ProcessId is not null).GroupBy(s => s.ProcessId!.Value).Select(g => (Pid: g.Key, Name: string.Join(" + ", g.Select(s => s.Component)))).ToList();
        var before = processes.Select(p => (p.Name, Usage: ProcessUsage.Read(p.Pid))).ToList();
        await context.WaitAsync(period, "measure idle CPU", cancellationToken);
        var result = new List<ProcessCpu>();
        foreach (var (name, usage) in before)
        {
            if (usage is { } start && ProcessUsage.Read(start.ProcessId) is { } end)
            {
                result.Add(new ProcessCpu(name, start.ProcessId, ProcessUsage.CpuPercent(start, end)));
            }
        }

        return result;
    }

    private static string SchemeNames(SchemeKind scheme) => Topology.SchemeNames.Of(scheme);

    private static IReadOnlyList<string> Row(string scheme, string where, double? perSession, SessionCost cost) =>
    [
        scheme,
        where,
        perSession is { } bytes ? $"{bytes:0} B" : "not measurable here",
        cost.BackendRssPerSession is { } rss ? $"{rss:0} B" : "not measured",
        cost.Failures.ToString(CultureInfo.InvariantCulture),
        perSession is { } b ? Megabytes(b * Projection) : "not measurable here",
    ];

    private static string Bytes(long? delta) => delta is { } d ? $"{d:N0} B" : "not measured";

    private static string Megabytes(double bytes) => $"{bytes / (1024 * 1024):0.0} MiB";
}

/// <summary>What one scheme's batch of logins cost: heap and RSS of a backend, store memory, token sizes.</summary>
internal sealed record SessionCost(int Sessions, int Failures, long? BackendHeapDelta, long? BackendRssDelta, long? StoreDelta, long? SampleKeyBytes, double? MeanCredentialBytes, int BackendsSharingTheLoad)
{
    /// <summary>Heap per session on the measured backend; with a balancer it saw only a share of the logins.</summary>
    public double? BackendHeapPerSession => BackendHeapDelta is { } d && Sessions > 0 ? d / (Sessions / (double)BackendsSharingTheLoad) : null;

    public double? BackendRssPerSession => BackendRssDelta is { } d && Sessions > 0 ? d / (Sessions / (double)BackendsSharingTheLoad) : null;

    public double? StorePerSession => StoreDelta is { } d && Sessions > 0 ? d / (double)Sessions : null;
}

/// <summary>What 4.3 measured, reduced to what its verdicts need.</summary>
internal sealed record ResourceFacts(int Sessions, SessionCost Sticky, SessionCost Redis, SessionCost Jwt)
{
    public double? StickyBytesPerSession => Sticky.BackendHeapPerSession;

    public double? RedisBytesPerSession => Redis.StorePerSession;

    public double? JwtServerBytesPerSession => Jwt.BackendHeapPerSession is { } heap ? heap + (Jwt.StorePerSession ?? 0) : null;
}
