namespace SessionLab.Cli;

/// <summary>
/// The one redrawn line of live progress in a terminal ("2.2 Sliding expiry (2/6) · idle 3.5 s"), and every permanent
/// line printed while it shows. Each permanent print first erases the live line, so no tail of it is left glued to a
/// verdict; the live text is cut to the terminal's width, because a line the terminal wrapped cannot be erased from
/// its end. One lock orders the countdown's redraws (another thread, ten a second) against the prints.
/// </summary>
internal sealed class LiveLine(TextWriter terminal, Func<int> width)
{
    /// <summary>Carriage return, then ANSI "erase the whole line".</summary>
    internal const string Erase = "\r\u001b[2K";

    private readonly Lock _lock = new();
    private string _text = string.Empty;
    private bool _shown;

    /// <summary>Replaces the live text and redraws it.</summary>
    public void Show(string text)
    {
        lock (_lock)
        {
            _text = text;
            Draw();
        }
    }

    /// <summary>Erases the live line, runs <paramref name="print"/> (which writes whole lines), then draws the live line again below.</summary>
    public void Print(Action print)
    {
        ArgumentNullException.ThrowIfNull(print);
        lock (_lock)
        {
            if (_shown)
            {
                terminal.Write(Erase);
                terminal.Flush();
                _shown = false;
            }

            print();
            Draw();
        }
    }

    /// <summary>Erases the live line for good (the run is over).</summary>
    public void Clear() => Print(() => _text = string.Empty);

    private void Draw()
    {
        var columns = Math.Max(width() - 1, 10);
        var text = _text.Length > columns ? string.Concat(_text.AsSpan(0, columns - 1), "…") : _text;
        terminal.Write(Erase + text);
        terminal.Flush();
        _shown = text.Length > 0;
    }
}
