using System.Text.Json;
using Orkestra.Kubernetes;

namespace Orkestra.Sdk.Tests.Kubernetes;

public class KubernetesTimeTests
{
    private static readonly DateTimeOffset Whole = new(2024, 5, 1, 10, 20, 30, TimeSpan.Zero);

    [Fact]
    public void Whole_seconds_have_no_fraction_and_end_in_Z()
    {
        Assert.Equal("2024-05-01T10:20:30Z", KubernetesTime.Format(Whole));
    }

    [Fact]
    public void Offsets_are_converted_to_utc()
    {
        Assert.Equal("2024-05-01T10:20:30Z", KubernetesTime.Format(new DateTimeOffset(2024, 5, 1, 12, 20, 30, TimeSpan.FromHours(2))));
        Assert.Equal("2024-04-30T23:50:00Z", KubernetesTime.Format(new DateTimeOffset(2024, 5, 1, 5, 20, 0, new TimeSpan(5, 30, 0))));
    }

    [Fact]
    public void Fractions_are_written_when_present()
    {
        Assert.Equal("2024-05-01T10:20:30.123456Z", KubernetesTime.Format(Whole.AddTicks(1_234_560)));
        Assert.Equal("2024-05-01T10:20:30.500000Z", KubernetesTime.Format(Whole.AddMilliseconds(500)));
        Assert.Equal("2024-05-01T10:20:30.1234567Z", KubernetesTime.Format(Whole.AddTicks(1_234_567)));
    }

    [Theory]
    [InlineData("2024-05-01T10:20:30Z", 0)]
    [InlineData("2024-05-01t10:20:30z", 0)]
    [InlineData("2024-05-01T12:20:30+02:00", 0)]
    [InlineData("2024-05-01T05:50:30-04:30", 0)]
    [InlineData("2024-05-01T10:20:30+00:00", 0)]
    [InlineData("2024-05-01T10:20:30.5Z", 5_000_000)]
    [InlineData("2024-05-01T10:20:30.123456Z", 1_234_560)]
    [InlineData("2024-05-01T10:20:30.123456789Z", 1_234_567)]
    [InlineData("2024-05-01T11:20:30.1+01:00", 1_000_000)]
    public void Any_rfc3339_offset_parses_to_utc(string text, long extraTicks)
    {
        var value = KubernetesTime.Parse(text);
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(Whole.AddTicks(extraTicks), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024-05-01")]
    [InlineData("2024-05-01T10:20:30")]
    [InlineData("2024-05-01 10:20:30Z")]
    [InlineData("2024-05-01T10:20Z")]
    [InlineData("2024-13-01T10:20:30Z")]
    [InlineData("2023-02-29T10:20:30Z")]
    [InlineData("2024-05-01T24:00:00Z")]
    [InlineData("2024-05-01T10:20:60Z")]
    [InlineData("2024-05-01T10:20:30.Z")]
    [InlineData("2024-05-01T10:20:30+0200")]
    [InlineData("2024-05-01T10:20:30+02:00x")]
    [InlineData("2024-05-01T10:20:30ZZ")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("２０２４-05-01T10:20:30Z")]
    public void Invalid_times_do_not_parse(string text)
    {
        Assert.False(KubernetesTime.TryParse(text, out _));
        Assert.Throws<FormatException>(() => KubernetesTime.Parse(text));
    }

    [Fact]
    public void Null_does_not_parse()
    {
        Assert.False(KubernetesTime.TryParse(null, out _));
    }

    [Fact]
    public void Leap_day_parses()
    {
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 0, 0, 0, TimeSpan.Zero), KubernetesTime.Parse("2024-02-29T00:00:00Z"));
    }

    [Fact]
    public void Converter_reads_and_writes()
    {
        var options = new JsonSerializerOptions { Converters = { KubernetesTimeJsonConverter.Instance } };
        var value = JsonSerializer.Deserialize<DateTimeOffset>("\"2024-05-01T12:20:30+02:00\"", options);
        Assert.Equal(Whole, value);
        Assert.Equal("\"2024-05-01T10:20:30Z\"", JsonSerializer.Serialize(value, options));
        Assert.Equal("\"2024-05-01T10:20:30.000001Z\"", JsonSerializer.Serialize(Whole.AddTicks(10), options));
    }

    [Theory]
    [InlineData("\"yesterday\"", "not an RFC 3339")]
    [InlineData("1714558830", "RFC 3339 string")]
    public void Converter_rejects_bad_json(string json, string message)
    {
        var options = new JsonSerializerOptions { Converters = { KubernetesTimeJsonConverter.Instance } };
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, options));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
