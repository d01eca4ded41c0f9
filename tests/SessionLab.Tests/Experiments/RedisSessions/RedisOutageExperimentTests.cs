using SessionLab.Experiments.Framework;
using SessionLab.Experiments.RedisSessions;
using SessionLab.Reporting.Model;
using static SessionLab.Tests.Experiments.CannedExchanges;

namespace SessionLab.Tests.Experiments.RedisSessions;

public sealed class RedisOutageExperimentTests
{

    [Fact]
    public void Judge_Fast503sLostSessionsAndWorkingLogins_ConfirmsAllWithTheMeasuredStatus()
    {
        var verdicts = RedisOutageExperiment.Judge(Facts()).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("503 session store unavailable ×6", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("12.5 ms", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("0 of 5 session keys", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains("0.4 s", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AProfileTimesOutDuringTheOutage_RefutesH1AsAHang()
    {
        var facts = Facts(outage: i => i == 2 ? NoReply() : Error(503, "session store unavailable"));

        var h1 = RedisOutageExperiment.Judge(facts).First();

        Assert.Equal(Verdict.Refuted, h1.Verdict);
        Assert.Contains("1 of 6 requests got no reply", h1.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AProfileSucceedsWhileRedisIsDown_RefutesH1()
    {
        var facts = Facts(outage: i => i == 0 ? Ok() : Error(503, "session store unavailable"));

        Assert.Equal(Verdict.Refuted, RedisOutageExperiment.Judge(facts).First().Verdict);
    }

    [Fact]
    public void Judge_OldSessionsStillValidAfterTheRestart_RefutesH2()
    {
        var facts = Facts(back: _ => Ok(), keyAfter: true);

        var h2 = RedisOutageExperiment.Judge(facts).Single(v => v.Id == "H2");

        Assert.Equal(Verdict.Refuted, h2.Verdict);
        Assert.Contains("5 of 5 old sessions still answered 200", h2.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_BackendsNotYetReconnected_H2Inconclusive()
    {
        var facts = Facts(back: i => i < 2 ? Error(503, "session store unavailable") : Error(401, "session not found"), keyAfter: null);

        var h2 = RedisOutageExperiment.Judge(facts).Single(v => v.Id == "H2");

        Assert.Equal(Verdict.Inconclusive, h2.Verdict);
        Assert.Contains("5 could not be read", h2.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoLoginAfterTheRestart_RefutesH3WithTheLimit()
    {
        var facts = Facts() with
        {
            NewLogin = Error(503, "session store unavailable"),
            NewProfile = Error(401, "session not found"),
            Recovery = new OutageRecovery(null, null, null, 50, "503 session store unavailable", TimeSpan.FromSeconds(10)),
        };

        var h3 = RedisOutageExperiment.Judge(facts).Single(v => v.Id == "H3");

        Assert.Equal(Verdict.Refuted, h3.Verdict);
        Assert.Contains("no login succeeded within 10.0 s", h3.Evidence, StringComparison.Ordinal);
    }

    private static RedisOutageFacts Facts(Func<int, Exchange>? outage = null, Func<int, Exchange>? back = null, bool? keyAfter = false)
    {
        var users = Enumerable.Range(0, 5).Select(i => new OutageUser(
            $"user{i + 1}",
            Ok(),
            Ok(),
            outage?.Invoke(i) ?? Error(503, "session store unavailable", ms: 2 + i),
            back?.Invoke(i) ?? Error(401, "session not found"),
            true,
            keyAfter)).ToList();
        return new RedisOutageFacts(
            users,
            Error(503, "session store unavailable", ms: 12.5),
            new OutageRecovery(TimeSpan.FromSeconds(0.4), 3, TimeSpan.FromSeconds(0.6), 5, "503 session store unavailable", TimeSpan.FromSeconds(10)),
            Ok(),
            Ok(),
            TimeSpan.FromSeconds(2));
    }
}
