namespace SessionLab.Measurement.External;

/// <summary>One run of <c>wrk</c> or <c>ab</c>: what was run, how it ended, its raw output and the parsed report.</summary>
/// <typeparam name="TReport"><see cref="WrkReport"/> or <see cref="AbReport"/>.</typeparam>
/// <param name="Tool">Tool name, e.g. <c>wrk</c>.</param>
/// <param name="Status">How it ended.</param>
/// <param name="CommandLine">The command as run (display only); null when not installed.</param>
/// <param name="ExitCode">Process exit code, when it exited by itself.</param>
/// <param name="Output">Standard output then standard error, as printed.</param>
/// <param name="Report">The parsed report; null unless <see cref="ExternalToolStatus.Completed"/>.</param>
/// <param name="Message">Why it is not completed, in a sentence; null when completed.</param>
public sealed record ExternalToolRun<TReport>(
    string Tool,
    ExternalToolStatus Status,
    string? CommandLine,
    int? ExitCode,
    string Output,
    TReport? Report,
    string? Message)
    where TReport : class;
