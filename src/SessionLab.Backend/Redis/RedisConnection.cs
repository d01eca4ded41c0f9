using SessionLab.Backend.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SessionLab.Backend.Redis;

/// <summary>
/// The one multiplexer of this process, set up to fail fast and heal by itself:
/// it never blocks start-up (Redis may come later), commands fail at once while disconnected
/// instead of queueing, and it reconnects in the background when Redis returns.
/// </summary>
internal sealed partial class RedisConnection : IDisposable
{
    /// <summary>Redis Cluster's hash slots, every one of which a listing must cover.</summary>
    private const int ClusterSlots = 16384;

    private readonly ILogger<RedisConnection> _logger;
    private readonly TimeSpan _operationTimeout;
    private readonly int _waitReplicas;
    private readonly long _waitTimeoutMs;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _operationTimeout = options.Value.OperationTimeout;
        _waitReplicas = options.Value.WaitReplicas;
        _waitTimeoutMs = (long)options.Value.WaitTimeout.TotalMilliseconds;
        Multiplexer = ConnectionMultiplexer.Connect(BuildConfiguration(options.Value));
        Multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(e.EndPoint, e.FailureType, e.Exception?.Message);
        Multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(e.EndPoint);
        if (!Multiplexer.IsConnected)
        {
            LogNotYetConnected(Describe(options.Value.Configuration));
        }
    }

    /// <summary>
    /// The endpoints (and Sentinel service) of a configuration string, for logs: never its password, user or other
    /// options, which may be secrets.
    /// </summary>
    public static string Describe(string configuration)
    {
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(configuration, ignoreUnknown: true);
        }
        catch (ArgumentException)
        {
            return "(unparsable configuration)";
        }

        var endpoints = string.Join(",", parsed.EndPoints.Select(e => e switch
        {
            System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
            _ => e.ToString(),
        }));
        var secured = parsed.Password is { Length: > 0 } ? " (password set)" : string.Empty;
        return parsed.ServiceName is { Length: > 0 } service ? $"{endpoints} serviceName={service}{secured}" : endpoints + secured;
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>
    /// The store refusing for now, not broken: a 503, never a 500. <c>CLUSTERDOWN</c> (with Redis's default
    /// <c>cluster-require-full-coverage yes</c> every shard refuses while any slot has no primary, e.g. between a
    /// primary's failure and its replica's promotion), <c>TRYAGAIN</c> (slots migrating), <c>LOADING</c> (replaying its
    /// file after a restart), <c>MASTERDOWN</c> (a replica cut off from its primary), <c>READONLY</c> (a write reaching a
    /// node demoted by a failover before the client saw it) and <c>NOREPLICAS</c> (<c>min-replicas-to-write</c> unmet).
    /// </summary>
    internal static bool IsRefusingForNow(Exception e) =>
        e is RedisServerException server && TransientRefusals.Any(prefix => server.Message.StartsWith(prefix, StringComparison.Ordinal));

    private static readonly string[] TransientRefusals = ["CLUSTERDOWN", "TRYAGAIN", "LOADING", "MASTERDOWN", "READONLY", "NOREPLICAS"];

    /// <summary>
    /// The servers a SCAN must visit to see every key once. On a Cluster: the primaries serving slots in the
    /// multiplexer's current cluster map (<c>CLUSTER NODES</c> itself is an admin command the backends may not send; the
    /// map follows a failover through MOVED and the multiplexer's own refresh), and a <see cref="RedisConnectionException"/>
    /// when some slot has no live primary in it, since a listing without a shard would be silently short. Otherwise every
    /// primary the multiplexer knows.
    /// </summary>
    public IReadOnlyList<IServer> Primaries()
    {
        var servers = Multiplexer.GetServers();
        if (servers.FirstOrDefault(s => s.IsConnected && s.ServerType == ServerType.Cluster) is not { } clusterNode)
        {
            return [.. servers.Where(s => !s.IsReplica)];
        }

        var nodes = clusterNode.ClusterConfiguration
            ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "the cluster map is not known yet", null, CommandStatus.Unknown);
        var primaries = nodes.Nodes.Where(n => !n.IsReplica && !n.IsFail && n.Slots.Count > 0 && n.EndPoint is not null).ToList();
        var served = primaries.Sum(n => n.Slots.Sum(r => r.To - r.From + 1));
        return served < ClusterSlots
            ? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, $"{ClusterSlots - served} of {ClusterSlots} cluster slots have no live primary", null, CommandStatus.Unknown)
            : [.. primaries.Select(n => Multiplexer.GetServer(n.EndPoint!))];
    }

    /// <summary>
    /// Runs one command against the database and turns "Redis is down or slow" into <see cref="SessionStoreUnavailableException"/>
    /// (a 503 with <paramref name="unavailableMessage"/>). The operation timeout is enforced here, to the millisecond:
    /// StackExchange.Redis checks its own async timeout only on its once-a-second heartbeat, so a 1 s timeout really
    /// allowed 1–2 s (measured by experiment 6.7 through a latency proxy).
    /// </summary>
    public async Task<T> CallAsync<T>(Func<IDatabase, Task<T>> command, string unavailableMessage)
    {
        var call = command(Database);
        try
        {
            return await call.WaitAsync(_operationTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException or TimeoutException || IsRefusingForNow(e))
        {
            // The abandoned command still completes (or faults) later: observe it so its exception is not left unobserved.
            _ = call.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw new SessionStoreUnavailableException(unavailableMessage, e);
        }
    }

    /// <summary>
    /// <see cref="CallAsync"/>, and a server error too (a key of another type, written by hand) becomes a 503 rather than
    /// a 500: for index and multi-key work, where no single answer could stand for "no session" and a silent partial
    /// success (a log-out-everywhere that ended nothing) would be worse than saying the store cannot be used.
    /// </summary>
    public async Task<T> CallOrUnavailableAsync<T>(Func<IDatabase, Task<T>> command, string unavailableMessage)
    {
        try
        {
            return await CallAsync(command, unavailableMessage).ConfigureAwait(false);
        }
        catch (RedisServerException e)
        {
            LogServerError(e.Message);
            throw new SessionStoreUnavailableException(unavailableMessage, e);
        }
    }

    /// <summary>
    /// With <see cref="RedisOptions.WaitReplicas"/> set: <c>WAIT</c> on the primary until that many replicas have every
    /// write this process sent before it, else <see cref="SessionStoreUnavailableException"/>, so nothing is acknowledged
    /// that one failover could lose. <c>WAIT</c> counts the replicas' acknowledged offset of the whole connection, which
    /// the multiplexer shares, so it also covers the caller's own write. Without the setting, nothing.
    /// </summary>
    public async Task WaitForReplicasAsync(string unavailableMessage)
    {
        if (_waitReplicas == 0)
        {
            return;
        }

        var acknowledged = await CallAsync(db => db.ExecuteAsync("WAIT", [_waitReplicas, _waitTimeoutMs], CommandFlags.DemandMaster), unavailableMessage).ConfigureAwait(false);
        if ((long)acknowledged < _waitReplicas)
        {
            LogTooFewReplicas((long)acknowledged, _waitReplicas);
            throw new SessionStoreUnavailableException(unavailableMessage);
        }
    }

    internal static ConfigurationOptions BuildConfiguration(RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.ConnectRetry = 1;
        configuration.ReconnectRetryPolicy = new LinearRetry((int)options.ReconnectInterval.TotalMilliseconds);
        configuration.ClientName ??= "sessionlab";
        return configuration;
    }

    public void Dispose() => Multiplexer.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} failed ({FailureType}): {Reason}")]
    private partial void LogConnectionFailed(System.Net.EndPoint? endPoint, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    private partial void LogConnectionRestored(System.Net.EndPoint? endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Only {Acknowledged} of {Wanted} replicas acknowledged a write in time; answered 503")]
    private partial void LogTooFewReplicas(long acknowledged, int wanted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis refused a command ({Reason}); answered 503")]
    private partial void LogServerError(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {Configuration} is not reachable yet; requests that need it answer 503 until it is")]
    private partial void LogNotYetConnected(string configuration);
}
