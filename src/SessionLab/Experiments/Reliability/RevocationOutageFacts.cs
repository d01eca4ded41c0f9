using System.Globalization;
using SessionLab.Experiments.Framework.FaultsUnderLoad;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// What 6.5 measured for one Redis-down policy of JWT with revocation: its load around the outage, a legitimate token's
/// probe while Redis was down, and a revoked token's probe before, during and after it.
/// </summary>
/// <param name="Policy"><c>fail closed</c> or <c>fail open</c>.</param>
/// <param name="Requests">Requests the load sent.</param>
/// <param name="Failures">The load's failures by kind (<c>http 503</c>, <c>timeout</c>…).</param>
/// <param name="LegitDuring">The legitimate token's probes that completed while Redis was down.</param>
/// <param name="RevokedBefore">The revoked token's probes before Redis was killed.</param>
/// <param name="RevokedDuring">The revoked token's probes while Redis was down.</param>
/// <param name="RevokedAfter">The revoked token's reply once the backend reached Redis again (<c>401 token revoked</c>, or <c>200</c> when the blacklist was lost); null when it never did.</param>
internal sealed record RevocationOutageFacts(
    string Policy,
    long Requests,
    IReadOnlyDictionary<string, long> Failures,
    IReadOnlyList<ProbeSample> LegitDuring,
    IReadOnlyList<ProbeSample> RevokedBefore,
    IReadOnlyList<ProbeSample> RevokedDuring,
    int? RevokedAfter)
{
    public long Failed => Failures.Values.Sum();

    /// <summary>Nearest-rank P99 of the legitimate probes while Redis was down; null when there were none.</summary>
    public double? LegitDuringP99Ms
    {
        get
        {
            var sorted = LegitDuring.Select(p => p.ElapsedMs).Order().ToList();
            return sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(0.99 * sorted.Count) - 1)];
        }
    }

    /// <summary>"503 ×20, timeout ×1".</summary>
    public static string Replies(IReadOnlyList<ProbeSample> samples) => samples.Count == 0
        ? "none"
        : string.Join(", ", samples
            .GroupBy(p => p.Status == 0 ? p.Failure ?? "no reply" : p.Status.ToString(CultureInfo.InvariantCulture))
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} ×{g.Count().ToString(CultureInfo.InvariantCulture)}"));

    public static int Count(IReadOnlyList<ProbeSample> samples, int status) => samples.Count(p => p.Status == status);
}
