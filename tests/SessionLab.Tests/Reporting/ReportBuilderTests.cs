using SessionLab.Reporting.Analysis;
using SessionLab.Reporting.Document;
using SessionLab.Reporting.Exporters;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Reporting;

public sealed class ReportBuilderTests
{
    [Fact]
    public void Build_FullRun_OpensWithTheAnswerThenThePlansSevenSectionsInOrder()
    {
        var document = ReportBuilder.Build(SampleRuns.Full());

        Assert.Equal(
            ["at-a-glance", "environment", "key-findings", "problems", "performance", "recommendations", "summary", "time"],
            document.Sections.Select(s => s.Anchor));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], document.Sections.Skip(1).Select(s => s.Heading.Split('.')[0]));
    }

    [Fact]
    public void Build_AtAGlance_RecommendationsWithThePlanBesideThem_FeatureTableAndCounts()
    {
        var glance = ReportBuilder.Build(SampleRuns.Full()).Sections[0];

        var recommendations = glance.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Recommendation per situation");
        Assert.Equal(8, recommendations.Rows.Count);
        Assert.Contains(recommendations.Rows, r => r[3].StartsWith("agrees", StringComparison.Ordinal) || r[3].StartsWith("differs", StringComparison.Ordinal));
        // One screen: only the features some situation's rule needs (the plan's six, the two logout rows), then a link.
        var features = glance.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Feature table (the features the situations need)");
        Assert.Contains("jwt + revocation", features.Columns);
        Assert.Equal(8, features.Rows.Count);
        Assert.Contains(features.Rows, r => r[0] == "logout survives a store restart");
        Assert.DoesNotContain(features.Rows, r => r[0] == "absolute lifetime");
        Assert.Contains(glance.Blocks.OfType<ParagraphBlock>(), p => p.Text.Contains("more features in [the whole feature table](#feature-table)", StringComparison.Ordinal));
        Assert.Contains(glance.Blocks.OfType<ParagraphBlock>(), p => p.Text.Contains("confirmed", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_AtAGlance_RefutationsThatDecideARulesFeatureComeFirst()
    {
        // 1.1 H1 qualifies routing; 2.1 H1 decides whether redis shares sessions, which every cross-server rule reads.
        var run = SampleRuns.Lab().WithVerdict("1.1", "H1", Verdict.Refuted).WithVerdict("2.1", "H1", Verdict.Refuted);

        var problems = ReportBuilder.Build(run).Sections[0].Blocks.OfType<ListBlock>().Single().Items.ToList();

        var decides = problems.FindIndex(i => i.Contains("(#exp-2-1) H1", StringComparison.Ordinal));
        var qualifies = problems.FindIndex(i => i.Contains("(#exp-1-1) H1", StringComparison.Ordinal));
        Assert.Equal(0, decides);
        Assert.True(qualifies is -1 or > 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Build_SubsetRun_AtAGlanceNamesTheMissingEvidence()
    {
        var glance = ReportBuilder.Build(SampleRuns.Group4()).Sections[0];

        var rows = glance.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Recommendation per situation").Rows;
        Assert.All(rows, r => Assert.StartsWith("not decided: needs", r[1], StringComparison.Ordinal));
    }

    [Fact]
    public void Build_PlanOnlyRun_AtAGlanceSaysWhichEvidenceAChoiceLacks()
    {
        // The plan's twelve experiments leave jwt + revocation's revocations under a Redis failure (6.5) unmeasured.
        var glance = ReportBuilder.Build(SampleRuns.Full()).Sections[0];

        var rows = glance.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Recommendation per situation").Rows;
        Assert.Equal("redis (provisional: needs 6.5)", rows.Single(r => r[0] == "e-commerce")[1]);
        Assert.Equal("redis (provisional: needs 6.5)", rows.Single(r => r[0] == "high security")[1]);
    }

    [Theory]
    [InlineData("full-run.json")]
    [InlineData("groups1-3-quick.json")]
    [InlineData("group4-quick.json")]
    [InlineData("resources-4.3.json")]
    public void Build_EverySample_GivesEachExperimentItsSubSectionWithTablesAndVerdicts(string sample)
    {
        var run = SampleRuns.Load(sample);

        var findings = ReportBuilder.Build(run).Sections.Single(s => s.Anchor == "key-findings").Blocks;

        foreach (var experiment in run.Experiments)
        {
            var start = findings.ToList().FindIndex(b => b is HeadingBlock h && h.Anchor == Anchors.Experiment(experiment.Id));
            Assert.True(start >= 0, $"no sub-section for {experiment.Id}");
            var own = findings.Skip(start + 1).TakeWhile(b => b is not HeadingBlock).ToList();
            Assert.Equal(experiment.Tables.Select(t => t.Title), own.OfType<TableBlock>().Where(t => t.Caption != "Parameters").Select(t => t.Caption));
            Assert.Equal(experiment.Verdicts, own.OfType<VerdictsBlock>().Single().Verdicts);
            Assert.Contains(own.OfType<ParagraphBlock>(), p => p.Text == "Question: " + experiment.Question);
        }
    }

    [Fact]
    public void Build_RunWithoutGroup4_SaysPerformanceWasNotRunAndNamesMissingExperiments()
    {
        var document = ReportBuilder.Build(SampleRuns.Groups1To3());

        var performance = document.Sections.Single(s => s.Anchor == "performance");
        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(performance.Blocks));
        Assert.StartsWith("Not run in this run", paragraph.Text, StringComparison.Ordinal);
        var notRun = document.Sections.Single(s => s.Anchor == "key-findings").Blocks.OfType<ListBlock>().Last();
        Assert.Equal(["4.1 Latency (Performance)", "4.2 Throughput (Performance)", "4.3 Resources (Performance)"], notRun.Items);
    }

    [Fact]
    public void Build_InterruptedRunWithTheLabsCatalog_CountsEveryExperiment_AndListsWhatWasNotRunOrNotReached()
    {
        var sample = SampleRuns.Groups1To3();
        CatalogEntry[] catalog =
        [
            .. sample.Experiments.Select(e => new CatalogEntry(e.Id, e.Group, e.Title)),
            new("4.1", 4, "Latency"), new("5.1", 5, "Session id entropy"), new("6.7", 6, "Slow store"),
        ];
        var run = sample.Without("3.3") with
        {
            Interrupted = true,
            Selected = [.. sample.Experiments.Select(e => e.Id)],
            Catalog = catalog,
        };

        var document = ReportBuilder.Build(run);

        var summary = document.Sections.Single(s => s.Anchor == "summary").Blocks.OfType<ParagraphBlock>().First().Text;
        Assert.StartsWith($"This run was interrupted (Ctrl+C or SIGTERM) after {run.Experiments.Count} of the {sample.Experiments.Count} experiments it was asked for", summary, StringComparison.Ordinal);
        Assert.Contains($"ran {run.Experiments.Count} of the plan's 12 experiments and 0 of the lab's 2 beyond the plan", summary, StringComparison.Ordinal);
        var notRun = document.Sections.Single(s => s.Anchor == "key-findings").Blocks.OfType<ListBlock>().Last();
        Assert.Equal(["3.3 Blacklist logout (JWT), interrupted", "4.1 Latency (Performance)", "5.1 Session id entropy (Security)", "6.7 Slow store (Reliability)"], notRun.Items);
    }

    [Fact]
    public void Build_OnlyResources_ShowsMemoryAndSaysLatencyAndThroughputWereNotRun()
    {
        var performance = ReportBuilder.Build(SampleRuns.Resources()).Sections.Single(s => s.Anchor == "performance");

        Assert.Contains(performance.Blocks.OfType<ParagraphBlock>(), p => p.Text.Contains("4.1 (latency", StringComparison.Ordinal) && p.Text.Contains("4.2 (throughput", StringComparison.Ordinal));
        var table = performance.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Performance per target");
        var sticky = table.Rows.Single(r => r[0] == "sticky");
        Assert.Equal("not measured", sticky[1]);
        Assert.StartsWith("2.3 MiB (246 B", sticky[4], StringComparison.Ordinal);
        Assert.StartsWith("≈ 0", table.Rows.Single(r => r[0] == "jwt")[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Group4_TakesFiguresByColumnNameAndSumsCpuPerTarget()
    {
        var table = ReportBuilder.Build(SampleRuns.Group4()).Sections.Single(s => s.Anchor == "performance")
            .Blocks.OfType<TableBlock>().Single(t => t.Caption == "Performance per target");

        var redis = table.Rows.Single(r => r[0] == "redis");
        Assert.Equal(["redis", "0.341", "7.642", "4167", "not measured"], redis.Take(5));
        // redis: store 3 + three backends 32, 25, 23.
        Assert.StartsWith("83 % (4 processes)", redis[5], StringComparison.Ordinal);
        Assert.Contains(table.Rows, r => r[0] == "jwt-bearer (built-in peer)");
    }

    [Fact]
    public void Build_Group4_KeepsThe42RatiosTable()
    {
        var performance = ReportBuilder.Build(SampleRuns.Group4()).Sections.Single(s => s.Anchor == "performance");

        var ratios = performance.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("Targets", StringComparison.Ordinal));
        Assert.Contains(ratios.Rows, r => r[0] == "redis / aspnet-session peer" && r[2] == "2.58");
    }

    [Fact]
    public void Build_Refuted21H1_TurnsRedisSharingCellToNo()
    {
        var before = Cell(SampleRuns.Full(), "cross-server sharing", "redis");
        var after = Cell(SampleRuns.Full().WithVerdict("2.1", "H1", Verdict.Refuted), "cross-server sharing", "redis");

        Assert.StartsWith("[yes](#exp-2-1)", before, StringComparison.Ordinal);
        Assert.StartsWith("[no](#exp-2-1)", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RunWithout33And52_SaysJwtRevocationLogoutIsNotMeasured()
    {
        Assert.Equal("not measured (3.3 not run)", Cell(SampleRuns.Full().Without("3.3", "5.2"), "active logout", "jwt + revocation"));
        Assert.StartsWith("[no: a token works until it expires]", Cell(SampleRuns.Full().Without("3.3", "5.2"), "active logout", "jwt"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FailedExperiment_ShowsFailureInFindingsAndProblems()
    {
        var run = SampleRuns.Full().WithExperiment("1.3", e => e with { Status = ExperimentStatus.Failed, Failure = "server-2 never came back", Verdicts = [] });

        var document = ReportBuilder.Build(run);

        Assert.Contains(document.Sections.Single(s => s.Anchor == "key-findings").Blocks.OfType<ParagraphBlock>(), p => p.Text.StartsWith("Status: failed", StringComparison.Ordinal) && p.Text.Contains("server-2 never came back", StringComparison.Ordinal));
        Assert.Contains(document.Sections.Single(s => s.Anchor == "problems").Blocks.OfType<ListBlock>().Single().Items, i => i.StartsWith("[1.3](#exp-1-3) Backend crash failed: server-2 never came back", StringComparison.Ordinal));
        Assert.StartsWith("not measured ([1.3 failed](#exp-1-3))", Cell(run, "survives backend crash", "sticky"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ProblemsListEveryAnomalyAndEveryRefutedHypothesis_IncludingTheBlacklistKeyDeviation()
    {
        var run = SampleRuns.Full();

        var items = ReportBuilder.Build(run).Sections.Single(s => s.Anchor == "problems").Blocks.OfType<ListBlock>().Single().Items;

        Assert.Equal(run.Experiments.Sum(e => e.Anomalies.Count + e.Verdicts.Count(v => v.Verdict != Verdict.Confirmed)), items.Count);
        Assert.Contains(items, i => i.StartsWith("[3.3](#exp-3-3) anomaly:", StringComparison.Ordinal) && i.Contains("blacklist:{jti}", StringComparison.Ordinal));
        Assert.Contains(items, i => i.StartsWith("[3.3](#exp-3-3) H4 refuted:", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_Summary_CountsVerdictsAndNamesFastestAndSlowest()
    {
        var summary = string.Join(" ", ReportBuilder.Build(SampleRuns.Full()).Sections.Single(s => s.Anchor == "summary").Blocks.OfType<ParagraphBlock>().Select(p => p.Text));

        Assert.Contains("Of 37 hypotheses, 32 were confirmed, 5 refuted and 0 inconclusive", summary, StringComparison.Ordinal);
        Assert.Contains("sticky was the fastest scheme measured (0.102 ms) and jwt the slowest (0.193 ms)", summary, StringComparison.Ordinal);
        Assert.Contains("The main trade-off: sticky is fastest but does not share sessions across backends", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TimePerGroup_SumsWallSeconds()
    {
        var time = ReportBuilder.Build(SampleRuns.Groups1To3()).Sections.Single(s => s.Anchor == "time").Blocks.OfType<TableBlock>().Single();

        Assert.Equal(["1 Sticky session", "1.1, 1.2, 1.3", "1.0"], time.Rows[0]);
        Assert.Equal("total", time.Rows[^1][0]);
        Assert.Equal(4, time.Rows.Count);
    }

    [Fact]
    public void Build_Charts_GroupLatencySeriesIntoOneLineChartAndMemoryIntoBars()
    {
        var blocks = ReportBuilder.Build(SampleRuns.Full()).Sections.Single(s => s.Anchor == "key-findings").Blocks.OfType<ChartBlock>().ToList();

        var latency = blocks.Single(c => c.Anchor == "chart-exp-4-1-latency");
        Assert.Equal(ChartKind.Line, latency.Kind);
        Assert.Contains(latency.Series, s => s.Name == "sticky");
        Assert.Equal(ChartKind.Bar, blocks.Single(c => c.Anchor == "chart-exp-4-3-memory-per-session").Kind);
        Assert.Equal(ChartKind.Line, blocks.Single(c => c.Anchor == "chart-exp-2-2-ttl").Kind);
    }

    [Fact]
    public void Build_ReRenderedFromItsJson_GivesTheSameReport()
    {
        var run = SampleRuns.Full();

        var first = MarkdownRenderer.Render(ReportBuilder.Build(run));
        var again = MarkdownRenderer.Render(ReportBuilder.Build(ResultsJson.Deserialize(ResultsJson.Serialize(run))));

        Assert.Equal(first, again);
    }

    private static string Cell(RunResult run, string feature, string scheme)
    {
        var table = ReportBuilder.Build(run).Sections.Single(s => s.Anchor == "recommendations").Blocks.OfType<TableBlock>().Single(t => t.Caption == "Feature table");
        var column = table.Columns.ToList().IndexOf(scheme);
        return table.Rows.Single(r => r[0] == feature)[column];
    }
}
