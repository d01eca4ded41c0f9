using System.Globalization;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.External;
using SessionLab.Measurement.Load;
using SessionLab.Reporting.Model;
using SessionLab.Topology.Processes;

namespace SessionLab.Experiments.Performance;

/// <summary>4.2 — how many authenticated requests per second does each scheme sustain under concurrent load?</summary>
internal sealed class ThroughputExperiment : Experiment<ThroughputExperiment, ThroughputFacts>, IJudge<ThroughputFacts>
{
    public override ExperimentInfo Info { get; } = new(
        "4.2",
        4,
        "Throughput",
        "How many authenticated requests per second does each scheme sustain at concurrency 100?",
        [
            new("H1", "Sticky sessions have the highest throughput of the three schemes (the plan: 40–50K QPS on a laptop)."),
            new("H2", "JWT comes second (the plan: 35–45K QPS)."),
            new("H3", "Redis sessions have the lowest throughput (the plan: 25–35K QPS)."),
        ]);

    protected override async Task<ThroughputFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var requests = context.Parameter("requests", context.Settings.Requests ?? (quick ? 2_000 : 10_000));
        var concurrency = context.Parameter("concurrency", context.Settings.Concurrency ?? (quick ? 50 : 100));
        var duration = context.Settings.Duration is { } d ? context.Parameter("duration", d) : (TimeSpan?)null;
        var warmup = context.Parameter("warmup", quick ? 1_000 : 3_000);
        var targets = PerformanceTarget.All(context);

        var runs = new List<(PerformanceTarget Target, LoadResult Result)>();
        var cpuRows = new List<IReadOnlyList<string>>();
        foreach (var candidate in targets)
        {
            context.Step($"{candidate.Name}: {concurrency} users log in (one session per connection), then {requests:N0} requests at concurrency {concurrency} after {warmup} warm-up");
            if (await candidate.WithUsersAsync(context, concurrency, cancellationToken) is not { } target)
            {
                continue;
            }

            var processes = context.Faults.Status().Where(s => s.ProcessId is not null && target.IsServedBy(s.Component)).GroupBy(s => s.ProcessId!.Value)
                .Select(g => (Pid: g.Key, Name: g.Key == Environment.ProcessId ? "lab process (YARP and the load generator)" : string.Join(" + ", g.Select(s => s.Component)))).ToList();
            var before = processes.Select(p => (p.Name, Usage: ProcessUsage.Read(p.Pid), Children: (IReadOnlyList<ProcessUsage>)[.. ProcFs.ChildrenOf(p.Pid).Select(ProcessUsage.Read).OfType<ProcessUsage>()])).ToList();
            var result = await new ClosedLoopGenerator().RunAsync(
                new LoadOptions { Target = target.Balancer, RequestPerWorker = target.RequestFor, Concurrency = concurrency, RequestCount = duration is null ? requests : null, Duration = duration, WarmupRequests = warmup },
                cancellationToken);
            cpuRows.AddRange(CpuRows(target.Name, before));
            runs.Add((target, result));
            LoadRecording.Record(context, target.Name, result);
            context.AddChart(LoadRecording.Timeline($"throughput: {target.Name}", result));
            if (result.Failures > 0)
            {
                context.Anomaly($"{target.Name}: {result.Failures} of {result.TotalRequests} requests failed under load ({string.Join(", ", result.FailuresByKind.Select(f => $"{f.Key} ×{f.Value}"))}).");
            }
        }

