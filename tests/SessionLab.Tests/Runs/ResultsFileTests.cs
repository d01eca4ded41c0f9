using SessionLab.Runs;

namespace SessionLab.Tests.Runs;

public sealed class ResultsFileTests
{
    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"schema_version\": 1")]
    [InlineData("{\"schema_version\": 99, \"run_id\": \"x\", \"experiments\": []}")]
    [InlineData("{\"schema_version\": 0, \"run_id\": \"x\", \"experiments\": []}")]
    [InlineData("{\"schema_version\": 1, \"run_id\": \"x\"}")]
    [InlineData("null")]
    public async Task ReadAsync_InvalidContent_ReturnsNullInsteadOfThrowing(string json)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);

            Assert.Null(await ResultsFile.ReadAsync("report", path, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadAsync_MissingFile_ReturnsNull()
    {
        Assert.Null(await ResultsFile.ReadAsync("report", Path.Combine(Path.GetTempPath(), "no-such-results.json"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadAsync_VersionOneWithoutMetrics_StillRead()
    {
        // The samples were written at schema version 1, before typed metrics: the report reads their tables instead.
        var run = await ResultsFile.ReadAsync("report", Path.Combine(AppContext.BaseDirectory, "Reporting", "Samples", "full-run.json"), TestContext.Current.CancellationToken);

        Assert.Equal(1, run!.SchemaVersion);
        Assert.True(run.SchemaVersion < SessionLab.Reporting.Model.RunResult.CurrentSchemaVersion);
    }

    [Fact]
    public async Task ReadAsync_RealSample_ReadsIt()
    {
        var run = await ResultsFile.ReadAsync("report", Path.Combine(AppContext.BaseDirectory, "Reporting", "Samples", "group4-quick.json"), TestContext.Current.CancellationToken);

        Assert.Equal(["4.1", "4.2"], run!.Experiments.Select(e => e.Id));
    }

    [Theory]
    [InlineData("docs/sample-run/results.json")]
    [InlineData("docs/sample-run-embedded/results.json")]
    public async Task ReadAsync_TheRepositorysSampleRuns_AreReadable(string sample)
    {
        // The README tells users to compare their run against these: a lab that can no longer read them breaks that.
        var run = await ResultsFile.ReadAsync("compare", RepositoryFiles.Of(sample), TestContext.Current.CancellationToken);

        Assert.NotNull(run);
        Assert.NotEmpty(run.Experiments);
        Assert.All(run.Experiments, e => Assert.False(string.IsNullOrEmpty(e.Id)));
    }
}
