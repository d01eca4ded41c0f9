using SessionLab.Cli;

namespace SessionLab.Tests.Cli;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("30s", 30_000)]
    [InlineData("1500ms", 1_500)]
    [InlineData("5m", 300_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("0.5", 500)]
    [InlineData("00:30:00", 1_800_000)]
    public void TryParse_CommonSpellings_GiveTheDuration(string text, long expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(expectedMs, (long)value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5s")]
    [InlineData("5x")]
    public void TryParse_Garbage_IsRefused(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
