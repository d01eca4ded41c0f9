using System.Globalization;
using SessionLab.Experiments.Framework;
using Spectre.Console;

namespace SessionLab.Commands;

/// <summary>
/// Live progress on the console: the experiment, its step, and waits counting down. Without a terminal (a log, CI)
/// there is no live line to redraw, so each wait is announced once instead of every tenth of a second.
/// </summary>
internal sealed class ConsoleExperimentProgress(StatusContext? status) : IExperimentProgress
{
    private string _experiment = string.Empty;
    private string _step = string.Empty;

    public void ExperimentStarted(ExperimentInfo info, int index, int count)
    {
        _experiment = $"[bold]{info.Id}[/] {Markup.Escape(info.Title)} ({index}/{count})";
        _step = string.Empty;
        AnsiConsole.MarkupLine($"\n[bold blue]▶ {Markup.Escape(info.Id)} {Markup.Escape(info.Title)}[/] — {Markup.Escape(info.Question)}");
        Refresh(string.Empty);
    }

    public void Step(string description)
    {
        _step = description;
        AnsiConsole.MarkupLineInterpolated($"  [grey]· {description}[/]");
        Refresh(string.Empty);
    }

    public void Waiting(string why, TimeSpan remaining, TimeSpan total)
    {
        if (status is null)
        {
            if (remaining == total)
            {
                AnsiConsole.MarkupLineInterpolated($"  [grey]  waiting {total.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s: {why}[/]");
            }

            return;
        }

        Refresh(remaining > TimeSpan.Zero
            ? $" — waiting {total.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({Markup.Escape(why)}): {remaining.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s left"
            : string.Empty);
    }

    private void Refresh(string suffix) => status?.Status($"{_experiment} · {Markup.Escape(_step)}{suffix}");
}
