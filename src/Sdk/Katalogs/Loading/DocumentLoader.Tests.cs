using Orkestra.Diagnostics;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Loading;

partial class DocumentLoader
{
    // Simulate and E2E: the files they name exist, and every E2E checkpoint asserts something.
    private TestDocument CheckTest(DocumentKind kind, string path, string apiVersion, YamlMapping node)
    {
        var document = new TestDocument(path, kind, apiVersion, node);
        var spec = node["spec"] as YamlMapping;
        if (spec is null && node["imports"] is not YamlSequence)
        {
            Report(DiagnosticCatalog.MissingField, node.Location, "the document", "spec", "; add spec: {katalog: ./katalog.yaml, ...}, or imports: [...] for a suite");
        }

        if (spec is not null)
        {
            foreach (var key in new[] { "katalog", "cr", "crd", "crFiles", "crdFiles", "valuesFiles" })
            {
                CheckFileList(spec, key, path, "spec." + key);
            }
        }

        if (node["imports"] is YamlSequence imports)
        {
            foreach (var item in imports.Items)
            {
                var reference = item switch
                {
                    YamlScalar { IsNull: false } s => s,
                    YamlMapping m => m["path"] as YamlScalar,
                    _ => null,
                };
                if (reference is { IsNull: false })
                {
                    var resolved = DocumentPaths.Resolve(path, reference.Value);
                    if (_host.ReadAllText(resolved) is null)
                    {
                        Report(DiagnosticCatalog.FileNotFound, reference.Location, "imports entry", reference.Value, resolved);
                    }
                }
            }
        }

        if (kind == DocumentKind.Simulate)
        {
            var expect = spec?["expect"] as YamlMapping;
            document.ExpectationCount = Count(expect);
            if ((expect?["crds"]) is YamlMapping perCrd)
            {
                document.ExpectationCount += perCrd.Entries.Sum(e => Count(e.Value as YamlMapping));
            }
        }
        else if (spec?["expect"] is YamlSequence checkpoints)
        {
            document.ExpectationCount = checkpoints.Items.Count;
            foreach (var checkpoint in checkpoints.Items.OfType<YamlMapping>())
            {
                if (!checkpoint.Contains("resources") && !checkpoint.Contains("commands") && !checkpoint.Contains("kubectl"))
                {
                    Report(
                        DiagnosticCatalog.InvalidTestStep,
                        checkpoint.Location,
                        $"checkpoint '{checkpoint.GetString("name")}' asserts nothing; add resources, commands or kubectl checks");
                }
            }
        }

        return document;
    }

    private static int Count(YamlMapping? expect)
    {
        var count = 0;
        foreach (var key in new[] { "ops", "absent" })
        {
            if (expect?[key] is YamlSequence list)
            {
                count += list.Items.Count;
            }
        }

        if (expect?.Contains("steady") == true)
        {
            count++;
        }

        if (expect?.Contains("noErrors") == true)
        {
            count++;
        }

        return count;
    }
}
