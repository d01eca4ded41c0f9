using System.Globalization;
using System.Text;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>How values are spelled in nginx.conf.</summary>
internal static class NginxSyntax
{
    /// <summary>A path in double quotes, so spaces and <c>;</c> in a run folder cannot break the config.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                // nginx unescapes only \" \' \\ \t \r \n; the paths written here take no variables, so $ stays as is.
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.Append('"').ToString();
    }

    /// <summary>A duration in nginx's units: whole seconds as <c>10s</c>, anything finer as <c>1500ms</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "nginx durations must be positive.");
        }

        var ms = (long)Math.Ceiling(value.TotalMilliseconds);
        return ms % 1000 == 0
            ? (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s"
            : ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    /// <summary>Whether <paramref name="name"/> can be an upstream name and a zone name as written, unquoted.</summary>
    public static bool IsPlainName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
