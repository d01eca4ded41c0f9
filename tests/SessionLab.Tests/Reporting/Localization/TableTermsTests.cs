using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting.Localization;

/// <summary>
/// Every table caption and column title of the lab's real output (the published sample runs, both engine sets) reads in
/// Chinese in a Chinese report, ids apart. A new table whose words are not in the catalog fails here instead of
/// silently showing English headers in the Chinese report.
/// </summary>
public sealed class TableTermsTests
{
    /// <summary>Column titles that are ids or protocol words, the same in every language.</summary>
    private static readonly HashSet<string> Ids = new(StringComparer.Ordinal)
    {
        "GET /profile", "/logout-all", "sessions_ended", "server-1", "server-2", "server-3", "HttpOnly", "SameSite", "Path", "Secure",
        "expires / max-age", "fail closed", "fail open", "jwt + revocation", "CPU %", "µs", "P50", "P99", "P99 (ms)", "QPS", "TTL", "Redis", "200", "5xx", "pid",
        "keep-alive", "p25–p75", "p99 ms", "p90 ms",
    };

    public static TheoryData<string> Runs() => ["docs/sample-run/results.json", "docs/sample-run-embedded/results.json"];

    [Theory]
    [MemberData(nameof(Runs))]
    public void EveryCaptionAndColumn_OfASampleRun_HasChineseWords(string run)
    {
        var results = ResultsJson.Deserialize(File.ReadAllText(Path.Combine(RepositoryFiles.Root(), run)));
        var tables = results.Experiments.SelectMany(e => e.Tables.Select(t => (e.Id, Table: t))).ToList();

        Assert.All(tables, t => Assert.True(TableTerms.KnowsCaption(t.Table.Title), $"{t.Id}: caption \"{t.Table.Title}\" has no Chinese words"));
        Assert.All(
            tables.SelectMany(t => t.Table.Columns.Select(c => (t.Id, Column: c))).Distinct().Where(c => !Ids.Contains(c.Column)),
            c => Assert.True(TableTerms.KnowsColumn(c.Column), $"{c.Id}: column \"{c.Column}\" has no Chinese words"));
    }

    [Theory]
    [InlineData("Users before and after kill -9 of server-2", "server-2 被 kill -9 前后的用户")]
    [InlineData("Primary killed under load: asynchronous replication, failover 2", "负载下杀掉主节点：异步复制，第 2 次故障转移")]
    [InlineData("Primary killed under load: WAIT 1 after every write", "负载下杀掉主节点：每次写入后 WAIT 1")]
    [InlineData("Rotation (revocation on, access lifetime 5 s)", "轮换（开启撤销，Access Token 有效期 5 s）")]
    [InlineData("Memory per session, measured at 10,000 and 100,000 sessions (median of repeats, interval)", "每个 Session 的内存，在 10,000 和 100,000 个 Session 时测量（重复的中位数，区间）")]
    [InlineData("A caption nobody translated", "A caption nobody translated")]
    public void Caption_KeepsMeasuredPartsAndFallsBackToEnglish(string recorded, string chinese) =>
        Assert.Equal(chinese, TableTerms.Caption(recorded));

    [Theory]
    [MemberData(nameof(Runs))]
    public void EveryLabelRow_OfASampleRun_HasChineseWords(string run)
    {
        var results = ResultsJson.Deserialize(File.ReadAllText(Path.Combine(RepositoryFiles.Root(), run)));
        string[] ids = ["POST /login", "POST /logout"];
        var labels = results.Experiments
            .SelectMany(e => e.Tables.Where(t => t.Columns.Count > 0 && t.Columns[0] is "measure" or "setting" or "what" or "step" or "phase")
                .SelectMany(t => t.Rows.Select(r => (e.Id, Column: t.Columns[0], Label: r[0]))))
            .Where(l => !ids.Contains(l.Label))
            .Distinct();

        Assert.All(labels, l => Assert.NotEqual(l.Label, TableTerms.RowLabel(l.Column, l.Label)));
    }

    [Theory]
    [InlineData("measure", "requests", "请求数")]
    [InlineData("step", "revoked token on /profile-with-blacklist (jwt/server-2)", "已撤销 Token 访问 /profile-with-blacklist（jwt/server-2）")]
    [InlineData("what", "jwt + revocation: backends' CPU per request served", "jwt + revocation：后端每个已服务请求的 CPU")]
    [InlineData("scheme", "requests", "requests")]
    public void RowLabel_OnlyInLabelColumns_MeasuredPartsKept(string column, string recorded, string chinese) =>
        Assert.Equal(chinese, TableTerms.RowLabel(column, recorded));

    [Fact]
    public void ChineseReport_ShowsTranslatedHeaders_EnglishReportAsRecorded()
    {
        const string Caption = "Each scheme under load while one backend is killed (kill -9)";

        Assert.Equal("负载下杀掉一个后端（kill -9）时的各方案", ChineseReportText.Instance.TableCaption(Caption));
        Assert.Equal("方案", ChineseReportText.Instance.TableColumn("scheme"));
        Assert.Equal(Caption, EnglishReportText.Instance.TableCaption(Caption));
        Assert.Equal("GET /profile", ChineseReportText.Instance.TableColumn("GET /profile"));
    }
}
