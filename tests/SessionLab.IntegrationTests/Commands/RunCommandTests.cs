using System.Globalization;
using SessionLab.Reporting.Model;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Commands;

/// <summary><c>sessionlab run</c> end to end, as a user runs it: a real process, a real topology, results.json, nothing left.</summary>
public sealed class RunCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_QuickExperiment_WritesSchemaVersionedResultsWithObservations_AndLeavesNothingRunning()
    {
        var runs = Directory.CreateTempSubdirectory("sessionlab-run-").FullName;
        var ports = LabPorts.FindFree();
        try
        {
            var (exitCode, output) = await LabCli.RunAsync(
                TimeSpan.FromMinutes(3),
                "run", "1.1", "2.2", "--quick", "--lb", "yarp", "--redis", "garnet",
                "--port-offset", ports.Offset.ToString(CultureInfo.InvariantCulture), "--runs-dir", runs);

            Assert.True(exitCode == 0, output);
            var resultsPath = Directory.EnumerateFiles(runs, "results.json", SearchOption.AllDirectories).Single();
            var run = ResultsJson.Deserialize(await File.ReadAllTextAsync(resultsPath, Ct));
            Assert.Equal(RunResult.CurrentSchemaVersion, run.SchemaVersion);
            Assert.True(run.Quick);
            Assert.Contains("YARP", run.Environment.LoadBalancer, StringComparison.Ordinal);
            Assert.Equal(["1.1", "2.2"], run.Experiments.Select(e => e.Id));
            Assert.All(run.Experiments, e => Assert.Equal(ExperimentStatus.Completed, e.Status));
            var experiment = run.Experiments[0];
            Assert.Equal(3, experiment.Verdicts.Count);
            Assert.Contains(experiment.Observations, o => o.Kind == ObservationKind.Http && o.Status == 200 && o.ServerId is not null);
            Assert.All(ports.All(includeStore: true), port => Assert.Null(ProcFs.ListenerOf(port)));

            // The reports sit beside results.json, hold no placeholder, and re-render identically from the JSON alone.
            var folder = Path.GetDirectoryName(resultsPath)!;
            var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"), Ct);
            var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"), Ct);
            Assert.All(new[] { "____", "[fill]", "TODO" }, p => Assert.DoesNotContain(p, markdown + html, StringComparison.Ordinal));
            Assert.Contains("<svg", html, StringComparison.Ordinal);
            var rerendered = Directory.CreateTempSubdirectory("sessionlab-rerender-").FullName;
            try
            {
                var (reportExit, reportOutput) = await LabCli.RunAsync(TimeSpan.FromMinutes(1), "report", resultsPath, "--out", rerendered);
                Assert.True(reportExit == 0, reportOutput);
                Assert.Equal(markdown, await File.ReadAllTextAsync(Path.Combine(rerendered, "report.md"), Ct));
                Assert.Equal(html, await File.ReadAllTextAsync(Path.Combine(rerendered, "report.html"), Ct));
                Assert.True(File.Exists(Path.Combine(rerendered, "charts", "chart-exp-2-2-ttl.svg")));
            }
            finally
            {
                Directory.Delete(rerendered, recursive: true);
            }
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }

    [Fact]
    public async Task Run_UnknownExperiment_IsAClearErrorBeforeStartingAnything()
    {
        var (exitCode, output) = await LabCli.RunAsync(TimeSpan.FromMinutes(1), "run", "9.9");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown experiment", output, StringComparison.Ordinal);
    }
}
