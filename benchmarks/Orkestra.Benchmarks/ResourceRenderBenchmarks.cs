using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;
using Orkestra.Resources;

namespace Orkestra.Benchmarks;

/// <summary>
/// One CR through the example katalog (<c>examples/website</c>) to complete Kubernetes objects (issue 4: under 50 µs):
/// what a reconcile does to know its desired children. The renderer is built once, as the runtime builds it per CRD;
/// the measured method renders <c>onCreate</c> and <c>onReconcile</c> for the CR: templates, type conversion,
/// defaults, labels and owner reference.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ResourceRenderBenchmarks
{
    private ResourceRenderer _renderer = null!;
    private JsonObject _cr = new();

    /// <summary>Loads the example and its CR; throws unless the CR yields the Deployment and the Service without error.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(TemplateRenderBenchmarks.RepositoryRoot(), "examples", "website");
        var load = DocumentLoader.Load(Path.Combine(folder, "katalog.yaml"), PhysicalDocumentHost.Instance);
        var katalog = load.Documents.OfType<KatalogDocument>().SingleOrDefault();
        if (load.Diagnostics.Count > 0 || katalog is null)
        {
            throw new InvalidOperationException("The example katalog must load without diagnostics:" + Environment.NewLine + string.Join(Environment.NewLine, load.Diagnostics));
        }

        _renderer = ResourceRenderer.Create(katalog, katalog.Crds[0]);
        var crPath = Path.Combine(folder, "cr.yaml");
        _cr = (JsonObject)YamlValues.ToJson(YamlReader.Read(crPath, File.ReadAllText(crPath)).Documents[0])!;
        _cr["metadata"]!["uid"] = "8f0c3a52-6f0e-4d7b-9a53-2b1f0c9e4d11";

        var kinds = string.Join(",", Render().Select(r => r.Kind));
        if (kinds != "Deployment,Service")
        {
            throw new InvalidOperationException($"The example CR must yield a Deployment and a Service, but yields '{kinds}'.");
        }
    }

    /// <summary>Renders the CR's desired children, as the first reconcile of a new CR does (onCreate, then onReconcile).</summary>
    [Benchmark]
    public int RenderChildren() => Render().Count;

    private List<DesiredResource> Render()
    {
        var resources = new List<DesiredResource>();
        foreach (var phase in new[] { ResourcePhase.Create, ResourcePhase.Reconcile })
        {
            var result = _renderer.Render(_cr, phase);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
            }

            resources.AddRange(result.Resources);
        }

        return resources;
    }
}
