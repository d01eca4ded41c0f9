using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>
/// The typed figures of a load through a fault, named the same way in every fault experiment so <c>compare</c> lines
/// them up by key: <c>failed_requests</c> (5xx and transport failures), <c>refused_requests</c> (4xx: a session gone),
/// the failed share, and, where users' sessions were checked afterwards, how many were kept and lost. A figure measured
/// under one condition of several (a restart procedure, a Redis-down policy) carries it after an <c>@</c>:
/// <c>failed_requests@(b) deregistered first</c>.
/// </summary>
internal static class FaultMetrics
{
    /// <summary>The load's failed and refused requests (and their share) under <paramref name="target"/>.</summary>
    public static void AddLoad(ExperimentContext context, string target, long requests, IReadOnlyDictionary<string, long> failuresByKind, string? condition = null)
    {
        var failed = failuresByKind.Where(f => FailureTally.IsFailure(f.Key)).Sum(f => f.Value);
        var refused = failuresByKind.Where(f => !FailureTally.IsFailure(f.Key)).Sum(f => f.Value);
        context.AddMetric(new Metric(target, Name("requests", condition), "requests", requests));
        context.AddMetric(new Metric(target, Name("failed_requests", condition), "requests", failed));
        context.AddMetric(new Metric(target, Name("failed_percent", condition), "%", Percent(failed, requests)));
        context.AddMetric(new Metric(target, Name("refused_requests", condition), "requests", refused));
    }

    /// <summary>A failover run: its load, the probe's slowest reply after the fault, and the sessions kept and lost.</summary>
    public static void AddFailover(ExperimentContext context, FailoverRun run, string? condition = null)
    {
        AddLoad(context, run.Scheme, run.Requests, run.FailuresByKind, condition);
        context.AddMetric(new Metric(run.Scheme, Name("slowest_probe_after_fault_ms", condition), "ms", run.SlowestProbeAfterFaultMs));
        AddSessions(context, run.Scheme, run.Sessions.Users, run.Sessions.Kept, run.Sessions.Lost, condition);
    }

    /// <summary>Of <paramref name="users"/> sessions checked after a fault, how many were kept and lost.</summary>
    public static void AddSessions(ExperimentContext context, string target, int users, int kept, int lost, string? condition = null)
    {
        if (users == 0)
        {
            return;
        }

        context.AddMetric(new Metric(target, Name("sessions_kept", condition), "sessions", kept));
        context.AddMetric(new Metric(target, Name("sessions_lost", condition), "sessions", lost));
        context.AddMetric(new Metric(target, Name("sessions_kept_percent", condition), "%", Percent(kept, users)));
    }

    /// <summary><c>name</c>, or <c>name@condition</c>.</summary>
    public static string Name(string name, string? condition) => condition is null ? name : $"{name}@{condition}";

    private static double Percent(long part, long whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 3);
}
