using System.CommandLine;
using SessionLab.Cli;
using SessionLab.Runs;

namespace SessionLab.Commands;

/// <summary><c>sessionlab report RESULTS.json [--out DIR] [--lang en|zh]</c>: re-renders every report format from a run's raw data.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var results = new Argument<string>("results") { Description = "a results.json written by sessionlab run" };
        var output = new Option<string?>("--out") { Description = "folder for the reports [default: the folder of results.json]" }.MustBeAWritableFolder();
        var language = OptionChecks.ReportLanguageOption();
        var command = new Command("report", "Re-render report.md (and every other registered format) from a results.json, in English or the plan's Chinese.") { results, output, language };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(results)!;
            var run = await ResultsFile.ReadAsync("report", path, cancellationToken);
            if (run is null)
            {
                return 2;
            }

            var folder = parse.GetValue(output) is { Length: > 0 } dir
                ? Directory.CreateDirectory(dir).FullName
                : Path.GetDirectoryName(Path.GetFullPath(path))!;
            return await ReportWriter.WriteAsync(run, folder, parse.ReportLanguageOf(language), cancellationToken) ? 0 : 1;
        });
        return command;
    }
}
