using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Reporting.Analysis;

/// <summary>
/// What a run covered of what the lab could run: the plan's experiments and the lab's own (groups 5–6), what was left
/// out, and whether an interruption cut the run short. Results written before the lab recorded its catalog fall back
/// to the plan's twelve.
/// </summary>
internal sealed class RunCoverage
{
    private RunCoverage(RunResult run)
    {
        Catalog = run.Catalog ?? [.. PlanCatalog.Experiments.Select(p => new CatalogEntry(p.Id, int.Parse(p.Id.AsSpan(0, p.Id.IndexOf('.', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture), p.Title))];
        var ran = run.Experiments.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var selected = run.Selected?.ToHashSet(StringComparer.Ordinal);
        NotRun = [.. Catalog.Where(c => !ran.Contains(c.Id))];
        // Chosen but never finished: only an interrupted run has these.
        NotReached = selected is null ? [] : [.. NotRun.Where(c => selected.Contains(c.Id))];
        PlanRan = run.Experiments.Count(e => IsPlan(e.Id));
        BeyondRan = run.Experiments.Count - PlanRan;
        BeyondKnown = Catalog.Count(c => !IsPlan(c.Id));
        Interrupted = run.Interrupted;
        SelectedCount = run.Selected?.Count;
    }

    /// <summary>Every experiment the lab knew when the run was made.</summary>
    public IReadOnlyList<CatalogEntry> Catalog { get; }

    /// <summary>Experiments of <see cref="Catalog"/> the run has no result for, in catalog order.</summary>
    public IReadOnlyList<CatalogEntry> NotRun { get; }

    /// <summary>Of <see cref="NotRun"/>, those the run had chosen (an interruption stopped it first).</summary>
    public IReadOnlyList<CatalogEntry> NotReached { get; }

    public int PlanRan { get; }

    public int BeyondRan { get; }

    public int BeyondKnown { get; }

    public bool Interrupted { get; }

    public int? SelectedCount { get; }

    public static RunCoverage Of(RunResult run) => new(run);

    /// <summary>"2 of the plan's 12 experiments and 1 of the lab's 13 beyond the plan".</summary>
    public string Describe(ReportText? text = null) => (text ?? EnglishReportText.Instance).Coverage(PlanRan, PlanCatalog.Experiments.Count, BeyondRan, BeyondKnown);

    private static bool IsPlan(string id) => PlanCatalog.Experiments.Any(p => p.Id == id);
}
