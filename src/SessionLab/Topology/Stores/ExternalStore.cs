using SessionLab.Topology.LoadBalancing;
using StackExchange.Redis;

namespace SessionLab.Topology.Stores;

/// <summary>
/// A Redis the user runs (a host, Sentinel, Cluster): the lab only connects to it, and can neither stop it nor choose
/// its persistence. Asking for <see cref="StorePersistence.AppendOnly"/> throws rather than pretend; the running store
/// reports <see cref="StorePersistence.None"/> since the lab promises nothing about what survives its restart.
/// "Started" means it answered <c>PING</c>, as the lab's own stores must: an unreachable store is an error, never "up".
/// </summary>
internal sealed class ExternalStoreEngine(string configuration) : IStoreEngine
{
    /// <summary>
    /// How long a store that should already be running gets to answer. Short: there is nothing to wait for, and a
    /// wrong address should not keep a person waiting the minute a starting process may take.
    /// </summary>
    internal static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    public string Name => "external";

    public EngineAvailability CheckAvailability() => new(true, "external");

    public async Task<IRunningStore> StartAsync(StoreInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Persistence != StorePersistence.None)
        {
            throw new TopologyException(
                $"The store is an external Redis ({Redacted(configuration)}): the lab cannot set its persistence to {instance.Persistence}; configure it on that server, or use --redis system or garnet.");
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            throw new TopologyException($"--redis {Redacted(configuration)}: not a Redis connection string ({e.Message}).");
        }

        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)AnswerTimeout.TotalMilliseconds;
        options.ClientName = "sessionlab-lab";
        ConnectionMultiplexer connection;
        try
        {
            connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(AnswerTimeout * 2, cancellationToken);
            await connection.GetDatabase().PingAsync().WaitAsync(AnswerTimeout, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            var cause = e is RedisConnectionException connect ? connect.FailureType.ToString() : e.GetType().Name;
            throw new TopologyException(
                $"The external Redis at {Redacted(configuration)} does not answer PING within {AnswerTimeout.TotalSeconds:0} s ({cause}). Start it or correct --redis, or leave --redis out and the lab runs its own.");
        }

        return new ExternalStore(configuration, connection);
    }

    /// <summary>The configuration without its password, for messages and the components table (the backends' own redaction).</summary>
    internal static string Redacted(string configuration) => Backend.Redis.RedisConnection.Describe(configuration);

    /// <summary>Connected to the user's Redis; its state is whether that connection is up right now.</summary>
    private sealed class ExternalStore(string configuration, ConnectionMultiplexer connection) : IRunningStore
    {
        public string Description => $"external Redis ({Redacted(configuration)})";

        public string Configuration => configuration;

        public StorePersistence Persistence => StorePersistence.None;

        public int? ProcessId => null;

        // The multiplexer reconnects by itself, so this follows the store going away and coming back.
        public bool IsRunning => connection.IsConnected;

        public bool CanBeControlled => false;

        public Task KillAsync() => throw new TopologyException("The store is an external Redis: the lab does not control it.");

        public Task RestartAsync(CancellationToken cancellationToken) => KillAsync();

        public async ValueTask DisposeAsync() => await connection.DisposeAsync();
    }
}
