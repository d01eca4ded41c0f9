namespace SessionLab.Reporting.Localization;

/// <summary>
/// Phrases the judges compose into an evidence template's values (a pair's noise, where the CPU went), in Chinese. A
/// template translates the sentence around its values; these translate the recurring words inside them, keeping every
/// number, id and name as measured. A value with no known phrase stays as recorded.
/// </summary>
internal static class EvidenceFragments
{
    private static readonly PhraseList Phrases = new(
    [
        (@" ?\(beyond noise, as claimed\)", "（超出噪声，与假设一致）"),
        (@" ?\(beyond noise, the reverse\)", "（超出噪声，与假设相反）"),
        (@" ?\(within noise, no interval\)", "（在噪声范围内，无区间）"),
        (@" ?\(within noise, (±[\d.,]+ %)\)", "（在噪声范围内，$1）"),
        (@" ?\(too few rounds to tell\)", "（轮数太少，无法判断）"),
        (@"under the redis load the store used (\S+) % of one core \(median of (\d+) rounds\)", "redis 负载下存储占用单核的 $1 %（$2 轮的中位数）"),
        (@"the machine was saturated in (\d+) of (\d+) rounds", "$2 轮中有 $1 轮机器 CPU 饱和"),
        (@"one HS256 verification costs (.+?) µs(?=;|$)", "一次 HS256 验证耗时 $1 µs"),
        (@"the JWT backends spent (.+?) µs of CPU per request under load, so verification is (.+?) of it", "负载下 JWT 后端每个请求花费 $1 µs CPU，验证占其中的 $2"),
        (@"most CPU went to the (.+)$", "大部分 CPU 消耗在 $1"),
        // 3.1–3.3's clauses beside their template.
        (@"/profile-with-blacklist, which reads the blacklist, got ", "读取黑名单的 /profile-with-blacklist 得到 "),
        (@"(\S+) s past exp \(clock skew (\S+) s\) it got ", "超过 exp $1 s（时钟偏差 $2 s）时得到 "),
        (@" ?\((-?[\d.]+) s from exp\)", "（距 exp $1 s）"),
        (@"plain /profile \(revocation off\) still answered ", "普通 /profile（不检查撤销）仍返回 "),
        (@"^[Vv]ia the load balancer the median went (.+?) ms \((\S+ %); mean (\S+ %); rounds (.+?)\), directly on a backend (.+?) ms \((\S+ %)\)$", "经负载均衡器中位数从 $1 ms（$2；平均值 $3；各轮 $4），直接访问后端从 $5 ms（$6）"),
        (@"(?<=\S) to (?=[+-]?[\d.]+ %)", " 至 "),
        // Where the CPU went: "backends 125 %, load balancer 39 %, …" (ThroughputFacts' roles).
        (@"(?<=^|, |; |的 )other processes on the machine(?= \d| ?$)", "机器上的其他进程"),
        (@"(?<=^|, |; |的 |在 )backends(?= \d| ?$)", "后端"),
        (@"(?<=^|, |; |的 |在 )load balancer(?= \d| ?$)", "负载均衡器"),
        (@"(?<=^|, |; |的 |在 )lab process(?= \d| ?$)", "实验进程"),
        (@"(?<=^|, |; |的 |在 )store(?= \d| ?$)", "存储"),
        // 2.4–2.5's clauses and words.
        (@"^ and the user index was gone$", "，用户索引已删除"),
        (@"^ and the user index was still there$", "，用户索引仍在"),
        (@"^, the first refusal (\S+) s after the limit$", "，首次拒绝在上限后 $1 s"),
        (@"^before$", "早于"),
        (@"^past$", "超出"),
        (@"; ", "；"),
    ]);

    /// <summary>The value with every known phrase in Chinese.</summary>
    public static string Chinese(string value) => Phrases.Apply(value);
}
