using System.Text.RegularExpressions;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// Phrases the judges compose into an evidence template's values (a pair's noise, where the CPU went), in Chinese. A
/// template translates the sentence around its values; these translate the recurring words inside them, keeping every
/// number, id and name as measured. A value with no known phrase stays as recorded.
/// </summary>
internal static class EvidenceFragments
{
    private static readonly (Regex Pattern, string Chinese)[] Phrases =
    [
        (new Regex(@" ?\(beyond noise, as claimed\)", RegexOptions.CultureInvariant), "（超出噪声，与假设一致）"),
        (new Regex(@" ?\(beyond noise, the reverse\)", RegexOptions.CultureInvariant), "（超出噪声，与假设相反）"),
        (new Regex(@" ?\(within noise, no interval\)", RegexOptions.CultureInvariant), "（在噪声范围内，无区间）"),
        (new Regex(@" ?\(within noise, (±[\d.,]+ %)\)", RegexOptions.CultureInvariant), "（在噪声范围内，$1）"),
        (new Regex(@" ?\(too few rounds to tell\)", RegexOptions.CultureInvariant), "（轮数太少，无法判断）"),
        (new Regex(@"under the redis load the store used (\S+) % of one core \(median of (\d+) rounds\)", RegexOptions.CultureInvariant), "redis 负载下存储占用单核的 $1 %（$2 轮的中位数）"),
        (new Regex(@"the machine was saturated in (\d+) of (\d+) rounds", RegexOptions.CultureInvariant), "$2 轮中有 $1 轮机器 CPU 饱和"),
        (new Regex(@"one HS256 verification costs (.+?) µs(?=;|$)", RegexOptions.CultureInvariant), "一次 HS256 验证耗时 $1 µs"),
        (new Regex(@"the JWT backends spent (.+?) µs of CPU per request under load, so verification is (.+?) of it", RegexOptions.CultureInvariant), "负载下 JWT 后端每个请求花费 $1 µs CPU，验证占其中的 $2"),
        (new Regex(@"most CPU went to the (.+)$", RegexOptions.CultureInvariant), "大部分 CPU 消耗在 $1"),
        // 3.1–3.3's clauses beside their template.
        (new Regex(@"/profile-with-blacklist, which reads the blacklist, got ", RegexOptions.CultureInvariant), "读取黑名单的 /profile-with-blacklist 得到 "),
        (new Regex(@"(\S+) s past exp \(clock skew (\S+) s\) it got ", RegexOptions.CultureInvariant), "超过 exp $1 s（时钟偏差 $2 s）时得到 "),
        (new Regex(@" ?\((-?[\d.]+) s from exp\)", RegexOptions.CultureInvariant), "（距 exp $1 s）"),
        (new Regex(@"plain /profile \(revocation off\) still answered ", RegexOptions.CultureInvariant), "普通 /profile（不检查撤销）仍返回 "),
        (new Regex(@"^[Vv]ia the load balancer the median went (.+?) ms \((\S+ %); mean (\S+ %); rounds (.+?)\), directly on a backend (.+?) ms \((\S+ %)\)$", RegexOptions.CultureInvariant), "经负载均衡器中位数从 $1 ms（$2；平均值 $3；各轮 $4），直接访问后端从 $5 ms（$6）"),
        (new Regex(@"(?<=\S) to (?=[+-]?[\d.]+ %)", RegexOptions.CultureInvariant), " 至 "),
        // Where the CPU went: "backends 125 %, load balancer 39 %, …" (ThroughputFacts' roles).
        (new Regex(@"(?<=^|, |; |的 )other processes on the machine(?= \d| ?$)", RegexOptions.CultureInvariant), "机器上的其他进程"),
        (new Regex(@"(?<=^|, |; |的 |在 )backends(?= \d| ?$)", RegexOptions.CultureInvariant), "后端"),
        (new Regex(@"(?<=^|, |; |的 |在 )load balancer(?= \d| ?$)", RegexOptions.CultureInvariant), "负载均衡器"),
        (new Regex(@"(?<=^|, |; |的 |在 )lab process(?= \d| ?$)", RegexOptions.CultureInvariant), "实验进程"),
        (new Regex(@"(?<=^|, |; |的 |在 )store(?= \d| ?$)", RegexOptions.CultureInvariant), "存储"),
        // 2.4–2.5's clauses and words.
        (new Regex(@"^ and the user index was gone$", RegexOptions.CultureInvariant), "，用户索引已删除"),
        (new Regex(@"^ and the user index was still there$", RegexOptions.CultureInvariant), "，用户索引仍在"),
        (new Regex(@"^, the first refusal (\S+) s after the limit$", RegexOptions.CultureInvariant), "，首次拒绝在上限后 $1 s"),
        (new Regex(@"^before$", RegexOptions.CultureInvariant), "早于"),
        (new Regex(@"^past$", RegexOptions.CultureInvariant), "超出"),
        (new Regex(@"; ", RegexOptions.CultureInvariant), "；"),
    ];

    /// <summary>The value with every known phrase in Chinese.</summary>
    public static string Chinese(string value)
    {
        foreach (var (pattern, chinese) in Phrases)
        {
            value = pattern.Replace(value, chinese);
        }

        return value;
    }
}