        var facts = ThroughputFacts.From(runs.Select(r => (r.Target.Name, r.Target.IsCeiling, r.Result.SuccessesPerSecond, r.Result.Failures, r.Result.TotalRequests)).ToList());
        context.AddTable(
            $"Throughput at concurrency {concurrency}, {(duration is { } span ? $"{span.TotalSeconds:0.#} s" : $"{requests:N0} requests")} per target (lab generator)",
            ["target", "total time (s)", "QPS", "mean latency (ms)", "P99 (ms)", "failed", "vs ceiling on the same balancer"],
            runs.Select(r => (IReadOnlyList<string>)[
                r.Target.Name,
                r.Result.DurationSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                r.Result.SuccessesPerSecond.ToString("0", CultureInfo.InvariantCulture),
                LoadRecording.Ms(r.Result.Latency.MeanMs),
                LoadRecording.Ms(r.Result.Latency.P99Ms),
                r.Result.Failures.ToString(CultureInfo.InvariantCulture),
                r.Target.IsCeiling ? "ceiling" : facts.RatioToCeiling(r.Target.Name) is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "no ceiling measured",
            ]));
        context.AddTable("CPU under load (percent of one core, per process)", ["target", "process", "CPU %"], cpuRows);
        context.AddTable("Targets (ratios measured in this run)", ["target", "goal", "measured", "met"], Targets(facts));

        await CompareWithToolsAsync(context, runs.Select(r => r.Target).ToList(), requests, concurrency, cancellationToken);

        var stickyBackends = context.Topology.BackendsOf(Backend.Common.SchemeKind.Sticky).Count();
        context.Anomaly($"All load comes from one client address, so ip_hash sends every sticky request to one of the {stickyBackends} sticky backends, while round robin spreads redis and JWT over all of theirs: the sticky figure is one backend's capacity.");

        return facts;
    }

    /// <summary>The verdicts from the three schemes' QPS (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(ExperimentInfo info, ThroughputFacts facts)
    {
        var (sticky, jwt, redis) = (facts.Qps("sticky"), facts.Qps("jwt"), facts.Qps("redis"));
        var measured = sticky > 0 && jwt > 0 && redis > 0;
        var order = string.Create(CultureInfo.InvariantCulture, $"QPS: sticky {sticky:0}, JWT {jwt:0}, Redis {redis:0}");
        HypothesisVerdict Verdict(string id, bool holds)
        {
            var h = info[id];
            return measured ? new(h.Id, h.Statement, holds ? Reporting.Model.Verdict.Confirmed : Reporting.Model.Verdict.Refuted, order + ".") : new(h.Id, h.Statement, Reporting.Model.Verdict.Inconclusive, "Not every scheme could be measured.");
        }

        yield return Verdict("H1", sticky >= Math.Max(jwt, redis));
        yield return Verdict("H2", jwt <= sticky && jwt >= redis);
        yield return Verdict("H3", redis <= Math.Min(sticky, jwt));
    }

    /// <summary>
    /// The target ratios, each judged only when both of its sides served every request: the QPS of a target that failed
    /// requests measures something broken (a peer losing sessions answers 401s fast), so it is no baseline.
    /// </summary>
    internal static IEnumerable<IReadOnlyList<string>> Targets(ThroughputFacts facts)
    {
        IReadOnlyList<string> Row(string what, string goal, string name, string reference, double? measured, double threshold)
        {
            var text = measured is { } m ? m.ToString("0.00", CultureInfo.InvariantCulture) : "not measured";
            if (measured is null)
            {
                return [what, goal, text, "not measured"];
            }

            var failed = new[] { name, reference }.Where(facts.HadFailures).Select(facts.DescribeFailures).ToList();
            return failed.Count > 0
                ? [what, goal, text, $"not judged: {string.Join("; ", failed)}"]
                : [what, goal, text, measured >= threshold ? "yes" : "no"];
        }

        yield return Row("sticky / ceiling (ip_hash)", "≥ 0.90", "sticky", ThroughputFacts.IpHashCeiling, facts.RatioToCeiling("sticky"), 0.90);
        yield return Row("jwt / ceiling (round robin)", "≥ 0.80", "jwt", ThroughputFacts.RoundRobinCeiling, facts.RatioToCeiling("jwt"), 0.80);
        yield return Row("redis / ceiling (round robin)", "≥ 0.60", "redis", ThroughputFacts.RoundRobinCeiling, facts.RatioToCeiling("redis"), 0.60);
        yield return Row("redis / aspnet-session peer", "≥ 1.30", "redis", "aspnet-session (built-in peer)", facts.Ratio("redis", "aspnet-session (built-in peer)"), 1.30);
        yield return Row("jwt / jwt-bearer peer", "≥ 1.00", "jwt", "jwt-bearer (built-in peer)", facts.Ratio("jwt", "jwt-bearer (built-in peer)"), 1.00);
    }

