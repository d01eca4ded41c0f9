using SessionLab.Experiments.Jwt;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Jwt;

public sealed class RefreshTokenRotationExperimentTests
{
    private static readonly Reply Ok = new(200, "200", null);
    private static readonly Reply Expired = new(401, "401 token expired", "token expired");
    private static readonly Reply Revoked = new(401, "401 token revoked", "token revoked");
    private static readonly Reply RefreshRevoked = new(401, "401 refresh token revoked", "refresh token revoked");
    private static readonly Reply Reused = new(401, "401 refresh token reused; its family is revoked", "refresh token reused; its family is revoked");
    private static readonly Reply Invalid = new(401, "401 invalid refresh token", "invalid refresh token");

    [Fact]
    public void Judge_AsDesigned_AllConfirmed()
    {
        var verdicts = RefreshTokenRotationExperiment.Judge(Facts()).ToList();

        Assert.Equal(["H1", "H2", "H3", "H4", "H5", "H6"], verdicts.Select(v => v.Id));
        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("200 ×4", verdicts[4].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RefreshTokenNotRotated_H1Refuted()
    {
        var facts = Facts() with { Rotation = Facts().Rotation with { Distinct = 1 } };

        Assert.Equal(Verdict.Refuted, RefreshTokenRotationExperiment.Judge(facts).First().Verdict);
    }

    [Fact]
    public void Judge_ThiefKeepsRefreshingAfterTheReplay_H2Refuted()
    {
        var facts = Facts() with { Reuse = [Reuse(RefreshTokenRotationExperiment.Checked) with { VictimReplay = Ok, ThiefNextRefresh = Ok }, Reuse(RefreshTokenRotationExperiment.Unchecked)] };

        Assert.Equal(Verdict.Refuted, RefreshTokenRotationExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_RevocationOnButThiefAccessTokenStillAccepted_H3Refuted()
    {
        var facts = Facts() with { Reuse = [Reuse(RefreshTokenRotationExperiment.Checked) with { ThiefAccessAfter = Ok }, Reuse(RefreshTokenRotationExperiment.Unchecked)] };

        Assert.Equal(Verdict.Refuted, RefreshTokenRotationExperiment.Judge(facts).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_ADeviceRefreshesAfterLogoutAll_H4Refuted()
    {
        var facts = Facts() with
        {
            LogoutAll = [LogoutAll(RefreshTokenRotationExperiment.Checked, Revoked) with { Devices = [new("device 1", Ok, RefreshRevoked, Revoked), new("device 2", Ok, Ok, Revoked)] }, LogoutAll(RefreshTokenRotationExperiment.Unchecked, Ok)],
        };

        Assert.Equal(Verdict.Refuted, RefreshTokenRotationExperiment.Judge(facts).Single(v => v.Id == "H4").Verdict);
    }

    [Fact]
    public void Judge_StatelessAccessTokensRefusedAfterRevocation_H5Refuted()
    {
        var facts = Facts() with { LogoutAll = [LogoutAll(RefreshTokenRotationExperiment.Checked, Revoked), LogoutAll(RefreshTokenRotationExperiment.Unchecked, Revoked)] };

        Assert.Equal(Verdict.Refuted, RefreshTokenRotationExperiment.Judge(facts).Single(v => v.Id == "H5").Verdict);
    }

    [Fact]
    public void Judge_FamilyServedPastItsLimit_H6Refuted()
    {
        var facts = Facts() with { FamilyEnd = [new(-1, 200, "200", 1), new(-0.5, 200, "200", 0), new(0.6, 200, "200", 0), new(1.1, 401, "401 invalid refresh token", null)] };

        Assert.Equal(Verdict.Refuted, RefreshTokenRotationExperiment.Judge(facts).Last().Verdict);
    }

    [Fact]
    public void Judge_NoRefreshTokens_Inconclusive()
    {
        var none = new RefreshRotationFacts(
            TimeSpan.FromSeconds(3),
            TimeSpan.FromSeconds(8),
            new RotationFacts(new(503, "503 refresh token store unavailable", "refresh token store unavailable"), false, Invalid, Invalid, Invalid, Invalid, Invalid, 0),
            [],
            [],
            []);

        Assert.All(RefreshTokenRotationExperiment.Judge(none), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    private static RefreshRotationFacts Facts() => new(
        TimeSpan.FromSeconds(3),
        TimeSpan.FromSeconds(8),
        new RotationFacts(Ok, true, Ok, Ok, Expired, Ok, Ok, 3),
        [Reuse(RefreshTokenRotationExperiment.Checked), Reuse(RefreshTokenRotationExperiment.Unchecked)],
        [LogoutAll(RefreshTokenRotationExperiment.Checked, Revoked), LogoutAll(RefreshTokenRotationExperiment.Unchecked, Ok)],
        [new(-2, 200, "200", 2), new(-1.5, 200, "200", 1), new(-1, 200, "200", 1), new(-0.5, 200, "200", 0), new(0.6, 401, "401 invalid refresh token", null), new(1.1, 401, "401 invalid refresh token", null)]);

    private static ReuseFacts Reuse(string variant)
    {
        var after = variant == RefreshTokenRotationExperiment.Checked ? Revoked : Ok;
        return new(variant, Ok, Ok, Ok, Reused, RefreshRevoked, after, after);
    }

    private static LogoutAllFacts LogoutAll(string variant, Reply profileAfter) =>
        new(variant, Ok, 3, [.. Enumerable.Range(1, 3).Select(i => new DeviceTokens($"device {i}", Ok, RefreshRevoked, profileAfter))]);
}
