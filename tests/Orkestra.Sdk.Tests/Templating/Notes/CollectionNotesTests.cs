using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class CollectionNotesTests
{
    private const string Data = """
        {
          "regions": [ "us-east-1", "eu-west-1" ], "ports": [ 8080, 9090 ], "flags": [ true, null ],
          "labels": { "app": "frontend", "tier": "web", "a.b": "dotted" }, "m": { "b": 1, "a": 2 },
          "text": "abc", "json": "[\"us-east-1\"]", "yaml": "- a\n- b", "object": "{\"size\": 3}", "ymap": "a: 1\nb: x",
          "config": { "key": "val" }, "mixed": [ 1, "a" ]
        }
        """;

    [Theory]
    [InlineData("{{ listHas .regions \"us-east-1\" }} {{ listHas .regions \"ap-south-1\" }} {{ listHas .missing \"x\" }} {{ listHas .text \"a\" }}", "true false false false")]
    [InlineData("{{ listHas .ports 8080 }} {{ listHas .ports 8080.0 }} {{ listHas .ports \"8080\" }} {{ listHas .flags true }} {{ listHas .flags nil }} {{ listHas .flags false }}", "true true false true true false")]
    [InlineData("{{ listGet .regions 0 }} {{ listGet .regions 1 }} {{ listGet .regions \"1\" }} {{ listGet .regions 1.0 }}", "us-east-1 eu-west-1 eu-west-1 eu-west-1")]
    [InlineData("[{{ listGet .regions 2 }}][{{ listGet .regions -1 }}][{{ listGet .missing 0 }}][{{ listGet .labels 0 }}]", "[][][][]")]
    [InlineData("{{ listLen .regions }} {{ listLen .missing }} {{ listLen .text }} {{ listLen .labels }}", "2 0 0 0")]
    [InlineData("{{ mapGet .labels \"app\" }} {{ mapGet .labels \"a.b\" }} [{{ mapGet .labels \"nope\" }}][{{ mapGet .missing \"app\" }}][{{ mapGet .regions \"app\" }}]", "frontend dotted [][][]")]
    [InlineData("{{ mapKeys .m }} {{ mapKeys .missing }} {{ mapKeys .regions }} {{ join (mapKeys .labels) \", \" }}", "[a b] [] [] a.b, app, tier")]
    [InlineData("{{ mapValues .m }} {{ mapValues .missing }} {{ len (mapValues .labels) }}", "[2 1] [] 3")]
    [InlineData("{{ mapPick .m \"a\" \"z\" | toJSON }} {{ mapPick .missing \"a\" | toJSON }} {{ mapPick .m | toJSON }}", "{\"a\":2} {} {}")]
    [InlineData("{{ mapOmit .m \"b\" | toJSON }} {{ mapOmit .m | toJSON }} {{ mapOmit .missing \"a\" | toJSON }}", "{\"a\":2} {\"a\":2,\"b\":1} {}")]
    [InlineData("{{ mapOmit .m \"a\" | len }} {{ len .m }} {{ mapPick .m \"a\" | len }} {{ len .m }}", "1 2 1 2")]
    [InlineData("{{ asList .ports }} {{ index (asList .json) 0 }} {{ len (asList .yaml) }} {{ index (asList .yaml) 1 }}", "[8080 9090] us-east-1 2 b")]
    [InlineData("{{ asList \"a, b\" }} {{ asList 5 }} {{ asList .missing }} {{ asList .object }} {{ asList \"[unclosed\" }}", "[] [] [] [] []")]
    [InlineData("{{ (asMap .object).size }} {{ (asMap .ymap).b }} {{ (asMap .m).a }}", "3 x 2")]
    [InlineData("{{ len (asMap \"[1]\") }} {{ len (asMap .missing) }} {{ len (asMap 5) }} {{ len (asMap \"a: [\") }}", "0 0 0 0")]
    [InlineData("{{ asString 3 }} {{ asString true }} {{ asString \"s\" }} {{ asString .config }} {{ asString .mixed }} {{ asString 2.5 }}", "3 true s {\"key\":\"val\"} [1,\"a\"] 2.5")]
    [InlineData("[{{ asString .missing }}]", "[]")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ listGet .regions \"x\" }}", "error calling listGet: wrong type for value; expected int; got string")]
    [InlineData("{{ mapGet .labels 5 }}", "expected string; got int")]
    [InlineData("{{ mapPick .m 1 }}", "expected string; got int")]
    [InlineData("{{ mapOmit .m .regions }}", "expected string; got []interface {}")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
