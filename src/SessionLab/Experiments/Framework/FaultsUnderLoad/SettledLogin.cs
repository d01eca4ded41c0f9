using System.Diagnostics;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>
/// Logs the load users in and checks that the balancer sends their requests where their sessions are (the first and the
/// last user's /profile answer 200). After an earlier fault nginx may still keep a sticky backend out while the users
/// log in, then send them back to it: the users log in again until routing has settled (at most fail_timeout + 2 s).
/// </summary>
internal static class SettledLogin
{
    public static async Task<PerformanceTarget?> RunAsync(ExperimentContext context, PerformanceTarget candidate, int users, CancellationToken cancellationToken)
    {
        var limit = new PassiveHealthOptions().FailTimeout + TimeSpan.FromSeconds(2);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await candidate.WithUsersAsync(context, users, cancellationToken) is not { } target)
            {
                return null;
            }

            if (await ServedAsync(context, target, 0, cancellationToken) && await ServedAsync(context, target, target.Credentials.Count - 1, cancellationToken))
            {
                return target;
            }

            if (watch.Elapsed >= limit)
            {
                context.Anomaly($"{target.Name}: the users' own /profile still failed right after logging in {limit.TotalSeconds:0} s after the first try: the balancer did not route them where their sessions are.");
                return target;
            }

            await context.WaitAsync(TimeSpan.FromSeconds(1), $"{target.Name}: a user's /profile failed right after login (the balancer is still failing back); log in again", cancellationToken);
        }
    }

    private static async Task<bool> ServedAsync(ExperimentContext context, PerformanceTarget target, int worker, CancellationToken cancellationToken)
    {
        var client = context.Client(target.Balancer, cookies: false);
        foreach (var (name, value) in target.RequestFor(worker).Headers)
        {
            client.SetHeader(name, value);
        }

        return (await client.GetAsync(target.RequestFor(worker).Path, cancellationToken)).IsOk;
    }
}
