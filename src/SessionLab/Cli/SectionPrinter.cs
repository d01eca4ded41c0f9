using System.Text.RegularExpressions;
using SessionLab.Reporting.Document;
using Spectre.Console;

namespace SessionLab.Cli;

/// <summary>
/// Prints a section of the report in the terminal, block by block, so the end of <c>run</c> says what the report's
/// "At a glance" says, from the same document: markdown links become their text, tables Spectre tables.
/// </summary>
internal static partial class SectionPrinter
{
    public static void Print(IAnsiConsole console, ReportSection section)
    {
        if (console.Profile.Width >= ConsoleWidth.Unwrapped)
        {
            // Piped, the console is "wide" so lines are not wrapped, and a rule would fill 4,096 columns of the log.
            console.WriteLine($"── {section.Heading} ──");
        }
        else
        {
            console.Write(new Rule($"[bold]{Markup.Escape(section.Heading)}[/]").LeftJustified());
        }

        foreach (var block in section.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    console.WriteLine(Plain(paragraph.Text));
                    break;
                case ListBlock list:
                    foreach (var item in list.Items)
                    {
                        console.WriteLine("- " + Plain(item));
                    }

                    break;
                case TableBlock table:
                    var rendered = new Table().Border(TableBorder.Rounded);
                    if (table.Caption is { } caption)
                    {
                        rendered.Title($"[bold]{Markup.Escape(Plain(caption))}[/]");
                    }

                    rendered.AddColumns([.. table.Columns.Select(c => Markup.Escape(Plain(c)))]);
                    foreach (var row in table.Rows)
                    {
                        rendered.AddRow([.. row.Select(cell => Markup.Escape(Plain(cell)))]);
                    }

                    console.Write(rendered);
                    break;
                default:
                    // Charts and verdict lists have their own lines earlier in the run's output.
                    break;
            }
        }
    }

    /// <summary>The text a terminal shows for report markdown: "[no](#exp-1-2)" → "no", "**x**" → "x".</summary>
    internal static string Plain(string markdown) => Bold().Replace(Link().Replace(markdown, "$1"), "$1");

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();
}
