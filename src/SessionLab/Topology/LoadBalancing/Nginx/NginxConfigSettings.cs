namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>Where a generated nginx.conf puts its files and whom its workers run as.</summary>
/// <param name="RunFolder">
/// Absolute folder for the pid file, the error log and every temp path, so nginx needs no root and never touches
/// <c>/var/lib/nginx</c>. In a container, a container path such as <c>/tmp/nginx</c>.
/// </param>
internal sealed record NginxConfigSettings(string RunFolder)
{
    /// <summary>Where the config itself will be read from, for the "run it with" line. Default <c>&lt;RunFolder&gt;/nginx.conf</c>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Where errors go: a file path, or <c>stderr</c> in a container. Default <c>&lt;RunFolder&gt;/nginx-error.log</c>.</summary>
    public string? ErrorLog { get; init; }

    /// <summary>
    /// The <c>user</c> directive for the workers, or null to leave it out. It only takes effect when the master runs as
    /// root (nginx ignores it, with a warning, otherwise); left out, root's workers drop to nginx's built-in default user.
    /// </summary>
    public string? WorkerUser { get; init; }

    /// <summary>Folder and file names joined with <c>/</c>: nginx paths are POSIX whatever machine wrote the config.</summary>
    public string PathOf(string fileName) => RunFolder.TrimEnd('/') + "/" + fileName;

    /// <summary>The config path actually used: <see cref="ConfigFile"/> or its default.</summary>
    public string EffectiveConfigFile => ConfigFile ?? PathOf(NginxFiles.Config);

    /// <summary>The error log actually written: <see cref="ErrorLog"/> or its default.</summary>
    public string EffectiveErrorLog => ErrorLog ?? PathOf(NginxFiles.ErrorLog);
}
