namespace SessionLab.Backend.Redis;

/// <summary>How to reach Redis. Section <c>Redis</c>.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string: <c>host:port</c>, several endpoints, Sentinel
    /// (<c>serviceName=...</c>) or Cluster. Default <c>127.0.0.1:6379</c>.
    /// </summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>
    /// Longest wait for one command. Past it the request fails with 503 instead of hanging for the
    /// client library's 5-second default. Default 1 s.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for one connection attempt. Default 1 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause between reconnection attempts while Redis is away. Default 500 ms, so recovery is prompt.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Replicas that must have a login's session or a revocation before it is acknowledged: after the write, <c>WAIT
    /// {WaitReplicas} {WaitTimeout}</c>, and fewer replicas within the timeout answer 503 instead of 200. Default 0
    /// (asynchronous replication, as Redis runs by default: a failover may lose acknowledged writes).
    /// </summary>
    public int WaitReplicas { get; set; }

    /// <summary>How long <see cref="WaitReplicas"/> waits for the replicas; shorter than <see cref="OperationTimeout"/>. Default 500 ms.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
