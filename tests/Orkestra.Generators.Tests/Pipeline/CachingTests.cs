using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Orkestra.Generators.Pipeline;
using static Orkestra.Generators.Tests.Pipeline.GeneratorHarness;

namespace Orkestra.Generators.Tests.Pipeline;

/// <summary>Every named step is served from the cache when nothing it reads has changed.</summary>
public class CachingTests
{
    private static readonly AdditionalText[] Project =
    [
        Yaml("katalog.yaml", Samples.Katalog),
        Yaml("crd.yaml", Samples.Crd),
        Yaml("cr.yaml", Samples.Cr),
    ];

    [Fact]
    public void Every_pipeline_step_is_named()
    {
        // A class marked [KatalogHooks] (the attribute is matched by its metadata name), so the hooks step runs too.
        const string Hooks = "namespace Orkestra.Hooks { public sealed class KatalogHooksAttribute(string crdKey) : System.Attribute { public string CrdKey { get; } = crdKey; } }\n[Orkestra.Hooks.KatalogHooks(\"website\")] public sealed class WebsiteHooks { }";
        var result = CreateDriver(Project).RunGenerators(Compilation("class C { }", Hooks)).GetRunResult().Results.Single();

        var missing = AllTrackingNames.Where(name => !result.TrackedSteps.ContainsKey(name));
        Assert.Empty(missing);
    }

    [Fact]
    public void A_second_run_on_the_same_inputs_is_served_from_the_cache()
    {
        var compilation = Compilation("class C { }");
        var driver = CreateDriver(Project).RunGenerators(compilation);

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        AssertAllCached(second);
    }

    [Fact]
    public void Editing_an_unrelated_csharp_file_regenerates_nothing()
    {
        var compilation = Compilation("class C { }", "class D { }");
        var driver = CreateDriver(Project).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        var tree = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText("class D { int _x; }", (CSharpParseOptions)tree.Options, tree.FilePath));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCached(second);
        Assert.Equal(first.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())), second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void Editing_a_katalog_does_not_reread_the_other_files()
    {
        var compilation = Compilation("class C { }");
        var driver = CreateDriver(Project).RunGenerators(compilation);
        var edited = Yaml("katalog.yaml", Samples.Katalog.Replace("name: shop", "name: store", StringComparison.Ordinal));

        var second = driver.ReplaceAdditionalText(Project[0], edited).RunGenerators(compilation).GetRunResult().Results.Single();

        var reread = second.TrackedSteps[TrackingNames.YamlFiles].SelectMany(s => s.Outputs).Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Single(reread);
        var models = second.TrackedSteps[TrackingNames.ModelInputs].SelectMany(s => s.Outputs);
        Assert.All(models, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        var diagnostics = second.TrackedSteps[TrackingNames.Diagnostics].SelectMany(s => s.Outputs);
        Assert.All(diagnostics, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Editing_one_crd_regenerates_only_its_kind()
    {
        var shop = Yaml("shop-crd.yaml", Samples.Crd.Replace("Website", "Shop", StringComparison.Ordinal).Replace("websites", "shops", StringComparison.Ordinal).Replace("website", "shop", StringComparison.Ordinal));
        AdditionalText[] project = [.. Project, shop];
        var compilation = Compilation("class C { }");
        var driver = CreateDriver(project).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        var typeLine = Samples.Crd.Split('\n').Single(l => l.Trim() == "type: object");
        var edited = Yaml("crd.yaml", Samples.Crd.Replace(typeLine, typeLine + "\n" + typeLine.Replace("type: object", "description: A website.", StringComparison.Ordinal), StringComparison.Ordinal));

        var second = driver.ReplaceAdditionalText(Project[1], edited).RunGenerators(compilation).GetRunResult().Results.Single();

        var models = second.TrackedSteps[TrackingNames.ModelInputs].SelectMany(s => s.Outputs).ToList();
        var regenerated = models.Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(regenerated).Reason);
        Assert.Equal(2, models.Count);
        Assert.Equal(Source(first, "Shop"), Source(second, "Shop"));
        Assert.Contains("A website.", Source(second, "Website"), StringComparison.Ordinal);
    }

    private static string Source(GeneratorRunResult result, string kind) =>
        result.GeneratedSources.Single(s => s.HintName.EndsWith("." + kind + ".g.cs", StringComparison.Ordinal)).SourceText.ToString();

    private static void AssertAllCached(GeneratorRunResult result)
    {
        var changed = Reasons(result)
            .Where(r => r.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToList();
        Assert.True(changed.Count == 0, "steps not served from the cache: " + string.Join(", ", changed));
        Assert.NotEmpty(Reasons(result));
    }
}
