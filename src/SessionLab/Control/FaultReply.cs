namespace SessionLab.Control;

/// <summary>What a fault command answered: its text, and whether it did what was asked.</summary>
/// <param name="ExitCode">0 done; 1 the fault could not be carried out (no such backend, an external store); 2 not a command.</param>
/// <param name="Text">What to print: the result, or what went wrong.</param>
internal sealed record FaultReply(int ExitCode, string Text)
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int NotACommand = 2;

    public bool Succeeded => ExitCode == Done;

    public static FaultReply Ok(string text) => new(Done, text);

    /// <summary>Encoded for the control socket: the exit code on the first line, then the text.</summary>
    public string Encode() => $"{ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n{Text}";

    /// <summary>Reads <see cref="Encode"/>'s form; anything else is a lab that answered gibberish, hence a failure.</summary>
    public static FaultReply Decode(string wire)
    {
        var newline = wire.IndexOf('\n', StringComparison.Ordinal);
        return newline > 0 && int.TryParse(wire.AsSpan(0, newline), System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? new FaultReply(code, wire[(newline + 1)..].TrimEnd())
            : new FaultReply(Failed, $"unexpected reply from the lab: {wire.TrimEnd()}");
    }
}
