using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework;

/// <summary>
/// The judge every experiment must have: a pure function from its facts to one verdict per hypothesis, static so it
/// cannot reach the topology or any state, and unit-tested on canned facts. An experiment declares its hypotheses as
/// static fields named after their ids (<c>H1</c>, <c>H2</c> …) and lists them in its <see cref="ExperimentInfo"/>, so a
/// judge names them through the compiler (<c>H2.Holds(…)</c>), never by a string.
/// </summary>
/// <typeparam name="TFacts">What the experiment observed, reduced to what its verdicts need.</typeparam>
internal interface IJudge<in TFacts>
{
    /// <param name="facts">What the experiment observed.</param>
    static abstract IEnumerable<HypothesisVerdict> Judge(TFacts facts);
}

/// <summary>
/// The skeleton of every experiment, read in one method: observe (the steps, against real processes, recorded) →
/// tabulate (the tables, charts and anomalies the facts give) → judge (<see cref="IJudge{TFacts}"/>). A new experiment
/// is one file: its <see cref="Info"/>, <see cref="ObserveAsync"/>, <see cref="Tabulate"/> and its static Judge.
/// </summary>
/// <typeparam name="TSelf">The experiment itself, whose static Judge the skeleton calls.</typeparam>
/// <typeparam name="TFacts">What <see cref="ObserveAsync"/> returns and the judge reads.</typeparam>
internal abstract class Experiment<TSelf, TFacts> : IExperiment
    where TSelf : Experiment<TSelf, TFacts>, IJudge<TFacts>
    where TFacts : class
{
    public abstract ExperimentInfo Info { get; }

    public async Task RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var facts = await ObserveAsync(context, cancellationToken);
        if (facts is null)
        {
            // The experiment could not measure and said so (a skip, or every hypothesis inconclusive for one reason).
            if (!context.IsSkipped && context.Verdicts.Count == 0)
            {
                throw new InvalidOperationException($"{Info.Id} observed nothing and gave no reason (context.Skip or JudgeAllInconclusive).");
            }

            return;
        }

        Tabulate(context, facts);
        foreach (var verdict in TSelf.Judge(facts))
        {
            context.Judge(verdict);
        }
    }

    /// <summary>
    /// Runs the experiment's steps and returns what they observed; null when it cannot measure, after calling
    /// <see cref="ExperimentContext.Skip"/> or <see cref="ExperimentContext.JudgeAllInconclusive"/> with the reason.
    /// </summary>
    protected abstract Task<TFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The tables, charts and anomalies the facts give (no I/O): the facts carry whatever the tables show, beyond what
    /// the judge reads. Only a load's own timeline chart is added while observing, beside its <c>LoadRecording.Record</c>,
    /// and anomalies about the lab itself (its client did not reconnect) where they happen.
    /// </summary>
    protected virtual void Tabulate(ExperimentContext context, TFacts facts)
    {
    }
}
