using System.CommandLine;
using SessionLab.Backend.Identity;

namespace SessionLab.Commands;

/// <summary><c>sessionlab hash-password</c>: makes a <c>password_hash</c> for the user file.</summary>
internal static class HashPasswordCommand
{
    public static Command Create()
    {
        var command = new Command("hash-password", "Read a password from standard input and print its PBKDF2 hash for a --users-file entry.");
        command.SetAction(async (_, cancellationToken) =>
        {
            // From stdin, not an argument, so the password stays out of shell history and `ps`.
            var password = await Console.In.ReadLineAsync(cancellationToken);
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("hash-password: no password on standard input.");
                return 2;
            }

            Console.WriteLine(FileUserDirectory.HashPassword(password));
            return 0;
        });
        return command;
    }
}
