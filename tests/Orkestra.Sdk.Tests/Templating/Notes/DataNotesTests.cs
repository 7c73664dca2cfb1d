using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class DataNotesTests
{
    private const string Data = """
        {
          "password": "admin", "settings": { "z": 1, "a": { "nested": [ 1, 2.5, "x" ] }, "html": "<b>&</b>" },
          "team": "My App / Service", "map": {}, "number": 3
        }
        """;

    [Theory]
    [InlineData("{{ toBase64 .password }} {{ toBase64 \"héllo\" }}", "YWRtaW4= aMOpbGxv")]
    [InlineData("[{{ toBase64 \"\" }}][{{ toBase64 .missing }}]", "[][]")]
    [InlineData("{{ fromBase64 \"YWRtaW4=\" }} {{ fromBase64 (toBase64 \"héllo\") }} {{ fromBase64 \"aGVs\\nbG8=\" }}", "admin héllo hello")]
    [InlineData("[{{ fromBase64 \"not base64!\" }}][{{ fromBase64 \"YWRtaW4\" }}][{{ fromBase64 .missing }}][{{ fromBase64 \"YW Rt\" }}]", "[][][][]")]
    [InlineData("{{ toJSON .settings }}", "{\"a\":{\"nested\":[1,2.5,\"x\"]},\"html\":\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\",\"z\":1}")]
    [InlineData("{{ toJSON .missing }} {{ toJSON \"a\\\"b\" }} {{ toJSON .map }} {{ toJSON 3 }} {{ toJSON true }}", "null \"a\\\"b\" {} 3 true")]
    [InlineData("{{ toJSON \"tab\\tnew\\nline\\u0001\" }}", "\"tab\\tnew\\nline\\u0001\"")]
    [InlineData("{{ toJSON (add \"NaN\" 0) }}", "{}")]
    [InlineData("{{ sha256sum \"hello\" }} {{ sha256sum \"\" }} {{ sha256sum .missing }}", "2cf24dba e3b0c442 e3b0c442")]
    [InlineData("config-{{ sha256sum .password }}", "config-8c6976e5")]
    [InlineData("{{ slugify .team }} {{ slugify \"  --Hello__World--  \" }} {{ slugify \"Team 42\" }}", "my-app-service hello-world team-42")]
    [InlineData("{{ slugify \"Ünïcödé\" }} [{{ slugify \"\" }}] [{{ slugify \"---\" }}] [{{ slugify .missing }}]", "n-c-d [] [] []")]
    [InlineData("{{ truncateName \"orkestra-operator\" 8 }} {{ truncateName \"abc\" 10 }} [{{ truncateName \"abc\" 0 }}] [{{ truncateName .missing 3 }}]", "orkestra abc [] []")]
    [InlineData("{{ truncateName (slugify .team) 6 }}-svc", "my-app-svc")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ toBase64 1 }}", "error calling toBase64: wrong type for value; expected string; got int")]
    [InlineData("{{ sha256sum .settings }}", "expected string; got map[string]interface {}")]
    [InlineData("{{ slugify .number }}", "expected string; got float64")]
    [InlineData("{{ truncateName \"abc\" -1 }}", "must not be negative")]
    [InlineData("{{ truncateName \"abc\" \"x\" }}", "expected int; got string")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
