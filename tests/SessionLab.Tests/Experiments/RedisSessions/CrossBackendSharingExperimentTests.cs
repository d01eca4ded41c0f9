using SessionLab.Experiments.RedisSessions;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.RedisSessions;

public sealed class CrossBackendSharingExperimentTests
{
    private const string Value = """{"session_id":"abc","user_id":1001,"username":"alice","created_at":"2026-01-01T00:00:00Z"}""";
    private static readonly CrossBackendSharingExperiment Experiment = new();

    [Fact]
    public void Judge_EveryBackendServes_EvenSpread_KeyWithTtl_AllConfirmed()
    {
        var facts = Facts(Sequence(7, 6, 7), new StoredSession(true, Value, TimeSpan.FromSeconds(29.9)), Ok("server-1"), Ok("server-2"), Ok("server-3"));

        var verdicts = CrossBackendSharingExperiment.Judge(facts).ToList();

        Assert.Equal(["H1", "H2", "H3"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("server-1: 7 / server-2: 6 / server-3: 7", verdicts[1].Evidence, StringComparison.Ordinal);
        Assert.Contains("TTL 29.900 s", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OneBackendRejects_UnevenSpread_KeyWithoutTtl_AllRefuted()
    {
        var facts = Facts(
            Sequence(12, 8, 0),
            new StoredSession(true, Value, null),
            Ok("server-1"),
            new SharedBackend("server-2", 8092, 401, "401 session not found", null, null, false),
            Ok("server-3"));

        var verdicts = CrossBackendSharingExperiment.Judge(facts).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Refuted, v.Verdict));
        Assert.Contains("no TTL", verdicts[2].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ValueOfAnotherSession_H3Refuted()
    {
        var facts = Facts(Sequence(7, 7, 6), new StoredSession(true, Value.Replace("abc", "xyz", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), Ok("server-1"), Ok("server-2"), Ok("server-3"));

        var verdict = CrossBackendSharingExperiment.Judge(facts).Last();

        Assert.Equal(Verdict.Refuted, verdict.Verdict);
        Assert.Contains("NOT matching", verdict.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RedisUnreadable_H3Inconclusive()
    {
        var facts = Facts(Sequence(7, 7, 6), new StoredSession(null, null, null), Ok("server-1"), Ok("server-2"), Ok("server-3"));

        Assert.Equal(Verdict.Inconclusive, CrossBackendSharingExperiment.Judge(facts).Last().Verdict);
    }

    private static SharingFacts Facts(IReadOnlyList<string> sequence, StoredSession stored, params SharedBackend[] backends) =>
        new("alice", "1001", "abc", stored, TimeSpan.FromSeconds(30), backends, ["server-1", "server-2", "server-3"], sequence, []);

    private static SharedBackend Ok(string server) => new(server, 8091, 200, "200", "alice", "1001", true);

    private static List<string> Sequence(int first, int second, int third) =>
        [.. Enumerable.Repeat("server-1", first), .. Enumerable.Repeat("server-2", second), .. Enumerable.Repeat("server-3", third)];
}
