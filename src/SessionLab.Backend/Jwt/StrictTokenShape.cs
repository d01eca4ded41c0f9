using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SessionLab.Backend.Jwt;

/// <summary>
/// What IdentityModel lets through but our tokens never contain, checked after the signature verified: a header or
/// payload with a name twice (parsers disagree on which wins), a <c>crit</c> header (extensions we would have to
/// understand, RFC 7515 §4.1.11), and claims of the wrong JSON type (<c>"user_id":"1001"</c>, <c>"exp":"…"</c>).
/// </summary>
internal static class StrictTokenShape
{
    private static readonly Dictionary<string, JsonValueKind> PayloadKinds = new(StringComparer.Ordinal)
    {
        [TokenService.UserIdClaim] = JsonValueKind.Number,
        [TokenService.UsernameClaim] = JsonValueKind.String,
        [JwtRegisteredClaimNames.Exp] = JsonValueKind.Number,
        [JwtRegisteredClaimNames.Iat] = JsonValueKind.Number,
        [JwtRegisteredClaimNames.Nbf] = JsonValueKind.Number,
        [JwtRegisteredClaimNames.Iss] = JsonValueKind.String,
        [JwtRegisteredClaimNames.Jti] = JsonValueKind.String,
        [TokenService.FamilyClaim] = JsonValueKind.String,
    };

    /// <summary>True when the token's header and payload are as we issue them.</summary>
    public static bool IsAcceptable(JsonWebToken token)
    {
        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            return false;
        }

        return HasUniqueNames(token.EncodedHeader, kinds: null) && HasUniqueNames(token.EncodedPayload, PayloadKinds);
    }

    private static bool HasUniqueNames(string encoded, Dictionary<string, JsonValueKind>? kinds)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encoded));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    return false;
                }

                if (kinds is not null && kinds.TryGetValue(property.Name, out var kind) && property.Value.ValueKind != kind)
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return false;
        }
    }
}
