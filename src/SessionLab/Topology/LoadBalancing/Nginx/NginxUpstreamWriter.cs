namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>One group's <c>upstream</c> and <c>server</c> blocks, with the reasons for every balancing, health and retry setting.</summary>
internal static class NginxUpstreamWriter
{
    public static void Write(NginxConfigText config, NginxUpstream upstream, PassiveHealthOptions health)
    {
        var failTimeout = NginxSyntax.Duration(health.FailTimeout);
        config.Comment($"Group \"{upstream.Name}\": {Describe(upstream.Policy)}, {upstream.Listen} -> {string.Join(", ", upstream.Servers)}.");
        var route = RouteVariable(upstream.Name);
        if (upstream.Policy == BalancingPolicy.CookieAffinity)
        {
            WriteRouteMaps(config, route);
        }

        config.Open($"upstream {upstream.Name}");
        if (upstream.Policy == BalancingPolicy.CookieAffinity)
        {
            config.Comment(
                "Same route cookie, same backend; consistent hashing, so a backend that leaves or returns moves only its own",
                "clients (they return to it when it does). A balancing method must come before keepalive.");
            config.Line($"hash ${route} consistent;");
        }
        else if (upstream.Policy == BalancingPolicy.IpHash)
        {
            config.Comment(
                "Same client address, same backend: IPv4 is hashed on its first three octets only, so all clients of one",
                "/24 (e.g. every 127.0.0.x) share a backend. A balancing method must come before keepalive.");
            config.Line("ip_hash;");
        }
        else
        {
            config.Comment("No balancing directive: round robin, each request to the next backend in turn.");
        }

        config.Comment("Balancing and failure state in shared memory, so every worker sees the same turn and the same dead backends.");
        config.Line($"zone {upstream.Name} 64k;");
        config.Comment(
            $"Passive health checks: after {health.MaxFails} failed attempt(s) within {failTimeout} a backend is left out for {failTimeout},",
            "then tried again; a failure is what proxy_next_upstream below counts (a refused connection, a timeout).");
        if (upstream.Down.Count > 0)
        {
            config.Comment(
                "down: taken out of rotation by the lab before a restart, so no new request is sent to it while it finishes",
                "its own. With ip_hash only its clients move; every other client keeps its backend.");
        }

        foreach (var server in upstream.Servers)
        {
            var down = upstream.Down.Contains(server) ? " down" : "";
            config.Line($"server {server} max_fails={health.MaxFails} fail_timeout={failTimeout}{down};");
        }

        config.Comment("Idle connections to the backends kept open per worker, so a request does not pay a TCP handshake.");
        config.Line("keepalive 64;");
        config.Comment(
            "...but idle for at most this long. A backend stopping gracefully drains for longer (Server:DrainTime), closing",
            "each connection after an answer, so when it stops nginx holds no idle connection to it: none can be closed",
            "under a request nginx has just sent on it (\"upstream prematurely closed\", a 502 for a POST it may not retry).");
        config.Line($"keepalive_timeout {NginxSyntax.Duration(health.KeepaliveTimeout)};");
        config.Close();
        config.Blank();
        config.Open("server");
        config.Line($"listen {upstream.Listen};");
        config.Comment(
            "A header line as large as the backends' whole header limit (Kestrel's default, 32 KiB): an oversized cookie or",
            "token within it reaches the backend and gets its precise JSON error (431 cookie header too large, 401 invalid",
            "token); a larger one is refused here, in JSON (494 becomes 431 below).");
        config.Line("large_client_header_buffers 4 32k;");
        config.Comment(
            "Refusals nginx makes itself answer JSON like the backends, not nginx's HTML pages: an oversized body,",
            "oversized headers (494 inside nginx), or no backend left to try.");
        config.Line("error_page 413 @body_too_large;");
        config.Line("error_page 494 =431 @headers_too_large;");
        config.Line("error_page 502 504 @no_backend;");
        config.Blank();
        WriteJsonError(config, "@body_too_large", 413, "request body too large");
        WriteJsonError(config, "@headers_too_large", 431, "request headers too large");
        WriteJsonError(config, "@no_backend", 502, "no backend available");
        config.Blank();
        config.Open("location /");
        config.Line($"proxy_pass http://{upstream.Name};");
        config.Comment("HTTP/1.1 without \"Connection: close\", or the keepalive connections above would be closed after each request.");
        config.Line("proxy_http_version 1.1;");
        config.Line("proxy_set_header Connection \"\";");
        config.Line("proxy_set_header Host $host;");
        config.Line("proxy_set_header X-Real-IP $remote_addr;");
        config.Line("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
        if (upstream.Policy == BalancingPolicy.CookieAffinity)
        {
            config.Comment("A client without a route cookie gets the one its request was routed by (on every reply: always).");
            config.Line($"add_header Set-Cookie ${route}_cookie always;");
        }

        config.Comment(
            "When a backend refuses the connection (killed) or does not answer in time, try the next one, at most 3",
            "attempts in all: a dead backend costs its clients nothing but a retry. Since nginx 1.9.13 this retries only",
            "idempotent requests (GET, HEAD, ...). non_idempotent stays off on purpose: a POST /login or /logout that",
            "reached a backend before the failure must not run twice.");
        config.Line("proxy_next_upstream error timeout;");
        config.Line("proxy_next_upstream_tries 3;");
        config.Comment("On loopback a dead backend refuses at once, so the connect timeout only matters for a hung one.");
        config.Line($"proxy_connect_timeout {NginxSyntax.Duration(health.ConnectTimeout)};");
        config.Line("proxy_read_timeout 60s;");
        config.Close();
        config.Close();
    }

    private static void WriteJsonError(NginxConfigText config, string location, int status, string message)
    {
        config.Open($"location {location}");
        config.Line("default_type application/json;");
        config.Line($"return {status} '{{\"error\":\"{message}\",\"server_id\":\"load-balancer\"}}';");
        config.Close();
    }

    /// <summary>
    /// The route key and the cookie that carries it: the client's <c>lb_route</c> cookie, or for a client without one a
    /// fresh random key (<c>$request_id</c>, 128 random bits) that the reply then sets. Not the session cookie: a login
    /// has none yet (see <see cref="CookieAffinity"/>).
    /// </summary>
    private static void WriteRouteMaps(NginxConfigText config, string route)
    {
        var cookie = CookieAffinity.CookieName;
        config.Comment(
            $"Cookie affinity: the route key is the client's {cookie} cookie, or a new random one; not $cookie_session_id, which",
            "a login does not have yet (its session would be created on one backend and its id hash to another).");
        config.Open($"map $cookie_{cookie} ${route}");
        config.Line("\"\" $request_id;");
        config.Line($"default $cookie_{cookie};");
        config.Close();
        config.Open($"map $cookie_{cookie} ${route}_cookie");
        config.Line($"\"\" \"{cookie}=$request_id; Path=/; HttpOnly; SameSite=Lax\";");
        config.Line("default \"\";");
        config.Close();
    }

    // nginx variable names take letters, digits and '_' (group names may have '-').
    private static string RouteVariable(string group) => group.Replace('-', '_') + "_route";

    private static string Describe(BalancingPolicy policy) => policy switch
    {
        BalancingPolicy.CookieAffinity => $"cookie affinity ({CookieAffinity.CookieName})",
        BalancingPolicy.IpHash => "IP hash",
        BalancingPolicy.RoundRobin => "round robin",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown balancing policy."),
    };
}
