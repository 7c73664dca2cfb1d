using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class ServeNotesTests
{
    private const string Data = """
        {
          "gateway": { "metadata": { "annotations": {
            "orkestra.orkspace.io/serve-target": "smartapp", "orkestra.orkspace.io/serve-alias": "public", "orkestra.orkspace.io/serve-source": "github" } } },
          "primary": { "metadata": { "annotations": { "orkestra.orkspace.io/serve-target": "smartapp", "orkestra.orkspace.io/serve-alias": "" } } },
          "direct": { "metadata": { "name": "x" } },
          "odd": { "metadata": { "annotations": { "orkestra.orkspace.io/serve-target": 5 } } }
        }
        """;

    [Theory]
    [InlineData("{{ getServeTarget .gateway }} {{ getServeAlias .gateway }} {{ getServeSource .gateway }}", "smartapp public github")]
    [InlineData("{{ hasServeTarget .gateway }} {{ hasServeAlias .gateway }} {{ hasServeSource .gateway }} {{ isDirectApply .gateway }}", "true true true false")]
    [InlineData("{{ getServeTarget .primary }} [{{ getServeAlias .primary }}] {{ hasServeAlias .primary }} {{ isDirectApply .primary }}", "smartapp [] false false")]
    [InlineData("[{{ getServeTarget .direct }}] {{ hasServeTarget .direct }} {{ isDirectApply .direct }} {{ isDirectApply .missing }} {{ isDirectApply .odd }}", "[] false true true true")]
    [InlineData("{{ if hasServeSource .gateway }}triggered by {{ getServeSource .gateway }}{{ end }}", "triggered by github")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));
}
