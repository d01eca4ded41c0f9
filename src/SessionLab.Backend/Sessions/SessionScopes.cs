namespace SessionLab.Backend.Sessions;

/// <summary>The <c>scope</c> of <c>/sessions</c> and <c>/logout-all</c>: which sessions a backend can see and end.</summary>
public static class SessionScopes
{
    /// <summary>A shared store: every session of the user, whichever backend created it.</summary>
    public const string AllBackends = "all backends";

    /// <summary>A sticky backend: only the sessions in its own memory; the user's sessions on other backends are untouched.</summary>
    public const string ThisBackend = "this backend";
}
