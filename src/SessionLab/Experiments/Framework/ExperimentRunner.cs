using System.Diagnostics;
using SessionLab.Faults;
using SessionLab.Reporting.Model;
using SessionLab.Topology;

namespace SessionLab.Experiments.Framework;

/// <summary>
/// Runs experiments one after another on one topology. Each runs in its own context; a crash is recorded as a failed
/// experiment (never as a refuted hypothesis); between experiments the topology is healed (killed parts restarted).
/// </summary>
internal sealed class ExperimentRunner(RunningTopology topology, FaultController faults, ExperimentSettings settings, IExperimentProgress progress)
{
    public async Task<IReadOnlyList<ExperimentResult>> RunAsync(IReadOnlyList<IExperiment> experiments, Action<ExperimentResult>? completed, CancellationToken cancellationToken)
    {
        var results = new List<ExperimentResult>();
        for (var i = 0; i < experiments.Count; i++)
        {
            var experiment = experiments[i];
            progress.ExperimentStarted(experiment.Info, i + 1, experiments.Count);
            var result = await RunOneAsync(experiment, cancellationToken);
            results.Add(result);
            completed?.Invoke(result);
            await HealAsync(cancellationToken);
        }

        return results;
    }

    private async Task<ExperimentResult> RunOneAsync(IExperiment experiment, CancellationToken cancellationToken)
    {
        using var context = new ExperimentContext(experiment.Info, topology, faults, settings, progress);
        var watch = Stopwatch.StartNew();
        var status = ExperimentStatus.Completed;
        string? failure = null;
        try
        {
            await experiment.RunAsync(context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            status = ExperimentStatus.Failed;
            failure = $"{e.GetType().Name}: {e.Message}";
        }

        var info = experiment.Info;
        if (status == ExperimentStatus.Completed && context.IsSkipped)
        {
            status = ExperimentStatus.Skipped;
            failure = context.SkipReason;
        }
        else if (status == ExperimentStatus.Completed && VerdictProblem(info, context.Verdicts) is { } problem)
        {
            // A bug of the experiment, not a finding: its verdicts cannot be trusted.
            status = ExperimentStatus.Failed;
            failure = problem;
        }

        return new ExperimentResult(
            info.Id,
            info.Group,
            info.Title,
            info.Question,
            status,
            failure,
            new Dictionary<string, string>(context.Parameters) { ["quick"] = settings.Quick ? "yes" : "no" },
            context.Steps,
            context.Recorder.Observations,
            context.Tables,
            status == ExperimentStatus.Completed ? context.Verdicts : [],
            context.Anomalies,
            context.Charts,
            Math.Round(watch.Elapsed.TotalSeconds, 3))
        {
            Metrics = context.Metrics,
            Goals = context.Goals,
        };
    }

    /// <summary>Null when every hypothesis got exactly one verdict (and no verdict names another); otherwise what is wrong.</summary>
    internal static string? VerdictProblem(ExperimentInfo info, IReadOnlyList<HypothesisVerdict> verdicts)
    {
        var problems = info.Hypotheses
            .Select(h => (h.Id, Count: verdicts.Count(v => v.Id == h.Id)))
            .Where(h => h.Count != 1)
            .Select(h => h.Count == 0 ? $"{h.Id} was not judged" : $"{h.Id} was judged {h.Count} times")
            .Concat(verdicts.Where(v => info.Hypotheses.All(h => h.Id != v.Id)).Select(v => $"a verdict names {v.Id}, which is no hypothesis"))
            .ToList();
        return problems.Count == 0 ? null : $"the experiment's verdicts are incomplete: {string.Join("; ", problems)}.";
    }

    /// <summary>Starts whatever an experiment left down, so the next one finds the full topology.</summary>
    private async Task HealAsync(CancellationToken cancellationToken)
    {
        if (topology.Store.CanBeControlled && !topology.Store.IsRunning)
        {
            await faults.StartStoreAsync(cancellationToken);
        }

        foreach (var backend in topology.Backends.Where(b => !b.IsRunning))
        {
            await topology.StartBackendAsync(backend, cancellationToken);
        }
    }
}
