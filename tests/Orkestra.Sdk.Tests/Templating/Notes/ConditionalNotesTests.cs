using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class ConditionalNotesTests
{
    private const string Data = """
        {
          "debug": true, "quiet": false, "suspend": true, "image": "nginx", "empty": "", "zero": 0, "five": 5,
          "list": [], "full": [ 0 ], "map": {}, "found": true, "phase": "Running", "three": 3, "noValue": "<no value>",
          "yes": "true"
        }
        """;

    [Theory]
    [InlineData("{{ ternary .debug \"debug\" \"info\" }} {{ ternary .quiet \"debug\" \"info\" }}", "debug info")]
    [InlineData("{{ ternary .image \"custom\" \"default\" }} {{ ternary .empty \"custom\" \"default\" }} {{ ternary .missing \"custom\" \"default\" }}", "custom default default")]
    [InlineData("{{ ternary .zero 1 2 }} {{ ternary .five 1 2 }} {{ ternary 1.5 1 2 }} {{ ternary .list 1 2 }} {{ ternary .full 1 2 }} {{ ternary .map 1 2 }}", "2 1 1 2 1 2")]
    [InlineData("{{ boolTernary .suspend \"Suspended\" \"Active\" }} {{ boolTernary .quiet \"Suspended\" \"Active\" }} {{ boolTernary .missing \"Suspended\" \"Active\" }}", "Suspended Active Active")]
    [InlineData("{{ boolTernary (boolDefault .missing false) \"Suspended\" \"Active\" }}", "Active")]
    [InlineData("{{ boolDefault .debug false }} {{ boolDefault .quiet true }} {{ boolDefault .missing true }} {{ boolDefault .yes false }} {{ boolDefault .zero true }}", "true false true false true")]
    [InlineData("{{ boolDefault .missing .missing }}", "false")]
    [InlineData("{{ eqTernary .phase \"Running\" \"ready\" \"waiting\" }} {{ eqTernary .phase \"Pending\" \"ready\" \"waiting\" }}", "ready waiting")]
    [InlineData("{{ eqTernary .found \"true\" \"yes\" \"no\" }} {{ eqTernary .three \"3\" \"yes\" \"no\" }} {{ eqTernary .missing \"\" \"yes\" \"no\" }}", "yes yes no")]
    [InlineData("{{ coalesce .missing \"\" \"x\" }} {{ coalesce .zero .quiet \"y\" }} {{ coalesce .list .map .noValue \"z\" }}", "x y z")]
    [InlineData("[{{ coalesce }}][{{ coalesce .missing .empty }}]", "[][]")]
    [InlineData("{{ coalesce .five 7 }}", "5")]
    [InlineData("{{ default \"info\" .image }} {{ default \"info\" .missing }} {{ .missing | default \"info\" }}", "nginx info info")]
    [InlineData("{{ .zero | default 2 }} {{ .five | default 2 }} {{ default 3 .quiet }} {{ .noValue | default \"x\" }} {{ .list | default \"none\" }}", "2 5 3 x none")]
    [InlineData("{{ default .missing .image }}", "nginx")]
    [InlineData("{{ empty .missing }} {{ empty .empty }} {{ empty .noValue }} {{ empty .zero }} {{ empty 0.0 }} {{ empty .quiet }} {{ empty .list }} {{ empty .map }}", "true true true true true true true true")]
    [InlineData("{{ empty .image }} {{ empty .five }} {{ empty .full }} {{ empty .debug }} {{ empty -1 }}", "false false false false false")]
    [InlineData("{{ notEmpty .image }} {{ notEmpty .missing }} {{ notEmpty .full }}", "true false true")]
    [InlineData("{{ if empty .missing }}nginx:latest{{ else }}{{ .missing }}{{ end }}", "nginx:latest")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ boolTernary \"yes\" \"a\" \"b\" }}", "error calling boolTernary: wrong type for value; expected bool; got string")]
    [InlineData("{{ boolTernary .five \"a\" \"b\" }}", "expected bool; got float64")]
    [InlineData("{{ boolDefault .image \"no\" }}", "expected bool; got string")]
    [InlineData("{{ ternary .debug \"a\" }}", "wrong number of args for ternary: want 3 got 2")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
