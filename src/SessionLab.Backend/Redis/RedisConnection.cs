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
    private readonly ILogger<RedisConnection> _logger;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        Multiplexer = ConnectionMultiplexer.Connect(BuildConfiguration(options.Value));
        Multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(e.EndPoint, e.FailureType, e.Exception?.Message);
        Multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(e.EndPoint);
        if (!Multiplexer.IsConnected)
        {
            LogNotYetConnected(options.Value.Configuration);
        }
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public IDatabase Database => Multiplexer.GetDatabase();

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {Configuration} is not reachable yet; requests that need it answer 503 until it is")]
    private partial void LogNotYetConnected(string configuration);
}
