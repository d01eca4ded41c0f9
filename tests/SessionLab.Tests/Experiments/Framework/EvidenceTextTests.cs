using SessionLab.Experiments.Framework;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Framework;

public sealed class EvidenceTextTests
{
    private static readonly Hypothesis H1 = new("H1", "A claim.");

    [Fact]
    public void Holds_InterpolatedEvidence_SameSentence_AndItsTemplate()
    {
        var requests = 20;
        var server = "server-3";

        var verdict = H1.Holds(true, $"{requests} requests reached {server} under session:{{id}} in {1.5:0.00} s.");

        Assert.Equal(Verdict.Confirmed, verdict.Verdict);
        Assert.Equal($"{requests} requests reached {server} under session:{{id}} in {1.5:0.00} s.", verdict.Evidence);
        Assert.Equal("{0} requests reached {1} under session:{{id}} in {2} s.", verdict.EvidenceTemplate!.Format);
        Assert.Equal(["20", "server-3", 1.5.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture)], verdict.EvidenceTemplate.Arguments);
        Assert.Equal(verdict.Evidence, string.Format(System.Globalization.CultureInfo.InvariantCulture, verdict.EvidenceTemplate.Format, [.. verdict.EvidenceTemplate.Arguments]));
    }

    [Fact]
    public void Inconclusive_FinishedString_NoTemplate()
    {
        var text = string.Concat("built ", "elsewhere");

        var verdict = H1.Inconclusive(text);

        Assert.Equal("built elsewhere", verdict.Evidence);
        Assert.Null(verdict.EvidenceTemplate);
    }

    [Fact]
    public void Extend_AppendsSentenceAndTemplate_HolesNumberedOn()
    {
        var verdict = H1.Confirmed($"{2} of {3} held.");

        var extended = verdict.Extend(System.Globalization.CultureInfo.InvariantCulture, $" Gap {0.5:0.000} ms vs {"PING"}.");

        Assert.Equal("2 of 3 held. Gap 0.500 ms vs PING.", extended.Evidence);
        Assert.Equal("{0} of {1} held. Gap {2} ms vs {3}.", extended.EvidenceTemplate!.Format);
        Assert.Equal(["2", "3", "0.500", "PING"], extended.EvidenceTemplate.Arguments);
    }

    [Fact]
    public void Extend_VerdictWithoutTemplate_JustTheSentence()
    {
        var extended = H1.Confirmed("finished").Extend(null, $" and {1} more.");

        Assert.Equal("finished and 1 more.", extended.Evidence);
        Assert.Null(extended.EvidenceTemplate);
    }

    [Fact]
    public void Template_SurvivesResultsJson()
    {
        var verdict = H1.Refuted($"{3} of {4} failed.");
        var run = new RunResult(1, "r", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, true, new LabEnvironment("os", "k", 2, ".NET", "v", "nginx", "redis"),
            [new ExperimentResult("1.1", 1, "t", "q", ExperimentStatus.Completed, null, new Dictionary<string, string>(), [], [], [], [verdict], [], [], 1)]);

        var read = ResultsJson.Deserialize(ResultsJson.Serialize(run)).Experiments[0].Verdicts[0];

        Assert.Equal(verdict.EvidenceTemplate!.Format, read.EvidenceTemplate!.Format);
        Assert.Equal(verdict.EvidenceTemplate.Arguments, read.EvidenceTemplate.Arguments);
    }
}