    private static IEnumerable<IReadOnlyList<string>> CpuRows(string target, List<(string Name, ProcessUsage? Usage, IReadOnlyList<ProcessUsage> Children)> before)
    {
        foreach (var (name, usage, children) in before)
        {
            if (usage is { } start && ProcessUsage.Read(start.ProcessId) is { } end)
            {
                // nginx works in its worker processes: count the master's children with it.
                var percent = ProcessUsage.CpuPercent(start, end) + children.Sum(c => ProcessUsage.Read(c.ProcessId) is { } e ? ProcessUsage.CpuPercent(c, e) : 0);
                if (percent >= 1)
                {
                    yield return [target, name, percent.ToString("0", CultureInfo.InvariantCulture)];
                }
            }
        }
    }

    /// <summary>wrk on the ceiling (is our generator the bottleneck?) and the plan's literal <c>ab -n 10000 -c 100</c> per scheme.</summary>
    private static async Task CompareWithToolsAsync(ExperimentContext context, IReadOnlyList<PerformanceTarget> targets, int requests, int concurrency, CancellationToken cancellationToken)
    {
        var ceiling = targets.First(t => t.IsCeiling && t.Name.Contains("round robin", StringComparison.Ordinal));
        var seconds = context.Settings.Quick ? 2 : 5;
        context.Step($"wrk and the lab generator on {ceiling.Name} for {seconds} s each (is the generator the bottleneck?)");
        var wrk = await new WrkRunner().RunAsync(new WrkOptions { Url = new Uri(ceiling.Balancer, ceiling.Path), Connections = concurrency, Duration = TimeSpan.FromSeconds(seconds) }, cancellationToken);
        var lab = await new ClosedLoopGenerator().RunAsync(new LoadOptions { Target = ceiling.Balancer, Request = new RequestTemplate(ceiling.Path), Concurrency = concurrency, Duration = TimeSpan.FromSeconds(seconds), WarmupRequests = 200 }, cancellationToken);
        LoadRecording.Record(context, $"lab generator on {ceiling.Name}", lab);
        context.Recorder.Note(ObservationKind.Note, $"wrk: {wrk.Status} {wrk.CommandLine} {wrk.Message}");
        var wrkQps = wrk.Report?.RequestsPerSecond;
        context.AddTable(
            "Load generator vs wrk on the same endpoint",
            ["tool", "QPS", "P50 (ms)", "P99 (ms)"],
            [
                ["lab generator", lab.SuccessesPerSecond.ToString("0", CultureInfo.InvariantCulture), LoadRecording.Ms(lab.Latency.P50Ms), LoadRecording.Ms(lab.Latency.P99Ms)],
                ["wrk", wrkQps is { } q ? q.ToString("0", CultureInfo.InvariantCulture) : $"not run: {wrk.Status}", wrk.Report?.LatencyAt(50) is { } w50 ? LoadRecording.Ms(w50) : "-", wrk.Report?.LatencyAt(99) is { } w99 ? LoadRecording.Ms(w99) : "-"],
                ["lab / wrk", wrkQps is { } w && w > 0 ? (lab.SuccessesPerSecond / w).ToString("0.00", CultureInfo.InvariantCulture) + " (goal ≥ 0.90)" : "not measured", string.Empty, string.Empty],
            ]);
        if (wrkQps is { } wq && wq > 0 && lab.SuccessesPerSecond / wq < 0.9)
        {
            context.Anomaly(string.Create(CultureInfo.InvariantCulture, $"The lab generator reached {lab.SuccessesPerSecond / wq:0.00}× wrk's QPS on the same endpoint: on this machine it shares the CPU with the servers and costs more per request than wrk (HttpClient), so the absolute QPS figures are lower bounds; the ratios between schemes are measured under the same handicap."));
        }

        context.Step($"the plan's literal ab -n {requests} -c {concurrency}, without and with keep-alive, per scheme");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var candidate in targets.Where(t => !t.IsBaseline || t.IsCeiling))
        {
            foreach (var keepAlive in new[] { false, true })
            {
                // A fresh session for each ab run: with the quick 3 s TTL an older one may have expired meanwhile.
                if (await candidate.WithUsersAsync(context, 1, cancellationToken) is not { } target)
                {
                    continue;
                }

                var ab = await new AbRunner().RunAsync(new AbOptions { Url = new Uri(target.Balancer, target.Path), Requests = requests, Concurrency = concurrency, KeepAlive = keepAlive, Headers = target.ToolHeaders() }, cancellationToken);
                context.Recorder.Note(ObservationKind.Note, $"ab ({target.Name}): {ab.Status} {ab.CommandLine} {ab.Message}");
                rows.Add(ab.Report is { } r
                    ? [target.Name, keepAlive ? "-k" : "no", r.TimeTakenSeconds.ToString("0.00", CultureInfo.InvariantCulture), r.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture), LoadRecording.Ms(r.MeanTimePerRequestMs), (r.FailedRequests + r.Non2xxResponses).ToString(CultureInfo.InvariantCulture)]
                    : [target.Name, keepAlive ? "-k" : "no", $"not run: {ab.Status}", string.Empty, string.Empty, string.Empty]);
            }
        }

        context.AddTable($"ab -n {requests} -c {concurrency} (the plan's tool)", ["target", "keep-alive", "total time (s)", "QPS", "mean latency (ms)", "failed or non-2xx"], rows);
    }
}

