namespace SessionLab.Backend.Common;

/// <summary>
/// Lab instruments. Section <c>Lab</c>. <c>/login-short</c> (a token without credentials), <c>/debug/sessions</c>
/// (live session ids) and <c>/debug/runtime</c> (forced full GCs) would be gifts to an attacker in a real deployment,
/// so they are served only in lab mode: with the demo directory, or when asked for explicitly.
/// </summary>
public sealed class LabOptions
{
    public const string SectionName = "Lab";

    /// <summary>
    /// Serve the lab instruments. Default (unset): on with the demo directory, off (404) with a users file.
    /// The lab's own topology sets it, as its experiments use them.
    /// </summary>
    public bool? Endpoints { get; set; }

    /// <summary>
    /// Accept a generated development key, or a weak or publicly known one, also with a users file (real mode).
    /// Default off: real mode refuses to start without a configured, strong key.
    /// </summary>
    public bool AllowInsecureDevKey { get; set; }
}
