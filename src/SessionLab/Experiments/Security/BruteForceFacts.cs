using System.Globalization;

namespace SessionLab.Experiments.Security;

/// <summary>What 5.5 observed.</summary>
/// <param name="Guesses">Guesses sent.</param>
/// <param name="Statuses">Their replies by status (0 = no reply).</param>
/// <param name="Seconds">How long the guessing took, first send to last reply.</param>
/// <param name="Backends">Backends behind the balancer: each keeps its own failure budget.</param>
/// <param name="Burst">The backends' per-client burst of failures.</param>
/// <param name="FailuresPerSecond">The failures a second a client earns back.</param>
/// <param name="StoreMisses">Growth of Redis <c>keyspace_misses</c> over the guessing: the lookups that found nothing; null when the store does not report it.</param>
/// <param name="Idle">The legitimate user's samples before and after the guessing.</param>
/// <param name="During">The legitimate user's samples during the guessing.</param>
internal sealed record BruteForceFacts(
    int Guesses,
    IReadOnlyDictionary<int, int> Statuses,
    double Seconds,
    int Backends,
    int Burst,
    int FailuresPerSecond,
    long? StoreMisses,
    IReadOnlyList<(int Status, double Ms)> Idle,
    IReadOnlyList<(int Status, double Ms)> During)
{
    /// <summary>How many of <see cref="Idle"/> came before the guessing (the rest came after).</summary>
    public int IdleBeforeCount { get; init; }

    /// <summary>
    /// Failures the backends let one client have in <see cref="Seconds"/>: the burst, plus a second's worth per
    /// replenishment, of which T seconds can hold ⌊T⌋ + 1; and 10% more because the lab's clock and the backends' refills do not line up exactly.
    /// </summary>
    public double AllowedFailures => Backends * (Burst + (FailuresPerSecond * (Math.Floor(Seconds) + 1))) * 1.1;

    /// <summary>"3 × (20 + 10 × 5)".</summary>
    public string Budget => string.Create(CultureInfo.InvariantCulture, $"{Backends} × ({Burst} + {FailuresPerSecond} × {Math.Floor(Seconds) + 1})");

    public int Count(int status) => Statuses.TryGetValue(status, out var n) ? n : 0;

    /// <summary>"401: 61, 429: 1939".</summary>
    public string Distribution => Statuses.Count == 0 ? "none" : string.Join(", ", Statuses.OrderBy(p => p.Key).Select(p => $"{Name(p.Key)}: {p.Value}"));

    /// <summary>Statuses other than 200, 401 and 429, or "none".</summary>
    public string Others => Statuses.Where(p => p.Key is not (200 or 401 or 429)).OrderBy(p => p.Key).Select(p => $"{Name(p.Key)}: {p.Value}") is var others && others.Any() ? string.Join(", ", others) : "none";

    private static string Name(int status) => status == 0 ? "no reply" : status.ToString(CultureInfo.InvariantCulture);
}
