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
    /// <summary>
    /// Bumped whenever a field changes meaning or disappears (fields added with a default keep the version). 2: the
    /// figures are typed metrics per experiment, which the report and <c>compare</c> read instead of table text.
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The oldest version still read: version 1 files have no metrics, and their figures are read from their tables.</summary>
    public const int OldestReadableSchemaVersion = 1;

    /// <summary>
    /// Whether the run was stopped (Ctrl+C, SIGTERM) before every chosen experiment finished: <see cref="Experiments"/>
    /// then holds the ones that completed, and the experiment in progress is not among them.
    /// </summary>
    public bool Interrupted { get; init; }

    /// <summary>The ids of the experiments chosen for this run, in order; null in results written before this field.</summary>
    public IReadOnlyList<string>? Selected { get; init; }

    /// <summary>
    /// Every experiment the lab could run when this run was made (the plan's and its own), so a report can name what a
    /// run left out; null in results written before this field (the report then names the plan's only).
    /// </summary>
    public IReadOnlyList<CatalogEntry>? Catalog { get; init; }
}

/// <summary>One experiment the lab knows: its id (<c>5.3</c>), group and title.</summary>
public sealed record CatalogEntry(string Id, int Group, string Title);

/// <summary>Where the run happened and which engines ran (report section 1).</summary>
public sealed record LabEnvironment(
    string OperatingSystem,
    string Kernel,
    int CpuCount,
    string DotNet,
    string LabVersion,
    string LoadBalancer,
    string Store);
