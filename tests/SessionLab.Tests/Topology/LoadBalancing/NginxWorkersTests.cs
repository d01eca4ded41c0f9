using SessionLab.Topology.LoadBalancing.Nginx;
using Worker = SessionLab.Topology.LoadBalancing.Nginx.NginxWorkers.Worker;

namespace SessionLab.Tests.Topology.LoadBalancing;

public sealed class NginxWorkersTests
{
    private static readonly HashSet<int> Before = [100];

    [Fact]
    public void Reloaded_OldWorkerShuttingDownNewOneServing_True() =>
        Assert.True(NginxWorkers.Reloaded(Before, [new Worker(100, true), new Worker(200, false)]));

    [Fact]
    public void Reloaded_OldWorkerGoneNewOneServing_True() =>
        Assert.True(NginxWorkers.Reloaded(Before, [new Worker(200, false)]));

    [Fact]
    public void Reloaded_NewWorkerStartedOldOneStillAccepting_False() =>
        Assert.False(NginxWorkers.Reloaded(Before, [new Worker(100, false), new Worker(200, false)]));

    [Fact]
    public void Reloaded_NoNewWorkerYet_False() =>
        Assert.False(NginxWorkers.Reloaded(Before, [new Worker(100, false)]));

    [Fact]
    public void Reloaded_OnlyAWorkerOfAnEarlierReloadStillShuttingDown_False() =>
        Assert.False(NginxWorkers.Reloaded([50, 100], [new Worker(50, true), new Worker(100, false)]));

    [Fact]
    public void Of_ThisProcess_HasNoNginxWorkers() =>
        Assert.Empty(NginxWorkers.Of(Environment.ProcessId));
}
