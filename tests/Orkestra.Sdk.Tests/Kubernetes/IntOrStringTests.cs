using System.Text.Json;
using Orkestra.Kubernetes;

namespace Orkestra.Sdk.Tests.Kubernetes;

public class IntOrStringTests
{
    [Fact]
    public void Int_form()
    {
        IntOrString value = 8080;
        Assert.True(value.IsInt);
        Assert.Equal(8080, value.IntValue);
        Assert.Equal("8080", value.ToString());
        Assert.Throws<InvalidOperationException>(() => value.StringValue);
    }

    [Fact]
    public void String_form()
    {
        IntOrString value = "25%";
        Assert.False(value.IsInt);
        Assert.Equal("25%", value.StringValue);
        Assert.Equal("25%", value.ToString());
        Assert.Throws<InvalidOperationException>(() => value.IntValue);
    }

    [Fact]
    public void Default_is_the_integer_zero()
    {
        var value = default(IntOrString);
        Assert.True(value.IsInt);
        Assert.Equal(0, value.IntValue);
        Assert.Equal(new IntOrString(0), value);
    }

    [Fact]
    public void Null_string_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => new IntOrString(null!));
    }

    [Fact]
    public void Equality_needs_the_same_form_and_value()
    {
        Assert.True(new IntOrString(80) == 80);
        Assert.True(new IntOrString("http") == "http");
        Assert.False(new IntOrString(8080) == "8080");
        Assert.True(new IntOrString(8080) != "8080");
        Assert.NotEqual(new IntOrString("Http"), new IntOrString("http"));
        Assert.Equal(new IntOrString(7).GetHashCode(), IntOrString.FromInt32(7).GetHashCode());
        Assert.Equal(new IntOrString("x").GetHashCode(), IntOrString.FromString("x").GetHashCode());
        Assert.True(new IntOrString(3).Equals((object)new IntOrString(3)));
        Assert.False(new IntOrString(3).Equals((object)3));
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("-1")]
    [InlineData("\"8080\"")]
    [InlineData("\"http\"")]
    [InlineData("\"25%\"")]
    [InlineData("2147483647")]
    public void Json_round_trips_in_the_same_form(string json)
    {
        var value = JsonSerializer.Deserialize<IntOrString>(json);
        Assert.Equal(json[0] != '"', value.IsInt);
        Assert.Equal(json, JsonSerializer.Serialize(value));
    }

    [Fact]
    public void Json_in_an_object_and_nullable()
    {
        var holder = JsonSerializer.Deserialize<Holder>("""{"port":"http","target":9090,"optional":null}""")!;
        Assert.Equal("http", holder.Port);
        Assert.Equal(9090, holder.Target);
        Assert.Null(holder.Optional);
        Assert.Equal("""{"port":"http","target":9090,"optional":null}""", JsonSerializer.Serialize(holder));
    }

    [Theory]
    [InlineData("1.5", "not the number 1.5")]
    [InlineData("8080.0", "not the number 8080.0")]
    [InlineData("1e3", "not the number 1e3")]
    [InlineData("2147483648", "out of range")]
    [InlineData("-99999999999", "out of range")]
    [InlineData("true", "a boolean")]
    [InlineData("null", "null")]
    [InlineData("{}", "an object")]
    [InlineData("[1]", "an array")]
    public void Bad_json_is_a_clear_error(string json, string message)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<IntOrString>(json));
        Assert.Contains("int-or-string", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private sealed class Holder
    {
        [System.Text.Json.Serialization.JsonPropertyName("port")]
        public IntOrString Port { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("target")]
        public IntOrString Target { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("optional")]
        public IntOrString? Optional { get; set; }
    }
}
