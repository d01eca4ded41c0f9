namespace SessionLab.Backend.Throttling;

/// <summary>
/// Token buckets of failures, one per key (a client network, a username, a device), refilled from timestamps when read:
/// no timer, no refill in lumps, and a bucket never holds more than its burst however long its key stayed away.
/// Only keys that failed have a bucket; full buckets are dropped, and at most <see cref="MaxKeys"/> are kept, so a
/// flood of new keys cannot grow memory without bound (past it a new key counts as spent: refused, never admitted).
/// </summary>
internal sealed class FailureBudget<TKey>(int burst, TimeSpan refillInterval, TimeProvider time)
    where TKey : notnull
{
    public const int MaxKeys = 100_000;

    private readonly Dictionary<TKey, Bucket> _buckets = [];
    private readonly Lock _lock = new();
    private long _nextPruneTicks;

    /// <summary>True while <paramref name="key"/> may still fail at least once.</summary>
    public bool CanAfford(TKey key)
    {
        lock (_lock)
        {
            return Level(key, time.GetTimestamp()) >= 1;
        }
    }

    /// <summary>Spends one failure of <paramref name="key"/>; false when it had none left.</summary>
    public bool Spend(TKey key)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            var level = Level(key, now);
            if (level < 1)
            {
                return false;
            }

            if (!_buckets.ContainsKey(key) && _buckets.Count >= MaxKeys)
            {
                Prune(now);
                if (_buckets.Count >= MaxKeys)
                {
                    return false;
                }
            }

            _buckets[key] = new Bucket(level - 1, now);
            if (now >= _nextPruneTicks)
            {
                Prune(now);
            }

            return true;
        }
    }

    /// <summary>Gives back one failure taken by <see cref="Spend"/> (a reservation that turned out not to be a failure).</summary>
    public void Refund(TKey key)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            if (_buckets.ContainsKey(key))
            {
                // A bucket refilled to its burst is the same as none: drop it now, or every successful login would
                // leave its username's bucket behind until the next sweep (a per-login retention 4.3 measured).
                var level = Math.Min(burst, Level(key, now) + 1);
                if (level >= burst)
                {
                    _buckets.Remove(key);
                }
                else
                {
                    _buckets[key] = new Bucket(level, now);
                }
            }
        }
    }

    /// <summary>Seconds until <paramref name="key"/> can afford one more failure (at least 1, for a Retry-After).</summary>
    public int SecondsUntilAffordable(TKey key)
    {
        lock (_lock)
        {
            var missing = 1 - Level(key, time.GetTimestamp());
            return (int)Math.Max(1, Math.Ceiling(missing * refillInterval.TotalSeconds));
        }
    }

    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _buckets.Count;
            }
        }
    }

    private double Level(TKey key, long now)
    {
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            return _buckets.Count >= MaxKeys ? 0 : burst;
        }

        var earned = time.GetElapsedTime(bucket.Since, now) / refillInterval;
        return Math.Min(burst, bucket.Level + earned);
    }

    private void Prune(long now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.Level + (time.GetElapsedTime(bucket.Since, now) / refillInterval) >= burst)
            {
                _buckets.Remove(key);
            }
        }

        // At most once a second: a sweep walks every bucket under the lock.
        _nextPruneTicks = now + (long)(Math.Max(1, refillInterval.TotalSeconds) * time.TimestampFrequency);
    }

    private readonly record struct Bucket(double Level, long Since);
}
