using System.Text.Json;
using SessionLab.Experiments.Framework;

namespace SessionLab.Tests.Experiments;

/// <summary>Replies as an experiment would have recorded them, for judging canned facts.</summary>
internal static class CannedExchanges
{
    public static Exchange Ok(string server = "server-1", double ms = 2, string? json = null) =>
        Reply(200, json ?? $$"""{"user_id":1001,"username":"alice","server_id":"{{server}}"}""", ms);

    public static Exchange Error(int status, string error, string server = "server-1", double ms = 2) =>
        Reply(status, $$"""{"error":"{{error}}","server_id":"{{server}}"}""", ms);

    public static Exchange NoReply(string failure = "timeout", double ms = 2000) => new(0, null, string.Empty, null, ms, failure, null);

    public static Exchange Reply(int status, string body, double ms = 2)
    {
        var json = JsonDocument.Parse(body).RootElement.Clone();
        var server = json.TryGetProperty("server_id", out var id) ? id.GetString() : null;
        return new Exchange(status, server, body, json, ms, null, null);
    }
}
