using System.Globalization;
using SessionLab.Experiments.Framework;
using Spectre.Console;

namespace SessionLab.Cli;

/// <summary>
/// Live progress on the console: the experiment, its step, and waits counting down. In a terminal the countdown is one
/// <see cref="LiveLine"/> that permanent lines erase before they print; without a terminal (a log, CI) there is no
/// line to redraw, so each wait is announced once instead of every tenth of a second.
/// </summary>
internal sealed class ConsoleExperimentProgress(LiveLine? live) : IExperimentProgress
{
    private string _experiment = string.Empty;
    private string _step = string.Empty;

    public void ExperimentStarted(ExperimentInfo info, int index, int count)
    {
        _experiment = $"{info.Id} {info.Title} ({index}/{count})";
        _step = string.Empty;
        Print(() => AnsiConsole.MarkupLine($"\n[bold blue]▶ {Markup.Escape(info.Id)} {Markup.Escape(info.Title)}[/] — {Markup.Escape(info.Question)}"));
        Refresh(string.Empty);
    }

    public void Step(string description)
    {
        _step = description;
        Print(() => AnsiConsole.MarkupLineInterpolated($"  [grey]· {description}[/]"));
        Refresh(string.Empty);
    }

    public void Waiting(string why, TimeSpan remaining, TimeSpan total)
    {
        if (live is null)
        {
            if (remaining == total)
            {
                AnsiConsole.MarkupLineInterpolated($"  [grey]  waiting {total.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s: {why}[/]");
            }

            return;
        }

        Refresh(remaining > TimeSpan.Zero
            ? $" — waiting {total.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({why}): {remaining.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s left"
            : string.Empty);
    }

    /// <summary>Prints permanent lines, above the live line when there is one.</summary>
    public void Print(Action print)
    {
        if (live is null)
        {
            print();
        }
        else
        {
            live.Print(print);
        }
    }

    private void Refresh(string suffix) => live?.Show($"{_experiment} · {_step}{suffix}");
}
