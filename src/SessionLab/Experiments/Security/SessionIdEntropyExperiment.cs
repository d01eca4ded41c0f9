using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Sessions;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Security;

/// <summary>5.1 — are the session ids the redis group hands out long, random and unique?</summary>
internal sealed class SessionIdEntropyExperiment : Experiment<SessionIdEntropyExperiment, SessionIdFacts>, IJudge<SessionIdFacts>
{
    private static readonly Hypothesis H1 = new("H1", $"Every id is {SessionIds.Length} base64url characters ({SessionIds.EntropyBytes * 8} random bits and a {SessionIds.TagBytes * 8}-bit signature of them).");

    private static readonly Hypothesis H2 = new("H2", "The estimated entropy is at least 128 bits and every position is uniform (chi-square below the 0.01 % critical value).");

    private static readonly Hypothesis H3 = new("H3", "No id repeats.");

    private static readonly Hypothesis H4 = new("H4", "Successive ids show no sequence: their common prefixes are no longer than chance allows.");

    public override ExperimentInfo Info { get; } = new(
        "5.1",
        5,
        "Session id entropy",
        "Are session ids long, unpredictable and unique (at least 128 bits, no duplicates, no visible sequence)?",
        [H1, H2, H3, H4]);

    protected override async Task<SessionIdFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var count = context.Parameter("logins", context.Settings.Quick ? 1_000 : 10_000);
        var parallelism = context.Parameter("parallelism", 8);

        context.Step($"{count} logins (user0…) via the redis load balancer, {parallelism} at a time; keep each Set-Cookie session_id");
        var bulk = await BulkLogin.RunAsync(context.Topology.BalancerAddress(SchemeKind.Redis), count, parallelism, cancellationToken, "idprobe");
        context.Recorder.Note(ObservationKind.Wait, $"bulk login: {count - bulk.Failures} of {count} logins gave a session id in {bulk.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; first ids: {string.Join(", ", bulk.Credentials.OfType<string>().Take(5))}");

        context.Step("measure length, alphabet, per-position spread and uniformity, duplicates and successive common prefixes");
        return new SessionIdFacts(count, bulk.Failures, [.. bulk.Credentials.OfType<string>()]);
    }

    protected override void Tabulate(ExperimentContext context, SessionIdFacts facts)
    {
        var stats = facts.Statistics;
        context.AddTable(
            "Session ids collected from logins",
            ["measure", "value"],
            [
                ["ids collected (failed logins)", $"{facts.Ids.Count} ({facts.Failures})"],
                ["lengths seen", string.Join(", ", stats.Lengths.Select(l => $"{l} chars"))],
                ["alphabet observed", $"{stats.Alphabet.Length} symbols: {(stats.IsBase64Url ? "base64url (A–Z a–z 0–9 - _)" : stats.Alphabet)}"],
                ["decoded length", stats.DecodedBytes.Count == 1 ? $"{stats.DecodedBytes[0]} bytes = {stats.DecodedBytes[0] * 8} bits (of which {SessionIds.EntropyBytes * 8} random and {SessionIds.TagBytes * 8} a signature: random-looking, but not more entropy)" : string.Join(", ", stats.DecodedBytes)],
                ["distinct symbols per position (min over all but the last / the last)", $"{stats.MinDistinctBody} / {stats.DistinctLast}"],
                ["estimated entropy: Σ log2(distinct symbols per position)", $"{Bits(stats.EstimatedBits)} bits"],
                ["Shannon entropy of the observed symbols, summed over positions (biased low by the sample size)", $"{Bits(stats.ShannonBits)} bits"],
                ["worst per-position chi-square / its 0.01 % critical value", $"{Bits(stats.WorstChiSquare)} / {Bits(stats.WorstCritical)} (position {stats.WorstPosition})"],
                ["duplicates", stats.Duplicates.ToString(CultureInfo.InvariantCulture)],
                ["common prefix of successive ids: mean / max (chance: mean ≈ 1/63, max ≈ " + Bits(stats.ChanceMaxPrefix) + ")", $"{stats.MeanSuccessivePrefix.ToString("0.000", CultureInfo.InvariantCulture)} / {stats.MaxSuccessivePrefix}"],
            ]);

        context.AddMetric(new Metric(TargetNames.Redis, "session_ids_collected", "ids", facts.Ids.Count));
        context.AddMetric(new Metric(TargetNames.Redis, "estimated_entropy_bits", "bits", Math.Round(stats.EstimatedBits, 1)));
        context.AddMetric(new Metric(TargetNames.Redis, "duplicate_session_ids", "ids", stats.Duplicates));
        if (stats.Duplicates > 0)
        {
            context.Anomaly($"{stats.Duplicates} session ids repeated among {facts.Ids.Count} logins.");
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(SessionIdFacts facts)
    {
        var stats = facts.Statistics;
        if (facts.Ids.Count < 2)
        {
            foreach (var h in (Hypothesis[])[H1, H2, H3, H4])
            {
                yield return h.Inconclusive($"Only {facts.Ids.Count} ids were collected ({facts.Failures} logins failed).");
            }

            yield break;
        }

        var shaped = stats.Lengths is [SessionIds.Length] && stats.IsBase64Url;
        yield return H1.Holds(shaped, $"{facts.Ids.Count} ids had lengths {string.Join(", ", stats.Lengths)} over an alphabet of {stats.Alphabet.Length} symbols ({(stats.IsBase64Url ? "base64url" : "not base64url")}), decoding to {string.Join(", ", stats.DecodedBytes.Select(b => $"{b * 8} bits"))}.");

        var uniform = stats.WorstChiSquare <= stats.WorstCritical;
        yield return H2.Holds(stats.EstimatedBits >= 128 && uniform, $"Σ log2(distinct symbols per position) = {Bits(stats.EstimatedBits)} bits over {facts.Ids.Count} ids, and the worst position's chi-square was {Bits(stats.WorstChiSquare)} against a critical value of {Bits(stats.WorstCritical)}.");

        yield return H3.Holds(stats.Duplicates == 0, $"{stats.Duplicates} duplicates among {facts.Ids.Count} ids.");

        var noSequence = stats.MaxSuccessivePrefix <= Math.Ceiling(stats.ChanceMaxPrefix) + 2 && stats.MeanSuccessivePrefix < 0.1;
        yield return H4.Holds(noSequence, $"Successive ids shared {stats.MeanSuccessivePrefix.ToString("0.000", CultureInfo.InvariantCulture)} leading characters on average (chance ≈ 0.016) and at most {stats.MaxSuccessivePrefix} (chance ≈ {Bits(stats.ChanceMaxPrefix)}).");
    }

    private static string Bits(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>What 5.1 observed: how many logins were asked for, how many failed, and the ids in login order.</summary>
internal sealed record SessionIdFacts(int Requested, int Failures, IReadOnlyList<string> Ids)
{
    private SessionIdStatistics? _statistics;

    public SessionIdStatistics Statistics => _statistics ??= SessionIdStatistics.Of(Ids);
}
