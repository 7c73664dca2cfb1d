using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class SafeAccessNotesTests
{
    private const string Data = """{ "replicas": 3, "ratio": 3.7, "zero": 0, "image": "busybox:1.35", "blank": "", "count": "3", "on": true, "off": false, "onText": "true" }""";

    [Theory]
    [InlineData("{{ getOr .replicas 1 }} {{ getOr .missing 1 }} {{ getOr .zero 1 }} {{ getOr .blank \"d\" }} {{ getOr .off true }}", "3 1 1 d true")]
    [InlineData("{{ getStringOr .image \"nginx\" }} {{ getStringOr .missing \"nginx\" }} {{ getStringOr .replicas \"nginx\" }} {{ getStringOr .blank \"nginx\" }}", "busybox:1.35 nginx nginx nginx")]
    [InlineData("[{{ getStringOr .missing .missing }}]", "[]")]
    [InlineData("{{ getIntOr .replicas 1 }} {{ getIntOr .ratio 1 }} {{ getIntOr .missing 1 }} {{ getIntOr .count 1 }} {{ getIntOr .on 1 }} {{ getIntOr 7 1 }}", "3 3 1 1 1 7")]
    [InlineData("{{ printf \"%T\" (getIntOr .replicas 1) }} {{ clamp (getIntOr .replicas 2) 1 20 }}", "int 3")]
    [InlineData("{{ getBoolOr .on false }} {{ getBoolOr .off true }} {{ getBoolOr .missing true }} {{ getBoolOr .missing false }} {{ getBoolOr .onText false }}", "true false true false false")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ getIntOr .replicas \"x\" }}", "error calling getIntOr: wrong type for value; expected int; got string")]
    [InlineData("{{ getBoolOr .on \"no\" }}", "expected bool; got string")]
    [InlineData("{{ getStringOr .image 1 }}", "expected string; got int")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
