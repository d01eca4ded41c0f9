using System.Globalization;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(1) Where the run happened, which engines ran, and in which mode.</summary>
internal static class EnvironmentSection
{
    public static ReportSection Build(RunResult run, ReportText text)
    {
        var env = run.Environment;
        string[] values =
        [
            env.OperatingSystem, env.Kernel, env.CpuCount.ToString(CultureInfo.InvariantCulture), env.DotNet, env.LabVersion, env.LoadBalancer, env.Store,
            text.Mode(run.Quick), run.RunId, Timestamp(run.StartedAt), Timestamp(run.FinishedAt),
        ];
        IReadOnlyList<IReadOnlyList<string>> rows = [.. text.EnvironmentLabels.Zip(values, (label, value) => (IReadOnlyList<string>)[label, value])];
        return new ReportSection("environment", text.EnvironmentHeading, [new TableBlock(null, text.EnvironmentColumns, rows)]);
    }

    /// <summary>The run's own clock, as recorded: the report never shows the time it was rendered, so re-rendering is stable.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture);
}
