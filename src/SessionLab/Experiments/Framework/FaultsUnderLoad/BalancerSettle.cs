using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>
/// nginx (and the lab's YARP policy, which copies it) keeps a failed backend out for <c>fail_timeout</c>, then sends its
/// ip_hash users back to it: every session they made on the fallback meanwhile is lost. An experiment that faults a
/// sticky backend waits out the rest of <c>fail_timeout</c>, so the next one does not measure this failback instead.
/// </summary>
internal static class BalancerSettle
{
    public static async Task WaitAsync(ExperimentContext context, TimeSpan sinceFault, CancellationToken cancellationToken)
    {
        var rest = new PassiveHealthOptions().FailTimeout + TimeSpan.FromSeconds(1) - sinceFault;
        if (rest > TimeSpan.Zero)
        {
            await context.WaitAsync(rest, "the load balancer's fail_timeout runs out, so the next experiment finds the sticky users on their own backend again", cancellationToken);
        }
    }
}
