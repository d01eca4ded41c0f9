namespace SessionLab.Backend.Throttling;

/// <summary>
/// The per-client budget of failed authentications (401 on a session- or token-requiring endpoint). Section <c>Throttle</c>.
/// Only failures spend it, so a client whose sessions are valid is never slowed down, and a guesser's budget is its own.
/// </summary>
public sealed class ThrottleOptions
{
    public const string SectionName = "Throttle";

    /// <summary>Whether the budget applies at all. Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Failures a client may have in a row before it is refused with 429. Default 20: enough for a person mistyping or a
    /// browser replaying a few stale cookies, far too few for guessing a 128-bit session id.
    /// </summary>
    public int Burst { get; set; } = 20;

    /// <summary>
    /// Failures per second a client earns back, up to <see cref="Burst"/>. Default 10: a stale-cookie client recovers in
    /// seconds, while a guesser is held to 10 store lookups a second instead of as many as the backend can answer.
    /// </summary>
    public int FailuresPerSecond { get; set; } = 10;

    /// <summary>
    /// Client networks (CIDR, e.g. <c>10.0.0.0/8</c>) never throttled: a NAT or load generator with thousands of users
    /// behind one address. Default none.
    /// </summary>
    public IList<string> ExemptNetworks { get; } = [];
}
