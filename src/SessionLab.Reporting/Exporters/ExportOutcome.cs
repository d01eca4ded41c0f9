namespace SessionLab.Reporting.Exporters;

/// <summary>What one exporter did: the file it wrote, or the error that stopped it (the others still ran).</summary>
public sealed record ExportOutcome(string Name, string Path, Exception? Error)
{
    public bool Succeeded => Error is null;
}
