using SessionLab.Cli;

namespace SessionLab.Tests.Cli;

public sealed class LiveLineTests
{
    [Fact]
    public void Print_ErasesTheLiveLineFirst_ThenDrawsItAgainBelow()
    {
        using var terminal = new StringWriter();
        var live = new LiveLine(terminal, () => 80);
        live.Show("2.2 Sliding expiry (2/6) · idle 3.5 s left");

        live.Print(() => terminal.WriteLine("  H1 confirmed: the key was gone."));

        var text = terminal.ToString();
        var verdict = text.IndexOf("  H1 confirmed", StringComparison.Ordinal);
        Assert.Equal(LiveLine.Erase, text[(verdict - LiveLine.Erase.Length)..verdict]);
        Assert.EndsWith(LiveLine.Erase + "2.2 Sliding expiry (2/6) · idle 3.5 s left", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_LongerThanTheTerminal_IsCut_SoTheTerminalNeverWrapsIt()
    {
        using var terminal = new StringWriter();
        var live = new LiveLine(terminal, () => 20);

        live.Show(new string('x', 100));

        var drawn = terminal.ToString()[LiveLine.Erase.Length..];
        Assert.Equal(19, drawn.Length);
        Assert.EndsWith("…", drawn, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_LeavesNoLiveText()
    {
        using var terminal = new StringWriter();
        var live = new LiveLine(terminal, () => 80);
        live.Show("waiting");

        live.Clear();

        Assert.EndsWith(LiveLine.Erase, terminal.ToString(), StringComparison.Ordinal);
    }
}
