using SessionLab.Topology.LoadBalancing.Nginx;
using SessionLab.Topology.LoadBalancing.Yarp;

namespace SessionLab.Topology.LoadBalancing;

/// <summary>Every load-balancer engine the lab knows, for <see cref="EngineResolver"/>.</summary>
internal static class LoadBalancerEngines
{
    public static IReadOnlyList<ILoadBalancerEngine> All() => [new NginxLoadBalancerEngine(), new YarpLoadBalancerEngine()];
}
