using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Resources;

namespace Orkestra.Sdk.Tests.Resources;

/// <summary>Small katalogs in memory for the resource tests: one <c>website</c> entry serving a Website CRD.</summary>
internal static class TestKatalogs
{
    /// <summary>The CRD of the Website kind (group <c>demo.io</c>, version <c>v1</c>, namespaced).</summary>
    public const string WebsiteCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: websites.demo.io}
        spec:
          group: demo.io
          scope: Namespaced
          names: {kind: Website, plural: websites, singular: website}
          versions: [{name: v1, served: true, storage: true}]
        """;

    /// <summary>Loads <c>k/katalog.yaml</c>: the envelope, then <paramref name="body"/> (top-level YAML after <c>metadata</c>).</summary>
    public static LoadResult LoadKatalog(string body, string scope = "Namespaced")
    {
        var host = new InMemoryHost()
            .Add("k/crd.yaml", WebsiteCrd.Replace("scope: Namespaced", "scope: " + scope, StringComparison.Ordinal))
            .Add("k/katalog.yaml", "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: web}\n" + body);
        return DocumentLoader.Load("k/katalog.yaml", host);
    }

    /// <summary>
    /// Loads a katalog whose entry has <paramref name="reconcile"/> (flush-left YAML) under
    /// <c>operatorBox.reconcile</c>, after <paramref name="top"/> (flush-left top-level YAML, such as a
    /// <c>profiles:</c> block).
    /// </summary>
    public static LoadResult Load(string reconcile, string top = "", string scope = "Namespaced") => LoadKatalog(
        (top.Trim().Length > 0 ? Indent(top, 0) + "\n" : string.Empty)
        + "spec:\n  crds:\n    website:\n      crdFile: ./crd.yaml\n      operatorBox:\n        reconcile:\n"
        + Indent(reconcile, 10),
        scope);

    /// <summary>The renderer of the entry <see cref="Load"/> yields, failing the test when the katalog has an error.</summary>
    public static ResourceRenderer Renderer(string reconcile, string top = "", string scope = "Namespaced") => Renderer(Load(reconcile, top, scope));

    /// <summary>The renderer of the first entry of <paramref name="load"/>, failing the test when it has an error.</summary>
    public static ResourceRenderer Renderer(LoadResult load)
    {
        var errors = load.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the katalog does not load:\n" + string.Join("\n", errors));
        var katalog = load.Documents.OfType<KatalogDocument>().Single();
        return ResourceRenderer.Create(katalog, katalog.Crds[0], GoldenTests.Services);
    }

    /// <summary>The lines of a flush-left YAML block (its least indented line sets the margin), indented by <paramref name="by"/>.</summary>
    public static string Indent(string yaml, int by)
    {
        var lines = yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var margin = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => new string(' ', by) + (l.Length >= margin ? l[margin..] : l.TrimStart())));
    }
}
