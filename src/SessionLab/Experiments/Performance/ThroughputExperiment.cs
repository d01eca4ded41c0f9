using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.External;
using SessionLab.Measurement.Load;
using SessionLab.Measurement.Statistics;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Performance;

/// <summary>4.2 — how many authenticated requests per second does each scheme sustain under concurrent load?</summary>
internal sealed class ThroughputExperiment : Experiment<ThroughputExperiment, ThroughputFacts>, IJudge<ThroughputFacts>
{
    /// <summary>The metric of a paired ratio to the ceiling on the same balancer, and to the ASP.NET Core peer.</summary>
    internal const string RatioToCeiling = "ratio_to_ceiling";

    /// <inheritdoc cref="RatioToCeiling"/>
    internal const string RatioToPeer = "ratio_to_peer";

    private static readonly Hypothesis H1 = new("H1", "Sticky sessions have the highest throughput of the three schemes (the plan: 40–50K QPS on a laptop).");

    // The plan's H2 and H3 are about what limits a scheme, judged from where the CPU goes; its QPS ranges and the
    // ranking the lab also tests are H4 and H5.
    private static readonly Hypothesis H2 = new("H2", "Redis sessions are limited by Redis: under load the store is what runs out (a single-threaded Redis near one full core).");

    private static readonly Hypothesis H3 = new("H3", "JWT is limited by the CPU spent verifying signatures: the machine's CPU runs out, mostly in the JWT backends, and signature checks take most of their CPU per request.");

    private static readonly Hypothesis H4 = new("H4", "JWT comes second (the plan: 35–45K QPS).");

    private static readonly Hypothesis H5 = new("H5", "Redis sessions have the lowest throughput (the plan: 25–35K QPS).");

    /// <summary>A single-threaded Redis at this share of one core is saturated.</summary>
    internal const double StoreSaturatedPercent = 90;

    public override ExperimentInfo Info { get; } = new(
        "4.2",
        4,
        "Throughput",
        "How many authenticated requests per second does each scheme sustain at concurrency 100?",
        [H1, H2, H3, H4, H5]);

    protected override async Task<ThroughputFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var quick = context.Settings.Quick;
        var rounds = context.Parameter("rounds", context.Settings.Rounds ?? (quick ? 3 : 5));
        var concurrency = context.Parameter("concurrency", context.Settings.Concurrency ?? (quick ? 50 : 100));
        var requests = context.Settings.Requests is { } n ? context.Parameter("requests_per_round", n) : (int?)null;
        var duration = requests is null ? context.Parameter("duration_per_round", context.Settings.Duration ?? TimeSpan.FromSeconds(quick ? 1 : 3)) : (TimeSpan?)null;
        var warmup = context.Parameter("warmup_per_round", quick ? 500 : 1_000);
        var targets = PerformanceTarget.All(context, withOneNat: true);

        var runs = await InterleavedRounds.RunAsync(context, targets, rounds, async (candidate, round, ct) =>
        {
            if (await candidate.WithUsersAsync(context, concurrency, ct) is not { } target)
            {
                return null;
            }

            var meter = CpuMeter.Start(context, target.IsServedBy);
            var result = await new ClosedLoopGenerator().RunAsync(target.Load(concurrency, requests, duration, warmup), ct);
            var cpu = meter.Stop();
            LoadRecording.Record(context, $"{target.Name}, round {round + 1}", result);
            if (round == rounds - 1)
            {
                context.AddChart(LoadRecording.Timeline($"throughput: {target.Name} (round {round + 1})", result));
            }

            if (result.Failures > 0)
            {
                context.Anomaly($"{target.Name}, round {round + 1}: {result.Failures} of {result.TotalRequests} requests failed under load ({string.Join(", ", result.FailuresByKind.Select(f => $"{f.Key} ×{f.Value}"))}).");
            }

            return new ThroughputRun(result.SuccessesPerSecond, result.Failures, result.TotalRequests, cpu, target.LoginsPerBackend);
        }, cancellationToken);

        var (wrk, wrkTable) = await CompareWithWrkAsync(context, targets.First(t => t.Name == TargetNames.RoundRobinCeiling), concurrency, quick ? 2 : rounds, cancellationToken);
        var abTable = await RunAbAsync(context, targets, requests ?? 10_000, concurrency, cancellationToken);
        context.Step("the CPU of one JWT verification and one session-id check, with the backends' own code (batches on one thread)");
        var costs = await TokenCheckCost.MeasureAsync(quick ? 5 : 9, quick ? 2_000 : 5_000, cancellationToken);

