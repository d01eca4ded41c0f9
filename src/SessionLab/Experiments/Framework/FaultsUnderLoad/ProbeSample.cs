namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>One request of the fault probe: when it completed (seconds from the load's start), its status (0: no reply), the server that answered and how long it took.</summary>
internal sealed record ProbeSample(double AtSeconds, int Status, string? ServerId, string? Failure, double ElapsedMs)
{
    /// <summary>A failure the load balancer should have hidden: a 5xx or no reply at all (a 401 is a lost session, not a failover error).</summary>
    public bool IsFailoverError => Status == 0 || Status >= 500;
}
