using Orkestra.Generators.Models;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Generators;

/// <summary>
/// Generates typed models from the <c>openAPIV3Schema</c>s of a CustomResourceDefinition file: pure (no I/O, no
/// Roslyn objects), deterministic, and the entry point of both the incremental generator and the tests.
/// </summary>
public static class ModelGenerator
{
    /// <summary>Generates one source file per served version of every CRD in <paramref name="crdYaml"/>.</summary>
    /// <param name="path">The file's path, for diagnostics.</param>
    /// <param name="crdYaml">The file's text (one or more YAML documents).</param>
    /// <param name="modelsNamespace">The namespace of the storage version's types; other versions go in sub-namespaces.</param>
    /// <param name="kindNames">The class names of kinds the project also has in another group (<see cref="AssignKindNames"/>); none by default.</param>
    /// <returns>The sources, named <c>{Group}.{Version}.{Kind}.g.cs</c>, and the diagnostics.</returns>
    public static ModelOutput Generate(string path, string crdYaml, string modelsNamespace, EquatableArray<KindName> kindNames = default) =>
        Generate(path, YamlReader.Read(path, crdYaml), modelsNamespace, kindNames);

    /// <summary>Reads the models of every CRD in <paramref name="crdYaml"/> without emitting source.</summary>
    /// <param name="path">The file's path, for diagnostics.</param>
    /// <param name="crdYaml">The file's text.</param>
    /// <param name="modelsNamespace">The namespace of the storage version's types.</param>
    /// <returns>The models and diagnostics.</returns>
    public static CrdModels Read(string path, string crdYaml, string modelsNamespace) =>
        Read(path, YamlReader.Read(path, crdYaml), modelsNamespace, default);

    /// <summary>
    /// The class names of the kinds that several CRDs of one project share (same kind, different groups): all but
    /// the first group, in ordinal order, take a prefix from their group.
    /// </summary>
    /// <param name="crdYamls">The text of every CRD file of the project.</param>
    /// <returns>The renamed kinds.</returns>
    public static EquatableArray<KindName> AssignKindNames(IEnumerable<string> crdYamls) =>
        KindNaming.Assign(crdYamls.SelectMany(text => KindNaming.KindsOf(YamlReader.Read(string.Empty, text))));

    /// <summary>Generates the models of a parsed CRD file.</summary>
    internal static ModelOutput Generate(string path, YamlFile file, string modelsNamespace, EquatableArray<KindName> kindNames)
    {
        var read = Read(path, file, modelsNamespace, kindNames);
        var sources = new List<GeneratedSource>();
        var hints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in read.Versions)
        {
            var hint = Naming.Unique(version.Group + "." + version.Version + "." + version.Kind, hints) + ".g.cs";
            sources.Add(new GeneratedSource(hint, ModelEmitter.Emit(version)));
        }

        return new ModelOutput(sources.ToEquatableArray(), read.Diagnostics);
    }

    private static CrdModels Read(string path, YamlFile file, string modelsNamespace, EquatableArray<KindName> kindNames)
    {
        var diagnostics = new List<ModelDiagnostic>();
        var versions = new List<VersionModel>();
        foreach (var d in file.Diagnostics)
        {
            var severity = d.Severity switch
            {
                Orkestra.Diagnostics.DiagnosticSeverity.Error => ModelDiagnosticSeverity.Error,
                Orkestra.Diagnostics.DiagnosticSeverity.Warning => ModelDiagnosticSeverity.Warning,
                _ => ModelDiagnosticSeverity.Info,
            };
            diagnostics.Add(new ModelDiagnostic(d.Id, severity, d.Message, d.Location.Path, d.Location.Line, d.Location.Column));
        }

        foreach (var document in file.Documents.OfType<YamlMapping>())
        {
            versions.AddRange(CrdModelReader.Read(path, document, modelsNamespace, kindNames, diagnostics));
        }

        return new CrdModels(versions.ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}
