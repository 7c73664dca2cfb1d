using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Orkestra.Generators.Models;
using Orkestra.Kubernetes;

namespace Orkestra.Generators.Tests.Models;

/// <summary>Compiles generated sources the way a consumer does: nullable, warnings as errors, XML docs on.</summary>
internal static class GeneratedAssembly
{
    private static readonly Lazy<MetadataReference[]> _references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.Length > 0)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(CustomResource<,>).Assembly.Location))
            .ToArray());

    /// <summary>The compilation's problems (warnings and errors), formatted; and the image when there are none.</summary>
    public static (IReadOnlyList<string> Problems, byte[]? Image) Compile(IEnumerable<GeneratedSource> sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, parseOptions, s.HintName)).ToList();
        var compilation = CSharpCompilation.Create(
            "Generated" + Guid.NewGuid().ToString("N"),
            trees,
            _references.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                warningLevel: 9999));
        using var image = new MemoryStream();
        using var docs = new MemoryStream();
        var result = compilation.Emit(image, xmlDocumentationStream: docs);
        var problems = result.Diagnostics
            .Where(d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error || d.IsWarningAsError)
            .Select(d => d.ToString() + "\n    " + (d.Location.SourceTree?.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim() ?? string.Empty))
            .ToList();
        return (problems, result.Success && problems.Count == 0 ? image.ToArray() : null);
    }

    /// <summary>Compiles and loads the sources in a collectible context, then runs <paramref name="use"/>.</summary>
    public static void Use(IEnumerable<GeneratedSource> sources, Action<Assembly> use)
    {
        var (problems, image) = Compile(sources);
        Assert.True(image is not null, string.Join("\n", problems.Take(20)));
        Load(image!, use);
    }

    /// <summary>Loads a compiled image in a collectible context, runs <paramref name="use"/>, then unloads it.</summary>
    public static void Load(byte[] image, Action<Assembly> use)
    {
        var context = new AssemblyLoadContext("generated", isCollectible: true);
        try
        {
            use(context.LoadFromStream(new MemoryStream(image)));
        }
        finally
        {
            context.Unload();
        }
    }
}
