using System.CommandLine;
using System.Globalization;
using SessionLab.Cli;
using SessionLab.Experiments;
using SessionLab.Experiments.Framework;
using SessionLab.Faults;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;
using SessionLab.Runs;
using SessionLab.Topology;
using Spectre.Console;

namespace SessionLab.Commands;

/// <summary>
/// <c>sessionlab run</c>: brings the topology up, runs the chosen experiments with live progress, prints each table and
/// verdict, writes <c>results.json</c> and tears everything down. Exit 0 when the experiments ran, whatever the verdicts.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("experiments") { Description = "experiment ids (2.2) or group numbers (2), listed above [default: all]", Arity = ArgumentArity.ZeroOrMore };
        var quick = new Option<bool>("--quick") { Description = "scale waits and TTLs down (e.g. 3 s TTL) so groups 1-3 run in under a minute" };
        var output = new Option<string?>("--out") { Description = "folder for results.json [default: the run folder]" }.MustBeAWritableFolder();
        var requests = new Option<int?>("--requests") { Description = "performance group: requests per round and target instead of a duration [default: 400 serial for 4.1 (quick 200); 4.2 measures for a duration]" };
        var concurrency = new Option<int?>("--concurrency") { Description = "performance group: concurrent connections for 4.2 [default: 100]" };
        var duration = new Option<TimeSpan?>("--duration") { Description = "performance group: measure each target for this long per round [default: 3 s for 4.2 (quick 1 s)]", CustomParser = DurationParser.ParseOption };
        var rounds = new Option<int?>("--rounds") { Description = "performance group: interleaved rounds per target, for the intervals [default: 5 (quick 3)]" };
        var sessions = new Option<int?>("--sessions") { Description = "4.3: the largest number of sessions to measure memory at [default: 100,000 (quick 10,000)], up to 1,000,000" };
        var language = OptionChecks.ReportLanguageOption();
        var topologyOptions = new TopologyCommandOptions();
        var command = new Command("run", Describe()) { ids, quick, output, requests, concurrency, duration, rounds, sessions, language };
        topologyOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<IExperiment> experiments;
            try
            {
                experiments = ExperimentCatalog.Select(parse.GetValue(ids) ?? []);
            }
            catch (ArgumentException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]sessionlab run:[/] {e.Message}");
                return 2;
            }

            if (parse.GetValue(requests) is < 1 || parse.GetValue(concurrency) is < 1 or > 10_000 || parse.GetValue(duration) is { TotalSeconds: <= 0 or > 3600 }
                || parse.GetValue(rounds) is < 2 or > 100 || parse.GetValue(sessions) is < 100 or > 1_000_000)
            {
                AnsiConsole.MarkupLine("[red]sessionlab run:[/] --requests must be at least 1, --concurrency 1 to 10000, --duration above 0 and at most 1 hour, --rounds 2 to 100 (an interval needs two), --sessions 100 to 1,000,000.");
                return 2;
            }

            var settings = new ExperimentSettings(parse.GetValue(quick))
            {
                Requests = parse.GetValue(requests),
                Concurrency = parse.GetValue(concurrency),
                Duration = parse.GetValue(duration),
                Rounds = parse.GetValue(rounds),
                Sessions = parse.GetValue(sessions),
            };
            var options = topologyOptions.Read(parse) with
            {
                RedisSessionTtl = settings.RedisSessionTtl,
                // The performance group measures the ASP.NET Core built-ins beside our schemes, on the same balancer.
                IncludeBaselines = topologyOptions.Read(parse).IncludeBaselines || experiments.Any(e => e.Info.Group == 4),
            };
            return await RunAsync(experiments, settings, options, parse.GetValue(output), parse.ReportLanguageOf(language), cancellationToken);
        });
        return command;
    }

    /// <summary>The command's help: what it does, then every experiment a user can name.</summary>
    private static string Describe()
    {
        var lines = ExperimentCatalog.All().Select(e => $"  {e.Info.Id}  {e.Info.Title}");
        return "Run the experiments against the real topology, write results.json and the report (Markdown, HTML, charts).\n\nExperiments:\n" + string.Join('\n', lines);
    }

    private static async Task<int> RunAsync(IReadOnlyList<IExperiment> experiments, ExperimentSettings settings, TopologyOptions options, string? output, ReportLanguage language, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.Now;
        RunningTopology topology;
        try
        {
            topology = await UpCommand.StartAsync(options, cancellationToken);
        }
        catch (TopologyException e)
        {
            await Console.Error.WriteLineAsync($"sessionlab run: cannot start the topology: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("Cancelled; nothing was left running.");
            return 130;
        }

        await using (topology)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]ready[/]: {topology.LoadBalancer.Description}, {topology.Store.Description}; running {experiments.Count} experiment(s){(settings.Quick ? " in quick mode" : string.Empty)}");
            var faults = new FaultController(topology);
            // Kept as each experiment completes, so an interrupted run still writes what it measured.
            var completed = new List<ExperimentResult>();
            var live = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected ? new LiveLine(Console.Out, () => AnsiConsole.Profile.Width) : null;
            var progress = new ConsoleExperimentProgress(live);
            void Completed(ExperimentResult result)
            {
                completed.Add(result);
                progress.Print(() => ResultPrinter.PrintExperiment(result));
            }

            var interrupted = false;
            try
            {
                await new ExperimentRunner(topology, faults, settings, progress).RunAsync(experiments, Completed, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
            }
            finally
            {
                live?.Clear();
            }

            if (interrupted)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]Interrupted[/] after {completed.Count} of {experiments.Count} experiment(s); writing what completed.");
            }

            var run = new RunResult(RunResult.CurrentSchemaVersion, Path.GetFileName(topology.RunFolder), started, DateTimeOffset.Now, settings.Quick, LabEnvironmentReader.Read(topology), completed)
            {
                Interrupted = interrupted,
                Selected = [.. experiments.Select(e => e.Info.Id)],
                Catalog = [.. ExperimentCatalog.All().Select(e => new CatalogEntry(e.Info.Id, e.Info.Group, e.Info.Title))],
            };
            var folder = output is { Length: > 0 } ? Directory.CreateDirectory(output).FullName : topology.RunFolder;
            var resultsPath = Path.Combine(folder, "results.json");
            // Not the run's token: after Ctrl+C it is cancelled, and these files are what the interruption must not lose.
            await File.WriteAllTextAsync(resultsPath, ResultsJson.Serialize(run), CancellationToken.None);
            // The report is derived from results.json alone, so `sessionlab report` re-renders exactly this.
            var report = ReportBuilder.Build(run, language);
            ResultPrinter.PrintSummary(run, resultsPath, report);
            await ReportWriter.WriteAsync(report, run, folder, CancellationToken.None);
            AnsiConsole.MarkupLineInterpolated($"Total {(run.FinishedAt - run.StartedAt).TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s. Stopping the topology…");
            return interrupted ? 130 : completed.Any(r => r.Status == ExperimentStatus.Failed) ? 1 : 0;
        }
    }
}
