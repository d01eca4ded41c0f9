namespace SessionLab.Backend.Keys;

/// <summary>Where one secret key may come from, in order: a base64 value (from the environment), a key file, a generated development key.</summary>
/// <param name="Name">How errors and logs name it, e.g. <c>Jwt:Key</c>.</param>
/// <param name="Value">Base64 key from configuration; meant for the environment (<c>SESSIONLAB_Jwt__Key</c>), never a command line.</param>
/// <param name="File">A file holding the base64 key, readable by its owner only.</param>
/// <param name="DevFile">Where a generated development key is kept when neither is set and that is allowed.</param>
internal sealed record KeySettings(string Name, string? Value, string? File, string DevFile);

/// <summary>What a loaded key may be: a generated development key (lab mode), or a weak or public one (explicit flag only).</summary>
internal readonly record struct KeyPolicy(bool GeneratedAllowed, bool WeakAllowed);
