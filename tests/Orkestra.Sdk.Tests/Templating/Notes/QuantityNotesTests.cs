using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class QuantityNotesTests
{
    private const string Data = """{ "cpu": "1", "memory": "1Gi", "number": 5 }""";

    [Theory]
    [InlineData("{{ parseQuantity \"100m\" }} {{ parseQuantity \"500m\" }} {{ parseQuantity \"2\" }} {{ parseQuantity \"1.5\" }} {{ parseQuantity \"-250m\" }}", "0.1 0.5 2 1.5 -0.25")]
    [InlineData("{{ parseQuantity .memory }}", "1.073741824e+09")]
    [InlineData("{{ parseQuantity .memory | printf \"%.0f\" }} {{ parseQuantity \"512Ki\" }} {{ parseQuantity \"1k\" }} {{ parseQuantity \"1e3\" }}", "1073741824 524288 1000 1000")]
    [InlineData("{{ parseQuantity \"100n\" }} {{ parseQuantity \"1M\" }} {{ parseQuantity \"+3\" }} {{ parseQuantity \".5\" }}", "1e-07 1e+06 3 0.5")]
    [InlineData("{{ printf \"%T\" (parseQuantity \"2\") }} {{ parseQuantity .missing }}", "float64 0")]
    [InlineData("{{ formatQuantity 0.1 }} {{ formatQuantity 0.5 }} {{ formatQuantity 1 }} {{ formatQuantity 1.0 }} {{ formatQuantity 2.5 }}", "100m 500m 1 1 2500m")]
    [InlineData("{{ formatQuantity 1073741824 }} {{ formatQuantity 1000 }} {{ formatQuantity 1500000 }} {{ formatQuantity 0 }} {{ formatQuantity 0.0001 }}", "1073741824 1k 1500k 0 0")]
    [InlineData("{{ formatQuantity -0.25 }} {{ formatQuantity \"0.75\" }} {{ formatQuantity .missing }}", "-250m 750m 0")]
    [InlineData("{{ formatQuantity (div (parseQuantity .cpu) 4) }}", "250m")]
    [InlineData("{{ formatQuantity (mul (parseQuantity \"2\") 0.8) }}", "1600m")]
    [InlineData("{{ sumQuantity \"100m\" \"200m\" }} {{ sumQuantity \"500m\" \"500m\" }} {{ sumQuantity \"1Gi\" \"512Mi\" }} {{ sumQuantity .memory .memory }}", "300m 1 1536Mi 2Gi")]
    [InlineData("{{ sumQuantity \"1\" \"500m\" }} {{ sumQuantity \"512Mi\" \"512Mi\" }} {{ sumQuantity \"1Ki\" \"1\" }} {{ sumQuantity \"100Mi\" \"100M\" }}", "1500m 1Gi 1025 204857600")]
    [InlineData("{{ sumQuantity \"0\" \"1Gi\" }} {{ sumQuantity \"1e3\" \"1e3\" }} {{ sumQuantity \"-1\" \"1\" }} {{ sumQuantity \"1.5Gi\" \"0\" }} {{ sumQuantity \"100m\" \"1Ki\" }}", "1Gi 2e3 0 1536Mi 1024100m")]
    [InlineData("{{ sumQuantity \"1Mi\" \"-1Ki\" }} {{ sumQuantity \"500Mi\" \"-1Gi\" }} {{ sumQuantity \"1n\" \"0.5n\" }}", "1023Ki -524Mi 2n")]
    [InlineData("{{ sumQuantity .memory .missing }} {{ sumQuantity .missing .missing }}", "1Gi 0")]
    [InlineData("{{ sumQuantity \"1000E\" \"1E\" }}", "1001E")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ parseQuantity \"abc\" }}", "error calling parseQuantity: parseQuantity: \"abc\" is not a valid Kubernetes quantity")]
    [InlineData("{{ parseQuantity \"1K\" }}", "\"1K\" is not a valid Kubernetes quantity")]
    [InlineData("{{ parseQuantity \"\" }}", "\"\" is not a valid Kubernetes quantity")]
    [InlineData("{{ parseQuantity \"1.2.3\" }}", "is not a valid Kubernetes quantity")]
    [InlineData("{{ parseQuantity \"1 Gi\" }}", "is not a valid Kubernetes quantity")]
    [InlineData("{{ parseQuantity .number }}", "wrong type for value; expected string; got float64")]
    [InlineData("{{ sumQuantity \"1Gi\" \"x\" }}", "sumQuantity: \"x\" is not a valid Kubernetes quantity")]
    [InlineData("{{ sumQuantity \"70000000000E\" \"70000000000E\" }}", "sumQuantity: the sum is too large")]
    [InlineData("{{ parseQuantity \"80000000000E\" }}", "is not a valid Kubernetes quantity")]
    [InlineData("{{ formatQuantity \"x\" }}", "formatQuantity: cannot convert string \"x\" to a number")]
    [InlineData("{{ formatQuantity 1e300 }}", "out of range")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
