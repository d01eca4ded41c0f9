using Microsoft.Extensions.Options;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Keys;

namespace SessionLab.Backend.Common;

/// <summary>
/// Whether this backend runs as a lab (the demo directory: anyone may log in as anyone) or for real users (a users
/// file), and which lab instruments it therefore serves. Real mode grants nothing to an anonymous client.
/// </summary>
internal sealed class LabMode(IOptions<LabOptions> lab, IOptions<UserDirectoryOptions> users)
{
    /// <summary>True with a users file: passwords mean something, so nothing may be had without them.</summary>
    public bool RealUsers { get; } = users.Value.File is { Length: > 0 };

    /// <summary>Whether <c>/login-short</c>, <c>/debug/sessions</c> and <c>/debug/runtime</c> are served.</summary>
    public bool InstrumentsOn => lab.Value.Endpoints ?? !RealUsers;

    /// <summary>
    /// A generated development key only in lab mode (or with the explicit flag); a weak or published key only with the flag.
    /// </summary>
    public KeyPolicy KeyPolicy => new(GeneratedAllowed: !RealUsers || lab.Value.AllowInsecureDevKey, WeakAllowed: lab.Value.AllowInsecureDevKey);

    /// <summary>For the start-up log: which instruments are on, and why.</summary>
    public string Describe(string instruments) => InstrumentsOn
        ? $"lab instruments ON ({instruments}){(RealUsers ? " although a users file is set: --lab-endpoints; never in production" : "; demo directory")}"
        : "lab instruments off (404)";
}
