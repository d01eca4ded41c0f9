using System.Diagnostics;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework;

/// <summary>Every raw fact of one experiment, numbered and timed from its start. Thread-safe: clients may run in parallel.</summary>
internal sealed class ObservationRecorder
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Observation> _observations = [];
    private readonly Lock _lock = new();

    public string CurrentStep { get; set; } = "setup";

    public TimeSpan Elapsed => _clock.Elapsed;

    public IReadOnlyList<Observation> Observations
    {
        get
        {
            lock (_lock)
            {
                return [.. _observations];
            }
        }
    }

    /// <summary>Records an observation; its sequence, time and step are filled in here.</summary>
    public Observation Record(Observation observation)
    {
        lock (_lock)
        {
            var stamped = observation with { Sequence = _observations.Count + 1, AtSeconds = Math.Round(_clock.Elapsed.TotalSeconds, 3), Step = CurrentStep };
            _observations.Add(stamped);
            return stamped;
        }
    }

    public Observation Note(ObservationKind kind, string note) => Record(new Observation(0, 0, kind, string.Empty, Note: note));
}
