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
    /// <returns>The sources, named <c>{Group}.{Version}.{Kind}.g.cs</c>, and the diagnostics.</returns>
    public static ModelOutput Generate(string path, string crdYaml, string modelsNamespace) =>
        Generate(path, YamlReader.Read(path, crdYaml), modelsNamespace);

    /// <summary>Generates one source file per served version of every CRD in a parsed file.</summary>
    internal static ModelOutput Generate(string path, YamlFile file, string modelsNamespace)
    {
        var read = Read(path, file, modelsNamespace);
        var sources = new List<GeneratedSource>();
        var hints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in read.Versions)
        {
            var hint = Naming.Unique(version.Group + "." + version.Version + "." + version.Kind, hints) + ".g.cs";
            sources.Add(new GeneratedSource(hint, ModelEmitter.Emit(version)));
        }

        return new ModelOutput(sources.ToEquatableArray(), read.Diagnostics);
    }

    /// <summary>Reads the models of every CRD in <paramref name="crdYaml"/> without emitting source.</summary>
    /// <param name="path">The file's path, for diagnostics.</param>
    /// <param name="crdYaml">The file's text.</param>
    /// <param name="modelsNamespace">The namespace of the storage version's types.</param>
    /// <returns>The models and diagnostics.</returns>
    public static CrdModels Read(string path, string crdYaml, string modelsNamespace) =>
        Read(path, YamlReader.Read(path, crdYaml), modelsNamespace);

    private static CrdModels Read(string path, YamlFile file, string modelsNamespace)
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
            versions.AddRange(CrdModelReader.Read(path, document, modelsNamespace, diagnostics));
        }

        return new CrdModels(versions.ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}
