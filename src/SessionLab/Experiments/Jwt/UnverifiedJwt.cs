using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionLab.Experiments.Jwt;

/// <summary>
/// A compact JWT read the way anyone holding it can read it: base64url-decoded, no key, no verification. Shows what a
/// token reveals (3.1), where its expiry lives (3.2, 3.3) and lets an experiment forge a payload without re-signing.
/// </summary>
internal static class UnverifiedJwt
{
    /// <summary>The decoded header (<c>{"alg":"HS256","typ":"JWT"}</c>); null when the text is not a compact JWT.</summary>
    public static JsonObject? Header(string token) => Part(token, 0);

    /// <summary>The decoded payload (the claims); null when the text is not a compact JWT.</summary>
    public static JsonObject? Payload(string token) => Part(token, 1);

    /// <summary>A numeric claim (<c>exp</c>, <c>iat</c>, <c>user_id</c>) of the payload.</summary>
    public static long? NumericClaim(string token, string name) =>
        Payload(token)?[name] is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    /// <summary>
    /// The same token with one claim of the payload replaced and the original header and signature kept: what a client
    /// who wants a longer-lived token would try. The signature no longer matches.
    /// </summary>
    public static string WithClaim(string token, string name, long value)
    {
        var parts = token.Split('.');
        var payload = Payload(token) ?? throw new FormatException("not a compact JWT");
        payload[name] = value;
        parts[1] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }

    private static JsonObject? Part(string token, int index)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(parts[index])) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
