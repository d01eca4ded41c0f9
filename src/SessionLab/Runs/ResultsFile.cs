using System.Text.Json;
using SessionLab.Reporting.Model;
using Spectre.Console;

namespace SessionLab.Runs;

/// <summary>Reads a results.json for <c>report</c> and <c>compare</c>, turning every way it can be wrong into one clear line.</summary>
internal static class ResultsFile
{
    /// <summary>The run, or null after printing why it could not be read (the caller exits 2).</summary>
    public static async Task<RunResult?> ReadAsync(string command, string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]sessionlab {command}:[/] {path} is a folder; give the results.json inside it.");
            return null;
        }

        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]sessionlab {command}:[/] cannot read {path}: {e.Message}");
            return null;
        }

        try
        {
            var run = ResultsJson.Deserialize(json);
            if (run.SchemaVersion is < RunResult.OldestReadableSchemaVersion or > RunResult.CurrentSchemaVersion)
            {
                var why = run.SchemaVersion > RunResult.CurrentSchemaVersion ? "it was written by a newer lab; update this one" : "it is older than any version this lab reads";
                AnsiConsole.MarkupLineInterpolated($"[red]sessionlab {command}:[/] {path} has schema version {run.SchemaVersion}, and this lab reads versions {RunResult.OldestReadableSchemaVersion}–{RunResult.CurrentSchemaVersion}: {why}.");
                return null;
            }

            // Required lists can still be absent from a hand-edited file; the report reads them everywhere.
            if (run.Environment is null || run.Experiments is null || run.Experiments.Any(e => e is null || e.Tables is null || e.Verdicts is null || e.Anomalies is null || e.Charts is null || e.Parameters is null || e.Observations is null))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]sessionlab {command}:[/] {path} is not a complete results.json (environment or an experiment's lists are missing).");
                return null;
            }

            return run;
        }
        catch (JsonException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]sessionlab {command}:[/] {path} is not a valid results.json: {e.Message}");
            return null;
        }
    }
}
