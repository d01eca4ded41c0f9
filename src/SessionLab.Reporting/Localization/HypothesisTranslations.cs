using System.Collections.Frozen;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// The lab's hypotheses in Chinese, keyed by experiment and hypothesis id. Where the lab tests the plan's hypothesis
/// the text is the plan's own; where it tests something else under that id (1.2 H3, 2.2 H1 …) it is a
/// translation of what the lab tests, because a verdict under the plan's words would claim what was not measured.
/// Each entry keeps the English it translates: a report shows the Chinese only for a verdict recorded with that very
/// statement, so an older results.json, or a hypothesis reworded since, keeps its own English instead of a stale text.
/// </summary>
internal static class HypothesisTranslations
{
    /// <summary>One translation and the lab statement it was made for.</summary>
    internal sealed record Translation(string English, string Chinese);

    public static FrozenDictionary<(string Experiment, string Hypothesis), Translation> All { get; } = new Dictionary<(string, string), Translation>
    {
        [("1.1", "H1")] = new("All requests of one client reach one backend.", "使用 `ip_hash` 后，同一客户端的所有请求会路由到同一台后端服务器"),
        [("1.1", "H2")] = new("Different clients are spread over the backends.", "不同客户端会被分配到不同的服务器（负载均衡）"),
        [("1.1", "H3")] = new("A client whose IP changes may land on another backend.", "客户端 IP 改变后，会被路由到不同的服务器"),
        [("1.2", "H1")] = new("Only the backend that created the session accepts it (200).", "只有创建该 Session 的服务器能识别它（200）"),
        [("1.2", "H2")] = new("The other backends answer 401 \"session not found\" to the same cookie.", "其他服务器对同一个 Cookie 返回 401 \"Session 不存在\""),
        [("1.2", "H3")] = new("Each backend's /debug/sessions lists only its own sessions: the session appears on exactly one backend, its creator.", "每台服务器的 /debug/sessions 只列出它自己的 Session：该 Session 只出现在创建它的那台服务器上"),
        [("1.3", "H1")] = new("The sessions of the killed backend are all lost: its users get 401 and must log in again.", "服务器宕机后，其本地 Session 全部丢失：其用户收到 401，需要重新登录"),
        [("1.3", "H2")] = new("Users of the other backends keep working (200 from the same backend).", "其他服务器上的用户不受影响（仍由同一台服务器返回 200）"),
        [("1.3", "H3")] = new("The load balancer routes the orphaned users to live backends (no 5xx, no timeout).", "客户端再次请求时，会被路由到其他存活的服务器（没有 5xx，没有超时）"),
        [("2.1", "H1")] = new("Every backend sees the session: the cookie sent directly to each gives 200 and the same user.", "所有服务器共享 Session：把 Cookie 直接发给每台服务器，都返回 200 和同一个用户"),
        [("2.1", "H2")] = new("Round robin spreads the requests evenly over all backends.", "轮询（Round Robin）把请求均匀分配到所有服务器"),
        [("2.1", "H3")] = new("The session lives in Redis under session:{id} as JSON, with a TTL.", "Session 以 JSON 存储在 Redis 的 session:{id} 下，并带有 TTL"),
        [("2.2", "H1")] = new("The session's TTL decreases while the user is idle.", "用户空闲时，Session 的 TTL 不断减少"),
        [("2.2", "H2")] = new("A /profile request renews the TTL to the full value.", "每次访问 Session 时，Redis TTL 会被重置（续期）：一次 /profile 请求使 TTL 回到完整值"),
        [("2.2", "H3")] = new("After idling past the TTL the session is gone: /profile answers 401 and the key no longer exists.", "用户停止访问后，Session 会在 TTL 到期后自动删除：/profile 返回 401，Key 已不存在"),
        [("2.3", "H1")] = new("While Redis is down, requests that need the session fail (the plan: 500 or 401), fast and with a clear error.", "Redis 宕机期间，需要 Session 的请求失败（计划：500 或 401），且失败迅速、错误明确"),
        [("2.3", "H2")] = new("Sessions created before the outage do not survive a restart of a Redis without persistence.", "Redis 恢复后，旧的 Session 已丢失（Redis 未开启持久化）"),
        [("2.3", "H3")] = new("New logins work again once Redis is back.", "Redis 恢复后，新的登录可以正常进行"),
        [("3.1", "H1")] = new("A JWT needs no server-side store: /profile answers 200 while Redis is down.", "服务器只需验证签名，无需查询存储：Redis 宕机时 /profile 仍返回 200"),
        [("3.1", "H2")] = new("A restart of a backend process does not affect issued tokens.", "服务器重启不影响 Token 有效性"),
        [("3.1", "H3")] = new("Any backend accepts the token, and every one sees the same user.", "任何一台服务器都接受该 Token，并识别出同一个用户"),
        [("3.2", "H1")] = new("A token works until its exp.", "Token 在其过期时间（`exp` 字段）之前一直有效"),
        [("3.2", "H2")] = new("An expired token is refused with 401 \"token expired\".", "过期的 Token 无法通过验证，返回 401 \"token expired\""),
        [("3.2", "H3")] = new("A token whose payload was altered (exp one hour later, not re-signed) is refused with 401 \"invalid signature\".", "payload 被篡改（exp 推后一小时，未重新签名）的 Token 被拒绝，返回 401 \"invalid signature\""),
        [("3.3", "H1")] = new("Logout puts the token on the blacklist for its remaining lifetime.", "登出时将 Token 加入 Redis 黑名单，保留到 Token 的剩余有效期结束"),
        [("3.3", "H2")] = new("A revoked token is refused with 401 \"token revoked\".", "验证 Token 时先检查黑名单：被撤销的 Token 被拒绝，返回 401 \"token revoked\""),
        [("3.3", "H3")] = new("The blacklist entry expires together with the token.", "黑名单 Key 与 Token 同时过期"),
        [("3.3", "H4")] = new("The blacklist check costs 10–20% latency.", "黑名单检查使延迟增加 10–20%"),
        [("4.1", "H1")] = new("Sticky sessions have the lowest latency of the three schemes (the plan: 0.1–0.5 ms).", "Sticky Session 最快（本地内存访问）（计划：0.1–0.5 ms）"),
        [("4.1", "H2")] = new("JWT sits between sticky and Redis (the plan: 0.3–1 ms).", "JWT Token 次之（CPU 计算签名）（计划：0.3–1 ms）"),
        [("4.1", "H3")] = new("Redis sessions are the slowest, by about one Redis round trip (the plan: 1–3 ms).", "Redis Session 最慢（网络 I/O），约慢一次 Redis 往返（计划：1–3 ms）"),
        [("4.2", "H1")] = new("Sticky sessions have the highest throughput of the three schemes (the plan: 40–50K QPS on a laptop).", "Sticky Session 的 QPS 最高（计划：笔记本上 40–50K QPS）"),
        [("4.2", "H2")] = new("Redis sessions are limited by Redis: under load the store is what runs out (a single-threaded Redis near one full core).", "Redis Session 受 Redis 性能限制：负载下耗尽的是存储（单线程的 Redis 接近占满一个核）"),
        [("4.2", "H3")] = new("JWT is limited by the CPU spent verifying signatures: the machine's CPU runs out, mostly in the JWT backends, and signature checks take most of their CPU per request.", "JWT Token 受 CPU 签名验证限制：机器的 CPU 耗尽，主要消耗在 JWT 服务器上，且签名验证占其每个请求 CPU 的大部分"),
        [("4.2", "H4")] = new("JWT comes second (the plan: 35–45K QPS).", "JWT 的 QPS 次之（计划：35–45K QPS）"),
        [("4.2", "H5")] = new("Redis sessions have the lowest throughput (the plan: 25–35K QPS).", "Redis Session 的 QPS 最低（计划：25–35K QPS）"),
        [("4.3", "H1")] = new("A sticky session costs memory on the backend that holds it (the plan: about 500 B each).", "Sticky Session 消耗服务器内存（存储 Session）（计划：每个约 500 B）"),
        [("4.3", "H2")] = new("A Redis session costs Redis memory, not backend memory (the plan: about 300 B each).", "Redis Session 消耗 Redis 内存，而不是服务器内存（计划：每个约 300 B）"),
        [("4.3", "H3")] = new("JWT costs CPU for its signatures: verifying a token costs measurably more than checking a signed session id.", "JWT Token 消耗 CPU（签名计算）：验证一个 Token 的开销明显高于检查一个签名的 Session ID"),
        [("4.3", "H4")] = new("A JWT session costs no server memory at all.", "JWT 完全不消耗服务器内存"),
    }.ToFrozenDictionary();
}
