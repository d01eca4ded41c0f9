using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework;

/// <summary>
/// One experiment of the plan: it drives the topology through its context, records observations, fills its table and
/// derives a verdict per hypothesis from what it observed. It never starts processes or writes files itself.
/// </summary>
internal interface IExperiment
{
    ExperimentInfo Info { get; }

    Task RunAsync(ExperimentContext context, CancellationToken cancellationToken);
}

/// <summary>What an experiment asks and expects: id (<c>1.1</c>), group, title, question and hypotheses.</summary>
internal sealed record ExperimentInfo(string Id, int Group, string Title, string Question, IReadOnlyList<Hypothesis> Hypotheses);
