using System.Text.RegularExpressions;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>
/// Why nginx exited during start-up, in nginx's own words, e.g. <c>bind() to 127.0.0.1:8080 failed (98: Address already in use)</c>.
/// Both logs are appended to across runs in one folder, so only what was written after <see cref="Mark"/> counts.
/// </summary>
internal sealed partial class NginxStartFailure
{
    private const int TailLines = 8;
    private readonly string _processLog;
    private readonly string _errorLog;
    private readonly long _processLogStart;
    private readonly long _errorLogStart;

    private NginxStartFailure(string processLog, string errorLog)
    {
        _processLog = processLog;
        _errorLog = errorLog;
        _processLogStart = Length(processLog);
        _errorLogStart = Length(errorLog);
    }

    /// <summary>Remembers where both logs end now, before nginx starts.</summary>
    public static NginxStartFailure Mark(string processLog, string errorLog) => new(processLog, errorLog);

    public string Describe(ManagedProcess master, string configPath)
    {
        // nginx prints [emerg] to stderr (captured in nginx.log) and, once its config is read, to its error log too.
        var lines = ReadLines(_processLog, _processLogStart).Concat(ReadLines(_errorLog, _errorLogStart)).ToList();
        var causes = lines.Select(l => Cause().Match(l)).Where(m => m.Success)
            .Select(m => $"[{m.Groups["level"].Value}] {m.Groups["message"].Value}")
            .Distinct(StringComparer.Ordinal).ToList();
        var shown = causes.Count > 0 ? causes : lines.TakeLast(TailLines).ToList();
        return $"nginx exited with code {master.ExitCode} during start-up (config {configPath}, logs {_processLog} and {_errorLog}):"
            + string.Concat(shown.Select(l => Environment.NewLine + "  " + l));
    }

    // "nginx: [emerg] bind() ..." on stderr and "2026/11/24 04:08:30 [emerg] 8800#8800: bind() ..." in the error log
    // say the same thing; matching the message alone shows it once.
    [GeneratedRegex(@"\[(?<level>emerg|alert|crit)\] (?:\d+#\d+: )?(?<message>.+)$")]
    private static partial Regex Cause();

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string[] ReadLines(string path, long from)
    {
        if (path == "stderr")
        {
            return []; // Then it is all in the process log.
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
