using System.CommandLine;
using System.Globalization;
using System.Net;
using SessionLab.Reporting.Localization;
using SessionLab.Topology;

namespace SessionLab.Cli;

/// <summary>
/// Checks of option values made while parsing, so a bad value is a one-line usage error (exit 2) before anything is
/// started or announced, never an exception from deep inside.
/// </summary>
internal static class OptionChecks
{
    public static Option<int> MustBeAPort(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            var port = result.GetValueOrDefault<int>();
            if (port is < 1 or > 65535)
            {
                result.AddError($"{option.Name} {port.ToString(CultureInfo.InvariantCulture)}: a TCP port is 1 to 65535.");
            }
        });
        return option;
    }

    public static Option<string?> MustBeAnIpAddress(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !IPAddress.TryParse(value, out _))
            {
                result.AddError($"{option.Name} {value}: not an IP address (e.g. 127.0.0.1 or ::1).");
            }
        });
        return option;
    }

    /// <summary>The offset must keep every port the lab may take (<see cref="TopologyPorts.Lowest"/>…<see cref="TopologyPorts.HighestOfAll"/>, a cluster node's bus port) a valid port.</summary>
    public static Option<int> MustBeAPortOffset(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            var offset = result.GetValueOrDefault<int>();
            var ports = new TopologyPorts(offset);
            if (ports.Lowest < 1 || ports.HighestOfAll > 65535)
            {
                var plan = new TopologyPorts();
                result.AddError(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{option.Name} {offset}: the lab's ports would be {ports.Lowest}–{ports.HighestOfAll}, outside 1–65535; with the plan's ports {plan.Lowest}–{plan.HighestOfAll} (the last are Redis Cluster's bus ports) the offset must be {1 - plan.Lowest} to {65535 - plan.HighestOfAll}."));
            }
        });
        return option;
    }

    /// <summary>The option <c>--lang</c> of <c>run</c> and <c>report</c>: the report's language, English unless asked.</summary>
    public static Option<string?> ReportLanguageOption() => new Option<string?>("--lang")
    {
        Description = $"language of report.md and report.html: {string.Join(" or ", ReportLanguages.Codes)} (the plan's Chinese) [default: en]; results.json is the same in both",
    }.MustBeAReportLanguage();

    public static Option<string?> MustBeAReportLanguage(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !ReportLanguages.TryParse(value, out _))
            {
                result.AddError($"{option.Name} {value}: the report's language is {string.Join(" (English) or ", ReportLanguages.Codes)} (Chinese).");
            }
        });
        return option;
    }

    /// <summary>The language <c>--lang</c> chose; English when it was not given.</summary>
    public static ReportLanguage ReportLanguageOf(this ParseResult parse, Option<string?> option) =>
        ReportLanguages.TryParse(parse.GetValue(option), out var language) ? language : ReportLanguage.English;

    /// <summary>A folder the lab can write into: it exists or can be created now.</summary>
    public static Option<string?> MustBeAWritableFolder(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { Length: > 0 } value && WritableFolderProblem(value) is { } problem)
            {
                result.AddError($"{option.Name} {value}: {problem}");
            }
        });
        return option;
    }

    /// <summary>Why <paramref name="path"/> cannot take the lab's files, or null when it can.</summary>
    internal static string? WritableFolderProblem(string path)
    {
        try
        {
            var folder = Directory.CreateDirectory(path).FullName;
            var probe = Path.Combine(folder, $".sessionlab-write-test-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot create or write this folder ({e.Message}).";
        }
    }
}
