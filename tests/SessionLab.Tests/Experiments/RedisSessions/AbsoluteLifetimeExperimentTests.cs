using SessionLab.Experiments.RedisSessions;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.RedisSessions;

public sealed class AbsoluteLifetimeExperimentTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Absolute = TimeSpan.FromSeconds(5);

    [Fact]
    public void Judge_200UntilTheLimit_401After_TtlCutToTheLimit_AllConfirmed()
    {
        var verdicts = AbsoluteLifetimeExperiment.Judge(new AbsoluteLifetimeFacts(Ttl, Absolute, Busy("redis", endsAt: 0, cutTtl: true), Busy("sticky", endsAt: 0, cutTtl: null))).ToList();

        Assert.Equal(["H1", "H2", "H3"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("past it 401 session not found ×", verdicts[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_SessionServedPastItsLimit_Refuted()
    {
        var verdicts = AbsoluteLifetimeExperiment.Judge(new AbsoluteLifetimeFacts(Ttl, Absolute, Busy("redis", endsAt: 1.0, cutTtl: true), Busy("sticky", endsAt: 1.0, cutTtl: null))).ToList();

        Assert.Equal(Verdict.Refuted, verdicts[0].Verdict);
        Assert.Equal(Verdict.Refuted, verdicts[2].Verdict);
    }

    [Fact]
    public void Judge_TtlReachesPastTheLimit_H2Refuted()
    {
        var h2 = AbsoluteLifetimeExperiment.Judge(new AbsoluteLifetimeFacts(Ttl, Absolute, Busy("redis", endsAt: 0, cutTtl: false), Busy("sticky", endsAt: 0, cutTtl: null))).ElementAt(1);

        Assert.Equal(Verdict.Refuted, h2.Verdict);
        Assert.Contains("past the limit", h2.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RefusedLongBeforeTheLimit_Refuted()
    {
        var early = Busy("sticky", endsAt: -2.0, cutTtl: null);

        Assert.Equal(Verdict.Refuted, AbsoluteLifetimeExperiment.Judge(new AbsoluteLifetimeFacts(Ttl, Absolute, Busy("redis", 0, true), early)).Last().Verdict);
    }

    [Fact]
    public void Judge_NotObservedPastTheLimit_Inconclusive()
    {
        var none = new SchemeRun("redis", false, [], null);

        Assert.All(AbsoluteLifetimeExperiment.Judge(new AbsoluteLifetimeFacts(Ttl, Absolute, none, none with { Scheme = "sticky" })), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    /// <summary>A request every 0.4 s from login to 1.6 s past the 5 s limit; served until <paramref name="endsAt"/> s relative to the limit.</summary>
    private static SchemeRun Busy(string scheme, double endsAt, bool? cutTtl)
    {
        var samples = new List<BusySample>();
        for (var at = 0.2; at < 6.6; at += 0.4)
        {
            var toLimit = at - 5;
            var ok = toLimit < endsAt;
            // The TTL slides to 2 s, or, in the last idle period, is cut to the limit (or not, when cutTtl is false).
            double? ttl = ok && cutTtl is not null ? (cutTtl.Value ? Math.Min(2, -toLimit) : 2) : null;
            samples.Add(new BusySample(at, toLimit, ok ? 200 : 401, ok ? "200" : "401 session not found", ttl));
        }

        return new SchemeRun(scheme, true, samples, scheme == "redis" ? false : null);
    }
}
