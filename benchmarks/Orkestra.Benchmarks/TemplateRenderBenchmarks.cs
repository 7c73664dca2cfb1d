using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;
using Orkestra.Templating;

namespace Orkestra.Benchmarks;

/// <summary>
/// Rendering the Deployment fields of the example katalog (<c>examples/website</c>) for one CR (issue 3: under 20 µs,
/// no re-parsing). The templates are the trees the loader parsed (<see cref="KatalogDocument.Templates"/>), wrapped
/// once with <see cref="FieldTemplate.FromSyntax"/>; the measured methods only execute them.
/// Min and median are shown besides the mean: on a shared build machine they are the steadier figures.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class TemplateRenderBenchmarks
{
    private const string Entry = "website";

    private FieldTemplate[] _fields = [];
    private string[] _outputs = [];
    private object? _data;
    private JsonObject _json = new();

    /// <summary>The katalog paths (<c>spec.crds.website.operatorBox…</c>) of the rendered fields, in document order.</summary>
    public IReadOnlyList<string> FieldPaths { get; private set; } = [];

    /// <summary>
    /// Loads the example katalog with the real loader, collects the parsed templates of the first deployment's fields,
    /// and reads the example CR into the template data model (and into JSON, as the API server would send it). Throws
    /// when the katalog does not load cleanly, when there is no deployment template, or when a field renders wrongly.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(RepositoryRoot(), "examples", "website");
        var result = DocumentLoader.Load(Path.Combine(folder, "katalog.yaml"), PhysicalDocumentHost.Instance);
        if (result.Diagnostics.Count > 0)
        {
            throw new InvalidOperationException(
                "The example katalog must load without diagnostics, but:" + Environment.NewLine +
                string.Join(Environment.NewLine, result.Diagnostics));
        }

        var katalog = result.Documents.Count == 1 ? result.Documents[0] as KatalogDocument : null;
        var deployment = ((katalog?.Crd(Entry)?.Reconcile?["onReconcile"] as YamlMapping)?["deployments"] as YamlSequence)?.Items.FirstOrDefault() as YamlMapping
            ?? throw new InvalidOperationException($"The example katalog must have spec.crds.{Entry}.operatorBox.reconcile.onReconcile.deployments[0].");

        // Every templated scalar under the deployment, looked up in the trees the loader parsed: what a renderer does.
        var fields = new List<FieldTemplate>();
        var paths = new List<string>();
        Collect(deployment, $"spec.crds.{Entry}.operatorBox.reconcile.onReconcile.deployments[0]", katalog!.Templates, fields, paths);
        if (fields.Count == 0)
        {
            throw new InvalidOperationException("No parsed template found under the deployment: the benchmark would measure nothing.");
        }

        _fields = fields.ToArray();
        _outputs = new string[_fields.Length];
        FieldPaths = paths;

        var crPath = Path.Combine(folder, "cr.yaml");
        var cr = YamlReader.Read(crPath, File.ReadAllText(crPath));
        if (cr.Diagnostics.Count > 0 || cr.Documents.Count != 1)
        {
            throw new InvalidOperationException("The example CR must read as one YAML document without diagnostics.");
        }

        _data = YamlValues.ToData(cr.Documents[0]);
        _json = JsonNode.Parse(JsonSerializer.Serialize(_data)) as JsonObject
            ?? throw new InvalidOperationException("The example CR must convert to a JSON object.");

        // The fields must render what the CR says, from both data models.
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "hello",
            ["image"] = "nginx:1.27",
            ["replicas"] = "2",
            ["port"] = "80",
        };
        foreach (var data in new[] { _data, TemplateData.FromJson(_json) })
        {
            for (var i = 0; i < _fields.Length; i++)
            {
                var output = _fields[i].Render(data);
                var key = paths[i][(paths[i].LastIndexOf('.') + 1)..];
                if (output.Length == 0 || (expected.TryGetValue(key, out var want) && output != want))
                {
                    throw new InvalidOperationException($"{paths[i]} rendered '{output}'.");
                }
            }
        }
    }

    /// <summary>Renders every templated field of the deployment against the CR's data model, converted once.</summary>
    [Benchmark(Baseline = true)]
    public int RenderDeploymentFields() => Render(_data);

    /// <summary>
    /// What a reconcile does with a CR received from the API server as a <see cref="JsonObject"/>: converts it to the
    /// data model (<see cref="TemplateData.FromJson(JsonNode)"/>), then renders the deployment's fields. Parsing the
    /// JSON text is not included (the Kubernetes client does it).
    /// </summary>
    [Benchmark]
    public int ConvertCrJsonAndRenderDeploymentFields() => Render(TemplateData.FromJson(_json));

    private int Render(object? data)
    {
        var length = 0;
        for (var i = 0; i < _fields.Length; i++)
        {
            var output = _fields[i].Render(data);
            _outputs[i] = output;
            length += output.Length;
        }

        return length;
    }

    private static void Collect(YamlNode node, string path, IReadOnlyDictionary<YamlScalar, Templating.Syntax.ParsedTemplate> templates, List<FieldTemplate> fields, List<string> paths)
    {
        switch (node)
        {
            case YamlMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    Collect(entry.Value, path + "." + entry.Name, templates, fields, paths);
                }

                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Collect(sequence.Items[i], path + "[" + i + "]", templates, fields, paths);
                }

                break;
            case YamlScalar scalar when templates.TryGetValue(scalar, out var syntax):
                fields.Add(FieldTemplate.FromSyntax(syntax, FunctionSet.Standard, path));
                paths.Add(path);
                break;
        }
    }

    // The folder holding Orkestra.Sdk.sln, above the working folder or the assembly (BenchmarkDotNet runs the
    // benchmarks from a generated project under the benchmark project's bin folder).
    internal static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Orkestra.Sdk.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Orkestra.Sdk.sln not found above the working folder or the benchmark assembly.");
    }
}
