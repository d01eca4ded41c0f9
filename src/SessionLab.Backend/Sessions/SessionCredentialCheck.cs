using Microsoft.AspNetCore.Http;
using SessionLab.Backend.Throttling;

namespace SessionLab.Backend.Sessions;

/// <summary>The cookie schemes' cheap check: does the request's session id carry this server's signature?</summary>
internal sealed class SessionCredentialCheck(SessionCookie cookie, SessionIds ids) : ICredentialCheck
{
    public ValueTask<bool> IsAuthenticAsync(HttpContext context) =>
        ValueTask.FromResult(ids.IsAuthentic(cookie.Read(context.Request).SessionId));
}
