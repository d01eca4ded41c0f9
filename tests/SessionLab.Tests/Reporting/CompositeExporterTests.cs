using SessionLab.Reporting.Document;
using SessionLab.Reporting.Exporters;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

public sealed class CompositeExporterTests
{
    [Fact]
    public async Task ExportAsync_OneExporterThrows_TheOthersStillWriteAndEachOutcomeIsReported()
    {
        var folder = Directory.CreateTempSubdirectory("sessionlab-composite-").FullName;
        try
        {
            var run = SampleRuns.Resources();
            var composite = new CompositeExporter([new Failing(), new MarkdownExporter()]);

            var outcomes = await composite.ExportAsync(ReportBuilder.Build(run), run, folder, TestContext.Current.CancellationToken);

            Assert.Equal(["failing", "markdown"], outcomes.Select(o => o.Name));
            Assert.False(outcomes[0].Succeeded);
            Assert.Equal("broken on purpose", outcomes[0].Error!.Message);
            Assert.True(outcomes[1].Succeeded);
            Assert.True(File.Exists(Path.Combine(folder, "report.md")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void All_RegistersMarkdownOnce()
    {
        Assert.Single(ReportExporters.All(), e => e.FileName == "report.md");
        Assert.Equal(ReportExporters.All().Count, ReportExporters.All().Select(e => e.FileName).Distinct().Count());
    }

    private sealed class Failing : IExporter
    {
        public string Name => "failing";

        public string FileName => "failing.txt";

        public Task ExportAsync(ReportDocument document, RunResult run, string folder, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("broken on purpose");
    }
}
