using SessionLab.Cli;
using SessionLab.Reporting.Document;
using SessionLab.Tests.Reporting;
using Spectre.Console;

namespace SessionLab.Tests.Cli;

public sealed class SectionPrinterTests
{
    [Theory]
    [InlineData("[no](#exp-1-2) (1.2 H2)", "no (1.2 H2)")]
    [InlineData("**Feature table**", "Feature table")]
    [InlineData("plain [brackets] stay", "plain [brackets] stay")]
    public void Plain_MarkdownLinksAndBold_BecomeTheirText(string markdown, string expected) =>
        Assert.Equal(expected, SectionPrinter.Plain(markdown));

    [Fact]
    public void Print_AtAGlanceOfARealRun_ShowsTheRecommendationsAndFeatureTableWithoutMarkdown()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 400;
        var glance = ReportBuilder.Build(SampleRuns.Lab()).Sections.Single(s => s.Anchor == "at-a-glance");

        SectionPrinter.Print(console, glance);

        var text = output.ToString();
        Assert.Contains("At a glance", text, StringComparison.Ordinal);
        Assert.Contains("Recommendation per situation", text, StringComparison.Ordinal);
        Assert.Contains("high security", text, StringComparison.Ordinal);
        Assert.Contains("cross-server sharing", text, StringComparison.Ordinal);
        Assert.DoesNotContain("](#exp-", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_Piped_HeadingIsOneShortLineNotARuleAcrossTheUnwrappedWidth()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = ConsoleWidth.Unwrapped;
        var glance = ReportBuilder.Build(SampleRuns.Lab()).Sections.Single(s => s.Anchor == "at-a-glance");

        SectionPrinter.Print(console, glance);

        var heading = output.ToString().Split('\n')[0].TrimEnd();
        Assert.Equal("── At a glance ──", heading);
    }

    [Fact]
    public void Print_AtAGlanceInChinese_ShowsThePlansHeadingsInTheTerminalToo()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 400;
        var glance = ReportBuilder.Build(SampleRuns.Lab(), SessionLab.Reporting.Localization.ReportLanguage.Chinese).Sections.Single(s => s.Anchor == "at-a-glance");

        SectionPrinter.Print(console, glance);

        Assert.Contains("跨服务器共享", output.ToString(), StringComparison.Ordinal);
    }
}
