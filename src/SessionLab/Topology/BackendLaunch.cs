using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Jwt;
using SessionLab.Topology.Processes;

namespace SessionLab.Topology;

/// <summary>Everything one backend process is started with: the same <c>sessionlab serve</c> line for the topology's nine and an experiment's extras.</summary>
/// <param name="Scheme">The session scheme it serves.</param>
/// <param name="ServerId">Reported as <c>server_id</c> (<c>server-2</c>).</param>
/// <param name="Port">Where it listens.</param>
/// <param name="StoreConfiguration">The StackExchange.Redis configuration string (the store, or a proxy in front of it).</param>
/// <param name="Keys">The run's JWT and session keys; passed in the environment so they never show in <c>ps</c>.</param>
internal sealed record BackendLaunch(SchemeKind Scheme, string ServerId, int Port, string StoreConfiguration, LabKeys Keys)
{
    public TimeSpan SessionTtl { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan JwtLifetime { get; init; } = TimeSpan.FromHours(2);

    public RevocationMode Revocation { get; init; } = RevocationMode.Off;

    public RevocationStoreDownPolicy WhenStoreDown { get; init; } = RevocationStoreDownPolicy.FailClosed;

    /// <summary>Client networks exempt from the failed-authentication throttle (<c>Throttle:ExemptNetworks</c>).</summary>
    public IReadOnlyList<string> ThrottleExemptNetworks { get; init; } = [];

    /// <summary>A users file with hashed passwords (<c>--users-file</c>): real mode. Null: the demo directory.</summary>
    public string? UsersFile { get; init; }

    /// <summary>Serve the lab instruments (<c>--lab-endpoints</c>), which the experiments use. Off: as a real deployment runs.</summary>
    public bool LabInstruments { get; init; } = true;

    /// <summary>Further settings (<c>Throttle:Login:RefillInterval</c> …), passed as <c>SESSIONLAB_</c> environment variables.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The command line and environment of <c>sessionlab serve</c> for this backend.</summary>
    public ProcessSpec ToProcessSpec() => SelfLauncher.Command(
    [
        "serve", "--scheme", SchemeNames.Of(Scheme), "--port", Port.ToString(CultureInfo.InvariantCulture),
        "--server-id", ServerId,
        "--redis", StoreConfiguration,
        "--session-ttl", SessionTtl.ToString("c", CultureInfo.InvariantCulture),
        "--jwt-lifetime", JwtLifetime.ToString("c", CultureInfo.InvariantCulture),
        "--revocation", Revocation == RevocationMode.On ? "on" : "off",
        "--revocation-when-redis-down", WhenStoreDown == RevocationStoreDownPolicy.FailOpen ? "fail-open" : "fail-closed",
        // The experiments use the lab instruments (/login-short, /debug/sessions, /debug/runtime).
        .. (LabInstruments ? (string[])["--lab-endpoints"] : []),
        .. (UsersFile is { } users ? (string[])["--users-file", users] : []),
        "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
    ]) with
    {
        Environment = new Dictionary<string, string>(ThrottleExemptNetworks.Select((network, i) => KeyValuePair.Create(
            $"{Backend.BackendApp.EnvironmentPrefix}Throttle__ExemptNetworks__{i.ToString(CultureInfo.InvariantCulture)}", network)))
        {
            [$"{Backend.BackendApp.EnvironmentPrefix}Jwt__Key"] = Keys.Jwt,
            [$"{Backend.BackendApp.EnvironmentPrefix}Session__Key"] = Keys.Session,
        }.Concat(Settings.Select(s => KeyValuePair.Create(Backend.BackendApp.EnvironmentPrefix + s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value)))
            .ToDictionary(),
    };
}
