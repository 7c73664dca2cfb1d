using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Generators.Models;
using Orkestra.Katalogs.Yaml;
using Xunit.Abstractions;

namespace Orkestra.Generators.Tests.Models;

/// <summary>The shared corpus of real CRDs and CRs (<c>../shared/corpus</c> next to the repository).</summary>
internal static class Corpus
{
    public const string Namespace = "Corpus.Models";

    public static string? Root { get; } = FindRoot();

    public static string Crds => Path.Combine(Root ?? string.Empty, "crds");

    public static string Crs => Path.Combine(Root ?? string.Empty, "crs");

    public static bool Present => Root is not null && Directory.Exists(Path.Combine(Root, "crds"));

    public static IEnumerable<object[]> Files(string folder) =>
        Present && Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(f => new object[] { f! })
            : [["(absent)"]];

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orkestra.Sdk.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                return Directory.Exists(corpus) ? corpus : null;
            }
        }

        return null;
    }
}

/// <summary>A theory skipped, with the reason, when the shared corpus is not next to the repository.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!Corpus.Present)
        {
            Skip = "The shared corpus (../shared/corpus/crds relative to the repository root) is absent; corpus tests are skipped.";
        }
    }
}

public class CorpusTests(ITestOutputHelper output)
{
    private static readonly ConcurrentDictionary<string, (CrdModels Models, ModelOutput Output)> _generated = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, byte[]> _images = new(StringComparer.Ordinal);

    public static IEnumerable<object[]> CrdFiles() => Corpus.Files(Corpus.Crds);

    public static IEnumerable<object[]> CrFiles() => Corpus.Files(Corpus.Crs);

    [CorpusTheory]
    [MemberData(nameof(CrdFiles))]
    public void Corpus_crd_generates_code_that_compiles_without_warnings(string file)
    {
        var (models, generated) = Generate(Path.Combine(Corpus.Crds, file));
        foreach (var d in generated.Diagnostics)
        {
            output.WriteLine($"{d.Path}({d.Line},{d.Column}): {d.Severity} {d.Id}: {d.Message}");
        }

        Assert.DoesNotContain(generated.Diagnostics, d => d.Severity != ModelDiagnosticSeverity.Info);
        Assert.NotEmpty(models.Versions);
        var (problems, _) = GeneratedAssembly.Compile(generated.Sources);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [CorpusTheory]
    [MemberData(nameof(CrFiles))]
    public void Corpus_cr_round_trips_through_its_generated_type(string file)
    {
        var text = File.ReadAllText(Path.Combine(Corpus.Crs, file));
        var documents = YamlReader.Read(file, text).Documents.Select(YamlValues.ToJson).OfType<JsonObject>().ToList();
        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            var apiVersion = (string)document["apiVersion"]!;
            var kind = (string)document["kind"]!;
            var slash = apiVersion.LastIndexOf('/');
            var (group, version) = slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
            var match = Directory.GetFiles(Corpus.Crds, "*.yaml")
                .Order(StringComparer.Ordinal)
                .SelectMany(path => Generate(path).Models.Versions.Select(v => (Version: v, Path: path)))
                .FirstOrDefault(x => x.Version.Group == group && x.Version.Version == version && x.Version.Kind == kind);
            Assert.True(match.Version is not null, $"No corpus CRD serves {apiVersion} {kind}.");
            var json = document.ToJsonString();
            var image = _images.GetOrAdd(match.Path, path =>
            {
                var (problems, compiled) = GeneratedAssembly.Compile(Generate(path).Output.Sources);
                return compiled ?? throw new InvalidOperationException(string.Join("\n", problems.Take(20)));
            });
            GeneratedAssembly.Load(image, assembly =>
            {
                var type = assembly.GetType(match.Version.Namespace + "." + match.Version.ClassName, throwOnError: true)!;
                var value = JsonSerializer.Deserialize(json, type)!;

                // The spec is read into typed properties, not kept whole as unknown fields.
                var spec = type.GetProperty("Spec")!.GetValue(value)!;
                var unknown = (JsonObject?)spec.GetType().GetProperty("ExtensionData")!.GetValue(spec);
                Assert.True(unknown is null, $"{file}: spec fields the schema does not declare: {unknown?.ToJsonString()}");
                var written = JsonSerializer.Serialize(value, type);
                Assert.True(
                    JsonNode.DeepEquals(document, JsonNode.Parse(written)),
                    $"{file}: written JSON differs.\nread:    {json}\nwritten: {written}");
            });
        }
    }

    private static (CrdModels Models, ModelOutput Output) Generate(string path) =>
        _generated.GetOrAdd(path, p =>
        {
            var text = File.ReadAllText(p);
            var name = Path.GetFileName(p);
            return (ModelGenerator.Read(name, text, Corpus.Namespace), ModelGenerator.Generate(name, text, Corpus.Namespace));
        });
}
