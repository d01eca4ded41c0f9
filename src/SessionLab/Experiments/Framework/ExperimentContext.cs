using System.Diagnostics;
using System.Globalization;
using System.Net;
using SessionLab.Backend.Common;
using SessionLab.Faults;
using SessionLab.Reporting.Model;
using SessionLab.Topology;

namespace SessionLab.Experiments.Framework;

/// <summary>
/// What an experiment works with: the running topology and its faults, recorded clients and Redis reads, waits with a
/// countdown, and the result being built (parameters, steps, tables, verdicts, anomalies, charts).
/// </summary>
internal sealed class ExperimentContext : IDisposable
{
    private readonly IExperimentProgress _progress;
    private readonly List<LabClient> _clients = [];
    private readonly List<string> _steps = [];
    private readonly Dictionary<string, string> _parameters = new(StringComparer.Ordinal);
    private readonly List<ResultTable> _tables = [];
    private readonly List<HypothesisVerdict> _verdicts = [];
    private readonly List<string> _anomalies = [];
    private readonly List<ChartSeries> _charts = [];
    private readonly List<Metric> _metrics = [];
    private readonly List<TargetGoal> _goals = [];

    public ExperimentContext(ExperimentInfo info, RunningTopology topology, FaultController faults, ExperimentSettings settings, IExperimentProgress progress)
    {
        Info = info;
        Topology = topology;
        Faults = faults;
        Settings = settings;
        _progress = progress;
        Recorder = new ObservationRecorder();
        Redis = new LabRedis(topology.Store.Configuration, Recorder);
    }

    public ExperimentInfo Info { get; }

    public RunningTopology Topology { get; }

    public FaultController Faults { get; }

    public ExperimentSettings Settings { get; }

    public ObservationRecorder Recorder { get; }

    public LabRedis Redis { get; }

    public IReadOnlyList<string> Steps => _steps;

    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    public IReadOnlyList<ResultTable> Tables => _tables;

    public IReadOnlyList<HypothesisVerdict> Verdicts => _verdicts;

    public IReadOnlyList<string> Anomalies => _anomalies;

    public IReadOnlyList<ChartSeries> Charts => _charts;

    /// <summary>Starts a step of the plan: shown live and attached to every observation until the next one.</summary>
    public void Step(string description)
    {
        _steps.Add(description);
        Recorder.CurrentStep = description;
        _progress.Step(description);
    }

    /// <summary>Records a parameter as used (the plan's value by default, or the quick one).</summary>
    public T Parameter<T>(string name, T value)
        where T : notnull
    {
        _parameters[name] = value is TimeSpan span ? $"{span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : Convert.ToString(value, CultureInfo.InvariantCulture)!;
        return value;
    }

    /// <summary>A client of one scheme's load balancer, sending from <paramref name="source"/> (default 127.0.0.1).</summary>
    public LabClient Client(SchemeKind scheme, IPAddress? source = null, bool cookies = true, TimeSpan? timeout = null) =>
        Client(Topology.BalancerAddress(scheme), source, cookies, timeout);

    public LabClient Client(Uri target, IPAddress? source = null, bool cookies = true, TimeSpan? timeout = null)
    {
        var client = new LabClient(source ?? IPAddress.Loopback, target, Recorder, cookies, timeout ?? TimeSpan.FromSeconds(10));
        _clients.Add(client);
        return client;
    }

    /// <summary>Waits, showing a countdown, and records the wait.</summary>
    public async Task WaitAsync(TimeSpan duration, string why, CancellationToken cancellationToken)
    {
        Recorder.Note(ObservationKind.Wait, $"wait {duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: {why}");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            var remaining = duration - watch.Elapsed;
            _progress.Waiting(why, remaining, duration);
            await Task.Delay(remaining < TimeSpan.FromMilliseconds(100) ? remaining : TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        _progress.Waiting(why, TimeSpan.Zero, duration);
    }

    /// <summary>Records a fault the experiment injected (what, and the controller's own words).</summary>
    public void RecordFault(string description) => Recorder.Note(ObservationKind.Fault, description);

    public void AddTable(ResultTable table) => _tables.Add(table);

    public void AddTable(string title, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows) =>
        _tables.Add(new ResultTable(title, columns, [.. rows]));

    public void Judge(HypothesisVerdict verdict) => _verdicts.Add(verdict);

    /// <summary>Every hypothesis inconclusive for one reason, when the experiment cannot measure at all (e.g. nobody could log in).</summary>
    public void JudgeAllInconclusive(string evidence)
    {
        foreach (var hypothesis in Info.Hypotheses)
        {
            _verdicts.Add(hypothesis.Inconclusive(evidence));
        }
    }

    /// <summary>
    /// The experiment cannot run here, and why (e.g. "the store is an external Redis the lab cannot kill"): it is
    /// reported as skipped, with no verdicts, rather than every hypothesis as inconclusive.
    /// </summary>
    public void Skip(string reason)
    {
        SkipReason = reason;
        Recorder.Note(ObservationKind.Note, $"skipped: {reason}");
    }

    public bool IsSkipped => SkipReason is not null;

    public string? SkipReason { get; private set; }

    /// <summary>Something the real system did that the plan did not expect; it goes to the report's "problems met".</summary>
    public void Anomaly(string description) => _anomalies.Add(description);

    public void AddChart(ChartSeries series) => _charts.Add(series);

    public IReadOnlyList<Metric> Metrics => _metrics;

    /// <summary>Records a typed figure (read by the report and <c>compare</c> by its key, never from table text).</summary>
    public void AddMetric(Metric metric) => _metrics.Add(metric);

    public IReadOnlyList<TargetGoal> Goals => _goals;

    /// <summary>Records a speed target as judged (the report renders it; no table text is read back).</summary>
    public void AddGoal(TargetGoal goal) => _goals.Add(goal);

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        Redis.Dispose();
    }
}
