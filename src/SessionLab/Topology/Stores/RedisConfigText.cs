using System.Globalization;
using System.Text;

namespace SessionLab.Topology.Stores;

/// <summary>A redis.conf (or sentinel.conf) being written: one directive per line, numbers in the invariant culture.</summary>
internal sealed class RedisConfigText
{
    private readonly StringBuilder _text = new();

    /// <summary>
    /// The directives every data node of a replicated store shares: <paramref name="port"/> on loopback, memory only (no
    /// RDB, no AOF, as the lab's single store), its files in <paramref name="dataFolder"/>, and <c>repl-diskless-sync</c>
    /// with no delay, so a replica (re)joins at once.
    /// </summary>
    public static RedisConfigText DataNode(int port, string dataFolder) =>
        new RedisConfigText()
            .Line(string.Create(CultureInfo.InvariantCulture, $"port {port}"))
            .Line("bind 127.0.0.1")
            .Line("save \"\"")
            .Line("appendonly no")
            .Line($"dir {dataFolder}")
            .Line("daemonize no")
            .Line("repl-diskless-sync yes")
            .Line("repl-diskless-sync-delay 0");

    /// <summary><paramref name="port"/> on loopback in the foreground, its files in <paramref name="dataFolder"/>.</summary>
    public static RedisConfigText Listening(int port, string dataFolder) =>
        new RedisConfigText()
            .Line(string.Create(CultureInfo.InvariantCulture, $"port {port}"))
            .Line("bind 127.0.0.1")
            .Line("daemonize no")
            .Line($"dir {dataFolder}");

    public RedisConfigText Line(string directive)
    {
        _text.Append(directive).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();
}
