using System.Globalization;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Reliability;

/// <summary>
/// 6.8 H5 from the per-round cost of WAIT 1 (waited median minus plain median, paired in each round): confirmed when
/// every round of both writes lies between nothing and the limit, refuted when every round of one write lies on the
/// same side outside it, otherwise inconclusive — one pooled difference of medians from different backends is an
/// anecdote on a noisy machine.
/// </summary>
internal sealed record WaitCostRounds(Verdict Verdict, string Text)
{
    /// <summary>Null when either write has fewer than two rounds.</summary>
    public static WaitCostRounds? Of(IReadOnlyList<double> login, IReadOnlyList<double> revoke, double capMs)
    {
        if (login.Count < 2 || revoke.Count < 2)
        {
            return null;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"per round, WAIT 1 cost logins {Range(login)} ms and revocations {Range(revoke)} ms ({login.Count} rounds, limit {capMs:0.###} ms)");
        bool Inside(double cost) => cost > 0 && cost < capMs;
        bool OutsideOneSide(IReadOnlyList<double> costs) => costs.All(c => c <= 0) || costs.All(c => c >= capMs);
        var verdict = login.All(Inside) && revoke.All(Inside) ? Verdict.Confirmed
            : OutsideOneSide(login) || OutsideOneSide(revoke) ? Verdict.Refuted
            : Verdict.Inconclusive;
        return new WaitCostRounds(verdict, text);
    }

    private static string Range(IReadOnlyList<double> costs) =>
        string.Create(CultureInfo.InvariantCulture, $"{costs.Min():+0.000;-0.000} to {costs.Max():+0.000;-0.000}");
}
