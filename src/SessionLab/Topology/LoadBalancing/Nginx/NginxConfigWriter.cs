using System.Globalization;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>
/// Writes the nginx.conf for a set of groups: pure (groups, health options and folder in, text out), so it is unit-tested
/// on its text, and the Docker Compose config in deploy/ is the same text for container names and paths. The config
/// explains itself in comments, because users are invited to read it and reuse it.
/// </summary>
internal static class NginxConfigWriter
{
    /// <summary>The config for the groups as the lab runs them (IP endpoints), with the backends in <paramref name="outOfRotation"/> marked <c>down</c>.</summary>
    public static string Write(IReadOnlyList<UpstreamGroup> groups, PassiveHealthOptions health, NginxConfigSettings settings, IReadOnlySet<System.Net.IPEndPoint>? outOfRotation = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return Write([.. groups.Select(g => NginxUpstream.From(g, outOfRotation))], health, settings);
    }

    /// <summary>The config for upstreams whose addresses may be host names (e.g. Docker Compose services).</summary>
    public static string Write(IReadOnlyList<NginxUpstream> upstreams, PassiveHealthOptions health, NginxConfigSettings settings)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(settings);
        Validate(upstreams, health);

        var config = new NginxConfigText();
        WriteMain(config, settings);
        config.Blank();
        config.Open("http");
        WriteHttp(config, settings);
        foreach (var upstream in upstreams)
        {
            config.Blank();
            NginxUpstreamWriter.Write(config, upstream, health);
        }

        config.Close();
        return config.ToString();
    }

    private static void WriteMain(NginxConfigText config, NginxConfigSettings settings)
    {
        var folder = settings.RunFolder;
        config.Comment(
            "nginx.conf for Session Lab, written by NginxConfigWriter (change the generator, not this file).",
            $"Run it with: nginx -p {folder.TrimEnd('/')}/ -c {settings.EffectiveConfigFile}",
            $"Every file nginx writes is under {folder}, so it runs without root and never touches /var/lib/nginx.");
        config.Blank();
        config.Comment(
            "In the foreground, as the child of whoever started it (the lab, or a container runtime); the master",
            "still runs, to restart a crashed worker and to stop cleanly (SIGTERM: fast, SIGQUIT: graceful).");
        config.Line("daemon off;");
        config.Line("master_process on;");
        config.Blank();
        config.Comment(
            "One worker. nginx shares the machine with nine backends and the load generator, and one worker proxies",
            "far more than the 10k+ req/s the throughput experiments push; more would only compete for the same cores.",
            "The upstream zones below keep round robin and failure counts shared, so raising this changes no behaviour.");
        config.Line("worker_processes 1;");
        config.Comment("Two descriptors per proxied request (client and backend) for 4096 connections, whatever `ulimit -n` is.");
        config.Line("worker_rlimit_nofile 8192;");
        if (settings.WorkerUser is { } user)
        {
            config.Blank();
            config.Comment(
                $"Workers run as {user}, the user that started nginx. Started by root, the master would otherwise drop",
                "them to nobody, who may not reach the run folder (e.g. under /root) for its temp files. They are no less",
                "isolated than the lab itself, which already runs as that user and listens only on its own addresses.");
            config.Line($"user {user};");
        }

        config.Blank();
        config.Line($"pid {NginxSyntax.Quote(settings.PathOf(NginxFiles.PidFile))};");
        var errorLog = settings.EffectiveErrorLog;
        config.Line($"error_log {(errorLog == "stderr" ? errorLog : NginxSyntax.Quote(errorLog))} warn;");
        config.Blank();
        config.Open("events");
        config.Line("worker_connections 4096;");
        config.Close();
    }

    private static void WriteHttp(NginxConfigText config, NginxConfigSettings settings)
    {
        config.Comment(
            "No access log: at 10k+ req/s a line per request costs CPU and disk writes inside the very numbers being",
            "measured, and the lab already records every request at the client. To watch traffic by hand, use e.g.",
            $"access_log {NginxSyntax.Quote(settings.PathOf("access.log"))} combined buffer=64k flush=1s;");
        config.Line("access_log off;");
        config.Blank();
        config.Comment("Bodies and responses too large for memory buffers go here: inside the run folder, never /var/lib/nginx.");
        foreach (var (directive, folder) in TempPaths)
        {
            config.Line($"{directive} {NginxSyntax.Quote(settings.PathOf(folder))};");
        }
    }

    private static readonly (string Directive, string Folder)[] TempPaths =
    [
        ("client_body_temp_path", "client_body_temp"),
        ("proxy_temp_path", "proxy_temp"),
        ("fastcgi_temp_path", "fastcgi_temp"),
        ("uwsgi_temp_path", "uwsgi_temp"),
        ("scgi_temp_path", "scgi_temp"),
    ];

    private static void Validate(IReadOnlyList<NginxUpstream> upstreams, PassiveHealthOptions health)
    {
        if (upstreams.Count == 0)
        {
            throw new ArgumentException("At least one upstream group is needed.", nameof(upstreams));
        }

        if (health.MaxFails < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"MaxFails must not be negative (0 turns passive health checks off), not {health.MaxFails}."), nameof(health));
        }

        foreach (var upstream in upstreams)
        {
            if (!NginxSyntax.IsPlainName(upstream.Name))
            {
                throw new ArgumentException($"Group name '{upstream.Name}' must be letters, digits, '_' and '-' to name an nginx upstream.", nameof(upstreams));
            }

            if (upstream.Servers.Count == 0)
            {
                throw new ArgumentException($"Group '{upstream.Name}' has no backends.", nameof(upstreams));
            }
        }

        var duplicate = upstreams.GroupBy(u => u.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Group name '{duplicate.Key}' is used twice.", nameof(upstreams));
        }
    }
}
