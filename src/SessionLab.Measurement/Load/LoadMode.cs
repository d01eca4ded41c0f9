namespace SessionLab.Measurement.Load;

/// <summary>How requests are paced.</summary>
public enum LoadMode
{
    /// <summary>Each worker sends its next request when the previous one returns (ab, wrk).</summary>
    ClosedLoop,

    /// <summary>Requests are due at a constant rate whether or not the server keeps up (wrk2).</summary>
    OpenLoop,
}
