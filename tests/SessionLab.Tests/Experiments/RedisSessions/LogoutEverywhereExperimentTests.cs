using SessionLab.Experiments.RedisSessions;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.RedisSessions;

public sealed class LogoutEverywhereExperimentTests
{
    [Fact]
    public void Judge_AllDevicesRefused_IndexClean_StickyOnlyItsBackend_AllConfirmed()
    {
        var verdicts = LogoutEverywhereExperiment.Judge(new LogoutEverywhereFacts(RedisAllRefused(), CleanIndex(), StickyOnlyCaller())).ToList();

        Assert.Equal(["H1", "H2", "H3"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("3 of 3 devices got 401", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("still held 2 member(s) before any read", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains("2 of 2 devices on other backends kept their session", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ADeviceStillServed_H1Refuted()
    {
        var redis = RedisAllRefused() with { Devices = [Device(1, "server-1", 200, "server-1"), Device(2, "server-2", 401, "server-3"), Device(3, "server-3", 401, "server-1")] };

        var h1 = LogoutEverywhereExperiment.Judge(new LogoutEverywhereFacts(redis, CleanIndex(), StickyOnlyCaller())).First();

        Assert.Equal(Verdict.Refuted, h1.Verdict);
    }

    [Fact]
    public void Judge_SessionKeyLeftInRedis_H1Refuted()
    {
        var redis = RedisAllRefused() with { Devices = [Device(1, "server-1", 401, "server-1", keyLeft: true), Device(2, "server-2", 401, "server-3"), Device(3, "server-3", 401, "server-1")] };

        Assert.Equal(Verdict.Refuted, LogoutEverywhereExperiment.Judge(new LogoutEverywhereFacts(redis, CleanIndex(), StickyOnlyCaller())).First().Verdict);
    }

    [Fact]
    public void Judge_ExpiredIdListed_OrLeftInTheIndex_H2Refuted()
    {
        var listed = CleanIndex() with { ListedPrefixes = ["expired1", "fresh000"], Listed = 2 };
        var kept = CleanIndex() with { MembersAfterRead = ["expired2", "fresh000"] };

        Assert.Equal(Verdict.Refuted, LogoutEverywhereExperiment.Judge(new LogoutEverywhereFacts(RedisAllRefused(), listed, StickyOnlyCaller())).ElementAt(1).Verdict);
        Assert.Equal(Verdict.Refuted, LogoutEverywhereExperiment.Judge(new LogoutEverywhereFacts(RedisAllRefused(), kept, StickyOnlyCaller())).ElementAt(1).Verdict);
    }

    [Fact]
    public void Judge_StickyLogoutAllReachedOtherBackends_H3Refuted()
    {
        var sticky = StickyOnlyCaller() with { Devices = [Device(1, "server-1", 401, "server-1"), Device(2, "server-2", 401, "server-2"), Device(3, "server-3", 200, "server-3")] };

        Assert.Equal(Verdict.Refuted, LogoutEverywhereExperiment.Judge(new LogoutEverywhereFacts(RedisAllRefused(), CleanIndex(), sticky)).Last().Verdict);
    }

    [Fact]
    public void Judge_NothingObserved_AllInconclusive()
    {
        var none = new DevicesOutcome("redis", [], null, 0, null, null, 0, null);
        var stale = new StaleIndexFacts(TimeSpan.FromSeconds(2), [], null, null, null, [], null, null);

        Assert.All(LogoutEverywhereExperiment.Judge(new LogoutEverywhereFacts(none, stale, none with { Scheme = "sticky" })), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    [Fact]
    public void Judge_StickyDevicesAllOnOneBackend_H3Inconclusive()
    {
        var sticky = StickyOnlyCaller() with { Devices = [Device(1, "server-1", 401, "server-1"), Device(2, "server-1", 401, "server-1")] };

        Assert.Equal(Verdict.Inconclusive, LogoutEverywhereExperiment.Judge(new LogoutEverywhereFacts(RedisAllRefused(), CleanIndex(), sticky)).Last().Verdict);
    }

    private static DevicesOutcome RedisAllRefused() => new(
        "redis",
        [Device(1, "server-1", 401, "server-2", keyLeft: false), Device(2, "server-2", 401, "server-3", keyLeft: false), Device(3, "server-3", 401, "server-1", keyLeft: false)],
        3, 200, 3, "all backends", 2, false);

    private static DevicesOutcome StickyOnlyCaller() => new(
        "sticky",
        [Device(1, "server-1", 401, "server-1"), Device(2, "server-2", 200, "server-2"), Device(3, "server-3", 200, "server-3")],
        null, 200, 1, "this backend", 0, null);

    private static StaleIndexFacts CleanIndex() => new(TimeSpan.FromSeconds(2), ["expired1", "expired2"], 2, 2, "fresh000", ["fresh000"], 1, ["fresh000"]);

    private static DeviceOutcome Device(int n, string loginServer, int after, string afterServer, bool? keyLeft = null) =>
        new($"device {n}", $"127.{40 + n}.1.1", 200, loginServer, $"prefix{n}00", after, after == 200 ? "200" : "401 session not found", afterServer, keyLeft);
}
