using Orkestra.Katalogs;

namespace Orkestra.Sdk.Tests;

public class DurationsTests
{
    [Theory]
    [InlineData("30s", false, 30_000)]
    [InlineData("1h30m", false, 5_400_000)]
    [InlineData("1.5h", false, 5_400_000)]
    [InlineData("300ms", false, 300)]
    [InlineData("-2m", false, -120_000)]
    [InlineData("0", false, 0)]
    [InlineData("1m30s500ms", false, 90_500)]
    [InlineData(".5s", false, 500)]
    [InlineData("30d", true, 2_592_000_000)]
    [InlineData("2w", true, 1_209_600_000)]
    [InlineData("1mo", true, 2_592_000_000)]
    [InlineData("2y", true, 63_072_000_000)]
    public void Go_durations_parse(string text, bool extended, long milliseconds)
    {
        Assert.True(Durations.TryParse(text, extended, out var duration));
        Assert.Equal(milliseconds, (long)duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("30", false)]
    [InlineData("30 seconds", false)]
    [InlineData("5x", false)]
    [InlineData("", false)]
    [InlineData("s", false)]
    [InlineData(".s", false)]
    [InlineData("30d", false)]
    [InlineData("1h-5m", false)]
    [InlineData("99999999999999999h", false)]
    public void Invalid_durations_do_not_parse(string text, bool extended)
    {
        Assert.False(Durations.TryParse(text, extended, out _));
    }
}
