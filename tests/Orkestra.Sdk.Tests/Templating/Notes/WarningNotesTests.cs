using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The warning event notes over <c>_warnings</c>, the events that <c>enrich: [events]</c> embeds.</summary>
public class WarningNotesTests
{
    private const string Data = """
        {
          "deployment": { "_warnings": [
            { "reason": "BackOff", "message": "Back-off restarting failed container", "count": 3 },
            { "reason": "Unhealthy", "message": "Liveness probe failed" },
            { "reason": "BackOff", "message": "" },
            7
          ] },
          "odd": { "_warnings": [ { "reason": 1, "message": [] }, { "reason": "Failed", "message": "boom" } ] },
          "none": { "_warnings": [] },
          "notAList": { "_warnings": { "reason": "x" } }
        }
        """;

    [Theory]
    [InlineData("{{ hasWarnings .deployment }} {{ warningCount .deployment }} {{ firstWarning .deployment }}", "true 4 Back-off restarting failed container")]
    [InlineData("{{ warningMessages .deployment }} | {{ warningReasons .deployment }}", "Back-off restarting failed container, Liveness probe failed | BackOff, Unhealthy, BackOff")]
    [InlineData("[{{ firstWarning .odd }}] {{ warningMessages .odd }} {{ warningReasons .odd }}", "[] boom Failed")]
    [InlineData("{{ hasWarnings .none }} {{ warningCount .none }} [{{ firstWarning .none }}] {{ hasWarnings .notAList }} {{ warningCount .notAList }}", "false 0 [] false 0")]
    [InlineData("{{ hasWarnings \"x\" }} {{ warningCount .deployment._warnings }} [{{ warningReasons 1 }}]", "false 0 []")]
    [InlineData("{{ printf \"%T\" (warningCount .deployment) }}", "int")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ hasWarnings .missing }} {{ warningCount .missing }} [{{ firstWarning .missing }}][{{ warningMessages .missing }}][{{ warningReasons .missing }}]", "false 0 [][][]")]
    public void Missing_values_give_zero_values(string template, string expected) => Assert.Equal(expected, Render(template, Data));
}
