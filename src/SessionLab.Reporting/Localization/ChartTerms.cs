using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// The few words the experiments label their charts with (series subjects and axes), in Chinese. They are labels the
/// lab records, not measured text; one not listed (a new chart) is drawn with its English label.
/// </summary>
internal static partial class ChartTerms
{
    private static readonly FrozenDictionary<string, string> Terms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ttl"] = "TTL",
        ["TTL (s)"] = "TTL (s)",
        ["seconds since login"] = "登录后的秒数",
        ["round robin"] = "轮询",
        ["backend"] = "后端",
        ["requests"] = "请求数",
        ["latency"] = "延迟",
        ["latency (ms)"] = "延迟 (ms)",
        ["percentile"] = "百分位",
        ["throughput"] = "吞吐量",
        ["second"] = "秒",
        ["requests completed"] = "完成的请求数",
        ["memory per session"] = "每个 Session 的内存",
        ["bytes per session"] = "每个 Session 的字节数",
        ["variant"] = "方案",
        ["errors per second"] = "每秒错误数",
        ["failed requests"] = "失败的请求数",
        ["soak"] = "浸泡测试",
        ["median latency vs store delay"] = "延迟中位数与存储延迟",
        ["added delay (ms)"] = "增加的延迟 (ms)",
        ["median latency (ms)"] = "延迟中位数 (ms)",
        ["scheme"] = "方案",

        // 2.5: the key's TTL against the session's absolute lifetime (the lab title's 绝对有效期).
        ["ttl-vs-absolute-limit"] = "TTL 与绝对有效期",
        ["Redis TTL left (s)"] = "Redis 剩余 TTL (s)",

        // Group 6's fault charts: a failure (the service broke) and a refusal (the service said no) are counted apart.
        ["failed requests per second"] = "每秒失败的请求数",
        ["refused requests per second"] = "每秒被拒绝的请求数",
        ["failed (5xx, timeouts, resets)"] = "失败（5xx、超时、连接重置）",
        ["refused (4xx: session gone, throttled)"] = "被拒绝（4xx：Session 已失效、被限流）",

        // Parts of legends and point labels that describe (the scheme and target names beside them are ids, kept).
        ["all users behind one NAT"] = "所有用户在同一个 NAT 之后",
        ["(a) SIGTERM alone"] = "(a) 仅 SIGTERM",
        ["(b) deregistered first"] = "(b) 先摘除",
        ["per revoked token"] = "每个被撤销的 Token",
        ["login"] = "登录",
        ["key gone"] = "Key 已消失",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static string Chinese(string recorded) => Terms.TryGetValue(recorded, out var chinese) ? chinese : Legend(recorded);

    /// <summary>Whether <paramref name="recorded"/> has a Chinese term (some, like "TTL (s)", read the same in both).</summary>
    public static bool Knows(string recorded) => Terms.ContainsKey(recorded);

    /// <summary>
    /// A legend or point label the lab composes ("sticky, kill -9 at 3.333 s", "jwt (round 5)", "after 10 s idle"): its
    /// parts are translated one by one, measured numbers kept; a part that is an id ("sticky", "/profile") stays as recorded.
    /// </summary>
    private static string Legend(string recorded)
    {
        if (Round().Match(recorded) is { Success: true } round)
        {
            return $"{Chinese(round.Groups["name"].Value)}（第 {round.Groups["n"].Value} 轮）";
        }

        var parts = recorded.Split(", ");
        if (parts.Length > 1)
        {
            return string.Join("，", parts.Select(Chinese));
        }

        return KillAt().Match(recorded) is { Success: true } kill ? $"{kill.Groups["s"].Value} s 时 kill -9"
            : StopAt().Match(recorded) is { Success: true } stop ? $"{stop.Groups["s"].Value} s 时停止"
            : IdleFor().Match(recorded) is { Success: true } idle ? $"空闲 {idle.Groups["s"].Value} s 后"
            : recorded;
    }

    /// <summary>
    /// A fault window's label, the fault controller's words in Chinese ("killed redis/server-1 (pid 5732) with SIGKILL" →
    /// "用 SIGKILL 杀掉 redis/server-1 (pid 5732)"), ids, versions and pids kept; words not known stay as recorded.
    /// </summary>
    public static string Fault(string recorded) => FaultPhrases.Apply(recorded);

    private static readonly PhraseList FaultPhrases = new(
    [
        (@"killed (.+?) with SIGKILL", "用 SIGKILL 杀掉 $1"),
        (@"stopped (.+?) with SIGTERM", "用 SIGTERM 停止 $1"),
        (@"took (\S+) out of the load balancer's rotation", "将 $1 从负载均衡器摘除"),
        (@"put (\S+) back into the load balancer's rotation", "将 $1 加回负载均衡器"),
        (@"waited ([\d.]+) s", "等待 $1 s"),
        (@"(?<=^|, |… )started ", "启动 "),
        (@", ", "，"),
    ]);

    [GeneratedRegex(@"^(?<name>.+) \(round (?<n>\d+)\)$")]
    private static partial Regex Round();

    [GeneratedRegex(@"^kill -9 at (?<s>[\d.]+) s$")]
    private static partial Regex KillAt();

    [GeneratedRegex(@"^stop at (?<s>[\d.]+) s$")]
    private static partial Regex StopAt();

    [GeneratedRegex(@"^after (?<s>[\d.]+) s idle$")]
    private static partial Regex IdleFor();
}
