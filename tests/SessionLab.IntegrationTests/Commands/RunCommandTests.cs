using System.Diagnostics;
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
            var (exitCode, output) = await RunLabAsync(
                "run", "1.1", "--quick", "--lb", "yarp", "--redis", "garnet",
                "--port-offset", ports.Offset.ToString(CultureInfo.InvariantCulture), "--runs-dir", runs);

            Assert.True(exitCode == 0, output);
            var resultsPath = Directory.EnumerateFiles(runs, "results.json", SearchOption.AllDirectories).Single();
            var run = ResultsJson.Deserialize(await File.ReadAllTextAsync(resultsPath, Ct));
            Assert.Equal(RunResult.CurrentSchemaVersion, run.SchemaVersion);
            Assert.True(run.Quick);
            Assert.Contains("YARP", run.Environment.LoadBalancer, StringComparison.Ordinal);
            var experiment = Assert.Single(run.Experiments);
            Assert.Equal(ExperimentStatus.Completed, experiment.Status);
            Assert.Equal(3, experiment.Verdicts.Count);
            Assert.Contains(experiment.Observations, o => o.Kind == ObservationKind.Http && o.Status == 200 && o.ServerId is not null);
            Assert.All(ports.All(includeStore: true), port => Assert.Null(ProcFs.ListenerOf(port)));
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }

    [Fact]
    public async Task Run_UnknownExperiment_IsAClearErrorBeforeStartingAnything()
    {
        var (exitCode, output) = await RunLabAsync("run", "9.9");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown experiment", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunLabAsync(params string[] args)
    {
        var spec = SelfLauncher.Command(args);
        var info = new ProcessStartInfo(spec.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
