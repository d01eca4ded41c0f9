using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

/// <summary>Real lab output (observations trimmed) and small edits of it, so tests exercise what the lab really writes.</summary>
internal static class SampleRuns
{
    /// <summary>All twelve experiments, nginx + redis-server, full mode.</summary>
    public static RunResult Full() => Load("full-run.json");

    /// <summary>All 25 experiments of the lab (groups 1–6), nginx + redis-server, full mode; tables, charts and steps trimmed.</summary>
    public static RunResult Lab() => Load("lab-run.json");

    /// <summary>Groups 1–3 only, YARP + Garnet, quick mode: no performance group.</summary>
    public static RunResult Groups1To3() => Load("groups1-3-quick.json");

    /// <summary>4.1 and 4.2 only.</summary>
    public static RunResult Group4() => Load("group4-quick.json");

    /// <summary>1.4, 2.4, 2.5 and 3.4 (log out everywhere, absolute lifetime, refresh tokens, cookie affinity), nginx + redis-server, quick mode.</summary>
    public static RunResult MatureFeatures() => Load("mature-features-quick.json");

    /// <summary>The full run with the experiments of <see cref="MatureFeatures"/> added: every cell of the feature table measured.</summary>
    public static RunResult FullWithMatureFeatures() => Full().WithExperimentsOf(MatureFeatures());

    /// <summary>The whole lab's run with the experiments of <see cref="MatureFeatures"/> added.</summary>
    public static RunResult LabWithMatureFeatures() => Lab().WithExperimentsOf(MatureFeatures());

    /// <summary>The run with another run's experiments appended (runs of different experiments only).</summary>
    public static RunResult WithExperimentsOf(this RunResult run, RunResult other) =>
        run with { Experiments = [.. run.Experiments, .. other.Experiments] };

    /// <summary>4.3 only.</summary>
    public static RunResult Resources() => Load("resources-4.3.json");

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Reporting", "Samples", name);

    public static RunResult Load(string name) => ResultsJson.Deserialize(File.ReadAllText(PathOf(name)));

    /// <summary>The run with one hypothesis's verdict replaced.</summary>
    public static RunResult WithVerdict(this RunResult run, string experimentId, string hypothesisId, Verdict verdict) =>
        run.WithExperiment(experimentId, e => e with
        {
            Verdicts = [.. e.Verdicts.Select(v => v.Id == hypothesisId ? v with { Verdict = verdict } : v)],
        });

    public static RunResult WithExperiment(this RunResult run, string experimentId, Func<ExperimentResult, ExperimentResult> change) =>
        run with { Experiments = [.. run.Experiments.Select(e => e.Id == experimentId ? change(e) : e)] };

    /// <summary>The run with typed figures for 4.1 (P50, P99 in ms) and 4.2 (QPS) per variant, each with a ±5 % interval.</summary>
    public static RunResult WithFigures(this RunResult run, params (string Target, double P50, double P99, double Qps)[] figures)
    {
        static Metric Of(string target, string name, string unit, double value) => new(target, name, unit, value, value * 0.95, value * 1.05, [value * 0.97, value, value * 1.03]);
        return run
            .WithExperiment("4.1", e => e with { Metrics = [.. figures.SelectMany(f => new[] { Of(f.Target, "p50_ms", "ms", f.P50), Of(f.Target, "p99_ms", "ms", f.P99) })] })
            .WithExperiment("4.2", e => e with { Metrics = [.. figures.Select(f => Of(f.Target, "qps", "req/s", f.Qps))] });
    }

    public static RunResult Without(this RunResult run, params string[] experimentIds) =>
        run with { Experiments = [.. run.Experiments.Where(e => !experimentIds.Contains(e.Id))] };
}
