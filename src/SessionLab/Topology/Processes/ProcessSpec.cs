namespace SessionLab.Topology.Processes;

/// <summary>What to run: a program, its arguments, extra environment variables and a working directory.</summary>
internal sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }
}
