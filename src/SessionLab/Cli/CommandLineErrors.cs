using System.CommandLine;
using System.Text.RegularExpressions;

namespace SessionLab.Cli;

/// <summary>
/// Bad command lines, reported the way a user can act on them: one line per problem, naming the command, then exit 2
/// (a usage error), instead of System.CommandLine's default of exit 1 followed by the whole help text.
/// </summary>
internal static partial class CommandLineErrors
{
    public const int UsageExitCode = 2;

    public static int Report(ParseResult parse, TextWriter error)
    {
        var command = CommandPath(parse.CommandResult);
        foreach (var problem in parse.Errors)
        {
            error.WriteLine($"{command}: {OneLine(problem.Message).TrimEnd('.')} (see `{command} --help`)");
        }

        return UsageExitCode;
    }

    /// <summary>"sessionlab fault", from the innermost command the parser reached.</summary>
    internal static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? node = result; node is not null; node = node.Parent)
        {
            if (node is System.CommandLine.Parsing.CommandResult command)
            {
                names.Insert(0, command.Parent is null ? "sessionlab" : command.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    /// <summary>System.CommandLine lists allowed values on tab-indented lines; a log or a script wants one line.</summary>
    internal static string OneLine(string message) => Whitespace().Replace(message.Replace(":\n\t", ": ", StringComparison.Ordinal).Replace("'\n\t'", "', '", StringComparison.Ordinal), " ").Trim();

    [GeneratedRegex(@"\s*[\r\n\t]+\s*")]
    private static partial Regex Whitespace();
}