        var measured = runs.Where(r => r.Result is not null).GroupBy(r => r.Target, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Result!).ToList(), StringComparer.Ordinal);
        return new ThroughputFacts(
            InterleavedRounds.Series(runs, rounds, r => r.Qps),
            measured.ToDictionary(p => p.Key, p => (p.Value.Sum(r => r.Failed), p.Value.Sum(r => r.Total)), StringComparer.Ordinal),
            measured.ToDictionary(p => p.Key, p => (IReadOnlyList<CpuSample>)[.. p.Value.Select(r => r.Cpu)], StringComparer.Ordinal),
            measured.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)[.. p.Value.Select(r => r.Qps)], StringComparer.Ordinal),
            measured.ToDictionary(p => p.Key, p => p.Value[^1].LoginsPerBackend, StringComparer.Ordinal),
            context.Topology.BackendsOf(SchemeKind.Sticky).Count(),
            [.. targets.Select(t => t.Name)],
            duration is { } span ? $"{span.TotalSeconds:0.#} s" : $"{requests:N0} requests",
            concurrency,
            wrk)
        {
            ToolTables = [.. new[] { wrkTable, abTable }.OfType<ResultTable>()],
            Costs = costs,
        };
    }

    protected override void Tabulate(ExperimentContext context, ThroughputFacts facts)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var target in facts.Targets)
        {
            if (facts.Qps.Of(target) is not { } qps)
            {
                rows.Add([target, "not measured", "-", "-", "-"]);
                continue;
            }

            context.AddMetric(EstimateText.ToMetric(target, "qps", "req/s", qps));
            if (facts.ServerCpu(target) is { } cpu)
            {
                context.AddMetric(EstimateText.ToMetric(target, "server_cpu_percent", "%", cpu));
            }

            var ratio = facts.RatioToCeiling(target);
            if (ratio is not null)
            {
                context.AddMetric(EstimateText.ToMetric(target, RatioToCeiling, "ratio", ratio));
            }

            rows.Add([
                target,
                EstimateText.Of(qps, "0"),
                EstimateText.Noise(qps),
                facts.Failures.TryGetValue(target, out var f) ? Format.Count(f.Failed) : "0",
                target.StartsWith("ceiling", StringComparison.Ordinal) ? "ceiling" : ratio is { } r ? EstimateText.Ratio(r) : "no ceiling measured",
            ]);
        }

        context.AddTable(
            $"Throughput at concurrency {facts.Concurrency}: median QPS of {facts.Qps.Of(TargetNames.RoundRobinCeiling)?.Rounds.Count ?? 0} interleaved rounds of {facts.PerRound} (95 % interval)",
            ["target", "QPS", "noise", "failed", "vs ceiling on the same balancer (paired per round)"],
            rows);
        var goals = Goals(facts).ToList();
        foreach (var (goal, ratio) in goals)
        {
            context.AddGoal(goal);
            if (ratio is not null && goal.RatioMetric is { } key && key.EndsWith(RatioToPeer, StringComparison.Ordinal))
            {
                context.AddMetric(EstimateText.ToMetric(goal.Target, RatioToPeer, "ratio", ratio));
            }
        }

        context.AddTable("Targets (paired ratios of this run, judged beyond their interval)", ["target", "goal", "measured", "met"], goals.Select(g => GoalRow(g.Goal, g.Ratio)));
        context.AddTable("CPU under load (median of rounds, percent of one core)", ["target", "process", "CPU %"], CpuRows(facts));
        context.AddTable("CPU per request and per credential check (µs, median, 95 % interval)", ["what", "µs"], CostRows(facts));
        context.AddTable(
            "Which backends the load reached (logins per backend, last round)",
            ["target", "backends"],
            facts.LoginsPerBackend.Select(p => (IReadOnlyList<string>)[p.Key, p.Value.Count == 0 ? "-" : string.Join(", ", p.Value.Select(b => $"{b.Key} ×{b.Value}"))]));
        foreach (var table in facts.ToolTables)
        {
            context.AddTable(table);
        }

        if (facts.Costs is { } measuredCosts)
        {
            context.AddMetric(EstimateText.ToMetric(TargetNames.Jwt, "verify_us", "µs", measuredCosts.VerifyJwtMicros));
            context.AddMetric(EstimateText.ToMetric(TargetNames.Sticky, "session_id_check_us", "µs", measuredCosts.CheckSessionIdMicros));
        }

        foreach (var target in facts.Targets)
        {
            if (facts.BackendCpuMicrosPerRequest(target) is { } perRequest)
            {
                context.AddMetric(EstimateText.ToMetric(target, "backend_cpu_us_per_request", "µs", perRequest));
            }
        }

        if (facts.GeneratorToWrk is { } toWrk)
        {
            context.AddMetric(EstimateText.ToMetric("lab generator", "ratio_to_wrk", "ratio", toWrk));
        }

        foreach (var anomaly in facts.Anomalies())
        {
            context.Anomaly(anomaly);
        }
    }

    /// <summary>
    /// The verdicts: orderings from the schemes' QPS, judged beyond the noise only; what limits redis and JWT from the
    /// CPU each process used under their load and the measured cost of a signature check (pure: unit-tested on canned data).
    /// </summary>
    public static IEnumerable<HypothesisVerdict> Judge(ThroughputFacts facts)
    {
        yield return OrderingJudgement.Judge(H1, facts.Qps, [(TargetNames.Sticky, TargetNames.Jwt), (TargetNames.Sticky, TargetNames.Redis)], "QPS", e => EstimateText.Of(e, "0"), n => n);
        yield return JudgeRedisLimit(facts);
        yield return JudgeJwtLimit(facts);
        yield return OrderingJudgement.Judge(H4, facts.Qps, [(TargetNames.Sticky, TargetNames.Jwt), (TargetNames.Jwt, TargetNames.Redis)], "QPS", e => EstimateText.Of(e, "0"), n => n);
        yield return OrderingJudgement.Judge(H5, facts.Qps, [(TargetNames.Sticky, TargetNames.Redis), (TargetNames.Jwt, TargetNames.Redis)], "QPS", e => EstimateText.Of(e, "0"), n => n);
    }

    private static HypothesisVerdict JudgeRedisLimit(ThroughputFacts facts)
    {
        if (!facts.Cpu.TryGetValue(TargetNames.Redis, out var samples) || samples.Count == 0)
        {
            return H2.Inconclusive("The redis target's CPU was not measured.");
        }

        var roles = ThroughputFacts.CpuByRole(samples);
        if (!roles.TryGetValue(ThroughputFacts.StoreRole, out var store))
        {
            return H2.Inconclusive($"The store's CPU could not be read (an external store, not a process of this lab); {ThroughputFacts.DescribeRoles(roles)}.");
        }

        var saturated = samples.Count(s => s.Limit is not null);
        var where = $"under the redis load the store used {store:0} % of one core (median of {samples.Count} rounds); {ThroughputFacts.DescribeRoles(roles)}; the machine was saturated in {saturated} of {samples.Count} rounds";
        if (store >= StoreSaturatedPercent)
        {
            return H2.Confirmed($"Redis ran near a full core: {where}.");
        }

        var top = roles.MaxBy(r => r.Value).Key;
        if (top == ThroughputFacts.ElsewhereRole)
        {
            return H2.Inconclusive($"The machine was busy with work outside the lab, so what limits the scheme cannot be told from this run: {where}.");
        }

        return store < StoreSaturatedPercent / 2 && saturated * 2 > samples.Count
            ? H2.Refuted($"Redis was far from its limit: {where}, most by the {top}: the figure is limited by that CPU, not by Redis.")
            : H2.Inconclusive($"Neither the store nor the machine's CPU clearly ran out: {where}.");
    }

    private static HypothesisVerdict JudgeJwtLimit(ThroughputFacts facts)
    {
        if (facts.Costs is not { } costs || facts.BackendCpuMicrosPerRequest(TargetNames.Jwt) is not { } perRequest
            || !facts.Cpu.TryGetValue(TargetNames.Jwt, out var samples) || samples.Count == 0)
        {
            return H3.Inconclusive("The JWT target's CPU per request or the cost of a verification was not measured.");
        }

        var roles = ThroughputFacts.CpuByRole(samples);
        var top = roles.MaxBy(r => r.Value).Key;
        var saturated = samples.Count(s => s.Limit is not null);
        var share = costs.VerifyJwtMicros.Value / perRequest.Value;
        var where = string.Create(CultureInfo.InvariantCulture, $"one HS256 verification costs {EstimateText.Of(costs.VerifyJwtMicros, "0.0")} µs; the JWT backends spent {EstimateText.Of(perRequest, "0")} µs of CPU per request under load, so verification is {share:P0} of it; {ThroughputFacts.DescribeRoles(roles)}; the machine was saturated in {saturated} of {samples.Count} rounds");
        var cpuBound = saturated * 2 > samples.Count;
        if (top == ThroughputFacts.ElsewhereRole)
        {
            return H3.Inconclusive($"The machine was busy with work outside the lab, so what limits the scheme cannot be told from this run: {where}.");
        }

        if (cpuBound && top == ThroughputFacts.BackendRole && share >= 0.5)
        {
            return H3.Confirmed($"The CPU ran out, mostly in the JWT backends, and signature checks are most of their work: {where}.");
        }

        return share < 0.25 || (cpuBound && top != ThroughputFacts.BackendRole)
            ? H3.Refuted($"Signature verification is not what limits JWT: {where}{(top != ThroughputFacts.BackendRole ? $"; most CPU went to the {top}" : string.Empty)}.")
            : H3.Inconclusive($"Signature checks are a sizeable part of the JWT backends' CPU, but not clearly the limit: {where}.");
    }

    /// <summary>
    /// The speed targets, each a paired ratio judged only beyond its interval, and only when both sides served every
    /// request: the QPS of a target that failed requests measures something broken (a peer losing sessions answers 401s
    /// fast), so it is no baseline. These are benchmark targets of this run, never unit tests.
    /// </summary>
    internal static IEnumerable<(TargetGoal Goal, Estimate? Ratio)> Goals(ThroughputFacts facts)
    {
        (TargetGoal, Estimate?) Judge(string name, string reference, double goal)
        {
            var metric = reference.StartsWith("ceiling", StringComparison.Ordinal) ? RatioToCeiling : RatioToPeer;
            if (facts.Qps.Ratio(name, reference) is not { } ratio)
            {
                return (new TargetGoal(name, reference, goal, null, GoalOutcome.NotMeasured), null);
            }

            var key = $"{name}/{metric}";
            var failed = new[] { name, reference }.Where(facts.HadFailures).Select(facts.DescribeFailures).ToList();
            var judged = failed.Count > 0 ? new TargetGoal(name, reference, goal, key, GoalOutcome.NotJudged, string.Join("; ", failed)) : NoiseAwareComparison.MeetsAtLeast(ratio, goal) switch
            {
                true => new TargetGoal(name, reference, goal, key, GoalOutcome.Met),
                false => new TargetGoal(name, reference, goal, key, GoalOutcome.Missed),
                null => ratio.HasInterval
                    ? new TargetGoal(name, reference, goal, key, GoalOutcome.WithinNoise, EstimateText.Noise(ratio))
                    : new TargetGoal(name, reference, goal, key, GoalOutcome.NotJudged, "one round"),
            };
            return (judged, ratio);
        }

        yield return Judge(TargetNames.Sticky, TargetNames.IpHashCeiling, 0.95);
        yield return Judge(TargetNames.Jwt, TargetNames.RoundRobinCeiling, 0.85);
        yield return Judge(TargetNames.JwtRevocation, TargetNames.RoundRobinCeiling, 0.65);
        yield return Judge(TargetNames.Redis, TargetNames.RoundRobinCeiling, 0.70);
        yield return Judge(TargetNames.Redis, TargetNames.AspNetSessionPeer, 1.30);
        yield return Judge(TargetNames.Jwt, TargetNames.JwtBearerPeer, 1.00);
    }

    /// <summary>A goal as the experiment's own table shows it: what, goal, measured, met.</summary>
    internal static IReadOnlyList<string> GoalRow(TargetGoal goal, Estimate? ratio) =>
    [
        $"{goal.Target} / {goal.Reference}",
        string.Create(CultureInfo.InvariantCulture, $"≥ {goal.AtLeast:0.00}"),
        ratio is null ? "not measured" : EstimateText.Ratio(ratio),
        goal.Outcome switch
        {
            GoalOutcome.Met => "yes",
            GoalOutcome.Missed => "no",
            GoalOutcome.WithinNoise => $"within noise ({goal.Reason})",
            GoalOutcome.NotJudged => $"not judged: {goal.Reason}",
            _ => "not measured",
        },
    ];

    private static IEnumerable<IReadOnlyList<string>> CostRows(ThroughputFacts facts)
    {
        foreach (var target in facts.Targets)
        {
            if (facts.BackendCpuMicrosPerRequest(target) is { } perRequest)
            {
                yield return [$"{target}: backends' CPU per request served", EstimateText.Of(perRequest, "0")];
            }
        }

        if (facts.Costs is { } costs)
        {
            yield return ["one HS256 JWT verification (TokenService.ValidateAsync)", EstimateText.Of(costs.VerifyJwtMicros, "0.0")];
            yield return ["one HS256 JWT issued (TokenService.Issue)", EstimateText.Of(costs.IssueJwtMicros, "0.0")];
            yield return ["one signed session-id check (SessionIds.IsAuthentic)", EstimateText.Of(costs.CheckSessionIdMicros, "0.00")];
        }
    }

    private static IEnumerable<IReadOnlyList<string>> CpuRows(ThroughputFacts facts)
    {
        foreach (var (target, samples) in facts.Cpu)
        {
            foreach (var (process, median) in ThroughputFacts.MedianCpu(samples))
            {
                if (median >= 1)
                {
                    yield return [target, process, median.ToString("0", CultureInfo.InvariantCulture)];
                }
            }

            if (samples.Select(s => s.MachineBusyPercent).OfType<double>().ToList() is { Count: > 0 } busy)
            {
                yield return [target, "whole machine (percent of all cores)", Estimate.Median(busy).ToString("0", CultureInfo.InvariantCulture)];
            }
        }
    }

    /// <summary>wrk and the lab generator on the same ceiling, alternating for a few rounds: is our generator the bottleneck?</summary>
    private static async Task<(Estimate? Ratio, ResultTable? Table)> CompareWithWrkAsync(ExperimentContext context, PerformanceTarget ceiling, int concurrency, int rounds, CancellationToken cancellationToken)
    {
        var seconds = context.Settings.Quick ? 1 : 2;
        context.Step($"wrk and the lab generator on {ceiling.Name}, {rounds} alternating rounds of {seconds} s each (is the generator the bottleneck?)");
        var labQps = new List<double>();
        var wrkQps = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var wrk = await new WrkRunner().RunAsync(new WrkOptions { Url = new Uri(ceiling.Balancer, ceiling.Path), Connections = concurrency, Duration = TimeSpan.FromSeconds(seconds) }, cancellationToken);
            context.Recorder.Note(ObservationKind.Note, $"wrk, round {round + 1}: {wrk.Status} {wrk.CommandLine} {wrk.Message}");
            if (wrk.Report?.RequestsPerSecond is not { } w)
            {
                context.Recorder.Note(ObservationKind.Note, "wrk did not run, so the generator was not compared with it.");
                return (null, null);
            }

            var lab = await new ClosedLoopGenerator().RunAsync(ceiling.Load(concurrency, null, TimeSpan.FromSeconds(seconds), 200), cancellationToken);
            LoadRecording.Record(context, $"lab generator on {ceiling.Name}, round {round + 1}", lab);
            wrkQps.Add(w);
            labQps.Add(lab.SuccessesPerSecond);
        }

        var ratio = Estimate.OfPairedRatio(labQps, wrkQps);
        var table = new ResultTable(
            "Load generator vs wrk on the same endpoint (alternating rounds)",
            ["tool", "QPS (median of rounds, 95 % interval)"],
            [
                ["lab generator", EstimateText.Of(Estimate.OfMedian(labQps), "0")],
                ["wrk", EstimateText.Of(Estimate.OfMedian(wrkQps), "0")],
                ["lab / wrk (paired, goal ≥ 0.90)", ratio is { } r ? EstimateText.Ratio(r) : "not measured"],
            ]);
        return (ratio, table);
    }

    /// <summary>The plan's literal <c>ab -n 10000 -c 100</c> per scheme, without and with keep-alive: one run each, shown, not judged.</summary>
    private static async Task<ResultTable> RunAbAsync(ExperimentContext context, IReadOnlyList<PerformanceTarget> targets, int requests, int concurrency, CancellationToken cancellationToken)
    {
        context.Step($"the plan's literal ab -n {requests} -c {concurrency}, without and with keep-alive, per scheme (one run each, not judged)");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var candidate in targets.Where(t => (!t.IsBaseline || t.IsCeiling) && !t.OneAddress))
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

        return new ResultTable($"ab -n {requests} -c {concurrency} (the plan's tool; one run each, from one address, not judged)", ["target", "keep-alive", "total time (s)", "QPS", "mean latency (ms)", "failed or non-2xx"], rows);
    }
}

