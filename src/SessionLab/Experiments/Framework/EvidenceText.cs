using System.Runtime.CompilerServices;
using System.Text;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Framework;

/// <summary>
/// The evidence a judge writes as an interpolated string (<c>H1.Holds(ok, $"{n} requests reached {server}")</c>),
/// kept twice: the sentence as it reads, and its template with the values apart, so the report can render the same
/// measurement in the plan's language without parsing English. The sentence is formatted exactly as a plain
/// interpolated string would be (current culture, alignment and format specifiers honoured).
/// </summary>
[InterpolatedStringHandler]
internal readonly struct EvidenceText
{
    private readonly StringBuilder _text;
    private readonly StringBuilder _format;
    private readonly List<string> _arguments;
    private readonly IFormatProvider? _provider;
    private readonly int _firstHole;

    /// <param name="literalLength">Characters of literal text (a capacity hint).</param>
    /// <param name="formattedCount">Holes to fill.</param>
    public EvidenceText(int literalLength, int formattedCount)
    {
        _text = new StringBuilder(literalLength + (8 * formattedCount));
        _format = new StringBuilder(literalLength + (4 * formattedCount));
        _arguments = new List<string>(formattedCount);
    }

    /// <summary>
    /// A sentence that continues <paramref name="verdict"/>'s evidence (<see cref="Verdicts.Extend"/>): its holes are
    /// numbered after the verdict's, and its values formatted with <paramref name="provider"/>.
    /// </summary>
    /// <param name="literalLength">Characters of literal text (a capacity hint).</param>
    /// <param name="formattedCount">Holes to fill.</param>
    /// <param name="verdict">The verdict whose evidence this continues.</param>
    /// <param name="provider">The culture the values are formatted in (e.g. the invariant culture).</param>
    public EvidenceText(int literalLength, int formattedCount, HypothesisVerdict verdict, IFormatProvider? provider)
        : this(literalLength, formattedCount)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        _provider = provider;
        _firstHole = verdict.EvidenceTemplate?.Arguments.Count ?? 0;
    }

    public void AppendLiteral(string value)
    {
        _text.Append(value);
        // Literal braces (session:{id}) must read as text in the template's composite format.
        _format.Append(value.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
    }

    public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        var text = value is IFormattable formattable ? formattable.ToString(format, _provider) : value?.ToString() ?? string.Empty;
        text = alignment switch
        {
            > 0 => text.PadLeft(alignment),
            < 0 => text.PadRight(-alignment),
            _ => text,
        };
        _format.Append('{').Append(_firstHole + _arguments.Count).Append('}');
        _arguments.Add(text);
        _text.Append(text);
    }

    /// <summary>
    /// <paramref name="verdict"/> with this sentence appended to its evidence; its template grows with it, or is
    /// dropped when the verdict had none (the whole would no longer read as a template).
    /// </summary>
    internal HypothesisVerdict AppendTo(HypothesisVerdict verdict) => verdict with
    {
        Evidence = verdict.Evidence + _text,
        EvidenceTemplate = verdict.EvidenceTemplate is { } template
            ? new EvidenceTemplate(template.Format + _format, [.. template.Arguments, .. _arguments])
            : null,
    };

    /// <summary>The verdict with the sentence as its evidence and the template beside it.</summary>
    internal HypothesisVerdict Verdict(Hypothesis hypothesis, Verdict verdict) =>
        new(hypothesis.Id, hypothesis.Statement, verdict, _text.ToString()) { EvidenceTemplate = new EvidenceTemplate(_format.ToString(), [.. _arguments]) };
}
