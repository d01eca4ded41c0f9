namespace SessionLab.Topology;

/// <summary>What a search of the run folder's files for secrets found (<see cref="RunningTopology.ScanLogsForSecrets"/>).</summary>
/// <param name="Files">Files read.</param>
/// <param name="Lines">Lines read.</param>
/// <param name="Searched">What was looked for, by label.</param>
/// <param name="Hits">Where a secret was found.</param>
internal sealed record LogScan(int Files, long Lines, IReadOnlyList<string> Searched, IReadOnlyList<SecretInLog> Hits);

/// <summary>A secret, by label, on one line of one file of the run folder.</summary>
internal sealed record SecretInLog(string File, int Line, string Secret);
