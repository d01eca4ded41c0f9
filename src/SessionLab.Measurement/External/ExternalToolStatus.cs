namespace SessionLab.Measurement.External;

/// <summary>How a run of an external load tool ended.</summary>
public enum ExternalToolStatus
{
    /// <summary>It ran, exited 0 and its report was read.</summary>
    Completed,

    /// <summary>Not found on PATH: nothing was run (not an error; the lab just has no comparison).</summary>
    NotInstalled,

    /// <summary>It ran but exited non-zero or printed no report (e.g. connection refused).</summary>
    Failed,

    /// <summary>It did not finish in time and was killed.</summary>
    TimedOut,
}
