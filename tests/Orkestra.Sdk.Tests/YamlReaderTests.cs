using Orkestra.Katalogs.Yaml;

namespace Orkestra.Sdk.Tests;

public class YamlReaderTests
{
    [Fact]
    public void Locations_are_one_based_like_the_compiler()
    {
        var file = YamlReader.Read("a.yaml", "a: 1\nb:\n  c: x\n");
        var root = Assert.IsType<YamlMapping>(Assert.Single(file.Documents));
        var b = Assert.IsType<YamlMapping>(root["b"]);
        var c = b.Entry("c")!;
        Assert.Equal(3, c.Key.Location.Line);
        Assert.Equal(3, c.Key.Location.Column);
        Assert.Equal(3, c.Value.Location.Column + 0 - 3);
    }
}
