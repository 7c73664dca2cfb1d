extern alias generators;

using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using OrkestraGenerator = generators::Orkestra.Generators.OrkestraGenerator;

namespace Orkestra.Benchmarks;

/// <summary>
/// The source generator over the whole CRD corpus (<c>../shared/corpus/crds</c>, as a project's YAML files, with a
/// katalog naming them all): a cold run (a new driver, as on the first build), and the run after a one-line edit of
/// one CRD (what the IDE does on a keystroke; issue 5 target: under 50 ms).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class GeneratorBenchmarks
{
    private readonly List<AdditionalText> _texts = new();
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _original = null!;
    private AdditionalText _edited = null!;
    private bool _flip;

    /// <summary>Reads the corpus; throws when it is absent or the generator does not produce models for it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(TemplateRenderBenchmarks.RepositoryRoot(), "..", "shared", "corpus", "crds");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.yaml").OrderBy(f => f, StringComparer.Ordinal).ToList() : new List<string>();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"The CRD corpus is needed at {folder}.");
        }

        var katalog = "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: corpus}\nspec:\n  crds:\n"
            + string.Concat(files.Select((f, i) => $"    crd{i}:\n      crdFile: ./{Path.GetFileName(f)}\n"));
        _texts.Add(new Text(Path.Combine(folder, "katalog.yaml"), katalog));
        _texts.AddRange(files.Select(f => (AdditionalText)new Text(f, File.ReadAllText(f))));

        _compilation = CSharpCompilation.Create(
            "Operator",
            [CSharpSyntaxTree.ParseText("class C { }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(typeof(Kubernetes.CustomResource<,>).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        _original = _texts[1];
        _edited = new Text(_original.Path, _original.GetText()!.ToString() + "\n# edited\n");
        _warm = Cold();
        var result = _warm.GetRunResult();
        if (result.GeneratedTrees.Length < files.Count || result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException($"The generator made {result.GeneratedTrees.Length} files for {files.Count} CRDs: " + string.Join("; ", result.Diagnostics));
        }
    }

    /// <summary>A new driver over the corpus: the first build.</summary>
    [Benchmark]
    public int ColdRun() => Cold().GetRunResult().GeneratedTrees.Length;

    /// <summary>The warm driver after one CRD file changed by a line (alternately edited and restored).</summary>
    [Benchmark]
    public int RunAfterOneLineEdit()
    {
        _warm = _flip ? _warm.ReplaceAdditionalText(_edited, _original) : _warm.ReplaceAdditionalText(_original, _edited);
        _flip = !_flip;
        _warm = _warm.RunGenerators(_compilation);
        return _warm.GetRunResult().GeneratedTrees.Length;
    }

    private GeneratorDriver Cold() =>
        CSharpGeneratorDriver.Create([new OrkestraGenerator().AsSourceGenerator()], _texts.ToImmutableArray()).RunGenerators(_compilation);

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
