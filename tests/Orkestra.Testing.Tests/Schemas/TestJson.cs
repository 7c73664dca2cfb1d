using System.Text.Json.Nodes;

namespace Orkestra.Testing.Tests.Schemas;

/// <summary>JSON literals for tests.</summary>
internal static class TestJson
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A custom resource <c>Website/x</c> with <paramref name="spec"/>.</summary>
    public static JsonObject Resource(string spec) =>
        Parse("""{"apiVersion": "example.com/v1", "kind": "Website", "metadata": {"name": "x", "labels": {"a": "b"}}, "spec": """ + spec + "}");

    /// <summary>Asserts two JSON values are the same, showing both as text when they are not.</summary>
    public static void Equal(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\n  actual {actual?.ToJsonString()}");

    public static void Equal(string expected, JsonNode? actual) => Equal(JsonNode.Parse(expected), actual);
}
