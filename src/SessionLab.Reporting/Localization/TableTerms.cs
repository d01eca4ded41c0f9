using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SessionLab.Reporting.Localization;

/// <summary>
/// The experiments' table captions and column titles in Chinese. Like <see cref="ChartTerms"/> they are labels the lab
/// records, not measured text: a caption's measured parts (ids, sizes, seconds) are kept as recorded, and a caption or
/// column not listed here (a new experiment's) is shown in English rather than dropped. Ids (server-1, HttpOnly,
/// /logout-all, fail open) are never translated.
/// </summary>
internal static partial class TableTerms
{
    private static readonly FrozenDictionary<string, string> Columns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["scenario"] = "场景",
        ["requests"] = "请求数",
        ["backends seen"] = "见到的后端",
        ["switches"] = "切换次数",
        ["verdict"] = "结论",
        ["client address"] = "客户端地址",
        ["backend"] = "后端",
        ["request"] = "请求",
        ["port"] = "端口",
        ["status"] = "状态",
        ["answered by"] = "响应者",
        ["user"] = "用户",
        ["session present"] = "Session 存在",
        ["sessions held"] = "持有的 Session",
        ["address"] = "地址",
        ["original backend"] = "原后端",
        ["status after crash"] = "崩溃后状态",
        ["new backend"] = "新后端",
        ["session"] = "Session",
        ["log in again"] = "重新登录",
        ["policy"] = "策略",
        ["backends used"] = "用到的后端",
        ["largest share"] = "最大占比",
        ["logins 200"] = "登录 200",
        ["users all of whose requests got 200 from their backend"] = "所有请求都从自己的后端得到 200 的用户",
        ["users served by another backend"] = "由其他后端服务的用户",
        ["first backend"] = "最初的后端",
        ["at the crash"] = "崩溃时",
        ["logged in again on"] = "重新登录于",
        ["after the return"] = "恢复后",
        ["served by"] = "服务者",
        ["users on server-1"] = "server-1 上的用户",
        ["lost at the crash"] = "崩溃时丢失",
        ["moved and logged in again"] = "迁移并重新登录",
        ["lost again at the return"] = "恢复时再次丢失",
        ["sent back to it"] = "被送回",
        ["other users' sessions lost"] = "其他用户丢失的 Session",
        ["user returned"] = "返回的用户",
        ["store"] = "存储",
        ["share"] = "占比",
        ["key"] = "Key",
        ["value"] = "值",
        ["configured TTL"] = "配置的 TTL",
        ["time"] = "时间",
        ["action"] = "操作",
        ["expected TTL"] = "预期 TTL",
        ["measured TTL"] = "实测 TTL",
        ["who"] = "谁",
        ["normal"] = "正常",
        ["Redis down"] = "Redis 宕机",
        ["Redis back"] = "Redis 恢复",
        ["error"] = "错误",
        ["server"] = "服务器",
        ["latency ms"] = "延迟 ms",
        ["measure"] = "指标",
        ["scheme"] = "方案",
        ["device"] = "设备",
        ["logged in on"] = "登录于",
        ["GET /profile after /logout-all"] = "/logout-all 之后的 GET /profile",
        ["session key in Redis"] = "Redis 中的 Session Key",
        ["GET /sessions before (listed)"] = "之前的 GET /sessions（列出）",
        ["/logout-all status"] = "/logout-all 状态",
        ["scope"] = "范围",
        ["user index in Redis after"] = "之后 Redis 中的用户索引",
        ["200 before the limit"] = "上限前的 200",
        ["last 200 (s to the limit)"] = "最后一次 200（距上限 s）",
        ["first refusal (s past the limit)"] = "首次拒绝（超过上限 s）",
        ["reply after the limit"] = "上限后的响应",
        ["Redis TTL reached past the limit (max, ms)"] = "Redis TTL 超出上限（最大，ms）",
        ["session key after"] = "之后的 Session Key",
        ["depends on a store?"] = "依赖存储？",
        ["part"] = "部分",
        ["field"] = "字段",
        ["seconds from exp"] = "距 exp 的秒数",
        ["token state"] = "Token 状态",
        ["body"] = "响应体",
        ["setting"] = "设置",
        ["step"] = "步骤",
        ["expected"] = "预期",
        ["measured"] = "实测",
        ["path"] = "路径",
        ["endpoint"] = "端点",
        ["mean"] = "平均值",
        ["median"] = "中位数",
        ["min–max"] = "最小–最大",
        ["overhead of the median"] = "中位数的开销",
        ["overhead of the mean"] = "平均值的开销",
        ["per-round median overhead (min–max)"] = "每轮中位数开销（最小–最大）",
        ["rounds × requests per endpoint"] = "轮数 × 每个端点的请求数",
        ["failed requests"] = "失败的请求",
        ["reply"] = "响应",
        ["variant"] = "方案",
        ["thief's refresh"] = "攻击者的刷新",
        ["thief's access token"] = "攻击者的 Access Token",
        ["victim's replay"] = "受害者的重放",
        ["thief's next refresh"] = "攻击者的下一次刷新",
        ["thief's access token after"] = "之后攻击者的 Access Token",
        ["victim's access token after"] = "之后受害者的 Access Token",
        ["families revoked"] = "撤销的家族数",
        ["its refresh token after"] = "之后它的 Refresh Token",
        ["its access token after (GET /profile)"] = "之后它的 Access Token（GET /profile）",
        ["target"] = "目标",
        ["rounds"] = "轮数",
        ["goal"] = "目标值",
        ["met"] = "达成",
        ["noise"] = "噪声",
        ["failed"] = "失败",
        ["vs ceiling on the same balancer (paired per round)"] = "相对同一负载均衡器上限（每轮配对）",
        ["process"] = "进程",
        ["what"] = "项目",
        ["backends"] = "后端",
        ["tool"] = "工具",
        ["QPS (median of rounds, 95 % interval)"] = "QPS（各轮中位数，95% 区间）",
        ["total time (s)"] = "总时间 (s)",
        ["mean latency (ms)"] = "平均延迟 (ms)",
        ["failed or non-2xx"] = "失败或非 2xx",
        ["state lives in"] = "状态存放于",
        ["bytes per session at each size"] = "各规模下每个 Session 的字节数",
        ["growth"] = "增长",
        ["size #repeat"] = "规模 #重复",
        ["logins failed"] = "失败的登录",
        ["backend heap"] = "后端堆",
        ["backend RSS"] = "后端 RSS",
        ["store (used_memory)"] = "存储（used_memory）",
        ["records expired meanwhile"] = "期间过期的记录",
        ["observed"] = "观察到",
        ["probe"] = "探测",
        ["observed status"] = "观察到的状态",
        ["observed error"] = "观察到的错误",
        ["refused by"] = "拒绝者",
        ["legitimate client right after"] = "紧随其后的合法客户端",
        ["guesses"] = "猜测次数",
        ["duration"] = "时长",
        ["guesses/s"] = "猜测/s",
        ["401 (refused, budget spent)"] = "401（拒绝，额度用尽）",
        ["429 (throttled)"] = "429（被限流）",
        ["other statuses"] = "其他状态",
        ["store misses (INFO)"] = "存储未命中（INFO）",
        ["budget: 401s allowed"] = "额度：允许的 401 数",
        ["phase"] = "阶段",
        ["non-200"] = "非 200",
        ["median ms"] = "中位数 ms",
        ["max ms"] = "最大 ms",
        ["attempts"] = "尝试次数",
        ["replies"] = "响应",
        ["record"] = "记录",
        ["written"] = "已写入",
        ["files"] = "文件",
        ["lines"] = "行",
        ["searched for"] = "搜索内容",
        ["found"] = "找到",
        ["killed"] = "被杀掉的",
        ["kill at (s)"] = "kill 时间 (s)",
        ["failed: 5xx, transport (by kind)"] = "失败：5xx、传输错误（按类型）",
        ["failures per second"] = "每秒失败数",
        ["refused: 4xx, session gone (by kind)"] = "被拒绝：4xx，Session 已失效（按类型）",
        ["refusals per second"] = "每秒拒绝数",
        ["probe after the kill"] = "kill 之后的探测",
        ["first probe answer from a live backend"] = "存活后端的首个探测响应",
        ["slowest probe after the kill (ms)"] = "kill 之后最慢的探测 (ms)",
        ["load P99 / max (ms)"] = "负载 P99 / 最大 (ms)",
        ["sessions after the load"] = "负载之后的 Session",
        ["redis scheme"] = "redis 方案",
        ["jwt (no revocation)"] = "jwt（无撤销）",
        ["procedure"] = "流程",
        ["stopped"] = "被停止的",
        ["stop at (s)"] = "停止时间 (s)",
        ["stop took (s)"] = "停止耗时 (s)",
        ["transport failures"] = "传输错误",
        ["probe after the stop"] = "停止之后的探测",
        ["its /health after the start"] = "启动后它的 /health",
        ["failed (by kind)"] = "失败（按类型）",
        ["sessions after the soak"] = "浸泡后的 Session",
        ["heap before (MB)"] = "之前的堆 (MB)",
        ["heap after (MB)"] = "之后的堆 (MB)",
        ["heap growth (MB)"] = "堆增长 (MB)",
        ["working set before (MB)"] = "之前的工作集 (MB)",
        ["working set after (MB)"] = "之后的工作集 (MB)",
        ["sessions"] = "Session 数",
        ["kept (200)"] = "保留（200）",
        ["lost (401)"] = "丢失（401）",
        ["other"] = "其他",
        ["restart until PING (ms)"] = "重启到 PING 响应 (ms)",
        ["revoked token after the restart"] = "重启后的已撤销 Token",
        ["TTL before the kill → after the restart"] = "kill 前的 TTL → 重启后",
        ["kept?"] = "保留？",
        ["added delay (ms)"] = "增加的延迟 (ms)",
        ["serial non-200"] = "串行非 200",
        ["slowest (ms)"] = "最慢 (ms)",
        ["redis scheme (sessions)"] = "redis 方案（Session）",
        ["write"] = "写入",
        ["P50 with WAIT 1"] = "WAIT 1 时的 P50",
        ["P99 with WAIT 1"] = "WAIT 1 时的 P99",
        ["shard (primary at the start)"] = "分片（开始时的主节点）",
        ["slots"] = "槽",
        ["readers"] = "读取者",
        ["readers with a failure"] = "有失败的读取者",
        ["first failure / first success after it"] = "首次失败 / 其后首次成功",
        ["unavailable (s)"] = "不可用 (s)",
        ["logins acknowledged / missing afterwards"] = "确认的登录 / 之后缺失",
        ["shard"] = "分片",
        ["sessions the lab holds alive"] = "实验保持存活的 Session",
        ["listed"] = "已列出",
        ["held but not listed"] = "持有但未列出",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Captions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Routing per scenario"] = "各场景的路由",
        ["Distribution of distinct-/24 clients"] = "不同 /24 客户端的分布",
        ["Login and profile via the sticky load balancer"] = "经粘性负载均衡器登录并访问 profile",
        ["The session cookie sent directly to each sticky backend (present: listed by its own /debug/sessions)"] = "把 Session Cookie 直接发给每个粘性后端（存在：出现在它自己的 /debug/sessions 中）",
        ["Did each user stay on its backend? (5 GET /profile per user)"] = "每个用户是否留在自己的后端？（每个用户 5 次 GET /profile）",
        ["Sessions lost"] = "丢失的 Session",
        ["The session cookie on each redis backend"] = "Session Cookie 在每个 redis 后端上",
        ["Round-robin distribution of 20 GET /profile"] = "20 次 GET /profile 的轮询分布",
        ["The session in Redis"] = "Redis 中的 Session",
        ["Status per phase and user"] = "各阶段、各用户的状态",
        ["Requests while Redis was down"] = "Redis 宕机期间的请求",
        ["Recovery after the restart"] = "重启后的恢复",
        ["One user on three devices: POST /logout-all from one of them"] = "一个用户三台设备：从其中一台 POST /logout-all",
        ["The /logout-all replies"] = "/logout-all 的响应",
        ["Scenarios"] = "场景",
        ["The token decoded without the key (anyone holding it can read it)"] = "不用密钥解码 Token（任何持有者都能读取）",
        ["Timeline of one short token"] = "一个短期 Token 的时间线",
        ["Token and validation settings"] = "Token 与验证设置",
        ["Logout and blacklist"] = "登出与黑名单",
        ["Latency with a valid token (successful requests, ms)"] = "有效 Token 的延迟（成功请求，ms）",
        ["Cost of the blacklist check"] = "黑名单检查的开销",
        ["A stolen refresh token: the thief refreshes first, then the victim presents the retired token"] = "被盗的 Refresh Token：攻击者先刷新，受害者再出示已作废的 Token",
        ["Redis round trip from the lab, and what Redis sessions add to it"] = "实验端到 Redis 的往返时间，以及 Redis Session 在其上增加的开销",
        ["Targets (paired ratios of this run, judged beyond their interval)"] = "目标值（本次运行的配对比值，超出区间才判定）",
        ["CPU under load (median of rounds, percent of one core)"] = "负载下的 CPU（各轮中位数，单核百分比）",
        ["CPU per request and per credential check (µs, median, 95 % interval)"] = "每个请求与每次凭证检查的 CPU（µs，中位数，95% 区间）",
        ["Which backends the load reached (logins per backend, last round)"] = "负载到达了哪些后端（每个后端的登录数，最后一轮）",
        ["Load generator vs wrk on the same endpoint (alternating rounds)"] = "负载生成器与 wrk 在同一端点上的对比（交替轮次）",
        ["Every measurement (per session; a redis or JWT backend sees a third of the logins)"] = "全部测量（每个 Session；一个 redis 或 JWT 后端收到三分之一的登录）",
        ["Other facts"] = "其他事实",
        ["CPU while idle (percent of one core)"] = "空闲时的 CPU（单核百分比）",
        ["Session ids collected from logins"] = "从登录收集的 Session ID",
        ["Session cookie attributes (Set-Cookie of the login and of the logout)"] = "Session Cookie 属性（登录与登出的 Set-Cookie）",
        ["Session fixation and logout (request, expected, observed)"] = "Session 固定与登出（请求、预期、观察）",
        ["Forged and malformed tokens against GET /profile"] = "用伪造和畸形的 Token 请求 GET /profile",
        ["Garbage requests (each followed by a legitimate GET /profile)"] = "垃圾请求（每个之后跟一个合法的 GET /profile）",
        ["Guessed session ids against the redis load balancer"] = "向 redis 负载均衡器猜测 Session ID",
        ["Legitimate user's GET /profile latency"] = "合法用户的 GET /profile 延迟",
        ["An anonymous client against backends with a users file"] = "匿名客户端访问配置了用户文件的后端",
        ["Password guessing against the JWT backend (budgets: per address, per username)"] = "对 JWT 后端猜测密码（额度：按地址、按用户名）",
        ["Session records written into Redis without the server's key"] = "不用服务器密钥写入 Redis 的 Session 记录",
        ["Secrets searched for in every file of the run"] = "在本次运行的每个文件中搜索密钥",
        ["Each scheme under load while one backend is killed (kill -9)"] = "负载下杀掉一个后端（kill -9）时的各方案",
        ["Redis killed and restarted under load"] = "负载下杀掉并重启 Redis",
        ["Each scheme under load while one backend restarts: (a) SIGTERM alone, (b) taken out of the balancer's rotation first, SIGTERM, start, back into rotation"] = "负载下重启一个后端时的各方案：(a) 仅 SIGTERM，(b) 先从负载均衡器摘除，SIGTERM，启动，再加回",
        ["Backend memory before and after the soak (live managed heap after a full GC; working set)"] = "浸泡前后的后端内存（完整 GC 后的存活托管堆；工作集）",
        ["JWT with revocation: Redis killed and restarted under load"] = "带撤销的 JWT：负载下杀掉并重启 Redis",
        ["Sessions and a revocation across kill -9 and restart of the store"] = "存储 kill -9 并重启前后的 Session 与撤销",
        ["Remaining TTL of sampled session keys"] = "抽样 Session Key 的剩余 TTL",
        ["Latency and throughput as the store slows down (backends directly, no load balancer)"] = "存储变慢时的延迟与吞吐量（直接访问后端，无负载均衡器）",
        ["Calm write latency without and with WAIT 1 (ms, serial, one backend each)"] = "平稳时不带与带 WAIT 1 的写入延迟（ms，串行，各一个后端）",
        ["One shard's primary killed under load, by shard (times in s after the kill)"] = "负载下杀掉一个分片的主节点，按分片（时间为 kill 之后的 s）",
        ["/debug/sessions after the failover, by shard"] = "故障转移后的 /debug/sessions，按分片",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>First columns whose cells are labels the lab writes (a measure, a step, a phase), not measured values.</summary>
    private static readonly FrozenSet<string> LabelColumns = new[] { "measure", "setting", "what", "step", "phase" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> RowLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Redis down for (kill -9 → answering PING again)"] = "Redis 宕机时长（kill -9 → 再次响应 PING）",
        ["first successful login after Redis answered PING"] = "Redis 响应 PING 后的首次成功登录",
        ["every backend accepted a login after"] = "所有后端都接受登录的时间",
        ["last failure while reconnecting"] = "重连期间的最后一次失败",
        ["session keys in Redis before the outage"] = "宕机前 Redis 中的 Session Key",
        ["the same keys after the restart"] = "重启后的同一批 Key",
        ["the new user's /profile after the restart"] = "重启后新用户的 /profile",
        ["expired sessions"] = "已过期的 Session",
        ["index members after the logins"] = "登录后的索引成员",
        ["index members after both expired, before any read"] = "两者过期后、任何读取前的索引成员",
        ["fresh session"] = "新的 Session",
        ["GET /sessions lists"] = "GET /sessions 列出",
        ["index members after that read"] = "该次读取后的索引成员",
        ["lifetime (exp − iat of the token received)"] = "有效期（收到的 Token 的 exp − iat）",
        ["expires_in in the login reply"] = "登录响应中的 expires_in",
        ["clock skew configured on the backends"] = "后端配置的时钟偏差",
        ["forged token differs from the original in"] = "伪造 Token 与原 Token 的差异",
        ["/profile-with-blacklist before logout"] = "登出前的 /profile-with-blacklist",
        ["blacklist entry after logout (2 h token)"] = "登出后的黑名单条目（2 h Token）",
        ["revoked token on plain /profile"] = "已撤销 Token 访问普通 /profile",
        ["blacklist entry after logout (short token)"] = "登出后的黑名单条目（短期 Token）",
        ["the short token on /profile-with-blacklist then"] = "此时短期 Token 访问 /profile-with-blacklist",
        ["POST /refresh with the login's refresh token"] = "用登录得到的 Refresh Token 调用 POST /refresh",
        ["GET /profile with the new access token"] = "用新的 Access Token 调用 GET /profile",
        ["GET /profile with it once its lifetime passed"] = "其有效期过后再用它调用 GET /profile",
        ["POST /refresh with the rotated refresh token"] = "用轮换后的 Refresh Token 调用 POST /refresh",
        ["GET /profile with the newest access token"] = "用最新的 Access Token 调用 GET /profile",
        ["distinct refresh tokens seen"] = "见到的不同 Refresh Token 数",
        ["refreshes before the limit"] = "上限前的刷新",
        ["refresh_expires_in over them (s)"] = "其间的 refresh_expires_in (s)",
        ["after the limit"] = "上限之后",
        ["PING (median of batches, 95 % interval)"] = "PING（各批中位数，95% 区间）",
        ["Redis P50 − sticky P50 (per round)"] = "Redis P50 − sticky P50（每轮）",
        ["one HS256 JWT verification (TokenService.ValidateAsync)"] = "一次 HS256 JWT 验证（TokenService.ValidateAsync）",
        ["one HS256 JWT issued (TokenService.Issue)"] = "签发一个 HS256 JWT（TokenService.Issue）",
        ["one signed session-id check (SessionIds.IsAuthentic)"] = "一次签名 Session ID 检查（SessionIds.IsAuthentic）",
        ["redis: MEMORY USAGE of one session key"] = "redis：一个 Session Key 的 MEMORY USAGE",
        ["jwt: mean token size"] = "jwt：Token 平均大小",
        ["ids collected (failed logins)"] = "收集的 ID（失败的登录）",
        ["lengths seen"] = "见到的长度",
        ["alphabet observed"] = "观察到的字母表",
        ["decoded length"] = "解码后长度",
        ["distinct symbols per position (min over all but the last / the last)"] = "每个位置的不同符号数（除最后一位外的最小值 / 最后一位）",
        ["estimated entropy: Σ log2(distinct symbols per position)"] = "估计熵：Σ log2(每个位置的不同符号数)",
        ["Shannon entropy of the observed symbols, summed over positions (biased low by the sample size)"] = "观察到的符号的香农熵，按位置求和（受样本量影响偏低）",
        ["worst per-position chi-square / its 0.01 % critical value"] = "最差位置的卡方值 / 其 0.01% 临界值",
        ["duplicates"] = "重复",
        ["idle, before the guessing"] = "空闲，猜测之前",
        ["during the guessing"] = "猜测期间",
        ["idle, after the guessing"] = "空闲，猜测之后",
        ["wrong passwords for alice from one address"] = "从同一地址为 alice 尝试错误密码",
        ["the right password from that address"] = "从该地址使用正确密码",
        ["alice from another address"] = "alice 从另一地址登录",
        ["wrong passwords for alice, each from a fresh address"] = "为 alice 尝试错误密码，每次来自新地址",
        ["alice from a fresh address, right password"] = "alice 从新地址用正确密码登录",
        ["alice from a fresh address with the login-device cookie of its earlier login"] = "alice 从新地址登录，带着此前登录的 login-device Cookie",
        ["bob from a fresh address"] = "bob 从新地址登录",
        ["requests"] = "请求数",
        ["failed: 5xx, transport (by kind)"] = "失败：5xx、传输错误（按类型）",
        ["failures per second"] = "每秒失败数",
        ["refused: 4xx, session gone (by kind)"] = "被拒绝：4xx，Session 已失效（按类型）",
        ["refusals per second"] = "每秒拒绝数",
        ["Redis killed / answering again (s into the load)"] = "Redis 被杀 / 再次响应（负载开始后的 s）",
        ["probe replies while Redis was down"] = "Redis 宕机期间的探测响应",
        ["P99 / max of those (ms)"] = "这些响应的 P99 / 最大 (ms)",
        ["first reply from the store after Redis answered again"] = "Redis 再次响应后来自存储的首个响应",
        ["load P99 / max (ms)"] = "负载 P99 / 最大 (ms)",
        ["legitimate token while Redis was down"] = "Redis 宕机期间的合法 Token",
        ["P99 of those (ms)"] = "这些请求的 P99 (ms)",
        ["revoked token before the outage"] = "宕机前的已撤销 Token",
        ["revoked token while Redis was down"] = "Redis 宕机期间的已撤销 Token",
        ["revoked token once Redis was back"] = "Redis 恢复后的已撤销 Token",
        ["killed"] = "被杀掉的",
        ["Sentinel announced the new primary (s after the kill)"] = "Sentinel 宣布新的主节点（kill 后的 s）",
        ["reads (/profile; /profile-with-blacklist): first failure / first success after it (s after the kill)"] = "读取（/profile；/profile-with-blacklist）：首次失败 / 其后首次成功（kill 后的 s）",
        ["writes (login; logout = revocation): first failure / first success after it (s after the kill)"] = "写入（登录；登出 = 撤销）：首次失败 / 其后首次成功（kill 后的 s）",
        ["unavailable to users, reads / writes (s)"] = "用户不可用时长，读取 / 写入 (s)",
        ["first success after the announcement, reads / writes (s)"] = "宣布之后的首次成功，读取 / 写入 (s)",
        ["failed reads (probe) / failed writes after the kill"] = "kill 后失败的读取（探测）/ 失败的写入",
        ["writes acknowledged (login 200 / logout 200)"] = "已确认的写入（登录 200 / 登出 200）",
        ["of those missing afterwards"] = "其中之后缺失的",
        ["of those unanswered when checked"] = "其中检查时无应答的",
        ["read load: requests / failed"] = "读取负载：请求数 / 失败数",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Row labels with measured parts or ids: the pattern, and the Chinese with the same groups.</summary>
    private static readonly (Regex Pattern, string Chinese)[] ComposedRowLabels =
    [
        (new Regex(@"^revoked token on /profile-with-blacklist \((?<where>.+)\)$", RegexOptions.CultureInvariant), "已撤销 Token 访问 /profile-with-blacklist（${where}）"),
        (new Regex(@"^the same entry (?<s>\S+) s after logout$", RegexOptions.CultureInvariant), "登出 ${s} s 后的同一条目"),
        (new Regex(@"^(?<target>.+): backends' CPU per request served$", RegexOptions.CultureInvariant), "${target}：后端每个已服务请求的 CPU"),
        (new Regex(@"^common prefix of successive ids: mean / max \(chance: mean ≈ 1/63, max ≈ (?<max>\S+)\)$", RegexOptions.CultureInvariant), "连续 ID 的公共前缀：平均 / 最大（随机情况：平均 ≈ 1/63，最大 ≈ ${max}）"),
    ];

    /// <summary>
    /// A row's first cell in Chinese when its column holds the lab's labels (<c>measure</c>, <c>step</c>…) and the label
    /// is known; otherwise as recorded (a measured value, an id, or a label not translated yet).
    /// </summary>
    public static string RowLabel(string firstColumn, string recorded)
    {
        if (!LabelColumns.Contains(firstColumn))
        {
            return recorded;
        }

        if (RowLabels.TryGetValue(recorded, out var chinese))
        {
            return chinese;
        }

        foreach (var (pattern, composed) in ComposedRowLabels)
        {
            if (pattern.IsMatch(recorded))
            {
                return pattern.Replace(recorded, composed);
            }
        }

        return recorded;
    }

    /// <summary>Captions with measured parts: the pattern, and the Chinese with the same named groups.</summary>
    private static readonly (Regex Pattern, Func<Match, string> Chinese)[] Composed =
    [
        (UsersAroundKill(), m => $"{m.Groups["b"].Value} 被 kill -9 前后的用户"),
        (UsersFromOneNat(), m => $"同一 /24 的 {m.Groups["n"].Value} 个用户：每个 Session 由哪个后端创建"),
        (StickyAroundFailback(), m => $"{m.Groups["b"].Value} 崩溃与恢复前后的粘性用户（{m.Groups["lb"].Value}）"),
        (TtlOverTime(), m => $"{m.Groups["k"].Value} 的 TTL 随时间的变化（配置的 TTL {m.Groups["t"].Value}）"),
        (IndexAfterIdleExpiry(), m => $"两个 Session 空闲过期后的按用户索引（TTL {m.Groups["t"].Value}）"),
        (SessionKeptBusy(), m => $"保持活跃的 Session：空闲 TTL {m.Groups["i"].Value}，绝对有效期 {m.Groups["a"].Value}"),
        (Rotation(), m => $"轮换（{(m.Groups["r"].Value == "on" ? "开启撤销" : "关闭撤销")}，Access Token 有效期 {m.Groups["l"].Value}）"),
        (LogoutAllFromDevice(), m => $"从 {m.Groups["n"].Value} 台设备中的第 {m.Groups["d"].Value} 台 POST /logout-all"),
        (RefreshingToLimit(), m => $"每 {m.Groups["e"].Value} 刷新一次，直到家族上限（登录后 {m.Groups["l"].Value}）"),
        (SerialLatency(), m => $"单客户端延迟：各轮中位数（95% 区间），每轮 {m.Groups["n"].Value} 个串行请求 (ms)"),
        (ThroughputRounds(), m => $"并发 {m.Groups["c"].Value} 下的吞吐量：{m.Groups["r"].Value} 轮交替、每轮 {m.Groups["s"].Value} 的 QPS 中位数（95% 区间）"),
        (AbRun(), m => $"ab {m.Groups["args"].Value}（计划使用的工具；各运行一次，来自同一地址，不作判定）"),
        (MemoryPerSession(), m => $"每个 Session 的内存，在 {m.Groups["sizes"].Value.Replace(" and ", " 和 ", StringComparison.Ordinal)} 个 Session 时测量（重复的中位数，区间）"),
        (Soak(), m => $"浸泡测试：每个方案 {m.Groups["n"].Value} 个客户端，持续 {m.Groups["s"].Value}"),
        (PastStoreTimeout(), m => $"超过存储超时（{m.Groups["d"].Value}）"),
        (PrimaryKilled(), m => $"负载下杀掉主节点：{(m.Groups["mode"].Value == "asynchronous replication" ? "异步复制" : "每次写入后 WAIT 1")}{(m.Groups["n"].Success ? $"，第 {m.Groups["n"].Value} 次故障转移" : string.Empty)}"),
    ];

    /// <summary>A table's caption in Chinese, or as recorded when it is not known.</summary>
    public static string Caption(string recorded)
    {
        if (Captions.TryGetValue(recorded, out var chinese))
        {
            return chinese;
        }

        foreach (var (pattern, compose) in Composed)
        {
            if (pattern.Match(recorded) is { Success: true } match)
            {
                return compose(match);
            }
        }

        return recorded;
    }

    /// <summary>A column title in Chinese, or as recorded (an id, or not known).</summary>
    public static string Column(string recorded) => Columns.TryGetValue(recorded, out var chinese) ? chinese : recorded;

    /// <summary>Whether <paramref name="recorded"/> is a caption this map translates.</summary>
    public static bool KnowsCaption(string recorded) => Caption(recorded) != recorded;

    /// <summary>Whether <paramref name="recorded"/> is a column title this map translates.</summary>
    public static bool KnowsColumn(string recorded) => Columns.ContainsKey(recorded);

    [GeneratedRegex(@"^Users before and after kill -9 of (?<b>\S+)$")]
    private static partial Regex UsersAroundKill();

    [GeneratedRegex(@"^(?<n>\d+) users from one /24: which backend created each session$")]
    private static partial Regex UsersFromOneNat();

    [GeneratedRegex(@"^Sticky users around the crash and the return of (?<b>\S+) \((?<lb>.+)\)$")]
    private static partial Regex StickyAroundFailback();

    [GeneratedRegex(@"^TTL of (?<k>\S+) over time \(configured TTL (?<t>.+)\)$")]
    private static partial Regex TtlOverTime();

    [GeneratedRegex(@"^The per-user index after two sessions expired idle \(TTL (?<t>.+)\)$")]
    private static partial Regex IndexAfterIdleExpiry();

    [GeneratedRegex(@"^A session kept busy: idle TTL (?<i>.+), absolute lifetime (?<a>.+)$")]
    private static partial Regex SessionKeptBusy();

    [GeneratedRegex(@"^Rotation \(revocation (?<r>on|off), access lifetime (?<l>.+)\)$")]
    private static partial Regex Rotation();

    [GeneratedRegex(@"^POST /logout-all from device (?<d>\d+) of (?<n>\d+)$")]
    private static partial Regex LogoutAllFromDevice();

    [GeneratedRegex(@"^Refreshing every (?<e>.+) up to the family's limit \((?<l>.+) after login\)$")]
    private static partial Regex RefreshingToLimit();

    [GeneratedRegex(@"^Latency of one client: median of rounds \(95 % interval\), (?<n>\S+) requests of serial requests per round \(ms\)$")]
    private static partial Regex SerialLatency();

    [GeneratedRegex(@"^Throughput at concurrency (?<c>\d+): median QPS of (?<r>\d+) interleaved rounds of (?<s>.+) \(95 % interval\)$")]
    private static partial Regex ThroughputRounds();

    [GeneratedRegex(@"^ab (?<args>.+) \(the plan's tool; one run each, from one address, not judged\)$")]
    private static partial Regex AbRun();

    [GeneratedRegex(@"^Memory per session, measured at (?<sizes>.+) sessions \(median of repeats, interval\)$")]
    private static partial Regex MemoryPerSession();

    [GeneratedRegex(@"^Soak: (?<n>\d+) clients for (?<s>.+) per scheme$")]
    private static partial Regex Soak();

    [GeneratedRegex(@"^Past the store timeout \((?<d>.+)\)$")]
    private static partial Regex PastStoreTimeout();

    [GeneratedRegex(@"^Primary killed under load: (?<mode>asynchronous replication|WAIT 1 after every write)(?:, failover (?<n>\d+))?$")]
    private static partial Regex PrimaryKilled();
}
