using System.Buffers.Text;
using System.Security.Cryptography;
using SessionLab.Experiments.Security;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Security;

public sealed class SessionIdEntropyExperimentTests
{

    [Fact]
    public void Judge_RandomIds_ConfirmsAll()
    {
        var facts = new SessionIdFacts(1000, 0, RandomIds(1000));

        var verdicts = SessionIdEntropyExperiment.Judge(facts).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Equal(256, facts.Statistics.EstimatedBits, 1); // 128 random bits and a 128-bit tag look alike from outside
        Assert.Equal(64, facts.Statistics.MinDistinctBody);
        Assert.Equal(16, facts.Statistics.DistinctLast);
        Assert.InRange(facts.Statistics.WorstCritical, 5, 120); // a position was actually tested
    }

    [Fact]
    public void Judge_Duplicates_RefutesH3()
    {
        var ids = RandomIds(999);
        ids.Add(ids[0]);

        Assert.Equal(Verdict.Refuted, SessionIdEntropyExperiment.Judge(new(1000, 0, ids)).Single(v => v.Id == "H3").Verdict);
    }

    [Fact]
    public void Judge_CounterWithRandomTail_RefutesEntropyAndSequence()
    {
        // 8 random bytes after zeros and a big-endian counter: unique and well-formed, but 3/4 of the bits are predictable.
        var ids = Enumerable.Range(0, 1000).Select(i =>
        {
            var bytes = new byte[32];
            BitConverter.TryWriteBytes(bytes.AsSpan(16, 8), (long)i);
            bytes.AsSpan(16, 8).Reverse();
            RandomNumberGenerator.Fill(bytes.AsSpan(24));
            return Base64Url.EncodeToString(bytes);
        }).ToList();

        var verdicts = SessionIdEntropyExperiment.Judge(new(1000, 0, ids)).ToList();

        Assert.Equal(Verdict.Confirmed, verdicts.Single(v => v.Id == "H1").Verdict);
        Assert.Equal(Verdict.Refuted, verdicts.Single(v => v.Id == "H2").Verdict);
        Assert.Equal(Verdict.Confirmed, verdicts.Single(v => v.Id == "H3").Verdict);
        Assert.Equal(Verdict.Refuted, verdicts.Single(v => v.Id == "H4").Verdict);
    }

    [Fact]
    public void Judge_ShortHexIds_RefutesShapeAndEntropy()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => Convert.ToHexString(RandomNumberGenerator.GetBytes(8))).ToList();

        var verdicts = SessionIdEntropyExperiment.Judge(new(1000, 0, ids)).ToList();

        Assert.Equal(Verdict.Refuted, verdicts.Single(v => v.Id == "H1").Verdict);
        Assert.Equal(Verdict.Refuted, verdicts.Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_NoIds_AllInconclusive()
    {
        Assert.All(SessionIdEntropyExperiment.Judge(new(1000, 1000, [])), v => Assert.Equal(Verdict.Inconclusive, v.Verdict));
    }

    [Fact]
    public void Critical_Df63_IsAbout113() => Assert.InRange(SessionIdStatistics.Critical(63), 112, 115);

    /// <summary>
    /// Uniform ids from a seeded generator: the statistical checks judge a sample, and a truly random one fails them
    /// now and then by chance (as any significance test does), which a unit test must not.
    /// </summary>
    private static List<string> RandomIds(int count, int seed = 20261124)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var bytes = new byte[32]; // the shape of a real id: 16 random bytes and a 16-byte tag
            random.NextBytes(bytes);
            return Base64Url.EncodeToString(bytes);
        })];
    }
}
