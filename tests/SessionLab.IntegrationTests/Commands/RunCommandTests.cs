using System.Globalization;
using SessionLab.Reporting.Model;
using SessionLab.IntegrationTests.Support;
using SessionLab.Topology.Processes;

namespace SessionLab.IntegrationTests.Commands;

/// <summary><c>sessionlab run</c> end to end, as a user runs it: a real process, a real topology, results.json, nothing left.</summary>
public sealed class RunCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The issue's "done when": a Chinese run of 1.1, 2.2 and 4.1, then the same results.json re-rendered in English.</summary>
    [Fact]
    public async Task Run_QuickExperimentsInChinese_WritesSchemaVersionedResultsWithObservations_AndLeavesNothingRunning()
    {
        var runs = Directory.CreateTempSubdirectory("sessionlab-run-").FullName;
        var ports = LabPorts.FindFree();
        try
        {
            var (exitCode, output) = await LabCli.RunAsync(
                TimeSpan.FromMinutes(4),
                "run", "1.1", "2.2", "4.1", "--quick", "--lang", "zh", "--lb", "yarp", "--redis", "garnet",
                "--port-offset", ports.Offset.ToString(CultureInfo.InvariantCulture), "--runs-dir", runs);

            Assert.True(exitCode == 0, output);
            var resultsPath = Directory.EnumerateFiles(runs, "results.json", SearchOption.AllDirectories).Single();
            var run = ResultsJson.Deserialize(await File.ReadAllTextAsync(resultsPath, Ct));
            Assert.Equal(RunResult.CurrentSchemaVersion, run.SchemaVersion);
            Assert.True(run.Quick);
            Assert.Contains("YARP", run.Environment.LoadBalancer, StringComparison.Ordinal);
            Assert.Equal(["1.1", "2.2", "4.1"], run.Experiments.Select(e => e.Id));
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
            Assert.All(new[] { "实验环境", "关键发现", "遇到的问题与解决", "性能数据对比", "方案选择建议", "实验总结", "实验时长统计" }, heading => Assert.Matches($@"(?m)^## \d\. {heading}$", markdown));
            // The plan's question and hypothesis for 1.1 (Markdown escapes the `ip_hash` they name).
            Assert.Matches("核心问题：Nginx 的 .+ 策略能否保证同一客户端的请求总是路由到同一台服务器？", markdown);
            Assert.Contains("后，同一客户端的所有请求会路由到同一台后端服务器", markdown, StringComparison.Ordinal);
            // 2.2 and 4.1 as the plan words them: the question, and a hypothesis of each.
            Assert.Contains("核心问题：用户每次访问时，Session 的过期时间是否会自动延长？如何防止活跃用户被强制登出？", markdown, StringComparison.Ordinal);
            Assert.Contains("如果用户持续活跃，Session 永远不会过期", markdown, StringComparison.Ordinal);
            Assert.Contains("核心问题：三种方案的响应延迟有多大差异？哪种方案最快？", markdown, StringComparison.Ordinal);
            Assert.Contains("Sticky Session 最快（本地内存访问）", markdown, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
            var rerendered = Directory.CreateTempSubdirectory("sessionlab-rerender-").FullName;
            try
            {
                var (reportExit, reportOutput) = await LabCli.RunAsync(TimeSpan.FromMinutes(1), "report", resultsPath, "--lang", "zh", "--out", rerendered);
                Assert.True(reportExit == 0, reportOutput);
                Assert.Equal(markdown, await File.ReadAllTextAsync(Path.Combine(rerendered, "report.md"), Ct));
                Assert.Equal(html, await File.ReadAllTextAsync(Path.Combine(rerendered, "report.html"), Ct));
                Assert.True(File.Exists(Path.Combine(rerendered, "charts", "chart-exp-2-2-ttl.svg")));

                // results.json is language-neutral: the same file gives the English report.
                var (englishExit, englishOutput) = await LabCli.RunAsync(TimeSpan.FromMinutes(1), "report", resultsPath, "--lang", "en", "--out", rerendered);
                Assert.True(englishExit == 0, englishOutput);
                var english = await File.ReadAllTextAsync(Path.Combine(rerendered, "report.md"), Ct);
                Assert.Contains("## 1. Environment", english, StringComparison.Ordinal);
                Assert.Contains("### 4.1 Latency", english, StringComparison.Ordinal);
                Assert.DoesNotContain("实验环境", english, StringComparison.Ordinal);
                Assert.Contains("<html lang=\"en\">", await File.ReadAllTextAsync(Path.Combine(rerendered, "report.html"), Ct), StringComparison.Ordinal);
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
    public async Task Run_InterruptedWithCtrlC_WritesWhatCompleted_MarkedInterrupted_AndItsReport()
    {
        var runs = Directory.CreateTempSubdirectory("sessionlab-interrupted-").FullName;
        var ports = LabPorts.FindFree();
        try
        {
            await using (var lab = LabCli.Start(
                new Dictionary<string, string>(),
                // 2.2 waits out idle TTLs (seconds even when quick), so the interrupt lands inside an experiment: 1.1, 1.2
                // and 1.3 take a fraction of a second each. (The test needs SIGINT not ignored: a background job of a
                // shell without job control inherits SIGINT ignored, and .NET keeps it so.)
                "run", "1.1", "2.2", "2.3", "--quick", "--lb", "yarp", "--redis", "garnet",
                "--port-offset", ports.Offset.ToString(CultureInfo.InvariantCulture), "--runs-dir", runs))
            {
                await lab.WaitForOutputAsync("1.1 took", TimeSpan.FromMinutes(3));
                Assert.True(NativeSignals.Interrupt(lab.ProcessId));
                var (exitCode, stdout, stderr) = await lab.WaitAsync(TimeSpan.FromMinutes(2));

                Assert.True(exitCode == 130, stdout + stderr);
                Assert.Contains("Interrupted", stdout, StringComparison.Ordinal);
            }

            var resultsPath = Directory.EnumerateFiles(runs, "results.json", SearchOption.AllDirectories).Single();
            var run = ResultsJson.Deserialize(await File.ReadAllTextAsync(resultsPath, Ct));
            Assert.True(run.Interrupted);
            Assert.Equal(["1.1", "2.2", "2.3"], run.Selected);
            Assert.Equal("1.1", run.Experiments[0].Id);
            Assert.InRange(run.Experiments.Count, 1, 2);
            Assert.All(run.Experiments, e => Assert.Equal(ExperimentStatus.Completed, e.Status));
            var report = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(resultsPath)!, "report.md"), Ct);
            Assert.Contains("This run was interrupted", report, StringComparison.Ordinal);
            Assert.Contains("2.3 Redis outage (Redis session), interrupted", report, StringComparison.Ordinal);
            Assert.Contains("6.7 ", report, StringComparison.Ordinal);
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
        var (exitCode, output) = await LabCli.RunAsync(TimeSpan.FromMinutes(1), "run", "9.9");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown experiment", output, StringComparison.Ordinal);
    }
}
