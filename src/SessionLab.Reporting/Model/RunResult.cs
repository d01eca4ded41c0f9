namespace SessionLab.Reporting.Model;

/// <summary>
/// Everything one <c>sessionlab run</c> measured: the root of <c>results.json</c>. Immutable, so any report can be
/// re-rendered from it and two runs compared.
/// </summary>
public sealed record RunResult(
    int SchemaVersion,
    string RunId,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Quick,
    LabEnvironment Environment,
    IReadOnlyList<ExperimentResult> Experiments)
{
    /// <summary>Bumped whenever a field changes meaning or disappears.</summary>
    public const int CurrentSchemaVersion = 1;
}

/// <summary>Where the run happened and which engines ran (report section 1).</summary>
public sealed record LabEnvironment(
    string OperatingSystem,
    string Kernel,
    int CpuCount,
    string DotNet,
    string LabVersion,
    string LoadBalancer,
    string Store);
