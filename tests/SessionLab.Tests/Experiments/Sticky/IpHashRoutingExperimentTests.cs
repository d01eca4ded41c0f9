using SessionLab.Experiments.Sticky;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Sticky;

public sealed class IpHashRoutingExperimentTests
{

    [Fact]
    public void Judge_StableSpreadAndMoving_ConfirmsAll()
    {
        var facts = new RoutingFacts(
            Repeat("server-2", 20),
            Clients(("127.10.1.1", "server-1"), ("127.11.1.1", "server-2"), ("127.12.1.1", "server-3")),
            Clients(("127.9.9.1", "server-3"), ("127.9.9.2", "server-3")),
            [Move(sameSubnet: true, "server-1", "server-1"), Move(sameSubnet: false, "server-1", "server-3")]);

        var verdicts = IpHashRoutingExperiment.Judge(facts).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("0 switches", verdicts[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OneClientSwitching_RefutesH1WithTheCount()
    {
        var sequence = Repeat("server-1", 10).Concat(Repeat("server-2", 10)).ToList();
        var facts = new RoutingFacts(sequence, Clients(("a", "server-1")), Clients(("b", "server-1")), []);

        var h1 = IpHashRoutingExperiment.Judge(facts).First();

        Assert.Equal(Verdict.Refuted, h1.Verdict);
        Assert.Contains("1 switches", h1.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AllClientsOnOneBackend_RefutesH2()
    {
        var facts = new RoutingFacts(Repeat("server-1", 3), Clients(("a", "server-1"), ("b", "server-1")), Clients(("c", "server-1")), []);

        Assert.Equal(Verdict.Refuted, IpHashRoutingExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_NoCrossSubnetMoveObserved_H3RefutedOrInconclusive()
    {
        var stayed = new RoutingFacts(Repeat("server-1", 3), Clients(("a", "server-1")), Clients(("b", "server-1")), [Move(sameSubnet: false, "server-1", "server-1")]);
        var none = stayed with { Moves = [Move(sameSubnet: true, "server-1", "server-1")] };

        Assert.Equal(Verdict.Refuted, IpHashRoutingExperiment.Judge(stayed).Single(v => v.Id == "H3").Verdict);
        Assert.Equal(Verdict.Inconclusive, IpHashRoutingExperiment.Judge(none).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_UnansweredRequests_AreInconclusiveNotConfirmed()
    {
        var facts = new RoutingFacts(["server-1", "(no answer)"], Clients(("a", "server-1")), Clients(("b", "server-1")), []);

        Assert.Equal(Verdict.Inconclusive, IpHashRoutingExperiment.Judge(facts).First().Verdict);
    }

    private static List<string> Repeat(string server, int count) => [.. Enumerable.Repeat(server, count)];

    private static Dictionary<string, string> Clients(params (string Address, string Server)[] clients) =>
        clients.ToDictionary(c => c.Address, c => c.Server);

    private static IpMove Move(bool sameSubnet, string before, string after) =>
        new("127.200.1.1", sameSubnet ? "127.200.1.77" : "127.201.1.1", sameSubnet, before, after, before == after ? "200" : "401 session not found");
}
