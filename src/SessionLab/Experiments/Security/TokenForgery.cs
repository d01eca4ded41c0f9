using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SessionLab.Experiments.Security;

/// <summary>
/// What an attacker without the lab's key can make of a JWT: edit a real token's header or payload (keeping its
/// signature), or sign a token of their own with a key of their own (another HMAC key, an RSA key).
/// </summary>
internal static class TokenForgery
{
    /// <summary>The real token's header replaced by <c>{"alg":"none"}</c> and its signature dropped.</summary>
    public static string AlgNone(string token) =>
        $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{token.Split('.')[1]}.";

    /// <summary>The real token with its header replaced by <paramref name="headerJson"/>; payload and signature kept.</summary>
    public static string WithHeader(string token, string headerJson)
    {
        var parts = token.Split('.');
        parts[0] = Encode(headerJson);
        return string.Join('.', parts);
    }

    /// <summary>The real token with its payload edited by <paramref name="edit"/>; header and signature kept.</summary>
    public static string EditPayload(string token, Action<JsonObject> edit)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject ?? throw new FormatException("not a compact JWT");
        edit(payload);
        parts[1] = Encode(payload.ToJsonString());
        return string.Join('.', parts);
    }

    /// <summary>A token with the lab's claims (user 1001, issuer session-demo, one hour), signed by a key of the attacker's.</summary>
    public static string SignedWith(SecurityKey key, string algorithm) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "session-demo",
            IssuedAt = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["user_id"] = 1001, ["username"] = "alice", ["jti"] = "forged" },
            SigningCredentials = new SigningCredentials(key, algorithm),
        });

    /// <summary>An HS256 token signed with a fresh random 64-byte key.</summary>
    public static string SignedWithAnotherHmacKey() => SignedWith(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), SecurityAlgorithms.HmacSha256);

    /// <summary>An RS256 token signed with a fresh 2048-bit RSA key.</summary>
    public static string SignedWithRsa()
    {
        using var rsa = RSA.Create(2048);
        return SignedWith(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
