namespace SessionLab.Experiments.Framework;

/// <summary>
/// How a run is scaled. The defaults are the plan's values; <see cref="Quick"/> shrinks waits and TTLs so groups 1–3
/// finish in under a minute, and every result says it was a quick run.
/// </summary>
internal sealed record ExperimentSettings(bool Quick)
{
    /// <summary>User override of the performance group's request count (<c>--requests</c>).</summary>
    public int? Requests { get; init; }

    /// <summary>User override of the throughput concurrency (<c>--concurrency</c>).</summary>
    public int? Concurrency { get; init; }

    /// <summary>User override: measure for this long instead of a request count (<c>--duration</c>).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>User override of the performance group's interleaved rounds per target (<c>--rounds</c>).</summary>
    public int? Rounds { get; init; }

    /// <summary>User override of 4.3's largest session count (<c>--sessions</c>).</summary>
    public int? Sessions { get; init; }

    /// <summary>The redis group's session TTL (plan: 30 s, for 2.2); quick: 3 s.</summary>
    public TimeSpan RedisSessionTtl => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(30);

    /// <summary>Scales a plan wait: the plan's value, or a tenth of it (at least 0.5 s) in quick mode.</summary>
    public TimeSpan Wait(TimeSpan plan) => Quick ? TimeSpan.FromTicks(Math.Max(plan.Ticks / 10, TimeSpan.FromSeconds(0.5).Ticks)) : plan;
}
