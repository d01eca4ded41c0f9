using SessionLab.Reporting.Analysis;
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
}
