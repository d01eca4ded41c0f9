namespace SessionLab.Measurement.Load;

/// <summary>How one request ended: an HTTP status, or a transport failure (then <see cref="Status"/> is 0).</summary>
internal readonly record struct ExchangeOutcome(int Status, string? Error)
{
    public bool HasResponse => Status != 0;

    public bool IsSuccess => Status is >= 200 and < 300;
}
