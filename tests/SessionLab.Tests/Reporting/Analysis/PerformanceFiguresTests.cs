using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Document.Sections;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting.Analysis;

public sealed class PerformanceFiguresTests
{
    /// <summary>4.3 as the lab writes it: bytes per session for three variants, bytes per revoked token for the fourth.</summary>
    private static RunResult WithResources() => SampleRuns.Full().WithExperiment("4.3", e => e with
    {
        Metrics =
        [
            new("sticky", "bytes_per_session", "B", 374.7, 371.1, 378.4),
            new("jwt", "bytes_per_session", "B", 0, 0, 0),
            new("jwt + revocation", "bytes_per_revoked_token", "B", 102.2, 97.5, 106.9),
        ],
    });

    [Fact]
    public void From_JwtRevocationWithBytesPerRevokedToken_ShowsItsMemoryPerRevokedToken()
    {
        var memory = PerformanceFigures.From(WithResources()).Row(Schemes.JwtRevocation)?.Memory10K;

        Assert.NotNull(memory);
        Assert.Equal(102.2 * PerformanceFigures.Users, memory.Value, 6);
        Assert.Equal("998.0 KiB (102.2 B per revoked token × 10,000)", memory.Text);
    }

    [Fact]
    public void From_BytesPerSession_StaysPerSession()
    {
        var figures = PerformanceFigures.From(WithResources());

        Assert.Equal("3.6 MiB (374.7 B × 10,000)", figures.Row(Schemes.Sticky)?.Memory10K?.Text);
        Assert.Equal("≈ 0 (0 B/session measured)", figures.Row(Schemes.Jwt)?.Memory10K?.Text);
    }

    /// <summary>4.2 as the lab writes it now: typed goals whose ratios are metrics; its own table renamed to show nothing is read from it.</summary>
    private static RunResult WithGoals() => SampleRuns.Full().WithExperiment("4.2", e => e with
    {
        Tables = [.. e.Tables.Select(t => t with { Title = "renamed: " + t.Title })],
        Metrics = [.. e.Metrics, new("redis", "ratio_to_peer", "ratio", 2.58, 2.31, 2.80), new("sticky", "ratio_to_ceiling", "ratio", 0.95, 0.73, 1.24)],
        Goals =
        [
            new("redis", "aspnet-session (built-in peer)", 1.30, "redis/ratio_to_peer", GoalOutcome.Met),
            new("sticky", "ceiling: /health via ip_hash", 0.95, "sticky/ratio_to_ceiling", GoalOutcome.WithinNoise, "±27 %"),
            new("jwt", "jwt-bearer (built-in peer)", 1.00, null, GoalOutcome.NotMeasured),
        ],
    });

    [Fact]
    public void From_TypedGoals_ReadsTheirRatiosByKey_NotTheTable()
    {
        var figures = PerformanceFigures.From(WithGoals());

        Assert.Null(figures.LegacyRatios);
        Assert.Equal(3, figures.Goals.Count);
        Assert.Equal("2.58 (2.31–2.80)", figures.Goals[0].Ratio?.Text);
        Assert.Null(figures.Goals[2].Ratio);
    }

    [Fact]
    public void PerformanceSection_TypedGoals_RenderInTheReportsLanguage()
    {
        var run = WithGoals();
        TableBlock Goals(ReportText text) => PerformanceSection.Build(PerformanceFigures.From(run, text), text).Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith(text.GoalsCaption, StringComparison.Ordinal));

        var english = Goals(EnglishReportText.Instance);
        Assert.Equal(["redis / aspnet-session (built-in peer)", "≥ 1.30", "2.58 (2.31–2.80)", "yes"], english.Rows[0]);
        Assert.Equal("within noise (±27 %)", english.Rows[1][3]);
        Assert.Equal(["jwt / jwt-bearer (built-in peer)", "≥ 1.00", "not measured", "not measured"], english.Rows[2]);
        var chinese = Goals(ChineseReportText.Instance);
        Assert.Equal("是", chinese.Rows[0][3]);
        Assert.Equal("在噪声范围内（±27 %）", chinese.Rows[1][3]);
    }
}
