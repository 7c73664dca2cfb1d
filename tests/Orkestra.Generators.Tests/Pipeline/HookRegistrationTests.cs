using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Orkestra.Kubernetes;

namespace Orkestra.Generators.Tests.Pipeline;

/// <summary>Classes marked [KatalogHooks] become <c>AddGeneratedHooks()</c>; classes the runtime cannot use are errors.</summary>
public class HookRegistrationTests
{
    private const string Model = """
        namespace Shop;
        public sealed class Website : global::Orkestra.Kubernetes.CustomResource<WebsiteSpec, WebsiteStatus> { }
        public sealed class WebsiteSpec { }
        public sealed class WebsiteStatus { }
        """;

    private static readonly MetadataReference[] References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => p.Length > 0)
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .Append(MetadataReference.CreateFromFile(typeof(CustomResource<,>).Assembly.Location))
        .ToArray();

    private static (GeneratorRunResult Result, Compilation Output) Run(params string[] sources) => Run([], sources);

    private static (GeneratorRunResult Result, Compilation Output) Run(AdditionalText[] texts, params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            "Hooks",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: "File" + i + ".cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([new OrkestraGenerator().AsSourceGenerator()], texts).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    [Fact]
    public void A_hooks_class_is_registered_by_AddGeneratedHooks_and_the_output_compiles()
    {
        var (result, output) = Run(Model, """
            using Orkestra.Hooks;
            namespace Shop;
            [KatalogHooks("website")]
            public sealed class WebsiteHooks : IReconcileHook<Website>, IDeleteHook<Website>
            {
                public System.Threading.Tasks.Task<HookResult> ReconcileAsync(ReconcileContext<Website> context, System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.FromResult(HookResult.Done);
                public System.Threading.Tasks.Task<HookResult> DeleteAsync(ReconcileContext<Website> context, System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.FromResult(HookResult.Done);
            }
            """, """
            public static class Wiring
            {
                public static void Wire(Orkestra.Hosting.IOrkestraBuilder builder) => Orkestra.Hosting.OrkestraGeneratedHooks.AddGeneratedHooks(builder);
            }
            """);

        Assert.Empty(result.Diagnostics);
        var source = Assert.Single(result.GeneratedSources, s => s.HintName == "Orkestra.GeneratedHooks.g.cs").SourceText.ToString();
        Assert.Contains("builder.AddHooks<global::Shop.WebsiteHooks, global::Shop.Website>(\"website\");", source, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("internal sealed class Bad : IReconcileHook<Website>", "must be public")]
    [InlineData("public abstract class Bad : IReconcileHook<Website>", "not abstract")]
    [InlineData("public sealed class Bad", "implements no typed hook")]
    public void A_class_the_runtime_cannot_use_is_ORK201_at_its_name(string declaration, string message)
    {
        var body = declaration.Contains("IReconcileHook", StringComparison.Ordinal)
            ? "{ public System.Threading.Tasks.Task<HookResult> ReconcileAsync(ReconcileContext<Website> context, System.Threading.CancellationToken cancellationToken) => throw null!; }"
            : "{ }";
        var (result, _) = Run(Model, "using Orkestra.Hooks;\nnamespace Shop;\n[KatalogHooks(\"website\")]\n" + declaration + "\n" + body);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ORK201", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == "Orkestra.GeneratedHooks.g.cs");
    }

    [Fact]
    public void Two_hooks_classes_for_one_crd_are_ORK202()
    {
        const string Hook = "{ public System.Threading.Tasks.Task<HookResult> ReconcileAsync(ReconcileContext<Website> context, System.Threading.CancellationToken cancellationToken) => throw null!; }";
        var (result, _) = Run(
            Model,
            "using Orkestra.Hooks;\nnamespace Shop;\n[KatalogHooks(\"website\")]\npublic sealed class A : IReconcileHook<Website>\n" + Hook,
            "using Orkestra.Hooks;\nnamespace Shop;\n[KatalogHooks(\"website\")]\npublic sealed class B : IReconcileHook<Website>\n" + Hook);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ORK202", diagnostic.Id);
        Assert.Contains("already has the hooks class Shop.A", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("AddHooks<global::Shop.A, global::Shop.Website>", Assert.Single(result.GeneratedSources, s => s.HintName == "Orkestra.GeneratedHooks.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    private const string Hook = "{ public System.Threading.Tasks.Task<HookResult> ReconcileAsync(ReconcileContext<Website> context, System.Threading.CancellationToken cancellationToken) => throw null!; }";

    [Fact]
    public void A_marked_class_for_a_crd_no_katalog_declares_is_ORK203()
    {
        var (result, _) = Run(
            [GeneratorHarness.Yaml("katalog.yaml", Samples.Katalog), GeneratorHarness.Yaml("crd.yaml", Samples.Crd)],
            "using Orkestra.Hooks;\nusing Orkestra.Models;\nnamespace Shop;\n[KatalogHooks(\"websites\")]\npublic sealed class WebsiteHooks : IReconcileHook<Website>\n" + Hook);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("ORK203", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Contains("no katalog of the project declares the CRD 'websites', so the runtime will not call it; did you mean 'website'?", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hooks_class_no_marked_class_matches_is_ORK204_at_its_katalog_line()
    {
        var katalog = Samples.Katalog + "\n      operatorBox:\n        reconcile:\n          hooks:\n            class: Shop.Missing\n";
        var (result, _) = Run(
            [GeneratorHarness.Yaml("katalog.yaml", katalog), GeneratorHarness.Yaml("crd.yaml", Samples.Crd)],
            "using Orkestra.Hooks;\nusing Orkestra.Models;\nnamespace Shop;\n[KatalogHooks(\"website\")]\npublic sealed class WebsiteHooks : IReconcileHook<Website>\n" + Hook);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("ORK204", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        var span = diagnostic.Location.GetLineSpan();
        Assert.EndsWith("katalog.yaml", span.Path, StringComparison.Ordinal);
        Assert.Equal(11, span.StartLinePosition.Line); // the class: line (0-based)
    }

    [Fact]
    public void A_hooks_class_that_matches_its_marked_class_is_clean()
    {
        var katalog = Samples.Katalog + "\n      operatorBox:\n        reconcile:\n          hooks:\n            class: Shop.WebsiteHooks\n";
        var (result, output) = Run(
            [GeneratorHarness.Yaml("katalog.yaml", katalog), GeneratorHarness.Yaml("crd.yaml", Samples.Crd)],
            "using Orkestra.Hooks;\nusing Orkestra.Models;\nnamespace Shop;\n[KatalogHooks(\"website\")]\npublic sealed class WebsiteHooks : IReconcileHook<Website>\n" + Hook);

        Assert.Empty(result.Diagnostics);
        Assert.Contains("AddHooks<global::Shop.WebsiteHooks, global::Orkestra.Models.Website>", Assert.Single(result.GeneratedSources, s => s.HintName == "Orkestra.GeneratedHooks.g.cs").SourceText.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Hooks_of_a_hand_written_type_for_a_crd_with_a_generated_model_are_ORK205()
    {
        var (result, _) = Run(
            [GeneratorHarness.Yaml("katalog.yaml", Samples.Katalog), GeneratorHarness.Yaml("crd.yaml", Samples.Crd)],
            Model,
            "using Orkestra.Hooks;\nnamespace Shop;\n[KatalogHooks(\"website\")]\npublic sealed class WebsiteHooks : IReconcileHook<Website>\n" + Hook);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("ORK205", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(
            "Shop.WebsiteHooks is the hooks class of the CRD 'website', whose model is Orkestra.Models.Website (generated from its Website.demo.orkestra.io CRD), but its hooks take Shop.Website; implement the hooks with T = Orkestra.Models.Website",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Hooks_of_another_crds_generated_model_are_ORK205()
    {
        var shop = Samples.Crd.Replace("Website", "Shop", StringComparison.Ordinal).Replace("websites", "shops", StringComparison.Ordinal).Replace("website", "shop", StringComparison.Ordinal);
        var (result, _) = Run(
            [GeneratorHarness.Yaml("katalog.yaml", Samples.Katalog), GeneratorHarness.Yaml("crd.yaml", Samples.Crd), GeneratorHarness.Yaml("shop.yaml", shop)],
            "using Orkestra.Hooks;\nusing Orkestra.Models;\nnamespace Shop;\n[KatalogHooks(\"website\")]\npublic sealed class WebsiteHooks : IReconcileHook<Shop>\n" + Hook.Replace("<Website>", "<Shop>", StringComparison.Ordinal));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ORK205", diagnostic.Id);
        Assert.Contains("but its hooks take Shop; implement the hooks with T = Orkestra.Models.Website", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_served_by_two_groups_gets_two_class_names_and_hooks_take_the_renamed_one()
    {
        var other = Samples.Crd.Replace("websites.demo.orkestra.io", "websites.example.com", StringComparison.Ordinal).Replace("group: demo.orkestra.io", "group: example.com", StringComparison.Ordinal);
        var katalog = Samples.Katalog.Replace("./crd.yaml", "./other.yaml", StringComparison.Ordinal);
        var (result, output) = Run(
            [GeneratorHarness.Yaml("katalog.yaml", katalog), GeneratorHarness.Yaml("crd.yaml", Samples.Crd), GeneratorHarness.Yaml("other.yaml", other)],
            "using Orkestra.Hooks;\nusing Orkestra.Models;\nnamespace Shop;\n[KatalogHooks(\"website\")]\npublic sealed class WebsiteHooks : IReconcileHook<ExampleWebsite>\n" + Hook.Replace("<Website>", "<ExampleWebsite>", StringComparison.Ordinal));

        var renamed = Assert.Single(result.Diagnostics);
        Assert.Equal(("ORK102", DiagnosticSeverity.Info), (renamed.Id, renamed.Severity));
        Assert.Equal(
            "The kind Website of example.com is generated as ExampleWebsite: demo.orkestra.io serves a Website too, which keeps the name Website",
            renamed.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("other.yaml", renamed.Location.GetLineSpan().Path, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var renamedSource = Assert.Single(result.GeneratedSources, s => s.HintName == "example.com.v1.Website.g.cs").SourceText.ToString();
        Assert.Contains("public sealed partial class ExampleWebsite ", renamedSource, StringComparison.Ordinal);
        Assert.Contains("new(\"example.com\", \"v1\", \"Website\", \"websites\")", renamedSource, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class ExampleWebsiteSpec", renamedSource, StringComparison.Ordinal);
    }
}
