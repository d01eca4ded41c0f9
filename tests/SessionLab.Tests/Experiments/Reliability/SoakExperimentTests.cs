using SessionLab.Experiments.Framework.FaultsUnderLoad;
using SessionLab.Experiments.Reliability;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Reliability;

public sealed class SoakExperimentTests
{
    private const long Mb = 1024 * 1024;
    private static readonly SoakExperiment Experiment = new();

    [Fact]
    public void Judge_NoFailure_NoLoss_FlatHeap_AllConfirmed()
    {
        var verdicts = SoakExperiment.Judge([Run("sticky"), Run("redis"), Run("jwt")]).ToList();

        Assert.Equal(["H1", "H2", "H3"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("redis: 0 of 5000 failed (none)", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("jwt/server-1 1.5 → 2.0 MB", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_FailuresLostSessionsAndHeapGrowth_AllRefuted()
    {
        var bad = Run("redis") with
        {
            Failures = new Dictionary<string, long> { ["503"] = 3 },
            Sessions = new SessionTally(20, 19, 1, 0),
            Backends = [new BackendHeap("server-1", (long)(1.5 * Mb), (long)(1.5 * Mb) + SoakExperiment.HeapGrowthBound + 1, null, null)],
        };

        var verdicts = SoakExperiment.Judge([Run("sticky"), bad]).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Refuted, v.Verdict));
        Assert.Contains("redis: 3 of 5000 failed (503 ×3)", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("redis: 19 of 20 kept, 1 lost", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_HeapNotRead_H3Inconclusive()
    {
        var unread = Run("jwt") with { Backends = [new BackendHeap("server-1", null, 2 * Mb, null, null)] };

        Assert.Equal(Verdict.Inconclusive, SoakExperiment.Judge([unread]).Last().Verdict);
    }

    [Fact]
    public void Judge_NothingMeasured_AllInconclusive() =>
        Assert.All(SoakExperiment.Judge([]), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));

    private static SoakRun Run(string scheme) =>
        new(scheme, 5000, 500, new Dictionary<string, long>(), 3, new SessionTally(20, 20, 0, 0), [new BackendHeap("server-1", (long)(1.5 * Mb), 2 * Mb, 80 * Mb, 100 * Mb)]);
}
