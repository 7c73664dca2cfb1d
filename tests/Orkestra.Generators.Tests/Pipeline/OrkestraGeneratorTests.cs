using Microsoft.CodeAnalysis;
using Orkestra.Generators.Pipeline;
using static Orkestra.Generators.Tests.Pipeline.GeneratorHarness;

namespace Orkestra.Generators.Tests.Pipeline;

/// <summary>The generator reads katalogs and CRDs from additional texts and reports the loader's diagnostics in the YAML.</summary>
public class OrkestraGeneratorTests
{
    [Fact]
    public void A_katalog_and_its_crd_give_no_diagnostic()
    {
        var result = Run(Yaml("katalog.yaml", Samples.Katalog), Yaml("crd.yaml", Samples.Crd));

        Assert.Empty(result.Diagnostics);
        Assert.Single(Outputs(result, TrackingNames.Katalogs));
        Assert.Single(Outputs(result, TrackingNames.Crds));
        Assert.Single(Outputs(result, TrackingNames.LoadedKatalogs));
    }

    [Fact]
    public void The_crds_models_are_generated_into_the_models_namespace()
    {
        var result = Run(Yaml("katalog.yaml", Samples.Katalog), Yaml("crd.yaml", Samples.Crd));

        var source = Assert.Single(result.GeneratedSources);
        Assert.EndsWith(".Website.g.cs", source.HintName, StringComparison.Ordinal);
        var text = source.SourceText.ToString();
        Assert.Contains("class Website", text, StringComparison.Ordinal);
        Assert.Contains("class WebsiteSpec", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_syntax_error_is_reported_with_the_loaders_id_at_its_line_and_column()
    {
        var katalog = Samples.Katalog.Replace("  name: shop", "  name: [shop", StringComparison.Ordinal);

        var diagnostic = Assert.Single(RunDiagnostics(Yaml("katalog.yaml", katalog), Yaml("crd.yaml", Samples.Crd)), d => d.Id == "ORK001");

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Root + "katalog.yaml", span.Path);
        Assert.True(span.StartLinePosition.Line >= 3, "the syntax error is located at or after the unclosed '[' (line 4): " + diagnostic);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_syntax_error_in_a_crd_file_is_reported_once_whether_a_katalog_names_it_or_not(bool withKatalog)
    {
        var crd = Yaml("crd.yaml", Samples.Crd.Replace("  group: demo.orkestra.io", "  group: [demo.orkestra.io", StringComparison.Ordinal));
        AdditionalText[] texts = withKatalog ? [Yaml("katalog.yaml", Samples.Katalog), crd] : [crd];

        var diagnostic = Assert.Single(RunDiagnostics(texts), d => d.Id == "ORK001");

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Root + "crd.yaml", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void A_schema_error_is_reported_with_the_loaders_id_severity_and_message_at_the_value()
    {
        var katalog = Samples.Katalog + "\n      dependsOn: [database]\n";

        var diagnostics = RunDiagnostics(Yaml("katalog.yaml", katalog), Yaml("crd.yaml", Samples.Crd));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("ORK033", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.StartsWith("CRD 'website' depends on 'database', which no CRD entry declares", diagnostic.GetMessage(), StringComparison.Ordinal);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Root + "katalog.yaml", span.Path);
        Assert.Equal(8, span.StartLinePosition.Line); // line 9, 0-based
        Assert.Equal(18, span.StartLinePosition.Character); // column 19: "database"
        Assert.Equal(Location.Create(span.Path, diagnostic.Location.SourceSpan, span.Span).GetLineSpan(), span);
        Assert.StartsWith(Root + "katalog.yaml(9,19): error ORK033: ", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_path_the_crd_schema_lacks_is_a_build_warning_at_its_line_and_column()
    {
        var crd = Samples.Crd + "\n          properties:\n            spec:\n              type: object\n              properties:\n                image: {type: string}\n";
        var katalog = Samples.Katalog + "\n      operatorBox:\n        reconcile:\n          onReconcile:\n            deployments:\n              - image: \"{{ .spec.imagee }}\"\n";

        var diagnostic = Assert.Single(RunDiagnostics(Yaml("katalog.yaml", katalog), Yaml("crd.yaml", crd)));

        Assert.Equal("ORK110", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.StartsWith(Root + "katalog.yaml(13,33): warning ORK110: spec.crds.website.operatorBox.reconcile.onReconcile.deployments[0].image: '.spec.imagee' is not in the CRD schema", diagnostic.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("did you mean '.spec.image'? (template line 1, column 9)", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_span_matches_the_line_and_column()
    {
        var katalog = Samples.Katalog + "\n      dependsOn: [database]\n";

        var diagnostic = Assert.Single(RunDiagnostics(Yaml("katalog.yaml", katalog), Yaml("crd.yaml", Samples.Crd)));

        Assert.Equal("database", katalog.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void A_crdFile_missing_from_the_additional_texts_is_ORK039_at_the_crdFile_line()
    {
        var diagnostic = Assert.Single(RunDiagnostics(Yaml("katalog.yaml", Samples.Katalog)));

        Assert.Equal("ORK039", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Root + "katalog.yaml", span.Path);
        Assert.Equal(7, span.StartLinePosition.Line); // line 8: "      crdFile: ./crd.yaml"
        Assert.Equal(15, span.StartLinePosition.Character);
        Assert.Contains("crdFile './crd.yaml' resolves to '", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("<OrkestraYaml Include=", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_crdFile_in_another_folder_resolves_against_the_katalogs_folder()
    {
        var katalog = Samples.Katalog.Replace("./crd.yaml", "../crds/website.yaml", StringComparison.Ordinal);

        var diagnostics = RunDiagnostics(Yaml("deploy/katalog.yaml", katalog), Yaml("crds/website.yaml", Samples.Crd));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_problem_in_the_crd_file_is_located_in_the_crd_file()
    {
        var crd = Samples.Crd.Replace("  group: demo.orkestra.io\n", "  group: demo.orkestra.io\n  group: again\n", StringComparison.Ordinal);

        var diagnostic = Assert.Single(RunDiagnostics(Yaml("katalog.yaml", Samples.Katalog), Yaml("crd.yaml", crd)), d => d.Id == "ORK006");

        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Root + "crd.yaml", span.Path);
        Assert.Equal(6, span.StartLinePosition.Line);
    }

    [Fact]
    public void A_cr_and_an_unrelated_yaml_file_are_ignored_without_being_parsed()
    {
        var result = Run(Yaml("cr.yaml", Samples.Cr), Yaml("templates/deployment.yaml", Samples.Random), Yaml("notes.txt", "kind: Katalog"));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(Outputs(result, TrackingNames.Katalogs));
        Assert.Empty(Outputs(result, TrackingNames.Crds));
        Assert.Empty(Outputs(result, TrackingNames.LoadedKatalogs));
    }

    [Fact]
    public void Next_to_a_katalog_a_cr_and_an_unrelated_yaml_file_are_read_but_neither_loaded_nor_reported()
    {
        var result = Run(
            Yaml("katalog.yaml", Samples.Katalog),
            Yaml("crd.yaml", Samples.Crd),
            Yaml("cr.yaml", Samples.Cr),
            Yaml("templates/deployment.yaml", Samples.Random),
            Yaml("notes.txt", "kind: Katalog"));

        // Both ignored files have YAML errors (an unclosed '[', a tab): none is reported, so neither was parsed.
        Assert.Empty(result.Diagnostics);
        Assert.Equal(4, Outputs(result, TrackingNames.YamlFiles).Count());
        var loaded = Assert.Single(Outputs(result, TrackingNames.LoadedKatalogs));
        Assert.Equal(Root + "katalog.yaml", loaded.GetType().GetProperty("Path")!.GetValue(loaded));
        Assert.Single(Outputs(result, TrackingNames.Crds));
    }

    [Theory]
    [InlineData("kind: Katalog", "Katalog")]
    [InlineData("kind: \"Katalog\"  # quoted", "Katalog")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\n---\nkind: CustomResourceDefinition", "Crd")]
    [InlineData("  kind: Katalog", "Other")]
    [InlineData("kind: Website", "Other")]
    [InlineData("", "Other")]
    public void The_sniff_reads_top_level_kind_lines_in_any_document(string text, string expected)
    {
        var result = Run(Yaml("file.yml", text));

        var kind = Outputs(result, TrackingNames.Katalogs).Any() ? "Katalog" : Outputs(result, TrackingNames.Crds).Any() ? "Crd" : "Other";
        Assert.Equal(expected, kind);
    }
}
