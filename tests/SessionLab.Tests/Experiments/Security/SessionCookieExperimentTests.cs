using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Security;
using SessionLab.Reporting.Model;
using static SessionLab.Tests.Experiments.CannedExchanges;

namespace SessionLab.Tests.Experiments.Security;

public sealed class SessionCookieExperimentTests
{
    private const string LoginCookie = "session_id=AAAAAAAAAAAAAAAAAAAAAw; path=/; samesite=lax; httponly";
    private const string LogoutCookie = "session_id=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/; samesite=lax; httponly";

    [Fact]
    public void Judge_ProtectedCookieNoFixationLogoutFinal_ConfirmsAll()
    {
        var verdicts = SessionCookieExperiment.Judge(Facts()).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("Secure not set (plain HTTP lab)", verdicts[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_CookieWithoutHttpOnly_RefutesH1()
    {
        var facts = Facts(loginCookie: "session_id=AAAAAAAAAAAAAAAAAAAAAw; path=/; samesite=lax");

        Assert.Equal(Verdict.Refuted, SessionCookieExperiment.Judge(facts).Single(v => v.Id == "H1").Verdict);
    }

    [Fact]
    public void Judge_ChosenIdAdopted_RefutesH2()
    {
        var facts = Facts(issued: "chosen-id-chosen-id-ab", plantedAfter: Ok());

        Assert.Equal(Verdict.Refuted, SessionCookieExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_ReplayAfterLogoutAccepted_RefutesH3()
    {
        var facts = Facts(replay: Ok());

        Assert.Equal(Verdict.Refuted, SessionCookieExperiment.Judge(facts).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_LogoutLeavesCookie_RefutesH3()
    {
        var facts = Facts(logoutCookie: LoginCookie);

        Assert.Equal(Verdict.Refuted, SessionCookieExperiment.Judge(facts).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_RevokedTokenStillAccepted_RefutesH4()
    {
        var facts = Facts() with { Jwt = new(Ok(), Ok(), Ok(), Ok()) };

        Assert.Equal(Verdict.Refuted, SessionCookieExperiment.Judge(facts).Single(v => v.Id == "H4").Verdict);
    }

    [Fact]
    public void Parse_LogoutHeader_ClearsAndKeepsAttributes()
    {
        var cookie = SetCookieHeader.Parse(LogoutCookie)!;

        Assert.True(cookie.Clears(DateTimeOffset.UtcNow));
        Assert.True(cookie.HttpOnly);
        Assert.Equal("lax", cookie.SameSite);
        Assert.Equal("/", cookie.Path);
        Assert.False(SetCookieHeader.Parse(LoginCookie)!.Clears(DateTimeOffset.UtcNow));
    }

    private static SessionCookieFacts Facts(string? loginCookie = null, string? logoutCookie = null, string issued = "AAAAAAAAAAAAAAAAAAAAAw", Exchange? plantedAfter = null, Exchange? replay = null)
    {
        var schemes = new[] { "sticky", "redis" }.Select(scheme => new CookieSchemeFacts(
            scheme,
            "chosen-id-chosen-id-ab",
            Error(401, "session not found"),
            Ok() with { SessionIdSet = issued },
            plantedAfter ?? Error(401, "session not found"),
            Ok(),
            Ok(),
            replay ?? Error(401, "session not found"))
        {
            LoginCookie = SetCookieHeader.Parse(loginCookie ?? LoginCookie),
            LogoutCookie = SetCookieHeader.Parse(logoutCookie ?? LogoutCookie),
        }).ToList();
        return new(schemes, new(Ok(), Ok(), Error(401, "token revoked"), Ok()), DateTimeOffset.UtcNow);
    }
}
