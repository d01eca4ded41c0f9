namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>An nginx binary found on this machine and the version it reports.</summary>
/// <param name="Path">Full path of the binary.</param>
/// <param name="Version">As <c>nginx -v</c> prints it, e.g. <c>1.22.1</c>.</param>
internal sealed record NginxInstallation(string Path, string Version)
{
    // nginx learned -e (where to log before the config's error_log applies) in 1.19.5; older ones reject the option.
    private static readonly Version ErrorLogOptionSince = new(1, 19, 5);

    /// <summary>Whether <c>-e stderr</c> can be passed, so start-up errors go to the captured stderr and never to a compiled-in /var/log path.</summary>
    public bool SupportsErrorLogOption =>
        System.Version.TryParse(Version, out var parsed) && parsed >= ErrorLogOptionSince;

    /// <summary>The version from <c>nginx -v</c> output (<c>nginx version: nginx/1.22.1</c>, also openresty/freenginx), or null.</summary>
    public static string? ParseVersion(string output)
    {
        const string Marker = "nginx version:";
        foreach (var line in output.Split('\n'))
        {
            var at = line.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            var product = line[(at + Marker.Length)..].Trim();
            var slash = product.IndexOf('/', StringComparison.Ordinal);
            var version = slash < 0 ? "" : product[(slash + 1)..].Split(' ', 2)[0].Trim();
            return version.Length > 0 ? version : null;
        }

        return null;
    }
}
