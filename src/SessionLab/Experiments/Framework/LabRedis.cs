using SessionLab.Reporting.Model;
using StackExchange.Redis;

namespace SessionLab.Experiments.Framework;

/// <summary>
/// The experiments' own view into the store (the plan's <c>redis-cli</c>): TTLs, values, key existence, each recorded.
/// Fails fast like the backends; a failed read is an observation, not an exception.
/// </summary>
internal sealed class LabRedis : IDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private readonly ObservationRecorder _recorder;

    public LabRedis(string configuration, ObservationRecorder recorder)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.AsyncTimeout = 1000;
        options.ConnectTimeout = 1000;
        options.ClientName = "sessionlab-experiments";
        options.AllowAdmin = true; // INFO and MEMORY USAGE, for the resource experiment
        options.ReconnectRetryPolicy = new LinearRetry(250);
        _connection = ConnectionMultiplexer.Connect(options);
        _recorder = recorder;
    }

    /// <summary>The key's remaining time to live; null when the key does not exist or Redis could not be read.</summary>
    public async Task<TimeSpan?> TtlAsync(string key)
    {
        try
        {
            var ttl = await _connection.GetDatabase().KeyTimeToLiveAsync(key);
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, TtlMs: ttl is { } t ? (long)t.TotalMilliseconds : -2, Note: ttl is null ? "PTTL: no such key (or no expiry)" : "PTTL"));
            return ttl;
        }
        catch (Exception e) when (e is RedisException or RedisCommandException or TimeoutException)
        {
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Note: $"PTTL failed: {e.GetType().Name}"));
            return null;
        }
    }

    public async Task<string?> GetAsync(string key)
    {
        try
        {
            var value = await _connection.GetDatabase().StringGetAsync(key);
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Value: value.IsNull ? null : (string?)value, Note: value.IsNull ? "GET: no such key" : "GET"));
            return value.IsNull ? null : (string?)value;
        }
        catch (Exception e) when (e is RedisException or RedisCommandException or TimeoutException)
        {
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Note: $"GET failed: {e.GetType().Name}"));
            return null;
        }
    }

    /// <summary>
    /// <c>SET key value EX ttl</c>, as someone with write access to the store would (the production-posture experiment
    /// forges records with it); false when Redis could not be written.
    /// </summary>
    public async Task<bool> SetAsync(string key, string value, TimeSpan ttl)
    {
        try
        {
            var written = await _connection.GetDatabase().StringSetAsync(key, value, ttl);
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Value: value, TtlMs: (long)ttl.TotalMilliseconds, Note: "SET"));
            return written;
        }
        catch (Exception e) when (e is RedisException or RedisCommandException or TimeoutException)
        {
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Note: $"SET failed: {e.GetType().Name}"));
            return false;
        }
    }

    /// <summary>
    /// Every member of the sorted set <paramref name="key"/> (<c>ZRANGE key 0 -1</c>: a per-user index), recorded with
    /// the count and 8-character prefixes only (a member may be a session id, a credential); empty when the key does not
    /// exist, null when Redis could not be read.
    /// </summary>
    public async Task<IReadOnlyList<string>?> SortedSetMembersAsync(string key)
    {
        try
        {
            var members = (await _connection.GetDatabase().SortedSetRangeByRankAsync(key)).Select(m => m.ToString()).ToList();
            var shown = string.Join(" ", members.Select(m => m.Length > 8 ? m[..8] : m));
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Value: $"{members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} member(s){(members.Count > 0 ? ": " + shown : string.Empty)}", Note: "ZRANGE 0 -1"));
            return members;
        }
        catch (Exception e) when (e is RedisException or RedisCommandException or TimeoutException)
        {
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Note: $"ZRANGE failed: {e.GetType().Name}"));
            return null;
        }
    }

    public async Task<bool?> ExistsAsync(string key)
    {
        try
        {
            var exists = await _connection.GetDatabase().KeyExistsAsync(key);
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Value: exists ? "1" : "0", Note: "EXISTS"));
            return exists;
        }
        catch (Exception e) when (e is RedisException or RedisCommandException or TimeoutException)
        {
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Note: $"EXISTS failed: {e.GetType().Name}"));
            return null;
        }
    }

    /// <summary><c>used_memory</c> from <c>INFO memory</c>, in bytes; null when the server does not report it.</summary>
    public async Task<long?> UsedMemoryAsync()
    {
        try
        {
            var info = (string?)await _connection.GetDatabase().ExecuteAsync("INFO", "memory") ?? string.Empty;
            var line = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
            long? used = line is not null && long.TryParse(line["used_memory:".Length..], System.Globalization.CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: "INFO memory", Value: used?.ToString(System.Globalization.CultureInfo.InvariantCulture), Note: used is null ? "INFO memory: no used_memory field" : "used_memory"));
            return used;
        }
        catch (Exception e) when (e is RedisException or RedisCommandException or TimeoutException)
        {
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: "INFO memory", Note: $"INFO failed: {e.GetType().Name}: {e.Message}"));
            return null;
        }
    }

    /// <summary>
    /// How many keys match <paramref name="pattern"/> (<c>SCAN … MATCH</c>, never <c>KEYS</c>), to tell how many
    /// records a memory difference holds even while some expire; null when the scan fails.
    /// </summary>
    public async Task<long?> CountKeysAsync(string pattern)
    {
        try
        {
            var count = 0L;
            // On a Cluster each primary holds its shard's keys, and SCAN sees one server's only.
            var connected = _connection.GetServers().Where(s => s.IsConnected).ToList();
            var servers = connected.Any(s => s.ServerType == ServerType.Cluster) ? connected.Where(s => !s.IsReplica) : connected.Take(1);
            foreach (var server in servers)
            {
                await foreach (var _ in server.KeysAsync(pattern: pattern, pageSize: 1_000))
                {
                    count++;
                }
            }

            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: $"SCAN MATCH {pattern}", Value: count.ToString(System.Globalization.CultureInfo.InvariantCulture), Note: "keys"));
            return count;
        }
        catch (Exception e) when (e is RedisException or RedisCommandException or TimeoutException or InvalidOperationException)
        {
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: $"SCAN MATCH {pattern}", Note: $"SCAN failed: {e.GetType().Name}: {e.Message}"));
            return null;
        }
    }

    /// <summary>A counter from <c>INFO stats</c> (e.g. <c>keyspace_misses</c>); null when the server does not report it.</summary>
    public async Task<long?> StatAsync(string field)
    {
        try
        {
            var info = (string?)await _connection.GetDatabase().ExecuteAsync("INFO", "stats") ?? string.Empty;
            var line = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            long? value = line is not null && long.TryParse(line[(field.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: "INFO stats", Value: value?.ToString(System.Globalization.CultureInfo.InvariantCulture), Note: value is null ? $"INFO stats: no {field} field" : field));
            return value;
        }
        catch (Exception e) when (e is RedisException or RedisCommandException or TimeoutException)
        {
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: "INFO stats", Note: $"INFO failed: {e.GetType().Name}: {e.Message}"));
            return null;
        }
    }

    /// <summary><c>MEMORY USAGE key</c> in bytes; null when unsupported (e.g. by Garnet) or the key is missing.</summary>
    public async Task<long?> MemoryUsageAsync(string key)
    {
        try
        {
            var result = await _connection.GetDatabase().ExecuteAsync("MEMORY", "USAGE", key);
            long? bytes = result.IsNull ? null : (long)result;
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Value: bytes?.ToString(System.Globalization.CultureInfo.InvariantCulture), Note: "MEMORY USAGE"));
            return bytes;
        }
        catch (Exception e) when (e is RedisException or RedisCommandException or TimeoutException or InvalidCastException)
        {
            _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: key, Note: $"MEMORY USAGE failed: {e.GetType().Name}: {e.Message}"));
            return null;
        }
    }

    /// <summary>Round trips of <c>PING</c> from the lab to the store, in milliseconds (failed ones are left out).</summary>
    public async Task<IReadOnlyList<double>> PingAsync(int count)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            try
            {
                times.Add((await _connection.GetDatabase().PingAsync()).TotalMilliseconds);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Counted by omission: the caller sees fewer samples.
            }
        }

        _recorder.Record(new Observation(0, 0, ObservationKind.Redis, string.Empty, Key: "PING", Value: times.Count > 0 ? times.Order().ElementAt(times.Count / 2).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : null, Note: $"PING x{count}: median ms of {times.Count} answered"));
        return times;
    }

    /// <summary>Waits until the store answers PING again (after a restart the client reconnects in the background); false when it did not within <paramref name="limit"/>.</summary>
    public async Task<bool> WaitUntilAnsweringAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            try
            {
                await _connection.GetDatabase().PingAsync();
                return true;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        return false;
    }

    public void Dispose() => _connection.Dispose();
}
