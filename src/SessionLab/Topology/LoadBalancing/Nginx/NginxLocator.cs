using SessionLab.Measurement.Processes;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>Finds the nginx binary: on PATH first, then where Debian and source builds put it.</summary>
internal static class NginxLocator
{
    /// <summary>
    /// Checked after PATH: /usr/sbin is often not on a normal user's PATH although Debian installs nginx there, and
    /// /usr/local/nginx/sbin is where nginx's own <c>make install</c> puts it.
    /// </summary>
    public static readonly IReadOnlyList<string> WellKnownPaths = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"];

    /// <summary>The first executable nginx on <paramref name="pathVariable"/>, else in <paramref name="wellKnownPaths"/>; null if none.</summary>
    public static string? Find(string? pathVariable, IEnumerable<string> wellKnownPaths) => Executables.Find("nginx", pathVariable, wellKnownPaths);

    /// <summary>Where the lab looks, for messages.</summary>
    public static string Describe() => "PATH, " + string.Join(", ", WellKnownPaths);
}
