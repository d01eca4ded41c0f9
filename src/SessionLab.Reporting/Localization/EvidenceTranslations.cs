using System.Collections.Frozen;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// Evidence sentences in Chinese, keyed by experiment id, hypothesis id and the English template the judge wrote
/// (<see cref="Model.EvidenceTemplate.Format"/>): the template is the sentence's identity, as a msgid is in gettext, so a
/// judge that rewords its English falls back to the new English instead of showing a translation of the old one. The
/// holes are the same measured values in the same numbering; numbers, ids and endpoint names are not translated, and a
/// value that is itself an English phrase (a reply's description, a clause the judge adds) stays as measured.
/// </summary>
internal static class EvidenceTranslations
{
    public static FrozenDictionary<(string Experiment, string Hypothesis, string Format), string> All { get; } = Build();

    private static FrozenDictionary<(string, string, string), string> Build()
    {
        var all = new Dictionary<(string, string, string), string>
        {
            // 1.1 IP-hash routing.
            [("1.1", "H1", "{0} of {1} requests got no answer.")] = "{1} 个请求中有 {0} 个没有得到应答。",
            [("1.1", "H1", "{0} requests from one address reached {1} with {2} switches.")] = "来自同一地址的 {0} 个请求都到达了 {1}，切换 {2} 次。",
            [("1.1", "H2", "{0} clients from distinct /24 networks were spread {1}; {2} clients of one /24 went {3} (nginx hashes the first three octets only).")] =
                "来自不同 /24 网段的 {0} 个客户端分布为 {1}；同一 /24 网段的 {2} 个客户端分布为 {3}（nginx 只对前三个八位组做哈希）。",
            [("1.1", "H3", "No IP change across /24 networks was made.")] = "没有进行跨 /24 网段的 IP 变更。",
            [("1.1", "H3", "{0} of {1} changes to another /24 moved the client to another backend (and lost its session there); changes within the /24 moved it {2} times.")] =
                "{1} 次换到其他 /24 网段的变更中，有 {0} 次使客户端被路由到另一台服务器（并因此丢失了 Session）；同一 /24 内的变更使它移动了 {2} 次。",

            // 1.2 Session isolation.
            [("1.2", "H1", "{0} created the session; direct /profile answered {1}: {2} of {3} backends accepted the cookie{4}.")] =
                "{0} 创建了该 Session；直接访问 /profile 的应答为 {1}：{3} 台服务器中有 {2} 台接受了该 Cookie{4}。",
            [("1.2", "H2", "{0} of {1} other backends answered 401 \"{2}\" ({3}){4}.")] = "其他 {1} 台服务器中有 {0} 台返回 401 \"{2}\"（{3}）{4}。",
            [("1.2", "H3", "The session id is listed by {0} ({1} of {2}); sessions held per backend: {3}{4}.")] =
                "该 Session ID 由 {0} 列出（{2} 台中的 {1} 台）；各服务器持有的 Session：{3}{4}。",

            // 1.3 Backend crash.
            [("1.3", "H1", "Of {0} users on {1}, {2} got 401 \"{3}\" and {4} kept their session ({5}); {6} of {7} got 200 again after logging in again.")] =
                "{1} 上的 {0} 个用户中，{2} 个收到 401 \"{3}\"，{4} 个保住了 Session（{5}）；重新登录后 {7} 个中有 {6} 个再次得到 200。",
            [("1.3", "H2", "All {0} users were on {1}; no user of another backend to observe.")] = "全部 {0} 个用户都在 {1} 上；没有其他服务器的用户可供观察。",
            [("1.3", "H2", "{0} of {1} users of the other backends got 200 from their own backend after the crash ({2}).")] =
                "宕机后，其他服务器的 {1} 个用户中有 {0} 个从自己的服务器得到 200（{2}）。",
            [("1.3", "H3", "{0} of {1} orphaned users were answered by a live backend ({2}); {3} got a 5xx, a timeout or no backend; slowest first request {4} ms.")] =
                "{1} 个失去服务器的用户中，有 {0} 个由存活的服务器应答（{2}）；{3} 个得到 5xx、超时或没有可用后端；最慢的首个请求 {4} ms。",

            // 2.1 Cross-backend sharing.
            [("2.1", "H1", "{0} of {1} backends answered the cookie with 200 and user {2} ({3}).")] = "{1} 台服务器中有 {0} 台对该 Cookie 返回 200 和用户 {2}（{3}）。",
            [("2.1", "H2", "Only {0} of {1} requests were answered.")] = "{1} 个请求中只有 {0} 个得到应答。",
            [("2.1", "H2", "{0} requests went {1} (max−min {2}, tolerance {3}){4}.")] = "{0} 个请求的分布为 {1}（最大值−最小值 {2}，容差 {3}）{4}。",
            [("2.1", "H3", "Redis could not be read for {0}.")] = "无法从 Redis 读取 {0}。",
            [("2.1", "H3", "Right after the login Redis had no key {0}.")] = "登录后 Redis 中立即没有 Key {0}。",
            [("2.1", "H3", "{0} holds {1}, {2}.")] = "{0} 中保存的是 {1}，{2}。",

            // 2.2 Sliding expiry.
            [("2.2", "H1", "The session key's TTL could not be read at the login and after the idle time.")] = "登录时和空闲之后都无法读取 Session Key 的 TTL。",
            [("2.2", "H1", "PTTL went from {0} at the login to {1} after {2} idle (fell {3}; expected {4}); {5} samples while idle rose {6} times.")] =
                "PTTL 从登录时的 {0} 变为空闲 {2} 后的 {1}（下降 {3}；预期 {4}）；空闲期间的 {5} 次采样中上升了 {6} 次。",
            [("2.2", "H2", "/profile answered {0} or the TTL could not be read around it, so no renewal could be observed.")] = "/profile 的应答为 {0}，或其前后无法读取 TTL，因此观察不到续期。",
            [("2.2", "H2", "/profile (200) took the TTL from {0} to {1} (configured {2}, at least {3} expected after the measured delay).")] =
                "/profile（200）把 TTL 从 {0} 变为 {1}（配置为 {2}，扣除测得的延迟后预期至少 {3}）。",
            [("2.2", "H3", "The idle time was {0} for a {1} TTL, the final /profile answered {2} and the key was {3}: expiry was not tested.")] =
                "TTL 为 {1} 时空闲了 {0}，最后一次 /profile 的应答为 {2}，Key 为 {3}：未能测试过期。",
            [("2.2", "H3", "After {0} idle (TTL {1}) /profile answered {2}{3} and the key was {4}.")] = "空闲 {0}（TTL {1}）后，/profile 返回 {2}{3}，Key 的状态：{4}。",

            // 2.3 Redis outage.
            [("2.3", "H1", "No request was sent while Redis was down.")] = "Redis 宕机期间没有发送请求。",
            [("2.3", "H1", "{0} of {1} requests succeeded although Redis was down ({2}).")] = "尽管 Redis 已宕机，{1} 个请求中仍有 {0} 个成功（{2}）。",
            [("2.3", "H1", "{0} of {1} requests got no reply within the {2} s client timeout: the backends hang instead of failing ({3}).")] =
                "{1} 个请求中有 {0} 个在 {2} s 的客户端超时内没有应答：服务器挂起而不是失败（{3}）。",
            [("2.3", "H1", "{0} of {1} failing replies carried no error message ({2}).")] = "{1} 个失败的应答中有 {0} 个没有错误信息（{2}）。",
            [("2.3", "H1", "All {0} requests during the outage failed with {1}, the slowest after {2} ms (client timeout {3} s); the plan expected 500 or 401.")] =
                "宕机期间的全部 {0} 个请求都以 {1} 失败，最慢的用时 {2} ms（客户端超时 {3} s）；计划预期为 500 或 401。",
            [("2.3", "H2", "No session existed before the outage.")] = "宕机前没有任何 Session。",
            [("2.3", "H2", "{0} of {1} old sessions still answered 200 after Redis restarted ({2}).")] = "Redis 重启后，{1} 个旧 Session 中仍有 {0} 个返回 200（{2}）。",
            [("2.3", "H2", "All {0} old cookies got {1} after the restart; {2}.")] = "重启后全部 {0} 个旧 Cookie 都得到 {1}；{2}。",
            [("2.3", "H2", "After the restart the old sessions got {0}: not every backend answered from the restarted Redis ({1}).")] =
                "重启后旧 Session 得到 {0}：并非每台服务器都从重启后的 Redis 应答（{1}）。",
            [("2.3", "H3", "A new login after the restart got {0} and its /profile {1}; {2}.")] = "重启后的新登录得到 {0}，其 /profile 得到 {1}；{2}。",

            // 3.1 JWT statelessness.
            [("3.1", "H1", "No /profile was sent while Redis was down.")] = "Redis 宕机期间没有发送 /profile。",
            [("3.1", "H1", "{0} of {1} /profile calls answered 200 while Redis was down ({2}){3}.")] = "Redis 宕机期间，{1} 次 /profile 调用中有 {0} 次返回 200（{2}）{3}。",
            [("3.1", "H2", "{0} was not seen to restart (pid {1} → {2}).")] = "没有观察到 {0} 重启（pid {1} → {2}）。",
            [("3.1", "H2", "After kill -9 and restart of {0} (pid {1} → {2}), {3} of {4} /profile calls with the old token answered 200 ({5}).")] =
                "对 {0} 执行 kill -9 并重启后（pid {1} → {2}），使用旧 Token 的 {4} 次 /profile 调用中有 {3} 次返回 200（{5}）。",
            [("3.1", "H3", "The token was not sent to any backend directly.")] = "Token 没有被直接发送到任何服务器。",
            [("3.1", "H3", "{0} of {1} backends accepted the token directly as user {2} ({3}): {4}.")] = "{1} 台服务器中有 {0} 台直接接受该 Token，识别为用户 {2}（{3}）：{4}。",

            // 3.2 JWT expiry and tampering.
            [("3.2", "H1", "The token was not used before its exp.")] = "Token 在 exp 之前没有被使用。",
            [("3.2", "H1", "Before exp: {0}{1}.")] = "exp 之前：{0}{1}。",
            [("3.2", "H2", "The token was not used after its exp.")] = "Token 在 exp 之后没有被使用。",
            [("3.2", "H2", "After exp: {0}.")] = "exp 之后：{0}。",
            [("3.2", "H3", "No altered token was sent.")] = "没有发送被篡改的 Token。",
            [("3.2", "H3", "The token with exp moved one hour later and the old signature got {0}.")] = "exp 推后一小时、沿用旧签名的 Token 得到 {0}。",

            // 3.3 Blacklist logout.
            [("3.3", "H2", "The revoked token was not sent again.")] = "被撤销的 Token 没有被再次发送。",
            [("3.3", "H2", "{0} of {1} calls of {2} with the revoked token were refused ({3}){4}.")] = "使用被撤销 Token 的 {1} 次 {2} 调用中有 {0} 次被拒绝（{3}）{4}。",
            [("3.3", "H3", "The short token's entry could not be followed (after logout: {0}, {1} s later: {2}).")] = "无法跟踪短期 Token 的黑名单条目（登出后：{0}，{1} s 后：{2}）。",
            [("3.3", "H3", "{0} was still in Redis {1} s after the logout of a token with {2} s left (TTL was {3}).")] = "剩余 {2} s 的 Token 登出 {1} s 后，{0} 仍在 Redis 中（TTL 为 {3}）。",
            [("3.3", "H3", "The short token's entry had TTL {0} for {1} s of remaining lifetime (+{2} s skew) and was gone {3} s after the logout; the token itself then got {4}.")] =
                "短期 Token 的黑名单条目 TTL 为 {0}，对应 {1} s 的剩余有效期（+{2} s 时钟偏差），登出 {3} s 后消失；此后该 Token 本身得到 {4}。",
            [("3.3", "H4", "{0} requests failed during the measurement; {1}.")] = "测量期间有 {0} 个请求失败；{1}。",
            [("3.3", "H4", "{0}: every round is outside the plan's {1}–{2} %.")] = "{0}：每一轮都在计划的 {1}–{2} % 之外。",
            [("3.3", "H4", "{0}: the rounds straddle the plan's {1}–{2} %.")] = "{0}：各轮跨越了计划的 {1}–{2} %。",

            // 4.3 Resources.
            [("4.3", "H1", "The sticky backend's memory could not be read at every size.")] = "无法在每个规模下读取 sticky 服务器的内存。",
            [("4.3", "H1", "Sessions added {0} of live managed heap each on the backend holding them ({1}; the plan expected about 500 B; our target is at most 400 B).")] =
                "每个 Session 使持有它的服务器增加 {0} 的存活托管堆（{1}；计划预期约 500 B；我们的目标是不超过 400 B）。",
            [("4.3", "H2", "The store does not report used_memory, so its cost per session could not be measured.")] = "存储不报告 used_memory，因此无法测量每个 Session 的开销。",
            [("4.3", "H2", "Redis used_memory grew by {0} per session ({1}; the plan expected about 300 B; our target is at most 200 B) while a redis backend's heap changed by {2} per session.")] =
                "Redis 的 used_memory 每个 Session 增长 {0}（{1}；计划预期约 300 B；我们的目标是不超过 200 B），而 redis 服务器的堆每个 Session 变化 {2}。",
            [("4.3", "H4", "The JWT backend's memory could not be read at every size.")] = "无法在每个规模下读取 JWT 服务器的内存。",
            [("4.3", "H3", "The cost of a JWT verification and of a session-id check was not measured.")] = "没有测量 JWT 验证和 Session ID 检查的开销。",

            // 4.2 H2/H3: what limits a scheme, from where the CPU went under load (the values are the measured CPU shares).
            [("4.2", "H2", "The redis target's CPU was not measured.")] = "没有测量 redis 目标的 CPU。",
            [("4.2", "H2", "The store's CPU could not be read (an external store, not a process of this lab); {0}.")] = "无法读取存储的 CPU（外部存储，不是本实验室的进程）；{0}。",
            [("4.2", "H2", "Redis ran near a full core: {0}.")] = "Redis 接近占满一个核：{0}。",
            [("4.2", "H2", "Redis was far from its limit: {0}, most by the {1}: the figure is limited by that CPU, not by Redis.")] = "Redis 远未达到极限：{0}，大部分消耗在 {1}：该数据受这部分 CPU 限制，而不是受 Redis 限制。",
            [("4.2", "H2", "Neither the store nor the machine's CPU clearly ran out: {0}.")] = "存储和机器的 CPU 都没有明显耗尽：{0}。",
            [("4.2", "H3", "The JWT target's CPU per request or the cost of a verification was not measured.")] = "没有测量 JWT 目标每个请求的 CPU 或一次验证的开销。",
            [("4.2", "H3", "The CPU ran out, mostly in the JWT backends, and signature checks are most of their work: {0}.")] = "CPU 耗尽，主要消耗在 JWT 服务器上，且签名验证占其大部分工作：{0}。",
            [("4.2", "H3", "Signature verification is not what limits JWT: {0}{1}.")] = "限制 JWT 的不是签名验证：{0}{1}。",
            [("4.2", "H3", "Signature checks are a sizeable part of the JWT backends' CPU, but not clearly the limit: {0}.")] = "签名验证占 JWT 服务器 CPU 的相当一部分，但并不明显是瓶颈：{0}。",

            // The lab's own experiments beyond the plan's twelve (their templated sentences).
            [("1.4", "H1", "ip_hash: {0} users from one /24 landed on {1}; {2} of them got 200 from that backend on every request.")] =
                "ip_hash：来自同一 /24 网段的 {0} 个用户分布为 {1}；其中 {2} 个用户的每个请求都从该后端得到 200。",
            [("1.4", "H2", "cookie affinity: {0} users from one /24 landed on {1} (largest share {2} %, allowed {3} %).")] =
                "Cookie 亲和性：来自同一 /24 网段的 {0} 个用户分布为 {1}（最大占比 {2} %，允许上限 {3} %）。",
            [("1.4", "H3", "{0} of {1} users got 200 from their own backend on all {2} requests{3}.")] =
                "{1} 个用户中有 {0} 个在全部 {2} 个请求中都从自己的后端得到 200{3}。",
            [("1.5", "H1", "{0}.")] =
                "{0}。",
            [("1.5", "H4", "{0} of {1} users of the other backends got 200 from their own backend at the crash and after the return.")] =
                "其他后端的 {1} 个用户中，有 {0} 个在崩溃时和被杀后端恢复后都从自己的后端得到 200。",
            [("2.4", "H1", "/logout-all from {0} ended {1} session(s) ({2}); afterwards {3} of {4} devices got 401 ({5}), {6} session key(s) were left in Redis{7}.")] =
                "从 {0} 发出的 /logout-all 结束了 {1} 个 Session（{2}）；之后 {4} 台设备中有 {3} 台得到 401（{5}），Redis 中剩余 {6} 个 Session Key{7}。",
            [("2.4", "H2", "After {0} sessions expired idle (TTL {1} s) the index still held {2} member(s) before any read; GET /sessions listed {3} ({4} expired), and afterwards the index held {5} ({6} expired).")] =
                "{0} 个 Session 因空闲过期（TTL {1} s）后，在任何读取之前索引中仍有 {2} 个成员；GET /sessions 列出了 {3} 个（其中 {4} 个已过期），之后索引中有 {5} 个（其中 {6} 个已过期）。",
            [("2.4", "H3", "/logout-all on {0} ended {1} session(s), scope \"{2}\"; the caller then got {3}, and {4} of {5} devices on other backends kept their session ({6}).")] =
                "{0} 上的 /logout-all 结束了 {1} 个 Session，范围为 \"{2}\"；随后调用方得到 {3}，其他后端上的 {5} 台设备中有 {4} 台保住了 Session（{6}）。",
            [("2.5", "H1", "{0}: {1} of {2} requests over {3} s before the {4} s limit got 200 (idle TTL {5} s); past it {6}{7}.")] =
                "{0}：在 {4} s 上限之前的 {3} s 内，{2} 个请求中有 {1} 个得到 200（空闲 TTL {5} s）；超过上限后：{6}{7}。",
            [("2.5", "H2", "{0} TTL readings after a 200, {1} of them in the last {2} s before the limit: the furthest reached {3} ms {4} the limit (allowed: {5} ms past it); an idle TTL would have reached {6} s past a read.")] =
                "得到 200 后读取 TTL {0} 次，其中 {1} 次在上限前的最后 {2} s 内：最远的一次{4}上限 {3} ms（允许超出上限 {5} ms）；单纯的空闲 TTL 会到达读取后 {6} s。",
            [("3.4", "H1", "Two refreshes got {0} and {1}, their access tokens {2} and {3}; {4} distinct refresh tokens of 3; the first access token got {5} {6} s + skew later.")] =
                "两次刷新分别得到 {0} 和 {1}，其 Access Token 分别得到 {2} 和 {3}；3 个 Refresh Token 中有 {4} 个互不相同；{6} s + 时钟偏差之后，第一个 Access Token 得到 {5}。",
            [("3.4", "H3", "With revocation on, the thief's access token got {0} before the replay and {1} after it; the victim's {2}.")] =
                "开启撤销检查时，攻击者的 Access Token 在重放前得到 {0}，重放后得到 {1}；受害者的 Access Token 得到 {2}。",
            [("3.4", "H5", "With revocation off, after the family was revoked and after /logout-all, /profile answered the access tokens {0}.")] =
                "不开启撤销检查时，在家族被撤销后以及 /logout-all 之后，/profile 对这些 Access Token 的应答为 {0}。",
            [("3.4", "H6", "{0} of {1} refreshes before the {2} s limit got 200 (refresh_expires_in counting down: {3}); past it {4}.")] =
                "{2} s 上限之前的 {1} 次刷新中有 {0} 次得到 200（refresh_expires_in 依次递减：{3}）；超过上限后：{4}。",
            [("5.1", "H1", "{0} ids had lengths {1} over an alphabet of {2} symbols ({3}), decoding to {4}.")] =
                "{0} 个 ID 的长度为 {1}，使用含 {2} 个符号的字母表（{3}），解码后为 {4}。",
            [("5.1", "H2", "Σ log2(distinct symbols per position) = {0} bits over {1} ids, and the worst position's chi-square was {2} against a critical value of {3}.")] =
                "基于 {1} 个 ID，Σ log2(每个位置的不同符号数) = {0} bits；最差位置的卡方值为 {2}，临界值为 {3}。",
            [("5.1", "H3", "{0} duplicates among {1} ids.")] =
                "{1} 个 ID 中有 {0} 个重复。",
            [("5.1", "H4", "Successive ids shared {0} leading characters on average (chance ≈ 0.016) and at most {1} (chance ≈ {2}).")] =
                "连续生成的 ID 平均共享 {0} 个前导字符（随机情况 ≈ 0.016），最多 {1} 个（随机情况 ≈ {2}）。",
            [("5.2", "H1", "sticky: HttpOnly yes, SameSite=lax, Path=/, Secure not set (plain HTTP lab); redis: HttpOnly yes, SameSite=lax, Path=/, Secure not set (plain HTTP lab).")] =
                "sticky：HttpOnly 已设置，SameSite=lax，Path=/，Secure 未设置（纯 HTTP 实验）；redis：HttpOnly 已设置，SameSite=lax，Path=/，Secure 未设置（纯 HTTP 实验）。",
            [("5.2", "H4", "Before logout {0}, logout {1}, replay on /profile-with-blacklist {2} (on the stateless /profile: {3}).")] =
                "登出前：{0}；登出：{1}；在 /profile-with-blacklist 上重放：{2}（在无状态的 /profile 上：{3}）。",
            [("5.4", "H2", "{0} of {1} refusals by a backend carried a JSON error; {2} requests were refused by the load balancer itself{3}.")] =
                "后端给出的 {1} 个拒绝中有 {0} 个带有 JSON 错误；{2} 个请求被负载均衡器自身拒绝{3}。",
            [("5.5", "H1", "{0} of {1} guessed ids were refused ({2} × 401, {3} × 429) and {4} got 200 (other statuses: {5}).")] =
                "{1} 个猜测的 ID 中有 {0} 个被拒绝（{2} × 401，{3} × 429），{4} 个得到 200（其他状态码：{5}）。",
            [("5.5", "H3", "Median {0} ms idle ({1} requests before and after) and {2} ms during the guessing ({3} requests), {4}×; {5} of the user's requests did not get 200.")] =
                "空闲时中位数 {0} ms（猜测前后共 {1} 个请求），猜测期间中位数 {2} ms（{3} 个请求），为 {4}×；该用户有 {5} 个请求没有得到 200。",
            [("6.1", "H2", "{0}; the load saw {1} refused and {2} failed.")] =
                "{0}；负载中被拒绝：{1}，失败：{2}。",
            [("6.2", "H2", "{0} s after Redis answered PING again, the probe got {1} from a backend (no backend restarted).")] =
                "Redis 重新响应 PING 后 {0} s，探测请求从后端得到 {1}（未重启任何后端）。",
            [("6.2", "H3", "{0} of {1} JWT requests failed ({2}) while Redis was killed and restarted.")] =
                "Redis 被杀掉并重启期间，{1} 个 JWT 请求中有 {0} 个失败（{2}）。",
            [("6.6", "H1", "{0} of {1} sessions answered 200 after the restart ({2} lost, {3} other); replaying the file took the store {4} ms to answer PING.")] =
                "重启后，{1} 个 Session 中有 {0} 个返回 200（{2} 个丢失，{3} 个其他）；存储重放该文件，用了 {4} ms 才响应 PING。",
            [("6.6", "H2", "{0} of {1} sampled keys kept their remaining TTL (±{2} s): {3}.")] =
                "{1} 个抽样 Key 中有 {0} 个保持了剩余 TTL（±{2} s）：{3}。",
            [("6.6", "H3", "{0} of {1} sessions answered 401 after the restart ({2} kept, {3} other).")] =
                "重启后，{1} 个 Session 中有 {0} 个返回 401（{2} 个保留，{3} 个其他）。",
            [("6.6", "H4", "After the restart the revoked token got {0} with AOF and {1} without persistence.")] =
                "重启后，已撤销的 Token 在开启 AOF 时得到 {0}，不开启持久化时得到 {1}。",
            [("6.7", "H4", "Median {0} ms at +0 ms and {1} ms at +{2} ms; {3} failed.")] =
                "+0 ms 时中位数 {0} ms，+{2} ms 时中位数 {1} ms；失败 {3} 个。",
            [("6.8", "H3", "Of {0} acknowledged logins {1} sessions were missing after {2}, of {3} acknowledged revocations {4} tokens were accepted again ({5} unanswered).")] =
                "{2} 之后，{0} 次已确认的登录中有 {1} 个 Session 缺失，{3} 次已确认的撤销中有 {4} 个 Token 重新被接受（{5} 个无应答）。",
            [("6.8", "H4", "With WAIT 1: of {0} acknowledged logins {1} sessions were missing, of {2} acknowledged revocations {3} tokens were accepted again; unavailable {4} s (redis) and {5} s (JWT + revocation).")] =
                "使用 WAIT 1 时：{0} 次已确认的登录中有 {1} 个 Session 缺失，{2} 次已确认的撤销中有 {3} 个 Token 重新被接受；不可用时长 {4} s（redis）和 {5} s（JWT + 撤销）。",
            [("6.8", "H5", "{0}; {1}: the rounds disagree, so the cost is within the noise of this machine.")] =
                "{0}；{1}：各轮结果不一致，因此该开销在本机的噪声范围之内。",
            [("6.9", "H1", "Failed requests on the shards not killed: {0}; on the killed shard ({1}, {2}): {3} of {4}.")] =
                "未被杀分片上的失败请求：{0}；被杀分片（{1}，{2}）上：{4} 个中有 {3} 个。",
            [("6.9", "H2", "{0}'s sessions were unavailable {1} s (first failure {2} s, first success after it {3} s after the kill); {4}; limit {5} s (cluster-node-timeout {6} s + {7} s); backend {8}.")] =
                "{0} 的 Session 不可用 {1} s（kill 后 {2} s 首次失败，其后首次成功在 kill 后 {3} s）；{4}；上限 {5} s（cluster-node-timeout {6} s + {7} s）；后端：{8}。",
            [("6.9", "H4", "Of {0} acknowledged logins {1} sessions were missing after the failover ({2} of the {3} on the killed shard; {4} unanswered).")] =
                "故障转移后，{0} 次已确认的登录中有 {1} 个 Session 缺失（被杀分片上的 {3} 个中有 {2} 个；{4} 个无应答）。",
            [("6.9", "H5", "/debug/sessions counted {0} sessions; of the {1} the lab holds alive it missed {2}; by shard (held / listed): {3}.")] =
                "/debug/sessions 统计到 {0} 个 Session；在实验持有的 {1} 个存活 Session 中，它漏掉了 {2} 个；按分片（持有 / 列出）：{3}。",
            [("2.5", "H3", "{0}: {1} of {2} requests over {3} s before the {4} s limit got 200 (idle TTL {5} s); past it {6}{7}.")] =
                "{0}：在 {4} s 上限之前的 {3} s 内，{2} 个请求中有 {1} 个得到 200（空闲 TTL {5} s）；超过上限后：{6}{7}。",
        };

        // 4.1 and 4.2 judge orderings with one shared sentence (OrderingJudgement) for every hypothesis.
        foreach (var hypothesis in new[] { "H2", "H3" })
        {
            all[("4.2", hypothesis, "The machine was busy with work outside the lab, so what limits the scheme cannot be told from this run: {0}.")] =
                "机器同时在处理实验室之外的工作，因此无法从本次运行判断该方案受什么限制：{0}。";
        }

        // 4.2's ranking hypotheses are H1, H4 and H5 since the plan's own H2/H3 are judged from where the CPU goes.
        foreach (var (experiment, hypotheses) in new[] { ("4.1", new[] { "H1", "H2", "H3" }), ("4.2", new[] { "H1", "H4", "H5" }) })
        {
            foreach (var hypothesis in hypotheses)
            {
                all[(experiment, hypothesis, "Not measured: {0}.")] = "未测量：{0}。";
                all[(experiment, hypothesis, "{0} (median of rounds, 95 % interval): {1}. Paired per round: {2}.")] = "{0}（各轮中位数，95 % 区间）：{1}。逐轮配对：{2}。";
            }
        }

        // 4.3 H3 and H4: one measured sentence, then the ending its verdict adds (Extend), so each verdict's template is their concatenation.
        const string SignatureCost = "One HS256 verification costs {0} µs of CPU and issuing a token {1} µs, against {2} µs to check a signed session id: {3}× (paired batches, the backends' own code)";
        foreach (var (ending, chinese) in new[]
        {
            ("; a sticky or Redis backend spends CPU on its id's HMAC and a lookup, not on a signature over a whole token.", "；sticky 或 Redis 服务器的 CPU 花在其 ID 的 HMAC 和一次查找上，而不是对整个 Token 的签名上。"),
            (": verifying a JWT costs less than checking a session id.", "；验证 JWT 的开销低于检查 Session ID。"),
            (", within the noise of the batches.", "，在批次的噪声范围之内。"),
        })
        {
            all[("4.3", "H3", SignatureCost + ending)] = "一次 HS256 验证耗费 {0} µs CPU，签发一个 Token 耗费 {1} µs，检查一个签名的 Session ID 耗费 {2} µs：{3}×（成对批次，服务器自己的代码）" + chinese;
        }

        const string JwtMemory = "JWT logins changed a backend's heap by {0} and Redis by {1} per login; the state travels in a {2}-byte token instead.";
        foreach (var (ending, chinese) in new[]
        {
            (" The retention repeats at every size, so something keeps memory per login.", "这种保留在每个规模下都重复出现，说明有东西为每次登录保留了内存。"),
            (" No per-login retention repeats across sizes: the differences are the heap's noise.", "没有在各规模间重复出现的按登录保留：这些差异是堆的噪声。"),
        })
        {
            all[("4.3", "H4", JwtMemory + ending)] = "每次 JWT 登录使服务器的堆变化 {0}，使 Redis 变化 {1}；状态改由一个 {2} 字节的 Token 携带。" + chinese;
        }

        // 4.1 H3 adds the measured gap against one Redis round trip to the ordering.
        all[("4.1", "H3", "{0} (median of rounds, 95 % interval): {1}. Paired per round: {2}. Redis − sticky = {3} ms against a measured Redis PING of {4} ms.")] =
            "{0}（各轮中位数，95 % 区间）：{1}。逐轮配对：{2}。Redis − sticky = {3} ms，而测得的一次 Redis PING 为 {4} ms。";
        return all.ToFrozenDictionary();
    }
}
