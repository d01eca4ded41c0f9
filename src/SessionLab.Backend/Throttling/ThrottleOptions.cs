namespace SessionLab.Backend.Throttling;

/// <summary>
/// The per-client budget of failed authentications (401 on a session- or token-requiring endpoint). Section <c>Throttle</c>.
/// Only failures spend it, and a client over budget is still served with a genuine session or token (a signature
/// check tells), so users behind one address are never refused for someone else's guessing.
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

    /// <summary>The budgets of failed <c>/login</c>s (wrong passwords), kept apart because each attempt costs a password hash.</summary>
    public LoginThrottleOptions Login { get; set; } = new();
}

/// <summary>
/// Failed logins are budgeted per client network and per username, both refilled at <see cref="RefillInterval"/>; a
/// client or username out of budget is refused with 429 before any password is hashed (each attempt holds its failure
/// while it is checked, so concurrent guesses cannot outrun the budget). A device that has logged in as a user before
/// (its login-device cookie) is not refused for that username's failures, so guessing cannot lock the real user out.
/// Section <c>Throttle:Login</c>.
/// </summary>
public sealed class LoginThrottleOptions
{
    /// <summary>
    /// Whether failed logins are budgeted. Default on. Separate from <see cref="ThrottleOptions.Enabled"/>: turning off
    /// the session/token budget (say, behind a proxy whose clients all share one address) must not open passwords to guessing.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Wrong passwords one client network may send in a row. Default 10.</summary>
    public int ClientBurst { get; set; } = 10;

    /// <summary>Wrong passwords for one username, from all clients together, in a row. Default 30.</summary>
    public int UserBurst { get; set; } = 30;

    /// <summary>Time to earn back one failure, for clients and usernames alike. Default 6 s (10 a minute).</summary>
    public TimeSpan RefillInterval { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// Password hashes computed at once; further logins wait in a queue. Default: half the processors (at least one),
    /// so a login flood leaves CPU for requests that hold a session.
    /// </summary>
    public int ConcurrentHashes { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Logins allowed to wait for a hash; beyond it 503 <c>too many logins in progress</c>. Default 64.</summary>
    public int HashQueue { get; set; } = 64;
}