/// <summary>QPS per target name, and how many of its requests failed.</summary>
internal sealed record ThroughputFacts(IReadOnlyDictionary<string, double> QpsByTarget, IReadOnlyDictionary<string, (long Failed, long Total)> FailuresByTarget)
{
    public const string IpHashCeiling = "ceiling: /health via ip_hash";
    public const string RoundRobinCeiling = "ceiling: /health via round robin";

    public static ThroughputFacts From(IReadOnlyList<(string Name, bool IsCeiling, double Qps, long Failed, long Total)> runs) =>
        new(runs.ToDictionary(r => r.Name, r => r.Qps, StringComparer.Ordinal), runs.ToDictionary(r => r.Name, r => (r.Failed, r.Total), StringComparer.Ordinal));

    public double Qps(string name) => QpsByTarget.GetValueOrDefault(name);

    public bool HadFailures(string name) => FailuresByTarget.TryGetValue(name, out var f) && f.Failed > 0;

    /// <summary>"aspnet-session (built-in peer) failed 2,320 of 10,000 requests".</summary>
    public string DescribeFailures(string name) =>
        FailuresByTarget.TryGetValue(name, out var f) ? string.Create(CultureInfo.InvariantCulture, $"{name} failed {f.Failed:N0} of {f.Total:N0} requests") : name;

    public double? Ratio(string name, string reference) =>
        Qps(name) > 0 && Qps(reference) > 0 ? Qps(name) / Qps(reference) : null;

    /// <summary>Against the bare /health on the same kind of balancer: ip_hash for sticky, round robin for the rest.</summary>
    public double? RatioToCeiling(string name) =>
        Ratio(name, name == "sticky" ? IpHashCeiling : RoundRobinCeiling);
}
