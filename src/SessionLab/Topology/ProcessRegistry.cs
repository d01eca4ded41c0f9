using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology;

/// <summary>
/// The pid file of a run (<c>lab.pids</c>): the lab and every child it started, each with its start time so a reused pid
/// is never mistaken for ours. Children die with the lab in the normal case (Ctrl+C, SIGTERM, the backends' parent
/// watchdog); this file covers the rest (the lab killed with -9 while nginx or redis-server ran): the next start sweeps them.
/// </summary>
internal sealed class ProcessRegistry
{
    public const string FileName = "lab.pids";

    private readonly string _path;
    private readonly Lock _lock = new();
    private readonly List<ProcessStamp> _children = [];

    public ProcessRegistry(string runFolder)
    {
        _path = Path.Combine(runFolder, FileName);
        Save();
    }

    /// <summary>Records a child (and, for nginx, its workers) as belonging to this run.</summary>
    public void Add(int? processId)
    {
        if (processId is not { } pid || ProcessStamp.Of(pid) is not { } stamp)
        {
            return;
        }

        lock (_lock)
        {
            _children.Add(stamp);
            foreach (var child in ProcFs.ChildrenOf(pid))
            {
                if (ProcessStamp.Of(child) is { } childStamp)
                {
                    _children.Add(childStamp);
                }
            }

            Save();
        }
    }

    /// <summary>Called on a clean shutdown: nothing is left to sweep.</summary>
    public void Clear()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Nothing to sweep either way.
        }
    }

    /// <summary>Kills children of earlier runs whose lab is gone; returns a line per process killed.</summary>
    public static IReadOnlyList<string> SweepOrphans(string runsDirectory)
    {
        var killed = new List<string>();
        if (!Directory.Exists(runsDirectory) || !OperatingSystem.IsLinux())
        {
            return killed;
        }

        foreach (var file in Directory.EnumerateFiles(runsDirectory, FileName, SearchOption.AllDirectories))
        {
            PidFile? pids;
            try
            {
                pids = JsonSerializer.Deserialize(File.ReadAllText(file), RegistryJsonContext.Default.PidFile);
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                continue;
            }

            if (pids is null || pids.Lab.IsAlive())
            {
                continue; // a lab still running owns its children
            }

            foreach (var child in pids.Children.Where(c => c.IsAlive()))
            {
                try
                {
                    using var process = Process.GetProcessById(child.Pid);
                    var name = process.ProcessName;
                    process.Kill(entireProcessTree: true);
                    killed.Add($"{name} (pid {child.Pid.ToString(CultureInfo.InvariantCulture)}) left by {Path.GetDirectoryName(file)}");
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }

            File.Delete(file);
        }

        return killed;
    }

    private void Save()
    {
        var file = new PidFile(ProcessStamp.Of(Environment.ProcessId) ?? new ProcessStamp(Environment.ProcessId, 0), [.. _children]);
        File.WriteAllText(_path, JsonSerializer.Serialize(file, RegistryJsonContext.Default.PidFile));
    }
}

/// <summary>A pid with its start time (jiffies since boot, from /proc): together they name one process for ever.</summary>
internal sealed record ProcessStamp(int Pid, long StartTime)
{
    public static ProcessStamp? Of(int pid) => ProcFs.StartTimeOf(pid) is { } start ? new ProcessStamp(pid, start) : null;

    public bool IsAlive() => ProcFs.StartTimeOf(Pid) == StartTime;
}

internal sealed record PidFile(ProcessStamp Lab, IReadOnlyList<ProcessStamp> Children);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(PidFile))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
