using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;
using Orkestra.Resources;
using Orkestra.Templating;

namespace Orkestra.Sdk.Tests.Resources;

/// <summary>
/// Golden tests of the resource library: each folder under <c>Resources/Golden</c> holds a <c>katalog.yaml</c> (with
/// its CRD), a <c>cr.yaml</c> (one or more CRs) and <c>expected.yaml</c>: for each CR, what every phase renders and
/// the errors. Set <c>ORKESTRA_UPDATE_GOLDEN=1</c> to rewrite the expected files, then review the diff.
/// </summary>
public class GoldenTests
{
    /// <summary>Wednesday 2026-03-04 12:30:00 UTC, and a seeded random source: golden output never changes by itself.</summary>
    internal static TemplateServices Services => new(new FixedTime(new DateTimeOffset(2026, 3, 4, 12, 30, 0, TimeSpan.Zero)), new Random(7));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(GoldenRoot()).OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_as_recorded(string name)
    {
        var folder = Path.Combine(GoldenRoot(), name);
        var actual = Render(Path.Combine(folder, "katalog.yaml"), Path.Combine(folder, "cr.yaml"));
        var expectedPath = Path.Combine(folder, "expected.yaml");
        if (Environment.GetEnvironmentVariable("ORKESTRA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual);
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; run the tests with ORKESTRA_UPDATE_GOLDEN=1 to write it, then review it");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    /// <summary>
    /// The golden record of <paramref name="katalogPath"/> against every CR of <paramref name="crPath"/>: one YAML
    /// document per CR with the objects of each phase (in apply order) and the errors.
    /// </summary>
    internal static string Render(string katalogPath, string crPath)
    {
        var load = DocumentLoader.Load(katalogPath, PhysicalDocumentHost.Instance);
        var problems = load.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(problems.Count == 0, "the katalog does not load:\n" + string.Join("\n", problems));
        var katalog = load.Documents.OfType<KatalogDocument>().Single();
        var crs = YamlReader.Read(crPath, File.ReadAllText(crPath));
        Assert.Empty(crs.Diagnostics);

        var records = new List<JsonNode?>();
        foreach (var document in crs.Documents.OfType<YamlMapping>())
        {
            var cr = (JsonObject)YamlValues.ToJson(document)!;
            var kind = (string?)cr["kind"];
            var entry = katalog.Crds.Single(e => e.ApiTypes?.Kind == kind);
            var renderer = ResourceRenderer.Create(katalog, entry, Services);
            Assert.Empty(renderer.Diagnostics);
            var record = new JsonObject { ["cr"] = kind + " " + (string?)cr["metadata"]?["namespace"] + "/" + (string?)cr["metadata"]?["name"] };
            var errors = new JsonArray();
            foreach (var phase in new[] { ResourcePhase.Create, ResourcePhase.Reconcile, ResourcePhase.Delete })
            {
                var result = renderer.Render(cr, phase);
                var objects = new JsonArray();
                foreach (var resource in result.Resources)
                {
                    var entryRecord = new JsonObject { ["source"] = resource.Source };
                    if (resource.CreateOnly)
                    {
                        entryRecord["createOnly"] = true;
                    }

                    if (resource.ForceConflict is { } force)
                    {
                        entryRecord["forceConflict"] = force;
                    }

                    if (resource.Sleep is { } sleep)
                    {
                        entryRecord["sleep"] = sleep.ToString();
                    }

                    entryRecord["object"] = resource.Object.DeepClone();
                    objects.Add(entryRecord);
                }

                if (objects.Count > 0)
                {
                    record[phase switch { ResourcePhase.Create => "onCreate", ResourcePhase.Reconcile => "onReconcile", _ => "onDelete" }] = objects;
                }

                foreach (var error in result.Errors)
                {
                    errors.Add(error.Message);
                }
            }

            if (errors.Count > 0)
            {
                record["errors"] = errors;
            }

            records.Add(record);
        }

        using var writer = new StringWriter();
        YamlWriter.Write(writer, records);
        return writer.ToString().ReplaceLineEndings("\n");
    }

    private static string GoldenRoot([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden");

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
