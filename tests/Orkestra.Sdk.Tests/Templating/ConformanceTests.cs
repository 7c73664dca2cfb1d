using System.Text.Json;
using Orkestra.Templating;
using Orkestra.Templating.Syntax;

namespace Orkestra.Sdk.Tests.Templating;

/// <summary>
/// The engine against real Go: every case of Conformance/cases.json rendered as a katalog field must give exactly
/// the output Go 1.19's text/template gave (Conformance/expected.json, made by Conformance/generate), or fail where
/// Go failed.
/// </summary>
public class ConformanceTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Templating", "Conformance");

    // Constructs newer than the Go 1.19 that generated expected.json, where this engine follows the newer Go:
    // range over an integer (Go 1.22) and {{else with}} (Go 1.23). Hand-checked against those releases' semantics.
    private static readonly Dictionary<string, string> NewerGo = new(StringComparer.Ordinal)
    {
        ["range-over-int-literal-error"] = "xxx",
        ["with-else-with-error"] = "nginx:1.27",
    };

    private static readonly Lazy<Dictionary<string, (string Template, JsonElement Data)>> Cases = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json")));
        return document.RootElement.EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("template").GetString()!, c.GetProperty("data").Clone()));
    });

    public static TheoryData<string, bool, string> Expectations()
    {
        var data = new TheoryData<string, bool, string>();
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        foreach (var expected in document.RootElement.EnumerateArray())
        {
            var name = expected.GetProperty("name").GetString()!;
            if (NewerGo.TryGetValue(name, out var newer))
            {
                data.Add(name, false, newer);
                continue;
            }

            var error = expected.GetProperty("error").GetBoolean();
            data.Add(name, error, error ? expected.GetProperty("message").GetString()! : expected.GetProperty("output").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Renders_like_go(string name, bool error, string expected)
    {
        var (text, json) = Cases.Value[name];
        string output;
        try
        {
            var field = FieldTemplate.Parse(text, field: name);
            output = field.Render(TemplateData.FromJson(json));
        }
        catch (Exception ex) when (ex is TemplateSyntaxException or TemplateExecutionException)
        {
            Assert.True(error, $"Go rendered {Quote(expected)}, but the engine failed: {ex.Message}\ntemplate: {text}");
            return;
        }

        Assert.False(error, $"Go failed ({expected}), but the engine rendered {Quote(output)}\ntemplate: {text}");
        Assert.True(expected == output, $"expected {Quote(expected)}\nactual   {Quote(output)}\ntemplate: {text}");
    }

    private static string Quote(string s) => JsonSerializer.Serialize(s);
}
