namespace SessionLab.Topology.LoadBalancing;

/// <summary>
/// A load balancer an experiment started beside the topology (<see cref="RunningTopology.StartExtraBalancerAsync"/>):
/// its one group and the running engine. Disposing it stops it; the backends behind it are the topology's and stay up.
/// </summary>
internal sealed class ExtraBalancer(UpstreamGroup group, IRunningLoadBalancer running) : IAsyncDisposable
{
    public UpstreamGroup Group { get; } = group;

    /// <summary>Engine and version, e.g. <c>nginx 1.22.1</c>.</summary>
    public string Description => running.Description;

    public Uri Address => new($"http://{Group.Listen}");

    public ValueTask DisposeAsync() => running.DisposeAsync();
}
