using System.Globalization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Document.Sections;

/// <summary>(1) Where the run happened, which engines ran, and in which mode.</summary>
internal static class EnvironmentSection
{
    public static ReportSection Build(RunResult run)
    {
        var env = run.Environment;
        IReadOnlyList<IReadOnlyList<string>> rows =
        [
            ["operating system", env.OperatingSystem],
            ["kernel", env.Kernel],
            ["CPUs", env.CpuCount.ToString(CultureInfo.InvariantCulture)],
            [".NET", env.DotNet],
            ["Session Lab", env.LabVersion],
            ["load balancer (engine that ran)", env.LoadBalancer],
            ["session store (engine that ran)", env.Store],
            ["mode", run.Quick ? "quick (waits and TTLs scaled down)" : "full (the plan's waits and TTLs)"],
            ["run", run.RunId],
            ["started", Timestamp(run.StartedAt)],
            ["finished", Timestamp(run.FinishedAt)],
        ];
        return new ReportSection("environment", "1. Environment", [new TableBlock(null, ["property", "value"], rows)]);
    }

    /// <summary>The run's own clock, as recorded: the report never shows the time it was rendered, so re-rendering is stable.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture);
}
