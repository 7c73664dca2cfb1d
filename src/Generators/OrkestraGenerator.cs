using Orkestra.Generators.Models;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Orkestra.Generators.Pipeline;

namespace Orkestra.Generators;

/// <summary>
/// The Orkestra source generator. From the project's YAML additional texts it keeps katalogs and CRDs (a cheap sniff
/// of a top-level <c>kind:</c> line; every other YAML is ignored), loads each katalog with the shared document loader
/// (the same checks and IDs as <c>ork validate</c>), reports its diagnostics located in the YAML, and hands each CRD
/// to model emission with the <c>OrkestraModelsNamespace</c> build property.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OrkestraGenerator : IIncrementalGenerator
{
    /// <summary>The build property that names the namespace of generated models.</summary>
    public const string ModelsNamespaceProperty = "build_property.OrkestraModelsNamespace";

    private const string RootNamespaceProperty = "build_property.RootNamespace";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var yamlFiles = context.AdditionalTextsProvider
            .Where(static text => YamlSniffer.IsYamlPath(text.Path))
            .Select(static (text, cancellationToken) => ProjectFile.Read(text.Path, text.GetText(cancellationToken)?.ToString()))
            .WithTrackingName(TrackingNames.YamlFiles);

        var katalogs = yamlFiles
            .Where(static file => file.Kind == YamlFileKind.Katalog)
            .WithTrackingName(TrackingNames.Katalogs);

        var crds = yamlFiles
            .Where(static file => file.Kind == YamlFileKind.Crd)
            .WithTrackingName(TrackingNames.Crds);

        var project = yamlFiles
            .Collect()
            .Select(static (files, _) => new ProjectYaml(new EquatableArray<ProjectFile>(files.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path)))))
            .WithTrackingName(TrackingNames.ProjectYaml);

        var loaded = katalogs
            .Combine(project)
            .Select(static (pair, cancellationToken) => KatalogLoading.Load(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.LoadedKatalogs);

        // A CRD read by two katalogs reports its own problems once.
        var diagnostics = loaded
            .Collect()
            .Select(static (results, _) => new EquatableArray<DiagnosticInfo>(results.SelectMany(static r => r.Diagnostics).Distinct().ToImmutableArray()))
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (spc, list) => RoslynDiagnostics.Report(spc, list));

        var modelsNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => ReadModelsNamespace(options.GlobalOptions))
            .WithTrackingName(TrackingNames.ModelsNamespace);

        // Kinds served by several groups get distinct class names; the names change only when a CRD's group or kind does.
        var kindNames = crds
            .Select(static (file, _) => KindNaming.KindsOf(file.Parsed!).ToEquatableArray())
            .WithTrackingName(TrackingNames.CrdKinds)
            .Collect()
            .Select(static (kinds, _) => KindNaming.Assign(kinds.SelectMany(static k => k)))
            .WithTrackingName(TrackingNames.KindNames);

        var modelInputs = crds
            .Combine(modelsNamespace)
            .Combine(kindNames)
            .Select(static (pair, _) => new ModelInput(pair.Left.Left, pair.Left.Right, OwnKindNames(pair.Left.Left, pair.Right)))
            .WithTrackingName(TrackingNames.ModelInputs);

        context.RegisterSourceOutput(modelInputs, static (spc, input) => ModelEmission.Emit(spc, input));

        var hookClasses = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                HookRegistrations.AttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                static (syntax, cancellationToken) => HookRegistrations.Read(syntax, cancellationToken))
            .Where(static hooks => hooks is not null)
            .Select(static (hooks, _) => hooks!)
            .WithTrackingName(TrackingNames.HookClasses);

        context.RegisterSourceOutput(hookClasses.Collect().Combine(modelsNamespace), static (spc, pair) => HookRegistrations.Emit(spc, pair.Left, pair.Right));
        var naming = modelsNamespace
            .Combine(kindNames)
            .Select(static (pair, _) => new ModelNaming(pair.Left, pair.Right));
        context.RegisterSourceOutput(
            hookClasses.Collect().Combine(loaded.Collect()).Combine(naming),
            static (spc, pair) => HookRegistrations.CrossCheck(spc, pair.Left.Left, pair.Left.Right, pair.Right));
    }

    private static EquatableArray<KindName> OwnKindNames(ProjectFile crd, EquatableArray<KindName> all)
    {
        if (all.Count == 0)
        {
            return all;
        }

        var own = KindNaming.KindsOf(crd.Parsed!).ToList();
        return all.Where(n => own.Contains((n.Group, n.Kind))).ToEquatableArray();
    }

    private static string ReadModelsNamespace(AnalyzerConfigOptions options)
    {
        if (options.TryGetValue(ModelsNamespaceProperty, out var value) && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        return options.TryGetValue(RootNamespaceProperty, out var root) && !string.IsNullOrWhiteSpace(root) ? root.Trim() : "Orkestra.Models";
    }
}
