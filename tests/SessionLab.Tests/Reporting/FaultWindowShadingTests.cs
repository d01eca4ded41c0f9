using SessionLab.Reporting.Charts;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

public sealed class FaultWindowShadingTests
{
    [Fact]
    public void Merge_OneWindowPerSchemeMillisecondsApart_OneSpanNamingTheOthers()
    {
        var merged = FaultWindowShading.Merge([new(3.336, 10, "killed jwt/server-1"), new(3.334, 10, "killed sticky/server-3"), new(3.335, 10.2, "killed redis/server-1")]);

        var window = Assert.Single(merged);
        Assert.Equal(3.334, window.From);
        Assert.Equal(10.2, window.To);
        Assert.Equal("killed sticky/server-3 (and 2 more runs' faults)", window.Label);
    }

    [Fact]
    public void Merge_InChinese_NamesTheOtherRunsInChinese()
    {
        var fault = ChartTerms.Fault("killed sticky/server-3 (pid 5724) with SIGKILL");
        var merged = FaultWindowShading.Merge([new(3.334, 10, fault), new(3.335, 10.2, ChartTerms.Fault("killed redis/server-1 (pid 5732) with SIGKILL"))], ChineseReportText.Instance.MoreFaultsLabel);

        Assert.Equal("用 SIGKILL 杀掉 sticky/server-3 (pid 5724)（另有 1 次运行的故障）", Assert.Single(merged).Label);
    }

    [Theory]
    [InlineData("killed redis-server 7.0.15 (pid 6329) with SIGKILL … started redis-server 7.0.15 (pid 7181)", "用 SIGKILL 杀掉 redis-server 7.0.15 (pid 6329) … 启动 redis-server 7.0.15 (pid 7181)")]
    [InlineData("took jwt/server-1 out of the load balancer's rotation, waited 0.5 s, stopped jwt/server-1 with SIGTERM … started jwt/server-1 (pid 7381), put jwt/server-1 back into the load balancer's rotation", "将 jwt/server-1 从负载均衡器摘除，等待 0.5 s，用 SIGTERM 停止 jwt/server-1 … 启动 jwt/server-1 (pid 7381)，将 jwt/server-1 加回负载均衡器")]
    [InlineData("a fault nobody named", "a fault nobody named")]
    public void FaultLabel_InChinese_KeepsIdsAndPids(string recorded, string chinese) =>
        Assert.Equal(chinese, ChartTerms.Fault(recorded));

    [Fact]
    public void Merge_SeparateWindows_StayApartAndUnchanged()
    {
        FaultWindow[] windows = [new(1, 2, "stop"), new(5, 6, "kill")];

        Assert.Equal(windows, FaultWindowShading.Merge(windows));
    }

    [Fact]
    public void Merge_TheSameWindowTwice_IsOneWithItsOwnLabel() =>
        Assert.Equal("kill", Assert.Single(FaultWindowShading.Merge([new(1, 2, "kill"), new(1, 2, "kill")])).Label);
}
