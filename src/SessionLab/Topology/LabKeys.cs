using System.Security.Cryptography;

namespace SessionLab.Topology;

/// <summary>
/// The run's secrets, fresh for every topology: the JWT signing key and the key that signs session ids and records.
/// Backends get them in the environment, never on a command line (where <c>ps</c> shows them).
/// </summary>
/// <param name="Jwt">Base64 HS256 key shared by the JWT backends.</param>
/// <param name="Session">Base64 session key shared by the cookie backends.</param>
internal sealed record LabKeys(string Jwt, string Session)
{
    public static LabKeys Generate() =>
        new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));

    /// <summary>Keys are never printed, not even by a record's ToString in a debugger or log.</summary>
    public override string ToString() => "LabKeys { (secret) }";
}
