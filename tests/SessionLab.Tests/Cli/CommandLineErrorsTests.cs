using SessionLab.Cli;
using SessionLab.Commands;

namespace SessionLab.Tests.Cli;

public sealed class CommandLineErrorsTests
{
    [Theory]
    [InlineData(new[] { "serve", "--scheme", "jwt", "--port", "99999" }, "sessionlab serve: --port 99999: a TCP port is 1 to 65535 (see `sessionlab serve --help`)")]
    [InlineData(new[] { "up", "--port-offset", "60000" }, "sessionlab up: --port-offset 60000: the lab's ports would be 66379–76466, outside 1–65535; with the plan's ports 6379–16466 (the last are Redis Cluster's bus ports) the offset must be -6378 to 49069 (see `sessionlab up --help`)")]
    [InlineData(new[] { "report", "results.json", "--lang", "xx" }, "sessionlab report: --lang xx: the report's language is en (English) or zh (Chinese) (see `sessionlab report --help`)")]
    [InlineData(new[] { "run", "1.1", "--lang", "fr" }, "sessionlab run: --lang fr: the report's language is en (English) or zh (Chinese) (see `sessionlab run --help`)")]
    [InlineData(new[] { "serve", "--scheme", "nope", "--port", "1" }, "sessionlab serve: Argument 'nope' not recognized. Must be one of: 'sticky', 'redis', 'jwt', 'aspnet-session', 'jwt-bearer' (see `sessionlab serve --help`)")]
    public void Report_BadCommandLine_OneLineNamingTheCommand_Exit2(string[] args, string expected)
    {
        var parse = SessionLabCli.Build().Parse(args);
        using var error = new StringWriter();

        var exitCode = CommandLineErrors.Report(parse, error);

        Assert.Equal(2, exitCode);
        Assert.Equal(expected + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void Parse_LangEnOrZh_IsAccepted()
    {
        Assert.Empty(SessionLabCli.Build().Parse(["report", "results.json", "--lang", "zh"]).Errors);
        Assert.Empty(SessionLabCli.Build().Parse(["run", "1.1", "--quick", "--lang", "en"]).Errors);
    }

    [Fact]
    public void Parse_PortOffsetAtTheEdges_IsAccepted()
    {
        Assert.Empty(SessionLabCli.Build().Parse(["up", "--port-offset", "49069"]).Errors);
        Assert.Empty(SessionLabCli.Build().Parse(["up", "--port-offset", "-6378"]).Errors);
        Assert.NotEmpty(SessionLabCli.Build().Parse(["up", "--port-offset", "49070"]).Errors);
    }

    [Fact]
    public void Help_RunListsEveryExperimentId_ServeNamesEveryScheme_FaultListsItsCommands()
    {
        var root = SessionLabCli.Build();
        string Description(string name) => root.Subcommands.Single(c => c.Name == name).Description!;

        Assert.All(SessionLab.Experiments.ExperimentCatalog.All(), e => Assert.Contains($"  {e.Info.Id}  {e.Info.Title}", Description("run"), StringComparison.Ordinal));
        Assert.All(new[] { "sticky", "redis", "jwt", "aspnet-session", "jwt-bearer" }, s => Assert.Contains(s, Description("serve"), StringComparison.Ordinal));
        Assert.Contains("redis stop", Description("fault"), StringComparison.Ordinal);
        Assert.DoesNotContain("quit", Description("fault"), StringComparison.Ordinal);
        Assert.False(root.Subcommands.Single(c => c.Name == "garnet").Hidden);
        var offset = root.Subcommands.Single(c => c.Name == "up").Options.Single(o => o.Name == "--port-offset").Description!;
        Assert.Contains("8080–8139 and 6379–6388; with --redis sentinel 6441–6443 and 6451–6453; with --redis cluster 6461–6466 and bus ports 16461–16466", offset, StringComparison.Ordinal);
        var store = root.Subcommands.Single(c => c.Name == "up").Options.Single(o => o.Name == "--redis").Description!;
        Assert.Contains("Sentinels on 6441–6443 and 6451–6453", store, StringComparison.Ordinal);
        Assert.Contains("replicas on 6461–6466, bus ports +10000", store, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_DefaultsAreShownOneWay()
    {
        var options = SessionLabCli.Build().Subcommands.SelectMany(c => c.Options).Select(o => o.Description ?? string.Empty);

        Assert.All(options, d => Assert.DoesNotMatch(@"\(default[ :]", d));
    }
}
