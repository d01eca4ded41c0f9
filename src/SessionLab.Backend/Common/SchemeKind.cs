namespace SessionLab.Backend.Common;

/// <summary>The three ways of keeping a session that the lab compares.</summary>
public enum SchemeKind
{
    /// <summary>Sessions in this process's memory; the load balancer pins a client with IP hash.</summary>
    Sticky,

    /// <summary>Sessions in Redis under <c>session:{id}</c>; any backend can serve any client.</summary>
    Redis,

    /// <summary>No server-side session: a signed JWT carries the identity.</summary>
    Jwt,

    /// <summary>Baseline peer: ASP.NET Core's session middleware over <c>IDistributedCache</c> in Redis.</summary>
    AspNetSession,

    /// <summary>Baseline peer: ASP.NET Core's <c>JwtBearer</c> authentication validating the same tokens.</summary>
    JwtBearer,
}
