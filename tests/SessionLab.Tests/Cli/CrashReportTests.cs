using SessionLab.Cli;

namespace SessionLab.Tests.Cli;

public sealed class CrashReportTests
{
    [Fact]
    public void Write_UnanticipatedException_OneLineNamingTheFileThatHoldsTheWholeTrace()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("the store's reply\nwas cut short");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var line = CrashReport.Write("sessionlab up", thrown);

        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("sessionlab up: unexpected error: InvalidOperationException: the store's reply was cut short (the full trace is in ", line, StringComparison.Ordinal);
        var path = line[(line.IndexOf(" is in ", StringComparison.Ordinal) + 7)..line.IndexOf(';', StringComparison.Ordinal)];
        try
        {
            var trace = File.ReadAllText(path);
            Assert.Contains(nameof(Write_UnanticipatedException_OneLineNamingTheFileThatHoldsTheWholeTrace), trace, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
