using Orkestra.Katalogs.Yaml;

namespace Orkestra.Sdk.Tests;

public class YamlReaderTests
{
    private static YamlMapping Root(string yaml)
    {
        var file = YamlReader.Read("a.yaml", yaml);
        Assert.Empty(file.Diagnostics);
        return Assert.IsType<YamlMapping>(Assert.Single(file.Documents));
    }

    [Fact]
    public void Locations_are_one_based_like_the_compiler()
    {
        var root = Root("a: 1\nb:\n  c: x\n");
        var c = Assert.IsType<YamlMapping>(root["b"]).Entry("c")!;

        Assert.Equal((3, 3), (c.Key.Location.Line, c.Key.Location.Column));
        Assert.Equal((3, 6), (c.Value.Location.Line, c.Value.Location.Column));
        Assert.Equal((3, 7), (c.Value.Location.EndLine, c.Value.Location.EndColumn));
    }

    [Theory]
    [InlineData("yes", ScalarKind.Bool)]
    [InlineData("On", ScalarKind.Bool)]
    [InlineData("n", ScalarKind.Bool)]
    [InlineData("false", ScalarKind.Bool)]
    [InlineData("~", ScalarKind.Null)]
    [InlineData("null", ScalarKind.Null)]
    [InlineData("", ScalarKind.Null)]
    [InlineData("42", ScalarKind.Int)]
    [InlineData("-7", ScalarKind.Int)]
    [InlineData("0x1F", ScalarKind.Int)]
    [InlineData("0777", ScalarKind.Int)]
    [InlineData("0b101", ScalarKind.Int)]
    [InlineData("1_000", ScalarKind.Int)]
    [InlineData("2.5", ScalarKind.Float)]
    [InlineData("1e3", ScalarKind.Float)]
    [InlineData(".inf", ScalarKind.Float)]
    [InlineData("-.Inf", ScalarKind.Float)]
    [InlineData(".NaN", ScalarKind.Float)]
    [InlineData("1.2.3", ScalarKind.String)]
    [InlineData("09", ScalarKind.Float)] // not octal, so go-yaml v2 falls back to a float
    [InlineData("30s", ScalarKind.String)]
    [InlineData("nginx:1.27", ScalarKind.String)]
    [InlineData("2026-01-01", ScalarKind.String)]
    [InlineData("'42'", ScalarKind.String)]
    [InlineData("\"true\"", ScalarKind.String)]
    [InlineData("!!str 42", ScalarKind.String)]
    [InlineData("!!int \"42\"", ScalarKind.Int)]
    public void Scalars_are_typed_the_way_kubectl_reads_yaml(string text, ScalarKind kind)
    {
        var value = Assert.IsType<YamlScalar>(Root("v: " + text + "\n")["v"]);

        Assert.Equal(kind, value.Kind);
    }

    [Theory]
    [InlineData("0x1F", 31)]
    [InlineData("0777", 511)]
    [InlineData("-0b11", -3)]
    [InlineData("+12", 12)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integers_parse_like_go(string text, long expected)
    {
        Assert.True(ScalarResolver.TryParseInteger(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Integer_overflow_is_not_an_integer()
    {
        Assert.False(ScalarResolver.TryParseInteger("9223372036854775808", out _));
        Assert.Equal(ScalarKind.Float, ScalarResolver.Resolve("9223372036854775808"));
    }

    [Fact]
    public void Block_and_quoted_scalars_are_strings()
    {
        var root = Root("a: |\n  42\nb: >-\n  true\n");

        Assert.Equal(ScalarKind.String, ((YamlScalar)root["a"]!).Kind);
        Assert.Equal("42\n", ((YamlScalar)root["a"]!).Value);
        Assert.Equal("true", ((YamlScalar)root["b"]!).Value);
    }

    [Fact]
    public void Aliases_share_the_anchored_node_and_merge_keys_apply()
    {
        var root = Root("base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n");

        Assert.Same(root["base"], root["use"]);
        var merged = Assert.IsType<YamlMapping>(root["merged"]);
        Assert.Equal("1", merged.GetString("x"));
        Assert.Equal("3", merged.GetString("y"));
    }

    [Fact]
    public void Merge_key_with_a_list_of_mappings_keeps_the_first_value()
    {
        var root = Root("a: &a {x: 1}\nb: &b {x: 2, z: 9}\nc:\n  <<: [*a, *b]\n");

        var merged = Assert.IsType<YamlMapping>(root["c"]);
        Assert.Equal("1", merged.GetString("x"));
        Assert.Equal("9", merged.GetString("z"));
    }

    [Fact]
    public void Multiple_documents_are_read_in_order()
    {
        var file = YamlReader.Read("a.yaml", "---\na: 1\n---\nb: 2\n...\n");

        Assert.Equal(2, file.Documents.Count);
        Assert.Equal("2", ((YamlMapping)file.Documents[1]).GetString("b"));
    }

    [Fact]
    public void Duplicate_keys_are_reported_at_the_second_key()
    {
        var file = YamlReader.Read("a.yaml", "a: 1\nb: 2\na: 3\n");

        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("ORK006", diagnostic.Id);
        Assert.Equal((3, 1), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Contains("line 1", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_errors_are_located_and_do_not_throw()
    {
        var file = YamlReader.Read("a.yaml", "a: [1, 2\nb: 3\n");

        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("ORK001", diagnostic.Id);
        Assert.NotEqual((1, 1), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.DoesNotContain("Operation is not valid", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tab_indentation_is_named_as_such()
    {
        var file = YamlReader.Read("a.yaml", "a:\n\tb: 1\n");

        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("ORK002", diagnostic.Id);
        Assert.Equal((2, 1), (diagnostic.Location.Line, diagnostic.Location.Column));
    }
}
