namespace SessionLab.Measurement.Load;

/// <summary>Rejects options a generator cannot honour before any connection is opened.</summary>
internal static class LoadOptionsValidation
{
    public static void Validate(LoadOptions options, LoadMode mode)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Target.IsAbsoluteUri)
        {
            throw new ArgumentException("Target must be an absolute URL.", nameof(options));
        }

        Positive(options.Concurrency, nameof(LoadOptions.Concurrency));
        if (options.RequestCount is null && options.Duration is null)
        {
            throw new ArgumentException("Give a request count, a duration, or both.", nameof(options));
        }

        if (options.RequestCount is { } count)
        {
            Positive(count, nameof(LoadOptions.RequestCount));
        }

        if (options.Duration is { } duration && duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("Duration must be positive.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.WarmupRequests);
        if (options.RequestTimeout <= TimeSpan.Zero || options.HighestTrackableLatency < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentException("Request timeout must be positive and the highest trackable latency at least 1 ms.", nameof(options));
        }

        switch (mode)
        {
            case LoadMode.ClosedLoop when options.Rate is not null:
                throw new ArgumentException("A closed loop has no rate; use the open loop generator.", nameof(options));
            case LoadMode.OpenLoop when options.Rate is not (> 0 and < double.PositiveInfinity):
                throw new ArgumentException("The open loop needs a positive, finite rate.", nameof(options));
            default:
                break;
        }
    }

    private static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive.", name);
        }
    }
}
