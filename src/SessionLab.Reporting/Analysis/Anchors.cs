namespace SessionLab.Reporting.Analysis;

/// <summary>Link targets shared by every part of the report, so a link written in one section resolves in another.</summary>
internal static class Anchors
{
    /// <summary>The anchor of an experiment's sub-section: <c>1.1</c> → <c>exp-1-1</c>.</summary>
    public static string Experiment(string id) => "exp-" + id.Replace('.', '-');

    /// <summary>A link in the document's neutral syntax, <c>[label](#anchor)</c>, that every renderer understands.</summary>
    public static string Link(string label, string anchor) => $"[{label}](#{anchor})";

    /// <summary>A link to an experiment labelled with its id.</summary>
    public static string ToExperiment(string id) => Link(id, Experiment(id));
}