/// <summary>One target's round: QPS, failures, the CPU it took, and which backends its users' logins reached.</summary>
internal sealed record ThroughputRun(double Qps, long Failed, long Total, CpuSample Cpu, IReadOnlyDictionary<string, int> LoginsPerBackend);

/// <summary>What 4.2 measured: every target's QPS per round, its failures, CPU per process, and where the load went.</summary>
internal sealed record ThroughputFacts(
    RoundSeries Qps,
    IReadOnlyDictionary<string, (long Failed, long Total)> Failures,
    IReadOnlyDictionary<string, IReadOnlyList<CpuSample>> Cpu,
    IReadOnlyDictionary<string, IReadOnlyList<double>> RoundQps,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> LoginsPerBackend,
    int StickyBackends,
    IReadOnlyList<string> Targets,
    string PerRound,
    int Concurrency,
    Estimate? GeneratorToWrk)
{
    /// <summary>The wrk comparison and the plan's literal ab runs, rendered after the scheme tables.</summary>
    public IReadOnlyList<ResultTable> ToolTables { get; init; } = [];

    /// <summary>What one JWT verification and one session-id check cost in CPU; null when not measured.</summary>
    public TokenCheckCosts? Costs { get; init; }

    public const string BackendRole = "backends";
    public const string StoreRole = "store";
    public const string BalancerRole = "load balancer";

    public bool HadFailures(string name) => Failures.TryGetValue(name, out var f) && f.Failed > 0;

    /// <summary>
    /// CPU microseconds the target's backends spent per request served, per round (their CPU share over the round's
    /// QPS), as a median with its interval; null when a round lacks either.
    /// </summary>
    public Estimate? BackendCpuMicrosPerRequest(string target)
    {
        if (!Cpu.TryGetValue(target, out var samples) || !RoundQps.TryGetValue(target, out var qps) || samples.Count == 0 || samples.Count != qps.Count)
        {
            return null;
        }

        var perRound = samples.Zip(qps, (s, q) => q > 0 ? s.Processes.Where(p => Role(p.Name) == BackendRole).Sum(p => p.Percent) / 100 * 1_000_000 / q : double.NaN).ToList();
        return perRound.Any(double.IsNaN) || perRound.All(v => v == 0) ? null : Estimate.OfMedian(perRound);
    }

    /// <summary>The role of a process in a CPU table: its backends together, the store, the balancer, the lab itself.</summary>
    public static string Role(string process) =>
        process == CpuMeter.LabProcess ? "lab process"
        : process == StoreRole ? StoreRole
        : process.StartsWith("lb/", StringComparison.Ordinal) || process.StartsWith("load balancer", StringComparison.Ordinal) ? BalancerRole
        : process.Contains("/server-", StringComparison.Ordinal) ? BackendRole
        : process;

    /// <summary>What the machine spent outside the lab's processes, as a role of its own: on a shared machine it can be most.</summary>
    public const string ElsewhereRole = "other processes on the machine";

    /// <summary>Median CPU per role over the rounds, in percent of one core (a role's processes summed).</summary>
    public static IReadOnlyDictionary<string, double> CpuByRole(IReadOnlyList<CpuSample> samples)
    {
        var roles = MedianCpu(samples).GroupBy(p => Role(p.Process), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Median), StringComparer.Ordinal);
        if (samples.Select(s => s.Elsewhere).OfType<double>().ToList() is { Count: > 0 } elsewhere && Estimate.Median(elsewhere) >= 1)
        {
            roles[ElsewhereRole] = Estimate.Median(elsewhere);
        }

        return roles;
    }

    /// <summary>"backends 121 %, load balancer 40 %, lab process 27 %, store 7 %".</summary>
    public static string DescribeRoles(IReadOnlyDictionary<string, double> roles) =>
        string.Join(", ", roles.OrderByDescending(r => r.Value).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:0} %")));

    /// <summary>"aspnet-session (built-in peer) failed 2,320 of 10,000 requests".</summary>
    public string DescribeFailures(string name) =>
        Failures.TryGetValue(name, out var f) ? string.Create(CultureInfo.InvariantCulture, $"{name} failed {f.Failed:N0} of {f.Total:N0} requests") : name;

    /// <summary>CPU of the processes serving a target (balancer, backends, store; not the lab's own): their sum in each round, median of the rounds.</summary>
    public Estimate? ServerCpu(string target) =>
        Cpu.TryGetValue(target, out var samples) && samples.Count > 0
            ? Estimate.OfMedian([.. samples.Select(s => s.Processes.Where(p => p.Name != CpuMeter.LabProcess).Sum(p => p.Percent))])
            : null;

    /// <summary>Each process's CPU over the rounds (median; a round it was not seen in counts as 0).</summary>
    public static IEnumerable<(string Process, double Median)> MedianCpu(IReadOnlyList<CpuSample> samples) =>
        samples.SelectMany(s => s.Processes).Select(p => p.Name).Distinct(StringComparer.Ordinal)
            .Select(name => (name, Estimate.Median([.. samples.Select(s => s.Processes.FirstOrDefault(p => p.Name == name)?.Percent ?? 0)])));

    /// <summary>Against the bare /health on the same kind of balancer, paired per round: ip_hash for sticky, round robin for the rest.</summary>
    public Estimate? RatioToCeiling(string name) =>
        name.StartsWith("ceiling", StringComparison.Ordinal) ? null
        : Qps.Ratio(name, name.StartsWith(TargetNames.Sticky, StringComparison.Ordinal) ? TargetNames.IpHashCeiling : TargetNames.RoundRobinCeiling);

    /// <summary>What limits or invalidates the figures: a ratio above its ceiling, load that missed backends, a saturated CPU, a slow generator.</summary>
    public IEnumerable<string> Anomalies()
    {
        foreach (var target in Targets)
        {
            if (RatioToCeiling(target) is { HasInterval: true, Low: > 1 } ratio)
            {
                yield return $"{target} measured {EstimateText.Ratio(ratio)}× its ceiling, beyond the interval: a scheme cannot beat /health on the same balancer, so the ceiling's rounds were disturbed; its ratios are suspect.";
            }
        }

        if (LoginsPerBackend.TryGetValue(TargetNames.Sticky, out var sticky) && sticky.Count > 0 && sticky.Count < StickyBackends)
        {
            yield return $"The sticky load's {sticky.Values.Sum()} users reached only {sticky.Count} of the {StickyBackends} sticky backends ({string.Join(", ", sticky.Select(b => $"{b.Key} ×{b.Value}"))}).";
        }

        foreach (var (target, samples) in Cpu)
        {
            var limits = samples.Select(s => s.Limit?.Name).OfType<string>().ToList();
            if (limits.Count * 2 > samples.Count)
            {
                var top = limits.GroupBy(l => l, StringComparer.Ordinal).MaxBy(g => g.Count())!.Key;
                yield return $"{target}: the machine's CPU was saturated (≥ {CpuSample.SaturatedPercent:0} % of all cores) in {limits.Count} of {samples.Count} rounds, most used by the {top}: the figure is limited by CPU{(top == CpuMeter.LabProcess ? ", largely the lab's own (load generator and, when embedded, the balancer), not the scheme" : string.Empty)}.";
            }
        }

        var outside = Cpu.Values.SelectMany(samples => samples).Select(s => s.Elsewhere).OfType<double>().ToList();
        if (outside.Count > 0 && Estimate.Median(outside) >= 50)
        {
            yield return $"Processes outside the lab used {Estimate.Median(outside):0} % of one core (median over every round): the machine was shared, so every figure here is lower and noisier than on a quiet machine.";
        }

        if (GeneratorToWrk is { HasInterval: true } g && g.High < 0.9)
        {
            yield return $"The lab generator reached {EstimateText.Ratio(g)}× wrk's QPS on the same endpoint, below 0.90 beyond the interval: on this machine it costs more per request than wrk (HttpClient), so the absolute QPS figures are lower bounds; the ratios between schemes are measured under the same handicap.";
        }
    }
}
