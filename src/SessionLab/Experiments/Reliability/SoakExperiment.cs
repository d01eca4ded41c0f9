using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology;

namespace SessionLab.Experiments.Reliability;

/// <summary>6.4 — does each scheme serve a long steady load without errors, lost sessions or a growing heap?</summary>
internal sealed class SoakExperiment : Experiment<SoakExperiment, SoakRuns>, IJudge<SoakRuns>
{
    /// <summary>How much a backend's live managed heap (after a full GC) may grow over the soak: the load creates no new session.</summary>
    public const long HeapGrowthBound = 4L * 1024 * 1024;

    private static readonly Hypothesis H1 = new("H1", "No request fails during the soak, in any scheme.");

    private static readonly Hypothesis H2 = new("H2", "No session is lost: every load user's /profile still answers 200 after the soak.");

    private static readonly Hypothesis H3 = new("H3", "No backend's live managed heap (after a full GC) grows by more than 4 MB over the soak.");

    public override ExperimentInfo Info { get; } = new(
        "6.4",
        6,
        "Soak",
        "Does each scheme serve a long steady load without errors, lost sessions or a growing heap?",
        [H1, H2, H3]);

    protected override async Task<SoakRuns?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var clients = context.Parameter("clients", context.Settings.Concurrency ?? (quick ? 20 : 100));
        var duration = context.Parameter("duration", context.Settings.Duration ?? (quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(60)));
        context.Parameter("heap_growth_bound", $"{HeapGrowthBound / (1024 * 1024)} MB");

        var runs = new List<SoakRun>();
        foreach (var scheme in new[] { SchemeKind.Sticky, SchemeKind.Redis, SchemeKind.Jwt })
        {
            var name = SchemeNames.Of(scheme);
            context.Step($"{name}: {clients} users log in; each backend's /debug/runtime after a full GC");
            if (await SettledLogin.RunAsync(context, new PerformanceTarget(name, scheme, context.Topology.BalancerAddress(scheme), "/profile", false, false, []), clients, cancellationToken) is not { } target)
            {
                continue;
            }

            var backends = context.Topology.BackendsOf(scheme).ToList();
            var before = await MemoryAsync(context, backends, cancellationToken);

            context.Step($"{name}: {clients} clients for {duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
            var result = await new ClosedLoopGenerator().RunAsync(
                new LoadOptions { Target = target.Balancer, RequestPerWorker = target.RequestFor, Concurrency = clients, Duration = duration, RequestTimeout = TimeSpan.FromSeconds(5) },
                cancellationToken);
            LoadRecording.Record(context, $"soak: {name}", result);
            context.AddChart(LoadRecording.Timeline($"soak: {name}", result));

            context.Step($"{name}: every user's /profile once more; each backend's /debug/runtime after a full GC");
            var sessions = await SessionCheck.RunAsync(target, cancellationToken);
            var after = await MemoryAsync(context, backends, cancellationToken);
            runs.Add(new SoakRun(
                name,
                result.TotalRequests,
                result.SuccessesPerSecond,
                result.FailuresByKind,
                result.Latency.P99Ms,
                sessions,
                [.. backends.Select(b => new BackendHeap(b.ServerId, before[b.ServerId]?.ManagedHeapBytes, after[b.ServerId]?.ManagedHeapBytes, before[b.ServerId]?.WorkingSetBytes, after[b.ServerId]?.WorkingSetBytes))]));
        }

        return new SoakRuns(runs, clients, duration);
    }

