using System.CommandLine;

namespace SessionLab.Commands;

/// <summary>The <c>sessionlab</c> command tree.</summary>
internal static class SessionLabCli
{
    public static RootCommand Build() => new("Session Lab: sticky sessions, Redis sessions and JWT, compared on real servers.")
    {
        RunCommand.Create(),
        ReportCommand.Create(),
        CompareCommand.Create(),
        UpCommand.Create(),
        FaultCommand.Create(),
        ServeCommand.Create(),
        HashPasswordCommand.Create(),
        GarnetCommand.Create(),
    };
}
