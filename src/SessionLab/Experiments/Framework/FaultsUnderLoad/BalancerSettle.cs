using SessionLab.Backend.Common;
using SessionLab.Topology.LoadBalancing;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>
/// nginx (and the lab's YARP policy, which copies it) keeps a failed backend out for <c>fail_timeout</c>, then sends its
/// ip_hash users back to it: every session they made on the fallback meanwhile is lost. An experiment that faults a
/// sticky backend waits out the rest of <c>fail_timeout</c>, so the next one does not measure this failback instead.
/// </summary>
internal static class BalancerSettle
{
    public static Task WaitAsync(ExperimentContext context, TimeSpan sinceFault, CancellationToken cancellationToken) =>
        WaitAsync(context, sinceFault, "the load balancer's fail_timeout runs out, so the next experiment finds the sticky users on their own backend again", cancellationToken);

    /// <summary>
    /// Before an experiment that measures where the sticky balancer sends users: if an earlier experiment restarted a
    /// sticky backend less than <c>fail_timeout</c> ago, the balancer may still count it failed and hash its users
    /// elsewhere — and then send them back mid-experiment (1.5 once measured exactly that, from 1.3's crash). Waits
    /// out the rest, so every sticky backend is in the rotation when the experiment begins.
    /// </summary>
    public static async Task UntilStickyGroupSettledAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var restarted = context.Topology.BackendsOf(SchemeKind.Sticky).Select(b => b.SinceRestarted).OfType<TimeSpan>().ToList();
        if (restarted.Count > 0)
        {
            await WaitAsync(context, restarted.Min(), "the load balancer's fail_timeout for a sticky backend an earlier experiment restarted runs out, so every sticky backend is in the rotation", cancellationToken);
        }
    }

    private static async Task WaitAsync(ExperimentContext context, TimeSpan sinceFault, string why, CancellationToken cancellationToken)
    {
        var rest = new PassiveHealthOptions().FailTimeout + TimeSpan.FromSeconds(1) - sinceFault;
        if (rest > TimeSpan.Zero)
        {
            await context.WaitAsync(rest, why, cancellationToken);
        }
    }
}
