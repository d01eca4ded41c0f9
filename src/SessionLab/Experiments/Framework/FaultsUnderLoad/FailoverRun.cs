using System.Globalization;
using SessionLab.Measurement.Load;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>
/// One scheme's load through a fault, reduced to what the verdicts need: the load's failures by kind and per second,
/// what the probe saw after the fault and how many sessions survived it.
/// </summary>
internal sealed record FailoverRun(
    string Scheme,
    string Victim,
    double FaultAtSeconds,
    long Requests,
    long Successes,
    IReadOnlyDictionary<string, long> FailuresByKind,
    ThroughputTimeline Timeline,
    int ProbesAfterFault,
    int FailedProbesAfterFault,
    double? LastProbeErrorAfterFault,
    double SlowestProbeAfterFaultMs,
    double? FirstLiveAnswerAfterFault,
    double LoadP99Ms,
    double LoadMaxMs,
    SessionTally Sessions)
{
    /// <summary>Requests the load balancer should have hidden: 5xx and transport failures (a 401 is a lost session).</summary>
    public long FailoverErrors => FailuresByKind.Where(f => FailureTally.IsFailure(f.Key)).Sum(f => f.Value);

    /// <summary>The figures of one run; the fault that counts is the first one injected.</summary>
    public static FailoverRun From(string scheme, string victim, FaultRun run, SessionTally sessions)
    {
        var at = run.Faults.Count > 0 ? run.Faults[0].AtSeconds : 0;
        var after = run.Probe.Where(p => p.AtSeconds >= at).ToList();
        var failed = after.Where(p => p.IsFailoverError).ToList();
        return new FailoverRun(
            scheme,
            victim,
            at,
            run.Load.TotalRequests,
            run.Load.Successes,
            run.Load.FailuresByKind,
            run.Load.Timeline,
            after.Count,
            failed.Count,
            failed.Count > 0 ? Math.Round(failed.Max(p => p.AtSeconds) - at, 3) : null,
            after.Count > 0 ? Math.Round(after.Max(p => p.ElapsedMs), 1) : 0,
            after.FirstOrDefault(p => p.Status is > 0 and < 500 && p.ServerId != victim) is { } live ? Math.Round(live.AtSeconds - at, 3) : null,
            Math.Round(run.Load.Latency.P99Ms, 3),
            Math.Round(run.Load.Latency.MaxMs, 3),
            sessions);
    }

    /// <summary>"502 ×3, connection closed ×1" (5xx and transport failures), or "none".</summary>
    public string Failed => FailureTally.Failed(FailuresByKind);

    /// <summary>"401 ×120" (answers refusing a gone session), or "none".</summary>
    public string Refused => FailureTally.Refused(FailuresByKind);

    /// <summary>"0 0 0 3 0 …" (5xx and transport failures in each second of the load).</summary>
    public string FailedPerSecond => FailureTally.FailedPerSecond(Timeline);

    /// <summary>"0 0 0 2015 3040 …" (4xx answers in each second of the load).</summary>
    public string RefusedPerSecond => FailureTally.RefusedPerSecond(Timeline);

    /// <summary>"0.052 s" after the fault, the first probe answered by a backend other than the victim (a sticky user's first 401 from its new backend).</summary>
    public string FirstLiveAnswer => FirstLiveAnswerAfterFault is { } first ? $"{first.ToString("0.000", CultureInfo.InvariantCulture)} s" : "none";

    public string ProbeWindow => LastProbeErrorAfterFault is { } last
        ? $"{FailedProbesAfterFault} of {ProbesAfterFault} failed, the last {last.ToString("0.000", CultureInfo.InvariantCulture)} s after the fault"
        : $"0 of {ProbesAfterFault} failed";
}
