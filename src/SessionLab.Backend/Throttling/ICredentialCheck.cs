using Microsoft.AspNetCore.Http;

namespace SessionLab.Backend.Throttling;

/// <summary>
/// A check of a request's credential that needs no store: could this session id or token be genuine? Lets the
/// throttle serve a client over its failure budget when its credential is authentic, and refuse a guess unread.
/// </summary>
internal interface ICredentialCheck
{
    ValueTask<bool> IsAuthenticAsync(HttpContext context);
}

/// <summary>For schemes without a cheap check (the ASP.NET Core peers): a client over budget is refused outright.</summary>
internal sealed class NoCredentialCheck : ICredentialCheck
{
    public ValueTask<bool> IsAuthenticAsync(HttpContext context) => ValueTask.FromResult(false);
}
