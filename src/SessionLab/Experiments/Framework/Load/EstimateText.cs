using System.Globalization;
using SessionLab.Measurement.Statistics;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>How an estimate reads in tables and evidence, and how it becomes a typed <see cref="Metric"/>.</summary>
internal static class EstimateText
{
    /// <summary>"6,950 (6,700–7,200)", or "6,950 (1 round)" without an interval.</summary>
    public static string Of(Estimate estimate, string format) =>
        estimate.HasInterval
            ? string.Create(CultureInfo.InvariantCulture, $"{estimate.Value.ToString(format, CultureInfo.InvariantCulture)} ({estimate.Low.ToString(format, CultureInfo.InvariantCulture)}–{estimate.High.ToString(format, CultureInfo.InvariantCulture)})")
            : $"{estimate.Value.ToString(format, CultureInfo.InvariantCulture)} (1 round)";

    /// <summary>Milliseconds with the precision latencies need.</summary>
    public static string Ms(Estimate estimate) => Of(estimate, estimate.Value < 10 ? "0.000" : "0.0");

    /// <summary>A ratio, two decimals.</summary>
    public static string Ratio(Estimate estimate) => Of(estimate, "0.00");

    /// <summary>"±4 %": half the interval's width relative to the value.</summary>
    public static string Noise(Estimate estimate) =>
        double.IsInfinity(estimate.RelativeHalfWidth) ? "no interval"
        : estimate.RelativeHalfWidth > 1 ? "over ±100 %"
        : string.Create(CultureInfo.InvariantCulture, $"±{estimate.RelativeHalfWidth * 100:0.#} %");

    public static Metric ToMetric(string target, string name, string unit, Estimate estimate) =>
        new(target, name, unit, estimate.Value, estimate.HasInterval ? estimate.Low : null, estimate.HasInterval ? estimate.High : null, estimate.Rounds);
}
