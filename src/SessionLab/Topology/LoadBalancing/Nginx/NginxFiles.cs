namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>The file names nginx uses inside its run folder, in one place for the writer, the engine and the tests.</summary>
internal static class NginxFiles
{
    /// <summary>The generated configuration.</summary>
    public const string Config = "nginx.conf";

    /// <summary>The master's pid, written by nginx once its ports are bound; a pidfile sweep can find orphans by it.</summary>
    public const string PidFile = "nginx.pid";

    /// <summary>nginx's own error log (<c>error_log</c>).</summary>
    public const string ErrorLog = "nginx-error.log";

    /// <summary>The master's stdout and stderr, captured by the lab.</summary>
    public const string ProcessLog = "nginx.log";
}