    protected override void Tabulate(ExperimentContext context, SoakRuns soak)
    {
        var runs = soak.Runs;
        context.AddTable(
            $"Soak: {soak.Clients} clients for {soak.Duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s per scheme",
            ["scheme", "requests", "QPS", "P99 (ms)", "failed (by kind)", "sessions after the soak"],
            runs.Select(r => (IReadOnlyList<string>)[
                r.Scheme,
                r.Requests.ToString(CultureInfo.InvariantCulture),
                r.Qps.ToString("0", CultureInfo.InvariantCulture),
                LoadRecording.Ms(r.P99Ms),
                FailureTally.All(r.Failures),
                $"{r.Sessions.Kept} kept, {r.Sessions.Lost} lost (401), {r.Sessions.Other} other of {r.Sessions.Users} ({r.Sessions.Answers})",
            ]));
        context.AddTable(
            "Backend memory before and after the soak (live managed heap after a full GC; working set)",
            ["scheme", "backend", "heap before (MB)", "heap after (MB)", "heap growth (MB)", "working set before (MB)", "working set after (MB)"],
            runs.SelectMany(r => r.Backends.Select(b => (IReadOnlyList<string>)[r.Scheme, b.ServerId, Mb(b.HeapBefore), Mb(b.HeapAfter), Mb(b.HeapGrowth), Mb(b.WorkingSetBefore), Mb(b.WorkingSetAfter)])));
        foreach (var run in runs)
        {
            FaultMetrics.AddLoad(context, run.Scheme, run.Requests, run.Failures);
            context.AddMetric(new Metric(run.Scheme, "qps", "req/s", Math.Round(run.Qps, 1)));
            context.AddMetric(new Metric(run.Scheme, "p99_ms", "ms", Math.Round(run.P99Ms, 3)));
            FaultMetrics.AddSessions(context, run.Scheme, run.Sessions.Users, run.Sessions.Kept, run.Sessions.Lost);
            if (run.Backends.Select(b => b.HeapGrowth).OfType<long>().ToList() is { Count: > 0 } growth)
            {
                // The largest of the scheme's backends: a leak shows on the backend that served most.
                context.AddMetric(new Metric(run.Scheme, "largest_heap_growth_mb", "MB", Math.Round(growth.Max() / (1024.0 * 1024.0), 2)));
            }
        }
    }

    /// <summary>The verdicts from the runs alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(SoakRuns soak) => Judge(soak.Runs);

    internal static IEnumerable<HypothesisVerdict> Judge(IReadOnlyList<SoakRun> runs)
    {
        if (runs.Count == 0)
        {
            foreach (var h in (Hypothesis[])[H1, H2, H3])
            {
                yield return h.Inconclusive("No scheme was measured.");
            }

            yield break;
        }

        yield return H1.Holds(runs.All(r => r.Failures.Count == 0 && r.Requests > 0), string.Join("; ", runs.Select(r => $"{r.Scheme}: {r.Failures.Values.Sum()} of {r.Requests} failed ({FailureTally.All(r.Failures)})")) + ".");

        yield return H2.Holds(runs.All(r => r.Sessions.Users > 0 && r.Sessions.Kept == r.Sessions.Users), string.Join("; ", runs.Select(r => $"{r.Scheme}: {r.Sessions.Kept} of {r.Sessions.Users} kept, {r.Sessions.Lost} lost")) + ".");

        var heaps = runs.SelectMany(r => r.Backends.Select(b => (r.Scheme, Backend: b))).ToList();
        var measured = heaps.Where(h => h.Backend.HeapGrowth is not null).ToList();
        var evidence = string.Join("; ", heaps.Select(h => $"{h.Scheme}/{h.Backend.ServerId} {Mb(h.Backend.HeapBefore)} → {Mb(h.Backend.HeapAfter)} MB")) + ".";
        yield return measured.Count < heaps.Count || heaps.Count == 0
            ? H3.Inconclusive($"Not every backend's heap could be read: {evidence}")
            : H3.Holds(measured.All(h => h.Backend.HeapGrowth <= HeapGrowthBound), evidence);
    }

    private static async Task<Dictionary<string, BackendMemory?>> MemoryAsync(ExperimentContext context, IReadOnlyList<BackendNode> backends, CancellationToken cancellationToken)
    {
        var memory = new Dictionary<string, BackendMemory?>(StringComparer.Ordinal);
        foreach (var backend in backends)
        {
            memory[backend.ServerId] = await RuntimeProbe.ReadAsync(context, backend.BaseAddress, cancellationToken);
        }

        return memory;
    }

    private static string Mb(long? bytes) => bytes is { } b ? (b / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) : "not read";
}

/// <summary>What 6.4 ran: one soak per scheme whose users could log in, each with this many clients for this long.</summary>
internal sealed record SoakRuns(IReadOnlyList<SoakRun> Runs, int Clients, TimeSpan Duration);

/// <summary>One scheme's soak: load figures, sessions after and each backend's memory before and after.</summary>
internal sealed record SoakRun(string Scheme, long Requests, double Qps, IReadOnlyDictionary<string, long> Failures, double P99Ms, SessionTally Sessions, IReadOnlyList<BackendHeap> Backends);

/// <summary>One backend's live managed heap and working set before and after the soak (null: not read).</summary>
internal sealed record BackendHeap(string ServerId, long? HeapBefore, long? HeapAfter, long? WorkingSetBefore, long? WorkingSetAfter)
{
    public long? HeapGrowth => HeapAfter - HeapBefore;
}
