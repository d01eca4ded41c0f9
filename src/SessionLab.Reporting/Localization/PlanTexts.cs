using System.Collections.Frozen;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// The plan's own words for its twelve experiments (../shared/PLAN-ZH.md, restored from the source): title, core
/// question and hypotheses, keyed by experiment id; and titles for the lab's experiments beyond the plan.
/// </summary>
internal static class PlanTexts
{
    /// <summary>One experiment as the plan states it.</summary>
    internal sealed record PlanExperiment(string Title, string Question, IReadOnlyList<string> Hypotheses);

    public static FrozenDictionary<string, PlanExperiment> Experiments { get; } = new Dictionary<string, PlanExperiment>(StringComparer.Ordinal)
    {
        ["1.1"] = new("验证 IP Hash 路由一致性", "Nginx 的 `ip_hash` 策略能否保证同一客户端的请求总是路由到同一台服务器？",
            ["H1 使用 `ip_hash` 后，同一客户端的所有请求会路由到同一台后端服务器", "H2 不同客户端会被分配到不同的服务器（负载均衡）", "H3 客户端 IP 改变后，会被路由到不同的服务器"]),
        ["1.2"] = new("Session 数据隔离性验证", "不同服务器的 Session 数据是否完全隔离？服务器 A 能否访问服务器 B 的 Session？",
            ["H1 每台服务器的 Session 存储在本地内存，相互隔离", "H2 客户端携带 Session ID，但只有创建该 Session 的服务器能识别", "H3 如果 Nginx 路由到错误的服务器，会返回\"Session 不存在\""]),
        ["1.3"] = new("服务器宕机的 Session 丢失测试", "服务器宕机后，该服务器上的所有 Session 是否会丢失？系统能否自动恢复？",
            ["H1 服务器宕机后，其本地 Session 全部丢失", "H2 客户端再次请求时，会被路由到其他存活的服务器", "H3 由于 Session 不存在，客户端需要重新登录"]),
        ["2.1"] = new("跨服务器 Session 共享验证", "使用 Redis 存储 Session 后，不同服务器能否访问同一个 Session？",
            ["H1 Session 存储在 Redis，所有服务器共享", "H2 请求可以路由到任意服务器，都能正确获取 Session", "H3 Nginx 可以使用轮询（Round Robin）策略，不需要 `ip_hash`"]),
        ["2.2"] = new("Session 续期机制验证", "用户每次访问时，Session 的过期时间是否会自动延长？如何防止活跃用户被强制登出？",
            ["H1 每次访问 Session 时，Redis TTL 会被重置（续期）", "H2 如果用户持续活跃，Session 永远不会过期", "H3 用户停止访问后，Session 会在 TTL 到期后自动删除"]),
        ["2.3"] = new("Redis 宕机的影响测试", "Redis 宕机后，所有服务器的 Session 是否全部失效？系统还能否提供服务？",
            ["H1 Redis 宕机后，所有 Session 立即不可用", "H2 用户所有请求都会返回 401（未认证）", "H3 Redis 恢复后，旧的 Session 已丢失，用户需要重新登录"]),
        ["3.1"] = new("Token 无状态性验证", "JWT Token 是否真的无状态？服务器能否在不访问数据库/Redis 的情况下验证 Token？",
            ["H1 JWT Token 包含所有必要信息（user_id、过期时间）", "H2 服务器只需验证签名，无需查询存储", "H3 服务器重启不影响 Token 有效性"]),
        ["3.2"] = new("Token 过期机制测试", "Token 过期后是否会自动失效？服务器如何处理过期的 Token？",
            ["H1 Token 包含过期时间（`exp` 字段）", "H2 服务器验证时会检查当前时间是否超过 `exp`", "H3 过期的 Token 无法通过验证，返回 401"]),
        ["3.3"] = new("黑名单实现\"登出\"功能", "JWT Token 本身无法撤销，如何实现\"登出\"功能？黑名单方案是否有效？",
            ["H1 登出时将 Token 加入 Redis 黑名单", "H2 验证 Token 时先检查黑名单", "H3 黑名单 Key 的 TTL 等于 Token 的剩余有效期"]),
        ["4.1"] = new("延迟对比测试", "三种方案的响应延迟有多大差异？哪种方案最快？",
            ["H1 Sticky Session 最快（本地内存访问）", "H2 JWT Token 次之（CPU 计算签名）", "H3 Redis Session 最慢（网络 I/O）"]),
        ["4.2"] = new("吞吐量对比测试", "在高并发场景下，哪种方案能处理更多的请求？QPS 差异有多大？",
            ["H1 Sticky Session 的 QPS 最高", "H2 Redis Session 受 Redis 性能限制", "H3 JWT Token 受 CPU 签名验证限制"]),
        ["4.3"] = new("资源消耗对比", "三种方案分别消耗多少内存和 CPU？哪种方案更节省资源？",
            ["H1 Sticky Session 消耗服务器内存（存储 Session）", "H2 Redis Session 消耗 Redis 内存", "H3 JWT Token 消耗 CPU（签名计算）"]),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The lab's own experiments (groups 5 and 6): translated titles; their questions and hypotheses stay English.</summary>
    public static FrozenDictionary<string, string> LabTitles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["5.1"] = "Session ID 熵",
        ["5.2"] = "Session Cookie、会话固定与登出",
        ["5.3"] = "伪造和畸形的 Token",
        ["5.4"] = "垃圾与超大输入",
        ["5.5"] = "Session ID 暴力猜测",
        ["5.6"] = "生产环境姿态",
        ["6.1"] = "负载下杀掉后端",
        ["6.2"] = "负载下杀掉 Redis",
        ["6.3"] = "负载下重启后端 (SIGTERM)",
        ["6.4"] = "浸泡测试",
        ["6.5"] = "Redis 宕机时的 JWT 撤销",
        ["6.6"] = "Redis 重启后的持久化",
        ["6.7"] = "Redis 变慢",
        ["1.4"] = "同一 NAT 后的用户",
        ["1.5"] = "故障恢复后的回切",
        ["2.4"] = "全部设备登出",
        ["2.5"] = "绝对有效期",
        ["3.4"] = "Refresh Token 轮换",
        ["6.8"] = "负载下的 Sentinel 故障转移",
        ["6.9"] = "负载下的 Redis Cluster 分片故障",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
