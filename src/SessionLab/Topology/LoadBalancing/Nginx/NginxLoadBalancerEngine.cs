using System.Net;
using System.Net.Sockets;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology.LoadBalancing.Nginx;

/// <summary>
/// The real nginx as the lab's load balancer: writes nginx.conf into the run folder, has nginx check it, then runs the
/// master as a child process in the foreground (<c>daemon off</c>) until disposed.
/// </summary>
internal sealed class NginxLoadBalancerEngine : ILoadBalancerEngine
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    // nginx retries a busy port for about 2.5 s before it gives up, so this leaves room to report the real cause.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    public string Name => "nginx";

    public EngineAvailability CheckAvailability()
    {
        try
        {
            var installation = Locate(CancellationToken.None).GetAwaiter().GetResult();
            return new EngineAvailability(true, installation.Version);
        }
        catch (TopologyException e)
        {
            return new EngineAvailability(false, "", e.Message);
        }
    }

    public async Task<IRunningLoadBalancer> StartAsync(IReadOnlyList<UpstreamGroup> groups, PassiveHealthOptions health, string runFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var nginx = await Locate(cancellationToken);
        var folder = Path.GetFullPath(runFolder);
        Directory.CreateDirectory(folder);
        var settings = new NginxConfigSettings(folder)
        {
            // See the comment the writer puts above `user`: root's workers would otherwise become nobody.
            WorkerUser = Environment.IsPrivilegedProcess ? "root" : null,
        };
        var configPath = settings.EffectiveConfigFile;
        await File.WriteAllTextAsync(configPath, NginxConfigWriter.Write(groups, health, settings), cancellationToken);

        var arguments = Arguments(nginx, folder, configPath);
        await TestConfigAsync(nginx, arguments, configPath, cancellationToken);

        // The pid file doubles as the readiness signal, so one left by `nginx -t` (empty) or an earlier run must go.
        var pidFile = settings.PathOf(NginxFiles.PidFile);
        File.Delete(pidFile);
        var processLog = settings.PathOf(NginxFiles.ProcessLog);
        var failure = NginxStartFailure.Mark(processLog, settings.EffectiveErrorLog);
        var master = ManagedProcess.Start("nginx", new ProcessSpec(nginx.Path, arguments), processLog);
        try
        {
            await master.WaitUntilReadyAsync(ct => IsServingAsync(master, pidFile, groups, ct), ReadyTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TopologyException or OperationCanceledException)
        {
            // Read the cause while the process object can still say how it ended; disposing forgets.
            var cause = e is TopologyException && master.HasExited ? failure.Describe(master, configPath) : null;
            await master.DisposeAsync();
            if (cause is not null)
            {
                throw new TopologyException(cause, e);
            }

            throw;
        }

        return new RunningNginx(master, $"nginx {nginx.Version}", pidFile, new NginxReloader(nginx.Path, arguments, groups, health, settings));
    }

    private static List<string> Arguments(NginxInstallation nginx, string folder, string configPath)
    {
        // -p: relative paths and the prefix are the run folder, never nginx's compiled-in /usr/share/nginx.
        var arguments = new List<string> { "-p", folder.TrimEnd('/') + "/", "-c", configPath };
        if (nginx.SupportsErrorLogOption)
        {
            arguments.AddRange(["-e", "stderr"]);
        }

        return arguments;
    }

    private static async Task TestConfigAsync(NginxInstallation nginx, List<string> arguments, string configPath, CancellationToken cancellationToken)
    {
        var test = await NginxCli.RunAsync(nginx.Path, ["-t", .. arguments], CommandTimeout, cancellationToken);
        if (test.ExitCode != 0)
        {
            throw new TopologyException($"nginx rejected the generated configuration {configPath} (nginx -t exited with {test.ExitCode}):{Environment.NewLine}{test.Output}");
        }
    }

    /// <summary>Ready once nginx has written its pid (it does so only after binding every port) and every port accepts a connection.</summary>
    private static async Task<bool> IsServingAsync(ManagedProcess master, string pidFile, IReadOnlyList<UpstreamGroup> groups, CancellationToken cancellationToken)
    {
        // A port held by someone else would accept our probe too; the pid file proves the listener is this nginx.
        if (!File.Exists(pidFile) || (await File.ReadAllTextAsync(pidFile, cancellationToken)).Trim() != master.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return false;
        }

        foreach (var group in groups)
        {
            using var client = new TcpClient(group.Listen.AddressFamily);
            await client.ConnectAsync(ProbeAddress(group.Listen), cancellationToken);
        }

        return true;
    }

    private static IPEndPoint ProbeAddress(IPEndPoint listen) => listen.Address switch
    {
        var any when any.Equals(IPAddress.Any) => new IPEndPoint(IPAddress.Loopback, listen.Port),
        var any when any.Equals(IPAddress.IPv6Any) => new IPEndPoint(IPAddress.IPv6Loopback, listen.Port),
        _ => listen,
    };

    private static async Task<NginxInstallation> Locate(CancellationToken cancellationToken)
    {
        var path = NginxLocator.Find(Environment.GetEnvironmentVariable("PATH"), NginxLocator.WellKnownPaths)
            ?? throw new TopologyException($"nginx is not installed (looked on {NginxLocator.Describe()}). Install it (`apt-get install nginx`) or use `--lb yarp`.");
        var result = await NginxCli.RunAsync(path, ["-v"], CommandTimeout, cancellationToken);
        var version = NginxInstallation.ParseVersion(result.Output);
        if (result.ExitCode != 0 || version is null)
        {
            throw new TopologyException($"{path} -v did not report an nginx version (exit code {result.ExitCode}: {result.Output}). Reinstall nginx (`apt-get install nginx`) or use `--lb yarp`.");
        }

        return new NginxInstallation(path, version);
    }
}
