using System.Globalization;
using SessionLab.Experiments.Framework;
using SessionLab.Topology;

namespace SessionLab.Experiments.Security;

/// <summary>What 5.6 observed against backends run as a real deployment.</summary>
/// <param name="Anonymous">Each request of an anonymous client: the backend, the request, the reply.</param>
/// <param name="ClientBurst">The failed logins one client may have in a row (the backends' setting).</param>
/// <param name="UserBurst">The failed logins one username may have in a row, from all clients.</param>
/// <param name="Refill">Time one client or username takes to earn back one failure.</param>
/// <param name="GuessingSeconds">How long all the guessing took: budgets refilled meanwhile.</param>
/// <param name="Guesses">The one guessing address's wrong passwords for the targeted user, in order.</param>
/// <param name="GuesserRightPassword">The guessing address trying the right password once cut off.</param>
/// <param name="RealUserMeanwhile">The targeted user logging in from another address after the guessing.</param>
/// <param name="Spread">Wrong passwords for the same user, each from a fresh address, in order.</param>
/// <param name="TargetAfterSpread">The targeted user, right password, from a fresh address after the spread guessing.</param>
/// <param name="OtherUserAfterSpread">Another user, right password, from a fresh address then.</param>
/// <param name="OwnDeviceAfterSpread">The targeted user from a fresh address with the login-device cookie of its earlier login.</param>
/// <param name="Forgery">The Redis records written without the key and what the backend made of them.</param>
/// <param name="Logs">The search of the run's files for secrets.</param>
internal sealed record ProductionPostureFacts(
    IReadOnlyList<(string Backend, string Request, Exchange Reply)> Anonymous,
    int ClientBurst,
    int UserBurst,
    TimeSpan Refill,
    double GuessingSeconds,
    IReadOnlyList<Exchange> Guesses,
    Exchange GuesserRightPassword,
    Exchange RealUserMeanwhile,
    IReadOnlyList<Exchange> Spread,
    Exchange TargetAfterSpread,
    Exchange OtherUserAfterSpread,
    Exchange OwnDeviceAfterSpread,
    ForgeryFacts Forgery,
    LogScan Logs)
{
    /// <summary>Failures the username's budget allows over the guessing: the burst plus what it earned back meanwhile, plus one for a refill in flight.</summary>
    public int UserAllowance => UserBurst + (int)Math.Ceiling(GuessingSeconds / Refill.TotalSeconds) + 1;

    /// <summary>"401 × 10, 429 × 5".</summary>
    public static string Statuses(IEnumerable<Exchange> replies) =>
        string.Join(", ", replies.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no reply" : g.Key.ToString(CultureInfo.InvariantCulture))} × {g.Count()}"));
}

/// <summary>A genuine session (control), the same session's record edited to another user, and one made up from scratch.</summary>
internal sealed record ForgeryFacts(Exchange Genuine, bool EditWritten, Exchange AfterEdit, bool MadeUpWritten, Exchange MadeUp);
