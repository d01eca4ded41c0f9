using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionLab.Reporting.Model;

/// <summary>Reads and writes <c>results.json</c> (snake_case, enums as strings, source-generated).</summary>
public static class ResultsJson
{
    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, ResultsJsonContext.Default.RunResult);

    public static RunResult Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ResultsJsonContext.Default.RunResult)
        ?? throw new JsonException("results.json is empty.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunResult))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
