using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class MathNotesTests
{
    private const string Data = """{ "port": 8080, "replicas": 3, "ratio": 0.5, "text": "12", "list": [], "map": {} }""";

    [Theory]
    [InlineData("{{ add 1 2 }} {{ add .port 1000 }} {{ add \"1.5\" 1 }} {{ add true 1 }} {{ add -1 1 }}", "3 9080 2.5 2 0")]
    [InlineData("{{ add 0.1 0.2 }}", "0.30000000000000004")]
    [InlineData("{{ add .missing 1 }} {{ add .missing .missing }}", "1 0")]
    [InlineData("{{ printf \"%T %T\" (add 1 2) (add 1.5 1) }}", "int float64")]
    [InlineData("{{ printf \"%T\" (add .replicas .replicas) }}", "int")]
    [InlineData("{{ .replicas | add 1 }}", "4")]
    [InlineData("{{ sub 10 3 }} {{ sub 1 2.5 }} {{ sub .replicas \"1\" }} {{ sub .text 2 }}", "7 -1.5 2 10")]
    [InlineData("{{ mul 3 2 }} {{ mul \"2\" \"0.5\" }} {{ mul .replicas 1.5 }} {{ mul .ratio .missing }}", "6 1 4.5 0")]
    [InlineData("{{ mul 1e10 1e10 }}", "1e+20")]
    [InlineData("{{ div 8 4 }} {{ div 7 2 }} {{ div -7 2 }} {{ div 1 3 }}", "2 3.5 -3.5 0.3333333333333333")]
    [InlineData("{{ div .missing 5 }}", "0")]
    [InlineData("{{ mod 8080 100 }} {{ mod -7 3 }} {{ mod 7.9 2.5 }} {{ mod .port \"1000\" }}", "80 -1 1 80")]
    [InlineData("{{ printf \"%T\" (mod 7 2) }}", "int")]
    [InlineData("{{ min 15 10 }} {{ min 3 10 }} {{ min \"3\" 2.5 }} {{ max 1 2 }} {{ max .replicas 5 }} {{ max .missing -1 }}", "10 3 2.5 2 5 0")]
    [InlineData("{{ clamp 0 1 20 }} {{ clamp 5 1 20 }} {{ clamp 25 1 20 }} {{ clamp \"7\" 1 5 }} {{ clamp .missing 1 5 }}", "1 5 20 5 1")]
    [InlineData("{{ abs -300 }} {{ abs 300 }} {{ abs \"-1.5\" }} {{ abs .missing }} {{ abs -0.0 }}", "300 300 1.5 0 0")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ add \"x\" 1 }}", "error calling add: add: cannot convert string \"x\" to a number")]
    [InlineData("{{ sub .list 1 }}", "sub: cannot convert []interface {}")]
    [InlineData("{{ mul .map 2 }}", "mul: cannot convert map[string]interface {}")]
    [InlineData("{{ div 1 0 }}", "div: division by zero")]
    [InlineData("{{ div 1 .missing }}", "div: division by zero")]
    [InlineData("{{ mod 5 0.5 }}", "mod: division by zero")]
    [InlineData("{{ abs \" 1\" }}", "abs: cannot convert string \" 1\" to a number")]
    [InlineData("{{ add \"1e400\" 1 }}", "cannot convert")]
    [InlineData("{{ clamp 1 2 .map }}", "clamp: cannot convert")]
    [InlineData("{{ min 1 }}", "wrong number of args for min: want 2 got 1")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
