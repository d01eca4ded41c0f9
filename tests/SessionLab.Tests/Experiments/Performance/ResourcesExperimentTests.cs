using SessionLab.Experiments.Framework.Load;
using SessionLab.Experiments.Performance;
using SessionLab.Measurement.Statistics;
using SessionLab.Reporting.Localization;
using SessionLab.Reporting.Model;

namespace SessionLab.Tests.Experiments.Performance;

public sealed class ResourcesExperimentTests
{
    private static readonly int[] Sizes = [10_000, 100_000];

    [Fact]
    public void Judge_StateWhereEachSchemeKeepsIt_ConfirmsAll()
    {
        var facts = Facts(
            sticky: Variant(heap: [250, 248]),
            redis: Variant(heap: [-4, 1], store: [300, 296]),
            jwt: Variant(heap: [40, -3], store: [0, 0])) with
        {
            Costs = new TokenCheckCosts(Estimate.OfMedian([8.0, 8.2, 7.9]), Estimate.OfMedian([12.0, 12.5, 11.8]), Estimate.OfMedian([0.5, 0.52, 0.49]), Estimate.OfPairedRatio([8.0, 8.2, 7.9], [0.5, 0.52, 0.49])),
        };

        var verdicts = ResourcesExperiment.Judge(facts).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Confirmed, v.Verdict));
        Assert.Contains("250", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("linear", verdicts[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("300", verdicts[1].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_JwtRetentionRepeatingAtEverySize_RefutesH4AsALeak()
    {
        var facts = Facts(Variant(heap: [250, 250]), Variant(heap: [0, 0], store: [300, 300]), Variant(heap: [120, 118], store: [0, 0]));

        var h3 = ResourcesExperiment.Judge(facts).Single(v => v.Id == "H4");

        Assert.Equal(Verdict.Refuted, h3.Verdict);
        Assert.Contains("repeats at every size", h3.Evidence, StringComparison.Ordinal);
        Assert.True(facts.JwtRetainsPerLogin);
    }

    [Fact]
    public void Judge_JwtHeapDifferenceAtOneSizeOnly_IsNoiseNotALeak()
    {
        // The quick run's "789 B per login" at one size, not repeated at the next: no projection, no leak.
        var facts = Facts(Variant(heap: [250, 250]), Variant(heap: [0, 0], store: [300, 300]), Variant(heap: [789, 2], store: [0, 0]));

        Assert.Equal(Verdict.Confirmed, ResourcesExperiment.Judge(facts).Single(v => v.Id == "H4").Verdict);
        Assert.False(facts.JwtRetainsPerLogin);
    }

    [Fact]
    public void Judge_RedisSessionsGrowingTheBackend_RefutesH2()
    {
        var facts = Facts(Variant(heap: [250, 250]), Variant(heap: [200, 200], store: [300, 300]), Variant(heap: [0, 0], store: [0, 0]));

        Assert.Equal(Verdict.Refuted, ResourcesExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Judge_StoreWithoutUsedMemory_IsInconclusiveNotRefuted()
    {
        var facts = Facts(Variant(heap: [250, 250]), Variant(heap: [0, 0], store: [null, null]), Variant(heap: [0, 0]));

        Assert.Equal(Verdict.Inconclusive, ResourcesExperiment.Judge(facts).Single(v => v.Id == "H2").Verdict);
    }

    [Fact]
    public void Growth_PerSessionCostThatChangesWithSize_IsNotLinear()
    {
        var variant = Variant(heap: [250, 500]);

        Assert.StartsWith("not linear", ResourceFacts.Growth([.. Sizes.Select(variant.HeapAt)]), StringComparison.Ordinal);
    }

    private static ResourceFacts Facts(VariantMemory sticky, VariantMemory redis, VariantMemory jwt) =>
        new(Sizes, sticky, redis, jwt, Variant(heap: [0, 0], store: [120, 118]));

    /// <summary>Two repeats at each size, a byte apart, so every figure has an interval.</summary>
    [Fact]
    public void JudgeSignatureCost_VerificationCostlierBeyondTheBatchesNoise_ConfirmsH3()
    {
        var costs = new TokenCheckCosts(Estimate.OfMedian([8.0, 8.2, 7.9]), Estimate.OfMedian([12.0, 12.5, 11.8]), Estimate.OfMedian([0.5, 0.52, 0.49]), Estimate.OfPairedRatio([8.0, 8.2, 7.9], [0.5, 0.52, 0.49]));

        var h3 = ResourcesExperiment.JudgeSignatureCost(costs);

        Assert.Equal(Verdict.Confirmed, h3.Verdict);
        Assert.Contains("µs to check a signed session id", h3.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void JudgeSignatureCost_CheaperThanAnIdCheck_RefutesH3()
    {
        var costs = new TokenCheckCosts(Estimate.OfMedian([0.3, 0.31, 0.29]), Estimate.OfMedian([1.0, 1.0, 1.0]), Estimate.OfMedian([0.5, 0.52, 0.49]), Estimate.OfPairedRatio([0.3, 0.31, 0.29], [0.5, 0.52, 0.49]));

        Assert.Equal(Verdict.Refuted, ResourcesExperiment.JudgeSignatureCost(costs).Verdict);
    }

    [Fact]
    public void JudgeSignatureCost_NotMeasured_IsInconclusive() =>
        Assert.Equal(Verdict.Inconclusive, ResourcesExperiment.JudgeSignatureCost(null).Verdict);

    public static TheoryData<double[], Verdict, string> SignatureCosts() => new()
    {
        { [8.0, 8.2, 7.9], Verdict.Confirmed, "而不是对整个 Token 的签名上" },
        { [0.3, 0.31, 0.29], Verdict.Refuted, "验证 JWT 的开销低于检查 Session ID" },
        { [0.45, 0.55, 0.5], Verdict.Inconclusive, "在批次的噪声范围之内" },
    };

    [Theory]
    [MemberData(nameof(SignatureCosts))]
    public void JudgeSignatureCost_EvidenceWithItsTemplate_TranslatedWithTheSameValues(double[] verifyMicros, Verdict expected, string ending)
    {
        double[] checkMicros = [0.5, 0.5, 0.5];
        var costs = new TokenCheckCosts(Estimate.OfMedian(verifyMicros), Estimate.OfMedian([12.0, 12.5, 11.8]), Estimate.OfMedian(checkMicros), Estimate.OfPairedRatio(verifyMicros, checkMicros));

        var h3 = ResourcesExperiment.JudgeSignatureCost(costs);

        Assert.Equal(expected, h3.Verdict);
        Assert.EndsWith(ending + "。", ChineseOf(h3, "一次 HS256 验证耗费"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(120, 118, "说明有东西为每次登录保留了内存。")]
    [InlineData(40, -3, "这些差异是堆的噪声。")]
    public void Judge_JwtMemory_EvidenceWithItsTemplate_TranslatedWithTheSameValues(double small, double large, string ending)
    {
        var facts = Facts(Variant(heap: [250, 250]), Variant(heap: [0, 0], store: [300, 300]), Variant(heap: [small, large], store: [0, 0]));

        var h4 = ResourcesExperiment.Judge(facts).Single(v => v.Id == "H4");

        Assert.EndsWith(ending, ChineseOf(h4, "每次 JWT 登录使服务器的堆变化"), StringComparison.Ordinal);
    }

    /// <summary>The verdict's evidence in the Chinese report: translated by its template, every measured value kept.</summary>
    private static string ChineseOf(HypothesisVerdict verdict, string start)
    {
        var chinese = ChineseExperimentTexts.Instance.Evidence("4.3", verdict);

        Assert.StartsWith(start, chinese, StringComparison.Ordinal);
        Assert.All(verdict.EvidenceTemplate!.Arguments, value => Assert.Contains(value, chinese, StringComparison.Ordinal));
        return chinese;
    }

    private static VariantMemory Variant(double?[] heap, double?[]? store = null) =>
        new("v", [.. Sizes.SelectMany((size, i) => new[] { 0, 1 }.Select(repeat => new MemorySample(size, repeat, size, 0, heap[i] + repeat, null, store?[i] + repeat, 0)))], null, 276);
}
