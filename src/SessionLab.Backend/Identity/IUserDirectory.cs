namespace SessionLab.Backend.Identity;

/// <summary>Checks credentials and says who the user is.</summary>
internal interface IUserDirectory
{
    /// <summary>A short label for logs and the health of the lab ("demo directory", "user file ...").</summary>
    string Description { get; }

    /// <summary>Whether <see cref="Authenticate"/> hashes a password (costly: the login flow limits how many run at once).</summary>
    bool HashesPasswords { get; }

    /// <summary>The user, or null when the credentials are wrong.</summary>
    AuthenticatedUser? Authenticate(Credentials credentials);
}
