using System.Globalization;
using SessionLab.Measurement.Load;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>
/// A load's non-2xx outcomes split the way a fault experiment reads them: <em>failed</em> (a 5xx, a timeout, a reset:
/// the system let the client down) apart from <em>refused</em> (a 4xx: the session is gone or a throttle said no, an
/// answer, not a failure). A sticky scheme's lost sessions are thousands of 401s a second; counting them as errors
/// would make a working balancer look broken.
/// </summary>
internal static class FailureTally
{
    /// <summary>Whether a failure kind (<c>503</c>, <c>timeout</c>, <c>401</c>…) is a failure of the system rather than a refusal.</summary>
    public static bool IsFailure(string kind) =>
        !int.TryParse(kind, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status >= 500;

    /// <summary>"401 ×120, 503 ×3" (every kind), or "none".</summary>
    public static string All(IReadOnlyDictionary<string, long> byKind) => Render(byKind);

    /// <summary>"503 ×3, timeout ×1" (5xx and transport failures), or "none".</summary>
    public static string Failed(IReadOnlyDictionary<string, long> byKind) => Render(byKind.Where(k => IsFailure(k.Key)));

    /// <summary>"401 ×120" (4xx answers), or "none".</summary>
    public static string Refused(IReadOnlyDictionary<string, long> byKind) => Render(byKind.Where(k => !IsFailure(k.Key)));

    /// <summary>"0 0 3 1 0" (5xx and transport failures in each second of the load).</summary>
    public static string FailedPerSecond(ThroughputTimeline timeline) => string.Join(' ', timeline.Seconds.Select(s => s.Failed.ToString(CultureInfo.InvariantCulture)));

    /// <summary>"0 0 2015 3040" (4xx answers in each second of the load).</summary>
    public static string RefusedPerSecond(ThroughputTimeline timeline) => string.Join(' ', timeline.Seconds.Select(s => s.Refused.ToString(CultureInfo.InvariantCulture)));

    private static string Render(IEnumerable<KeyValuePair<string, long>> kinds)
    {
        var list = kinds.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list.Select(f => $"{f.Key} ×{f.Value.ToString(CultureInfo.InvariantCulture)}"));
    }
}
