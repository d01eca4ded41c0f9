using SessionLab.Topology.Processes;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>
/// The CPU each process of the lab used over a measurement (the lab process itself always among them: it runs the load
/// generator and, on the embedded engines, the YARP balancer), and how busy the whole machine was, so a figure can say
/// what limited it.
/// </summary>
internal sealed class CpuMeter
{
    /// <summary>The lab's own process, as named in CPU tables.</summary>
    public const string LabProcess = "lab process (load generator, and YARP when embedded)";

    private readonly List<(string Name, ProcessUsage Usage, IReadOnlyList<ProcessUsage> Children)> _before;
    private readonly MachineCpu? _machine;

    private CpuMeter(List<(string Name, ProcessUsage Usage, IReadOnlyList<ProcessUsage> Children)> before, MachineCpu? machine)
    {
        _before = before;
        _machine = machine;
    }

    /// <summary>Starts measuring the processes whose component <paramref name="include"/> accepts, and the lab process.</summary>
    public static CpuMeter Start(ExperimentContext context, Func<string, bool> include)
    {
        var processes = context.Faults.Status().Where(s => s.ProcessId is { } pid && pid != Environment.ProcessId && include(s.Component))
            .GroupBy(s => s.ProcessId!.Value)
            .Select(g => (Pid: g.Key, Name: g.All(s => s.Component.StartsWith("lb/", StringComparison.Ordinal)) && g.Count() > 1
                ? "load balancer (one process for every group)"
                : string.Join(" + ", g.Select(s => s.Component))))
            .Prepend((Pid: Environment.ProcessId, Name: LabProcess));
        var before = new List<(string, ProcessUsage, IReadOnlyList<ProcessUsage>)>();
        foreach (var (pid, name) in processes)
        {
            if (ProcessUsage.Read(pid) is { } usage)
            {
                // nginx works in its worker processes: count the master's children with it.
                before.Add((name, usage, pid == Environment.ProcessId ? [] : [.. ProcFs.ChildrenOf(pid).Select(ProcessUsage.Read).OfType<ProcessUsage>()]));
            }
        }

        return new CpuMeter(before, MachineCpu.Read());
    }

    /// <summary>What each process used since <see cref="Start"/>, in percent of one core, and the machine's busy share.</summary>
    public CpuSample Stop()
    {
        var machine = MachineCpu.Read();
        var processes = new List<ProcessCpu>();
        foreach (var (name, usage, children) in _before)
        {
            if (ProcessUsage.Read(usage.ProcessId) is { } end)
            {
                var percent = ProcessUsage.CpuPercent(usage, end) + children.Sum(c => ProcessUsage.Read(c.ProcessId) is { } e ? ProcessUsage.CpuPercent(c, e) : 0);
                processes.Add(new ProcessCpu(name, usage.ProcessId, percent));
            }
        }

        return new CpuSample(processes, _machine is { } a && machine is { } b ? MachineCpu.BusyPercent(a, b) : null) { Cores = Environment.ProcessorCount };
    }
}

/// <summary>CPU share of one process over a period (percent of one core).</summary>
internal sealed record ProcessCpu(string Name, int ProcessId, double Percent);

/// <summary>The processes' CPU over one measurement and how busy the machine was (percent of all cores; null if unknown).</summary>
internal sealed record CpuSample(IReadOnlyList<ProcessCpu> Processes, double? MachineBusyPercent)
{
    /// <summary>At or above this share of all cores the machine is saturated: the figure is limited by CPU.</summary>
    public const double SaturatedPercent = 90;

    /// <summary>The machine's cores, to turn its busy share into percent of one core; 0 when unknown.</summary>
    public int Cores { get; init; }

    /// <summary>
    /// CPU the machine spent outside the lab's processes (another job on a shared machine), in percent of one core;
    /// null when the machine's share or its cores are unknown.
    /// </summary>
    public double? Elsewhere => MachineBusyPercent is { } busy && Cores > 0 ? Math.Max(0, (busy * Cores) - Processes.Sum(p => p.Percent)) : null;

    /// <summary>The process using the most CPU when the machine was saturated (what limits the figure); null otherwise.</summary>
    public ProcessCpu? Limit => MachineBusyPercent >= SaturatedPercent ? Processes.MaxBy(p => p.Percent) : null;
}
