namespace SessionLab.Measurement.Load;

/// <summary>Puts HTTP load on a server and measures it.</summary>
public interface ILoadGenerator
{
    /// <summary>How this generator paces requests.</summary>
    LoadMode Mode { get; }

    /// <summary>Warms up, then measures, as <paramref name="options"/> say; throws only on bad options or cancellation.</summary>
    Task<LoadResult> RunAsync(LoadOptions options, CancellationToken cancellationToken = default);
}
