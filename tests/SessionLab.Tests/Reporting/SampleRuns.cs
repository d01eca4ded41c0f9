using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

/// <summary>Real lab output (observations trimmed) and small edits of it, so tests exercise what the lab really writes.</summary>
internal static class SampleRuns
{
    /// <summary>All twelve experiments, nginx + redis-server, full mode.</summary>
    public static RunResult Full() => Load("full-run.json");

    /// <summary>Groups 1–3 only, YARP + Garnet, quick mode: no performance group.</summary>
    public static RunResult Groups1To3() => Load("groups1-3-quick.json");

    /// <summary>4.1 and 4.2 only.</summary>
    public static RunResult Group4() => Load("group4-quick.json");

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

    public static RunResult Without(this RunResult run, params string[] experimentIds) =>
        run with { Experiments = [.. run.Experiments.Where(e => !experimentIds.Contains(e.Id))] };
}
