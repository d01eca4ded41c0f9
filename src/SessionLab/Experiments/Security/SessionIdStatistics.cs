using System.Buffers.Text;

namespace SessionLab.Experiments.Security;

/// <summary>
/// Measures of a sample of session ids. The entropy estimate is Σ log2(distinct symbols seen at each position): with
/// 1,000 samples every one of 64 symbols shows up where it can, so a 128-bit id in base64url reads 21 × 6 + 2 = 128.
/// Uniformity is a chi-square per position over the symbols seen there, against the 0.01 % critical value
/// (Wilson–Hilferty), so 22 positions rarely raise a false alarm.
/// </summary>
internal sealed record SessionIdStatistics(
    IReadOnlyList<int> Lengths,
    string Alphabet,
    bool IsBase64Url,
    IReadOnlyList<int> DecodedBytes,
    int MinDistinctBody,
    int DistinctLast,
    double EstimatedBits,
    double ShannonBits,
    double WorstChiSquare,
    double WorstCritical,
    int WorstPosition,
    int Duplicates,
    double MeanSuccessivePrefix,
    int MaxSuccessivePrefix,
    double ChanceMaxPrefix)
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static SessionIdStatistics Of(IReadOnlyList<string> ids)
    {
        var lengths = ids.Select(i => i.Length).Distinct().Order().ToList();
        var alphabet = new string([.. ids.SelectMany(i => i).Distinct().Order()]);
        var decoded = ids.Select(i => Base64Url.IsValid(i) ? Base64Url.DecodeFromChars(i).Length : -1).Distinct().Order().ToList();
        var width = ids.Count == 0 ? 0 : ids.Min(i => i.Length);
        var distinct = new int[width];
        double estimated = 0, shannon = 0, worstChi = 0, worstCritical = 0;
        var (worstPosition, worstMargin) = (0, double.NegativeInfinity);
        for (var p = 0; p < width; p++)
        {
            var counts = ids.GroupBy(i => i[p]).Select(g => (double)g.Count()).ToList();
            distinct[p] = counts.Count;
            estimated += Math.Log2(counts.Count);
            shannon -= counts.Sum(c => c / ids.Count * Math.Log2(c / ids.Count));
            var expected = (double)ids.Count / counts.Count;
            var chi = counts.Sum(c => (c - expected) * (c - expected) / expected);
            var critical = Critical(counts.Count - 1);
            if (counts.Count > 1 && chi - critical > worstMargin)
            {
                (worstChi, worstCritical, worstPosition, worstMargin) = (chi, critical, p, chi - critical);
            }
        }

        var prefixes = ids.Zip(ids.Skip(1), CommonPrefix).ToList();
        var pairs = Math.Max(1, ids.Count - 1);
        return new SessionIdStatistics(
            lengths,
            alphabet,
            alphabet.All(Base64UrlAlphabet.Contains),
            decoded,
            width > 1 ? distinct[..^1].Min() : 0,
            width > 0 ? distinct[^1] : 0,
            estimated,
            shannon,
            worstChi,
            worstCritical,
            worstPosition,
            ids.Count - ids.Distinct(StringComparer.Ordinal).Count(),
            prefixes.Count == 0 ? 0 : prefixes.Average(),
            prefixes.Count == 0 ? 0 : prefixes.Max(),
            Math.Log(pairs) / Math.Log(64));
    }

    /// <summary>The chi-square value exceeded with probability 0.01 % at <paramref name="df"/> degrees of freedom (Wilson–Hilferty).</summary>
    internal static double Critical(int df)
    {
        if (df <= 0)
        {
            return 0;
        }

        const double z = 3.719; // standard normal quantile of 0.9999
        var a = 2.0 / (9 * df);
        return df * Math.Pow(1 - a + z * Math.Sqrt(a), 3);
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }
}
