using SessionLab.Experiments.Reliability;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Reliability;

public sealed class PersistenceExperimentTests
{
    private static readonly PersistenceExperiment Experiment = new();

    [Fact]
    public void Judge_AofKeepsAll_PlainLosesAll_AllConfirmed()
    {
        var verdicts = PersistenceExperiment.Judge(Plain(), Aof()).ToList();

        Assert.Equal(["H1", "H2", "H3", "H4"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("20 of 20 sessions answered 200 after the restart (0 lost, 0 other)", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("600.0 s → 597.0 s (3.0 s later; expected 597.0 s)", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains("401 with AOF and 200 without persistence", verdicts[3].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AofLostTheLastWrites_H1Refuted()
    {
        var verdicts = PersistenceExperiment.Judge(Plain(), Aof() with { Kept = 18, Lost = 2 }).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[0].Verdict);
    }

    [Theory]
    [InlineData(600.0)] // reset to the full TTL
    [InlineData(null)] // gone
    [InlineData(594.5)] // aged more than the time that passed
    public void Judge_TtlNotTheRemainingOne_H2Refuted(double? afterSeconds)
    {
        var ttl = new TtlSample("session:a", TimeSpan.FromSeconds(600), afterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, TimeSpan.FromSeconds(3));

        var verdicts = PersistenceExperiment.Judge(Plain(), Aof() with { Ttls = [ttl] }).ToList();

        Assert.False(ttl.IsRemainingKept);
        Assert.Equal(Verdict.Refuted, verdicts[1].Verdict);
    }

    [Fact]
    public void Judge_PlainStoreKeptSessions_H3Refuted_RevocationKeptBoth_H4Refuted()
    {
        var verdicts = PersistenceExperiment.Judge(Plain() with { Kept = 20, Lost = 0, RevokedAfter = 401 }, Aof()).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[2].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[3].Verdict);
    }

    [Fact]
    public void Judge_NothingMeasured_Inconclusive()
    {
        var empty = Aof() with { Sessions = 0, Kept = 0, Ttls = [], RevokedAfter = null };

        var verdicts = PersistenceExperiment.Judge(Plain() with { Sessions = 0, Lost = 0 }, empty).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    private static PersistenceFacts Plain() =>
        new("no persistence", false, 20, 0, 20, [new("session:a", TimeSpan.FromSeconds(600), null, TimeSpan.FromSeconds(3))], 50, 200);

    private static PersistenceFacts Aof() =>
        new("AOF, fsync every second", true, 20, 20, 0, [new("session:a", TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(597), TimeSpan.FromSeconds(3))], 60, 401);
}
