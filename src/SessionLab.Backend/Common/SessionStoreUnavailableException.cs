namespace SessionLab.Backend.Common;

/// <summary>The external store (Redis) could not answer in time; replied to as 503, never as a 500 or a hang.</summary>
public sealed class SessionStoreUnavailableException : Exception
{
    public SessionStoreUnavailableException()
        : this(ErrorMessages.SessionStoreUnavailable, null)
    {
    }

    public SessionStoreUnavailableException(string message)
        : this(message, null)
    {
    }

    public SessionStoreUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
