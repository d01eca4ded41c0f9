namespace SessionLab.Backend.Identity;

/// <summary>Checks credentials and says who the user is.</summary>
internal interface IUserDirectory
{
    /// <summary>A short label for logs and the health of the lab ("demo directory", "user file ...").</summary>
    string Description { get; }

    /// <summary>The user, or null when the credentials are wrong.</summary>
    AuthenticatedUser? Authenticate(Credentials credentials);
}
