namespace SessionLab.Experiments.Framework;

/// <summary>Live progress of a run: which experiment, which step, and waits with their countdown.</summary>
internal interface IExperimentProgress
{
    void ExperimentStarted(ExperimentInfo info, int index, int count);

    void Step(string description);

    /// <summary>Called about every 100 ms during a wait with the time still to go.</summary>
    void Waiting(string why, TimeSpan remaining, TimeSpan total);
}

/// <summary>Progress that goes nowhere (tests).</summary>
internal sealed class SilentProgress : IExperimentProgress
{
    public void ExperimentStarted(ExperimentInfo info, int index, int count)
    {
    }

    public void Step(string description)
    {
    }

    public void Waiting(string why, TimeSpan remaining, TimeSpan total)
    {
    }
}
