namespace SessionLab.Reporting.Analysis;

/// <summary>
/// One target of the performance table (a scheme, a built-in peer or a ceiling): each figure is null when the
/// experiment that measures it did not run or did not measure this target.
/// </summary>
internal sealed record PerformanceRow(string Target, Figure? P50, Figure? P99, Figure? Qps, Figure? Memory10K, Figure? Cpu);
