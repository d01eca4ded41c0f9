namespace SessionLab.Reporting.Model;

/// <summary>
/// One raw fact, in the order it happened: an HTTP exchange (request, source address, status, server, body, latency),
/// a Redis reading (key, TTL, value), a fault injected, or a wait.
/// </summary>
public sealed record Observation(
    int Sequence,
    double AtSeconds,
    ObservationKind Kind,
    string Step,
    string? Method = null,
    string? Url = null,
    string? Source = null,
    int? Status = null,
    string? ServerId = null,
    string? Body = null,
    double? ElapsedMs = null,
    string? Key = null,
    long? TtlMs = null,
    string? Value = null,
    string? Note = null);

public enum ObservationKind
{
    Http,
    Redis,
    Fault,
    Wait,
    Note,
}
