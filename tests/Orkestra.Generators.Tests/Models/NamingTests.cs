using Orkestra.Generators.Models;

namespace Orkestra.Generators.Tests.Models;

public class NamingTests
{
    [Theory]
    [InlineData("tls", "Tls")]
    [InlineData("serviceType", "ServiceType")]
    [InlineData("x-kubernetes-list", "XKubernetesList")]
    [InlineData("$ref", "Ref")]
    [InlineData("snake_case", "SnakeCase")]
    [InlineData("a.b/c", "ABC")]
    public void Pascal_splits_on_invalid_characters(string json, string expected) =>
        Assert.Equal(expected, Naming.Pascal(json));

    [Theory]
    [InlineData("3scale", "_3scale")]
    [InlineData("---", "Property")]
    [InlineData("", "Property")]
    [InlineData("class", "Class")]
    public void Identifier_is_always_valid(string json, string expected) =>
        Assert.Equal(expected, Naming.Identifier(json, "Property"));

    [Fact]
    public void Unique_adds_a_number()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal) { "Name", "Name2" };
        Assert.Equal("Name3", Naming.Unique("Name", taken));
        Assert.Equal("Other", Naming.Unique("Other", taken));
        Assert.Contains("Name3", taken);
    }

    [Fact]
    public void Version_segment_is_pascal() => Assert.Equal("V1beta1", Naming.VersionSegment("v1beta1"));
}
