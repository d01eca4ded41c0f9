using System.Diagnostics;
using System.Text.Json;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.Load;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>
/// Jepsen's roles in one place: the load generator works in the background, a probe samples the same balancer every
/// <see cref="ProbeInterval"/> (the load's timeline only has one-second resolution and no server ids), and the nemesis
/// injects each fault at a known time from the load's start.
/// </summary>
internal static class FaultUnderLoad
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The load sends <paramref name="requestFor"/>'s request per worker (default the target's own); the probe always GETs the target's path.</summary>
    public static async Task<FaultRun> RunAsync(
        ExperimentContext context,
        PerformanceTarget target,
        int concurrency,
        TimeSpan duration,
        IReadOnlyList<(TimeSpan At, Func<Task<string>> Inject)> faults,
        CancellationToken cancellationToken,
        Func<int, RequestTemplate>? requestFor = null)
    {
        var run = await RunAsync(context, [new LoadSpec(target, concurrency, requestFor)], [target], duration, faults, cancellationToken);
        return new FaultRun(run.Loads[0], run.Probes[0], run.Faults);
    }

    /// <summary>
    /// Several loads at once (each target with its concurrency) and several probes (each target's worker-0 credential), on
    /// one clock, with the faults injected at their times; results in the order given.
    /// </summary>
    public static async Task<MultiFaultRun> RunAsync(
        ExperimentContext context,
        IReadOnlyList<LoadSpec> loads,
        IReadOnlyList<PerformanceTarget> probes,
        TimeSpan duration,
        IReadOnlyList<(TimeSpan At, Func<Task<string>> Inject)> faults,
        CancellationToken cancellationToken)
    {
        using var stopProbe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var loadTasks = loads.Select(load => Task.Run(
            () => new ClosedLoopGenerator().RunAsync(
                new LoadOptions { Target = load.Target.Balancer, RequestPerWorker = load.RequestFor ?? load.Target.RequestFor, Concurrency = load.Concurrency, Duration = duration, RequestTimeout = TimeSpan.FromSeconds(5) },
                cancellationToken),
            cancellationToken)).ToList();
        var probeTasks = probes.Select(target => Task.Run(() => ProbeAsync(target, clock, stopProbe.Token), cancellationToken)).ToList();

        var marks = new List<FaultMark>();
        try
        {
            foreach (var (at, inject) in faults)
            {
                var delay = at - clock.Elapsed;
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellationToken);
                }

                var when = clock.Elapsed.TotalSeconds;
                var what = await inject();
                var done = clock.Elapsed.TotalSeconds;
                context.RecordFault(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what} ({when:0.000} s into the load, done at {done:0.000} s)"));
                marks.Add(new FaultMark(Math.Round(when, 3), Math.Round(done, 3), what));
            }

            var results = await Task.WhenAll(loadTasks);
            await stopProbe.CancelAsync();
            return new MultiFaultRun(results, await Task.WhenAll(probeTasks), marks);
        }
        finally
        {
            await stopProbe.CancelAsync();
        }
    }

    /// <summary>GET of the target's path with worker 0's credential, every <see cref="ProbeInterval"/>, until stopped.</summary>
    private static async Task<List<ProbeSample>> ProbeAsync(PerformanceTarget target, Stopwatch clock, CancellationToken stop)
    {
        var samples = new List<ProbeSample>();
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { BaseAddress = target.Balancer, Timeout = TimeSpan.FromSeconds(2) };
        var template = target.RequestFor(0);
        while (!stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, template.Path);
            foreach (var (name, value) in template.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            var sent = Stopwatch.StartNew();
            ProbeSample sample;
            try
            {
                using var response = await http.SendAsync(request, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                sample = new(0, (int)response.StatusCode, ServerIdOf(body), null, sent.Elapsed.TotalMilliseconds);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                sample = new(0, 0, null, e is TaskCanceledException ? ErrorKinds.Timeout : ErrorKinds.ForException(e), sent.Elapsed.TotalMilliseconds);
            }

            samples.Add(sample with { AtSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3) });
            try
            {
                await Task.Delay(ProbeInterval, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return samples;
    }

    private static string? ServerIdOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("server_id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One load of a fault run: its target, how many workers, and what each worker sends (default the target's own request).</summary>
internal sealed record LoadSpec(PerformanceTarget Target, int Concurrency, Func<int, RequestTemplate>? RequestFor = null);
