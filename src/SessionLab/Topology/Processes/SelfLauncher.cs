using System.Reflection;

namespace SessionLab.Topology.Processes;

/// <summary>
/// How to start another <c>sessionlab</c> process (a backend, Garnet) from this one, whether the lab runs
/// as its apphost, as <c>dotnet sessionlab.dll</c>, or inside a test host that merely references it.
/// </summary>
internal static class SelfLauncher
{
    public static ProcessSpec Command(IEnumerable<string> arguments)
    {
        var assembly = typeof(SelfLauncher).Assembly.Location;
        var dll = Path.Combine(Path.GetDirectoryName(assembly)!, "sessionlab.dll");
        var args = new List<string> { dll };
        args.AddRange(arguments);
        return new ProcessSpec(DotnetHost(), args);
    }

    /// <summary>
    /// The command line a person can paste into another terminal to run <paramref name="arguments"/> with this very
    /// build ("dotnet /…/sessionlab.dll fault status"): a bare <c>sessionlab</c> exists only once they define it.
    /// </summary>
    public static string Display(IEnumerable<string> arguments)
    {
        var spec = Command(arguments);
        var host = Path.GetFileNameWithoutExtension(spec.FileName) == "dotnet" ? "dotnet" : spec.FileName;
        return string.Join(' ', new[] { host }.Concat(spec.Arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)));
    }

    private static string DotnetHost()
    {
        // The SDK sets DOTNET_HOST_PATH for processes it starts (tests, dotnet run); otherwise use the running host or PATH.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return "dotnet";
    }

    /// <summary>The lab's version, for the components table.</summary>
    public static string Version =>
        typeof(SelfLauncher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
}
