using SessionLab.Backend.Common;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Topology;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>Which backend a fault-under-load experiment strikes: the one whose loss the load would feel.</summary>
internal static class FaultVictim
{
    /// <summary>Sticky: the backend worker 0's session lives on (one client address, so all of them); round robin: the first of the group.</summary>
    public static async Task<BackendNode> ChooseAsync(ExperimentContext context, PerformanceTarget target, CancellationToken cancellationToken)
    {
        var backends = context.Topology.BackendsOf(target.Scheme).ToList();
        if (target.Scheme != SchemeKind.Sticky)
        {
            return backends[0];
        }

        var client = context.Client(target.Balancer, cookies: false);
        client.SetHeader("Cookie", $"session_id={target.Credentials[0]}");
        var profile = await client.GetAsync("/profile", cancellationToken);
        return backends.FirstOrDefault(b => b.ServerId == profile.ServerId) ?? backends[0];
    }
}
