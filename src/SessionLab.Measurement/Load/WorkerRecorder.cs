using System.Diagnostics;
using SessionLab.Measurement.Statistics;

namespace SessionLab.Measurement.Load;

/// <summary>
/// What one worker measured. Each worker owns one, so recording takes no lock; <see cref="LoadResultBuilder"/> merges
/// them after the run.
/// </summary>
internal sealed class WorkerRecorder
{
    private readonly long _phaseStart;
    private long[] _completedPerSecond = new long[16];
    private long[] _errorsPerSecond = new long[16];
    private long[] _refusedPerSecond = new long[16];

    public WorkerRecorder(long phaseStart, long highestTrackableTicks, bool recordServiceTime)
    {
        _phaseStart = phaseStart;
        Latency = new LatencyHistogram(highestTrackableTicks);
        ServiceTime = recordServiceTime ? new LatencyHistogram(highestTrackableTicks) : null;
    }

    public LatencyHistogram Latency { get; }

    public LatencyHistogram? ServiceTime { get; }

    public long Total { get; private set; }

    public long Successes { get; private set; }

    public Dictionary<string, long> Failures { get; } = [];

    /// <summary>Seconds of the timeline this worker touched.</summary>
    public int SecondsSeen { get; private set; }

    /// <param name="outcome">How the request ended.</param>
    /// <param name="due">Stopwatch timestamp latency is measured from (the intended send time in an open loop).</param>
    /// <param name="sent">Stopwatch timestamp of the actual send.</param>
    /// <param name="done">Stopwatch timestamp when the body was read or the failure known.</param>
    public void Record(ExchangeOutcome outcome, long due, long sent, long done)
    {
        Total++;
        if (outcome.HasResponse)
        {
            Latency.Record(Stopwatch.GetElapsedTime(due, done).Ticks);
            ServiceTime?.Record(Stopwatch.GetElapsedTime(sent, done).Ticks);
        }

        var second = (int)((done - _phaseStart) / Stopwatch.Frequency);
        EnsureSecond(second);
        _completedPerSecond[second]++;
        if (outcome.IsSuccess)
        {
            Successes++;
            return;
        }

        _errorsPerSecond[second]++;
        if (outcome.Status is >= 400 and < 500)
        {
            _refusedPerSecond[second]++;
        }

        var kind = outcome.Error ?? ErrorKinds.ForStatus(outcome.Status);
        Failures[kind] = Failures.GetValueOrDefault(kind) + 1;
    }

    public long CompletedIn(int second) => second < SecondsSeen ? _completedPerSecond[second] : 0;

    public long ErrorsIn(int second) => second < SecondsSeen ? _errorsPerSecond[second] : 0;

    public long RefusedIn(int second) => second < SecondsSeen ? _refusedPerSecond[second] : 0;

    private void EnsureSecond(int second)
    {
        if (second >= _completedPerSecond.Length)
        {
            var length = Math.Max(second + 1, _completedPerSecond.Length * 2);
            Array.Resize(ref _completedPerSecond, length);
            Array.Resize(ref _errorsPerSecond, length);
            Array.Resize(ref _refusedPerSecond, length);
        }

        SecondsSeen = Math.Max(SecondsSeen, second + 1);
    }
}
