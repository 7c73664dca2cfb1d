using Orkestra.Diagnostics;
using Orkestra.Katalogs.Checking;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Loading;

partial class DocumentLoader
{
    // Blocks whose templates and conditions do not read this entry's CR (another CRD's health, secondary objects).
    private static readonly string[] OtherData = { "dependsOn", "observe" };

    // Problems already reported (a motif's field is shared by every entry that imports it).
    private readonly HashSet<(YamlScalar Scalar, int Offset, string Message)> _pathsReported = new();

    // Checked templates (ORK110, ORK111): every template field and condition path of each entry against the schema
    // of its CRD, in every version it serves — a path is flagged only when no version has it.
    private void CheckPaths(KatalogDocument katalog)
    {
        foreach (var entry in katalog.Crds)
        {
            if (entry.Crd is not { } crd || RootShapes(crd) is not { Count: > 0 } roots)
            {
                continue;
            }

            CheckPaths(entry.Node, "spec.crds." + entry.Name, roots, insideStatus: false);
        }
    }

    // The template data of each version of the CRD (the storage version first): the CR, with Kubernetes' metadata.
    private static List<DataShape> RootShapes(CrdInfo crd)
    {
        var schemas = new List<(string Version, YamlNode Schema)>();
        if ((crd.Node["spec"] as YamlMapping)?["versions"] is YamlSequence versions)
        {
            foreach (var version in versions.Items.OfType<YamlMapping>())
            {
                if (((version["schema"] as YamlMapping)?["openAPIV3Schema"] ?? ((crd.Node["spec"] as YamlMapping)?["validation"] as YamlMapping)?["openAPIV3Schema"]) is YamlMapping schema)
                {
                    schemas.Add((version.GetString("name") ?? string.Empty, schema));
                }
            }
        }

        return schemas
            .OrderBy(s => s.Version == crd.StorageVersion ? 0 : 1)
            .Select(s => Root(DataShape.From(s.Schema)))
            .ToList();
    }

    private static DataShape Root(DataShape cr)
    {
        var fields = cr.Kind == DataShapeKind.Object ? new Dictionary<string, DataShape>(cr.Fields!, StringComparer.Ordinal) : new Dictionary<string, DataShape>(StringComparer.Ordinal);
        fields["apiVersion"] = DataShape.ScalarOf("string");
        fields["kind"] = DataShape.ScalarOf("string");
        fields["metadata"] = DataShape.ObjectMeta;
        return DataShape.OpenObject(fields);
    }

    private void CheckPaths(YamlNode? node, string path, List<DataShape> roots, bool insideStatus)
    {
        switch (node)
        {
            case YamlMapping mapping:
                if (mapping["forEach"] is YamlMapping forEach && forEach.Entry("field") is { Value: YamlScalar field })
                {
                    roots = ForEachRoots(roots, field, forEach.GetString("as"), path + ".forEach.field");
                }

                foreach (var entry in mapping.Entries)
                {
                    if (Array.IndexOf(OtherData, entry.Name) >= 0)
                    {
                        continue;
                    }

                    var child = ShapeContext.Join(path, entry.Name);
                    if (entry.Name is "when" or "or" or "rules" && entry.Value is YamlSequence conditions)
                    {
                        foreach (var condition in conditions.Items.OfType<YamlMapping>())
                        {
                            CheckFieldPath(condition.Entry("field"), roots, child, string.Empty);
                        }
                    }

                    if (insideStatus && entry.Name == "fields" && entry.Value is YamlSequence fields)
                    {
                        foreach (var item in fields.Items.OfType<YamlMapping>())
                        {
                            CheckFieldPath(item.Entry("path"), roots, child, "status.");
                        }
                    }

                    CheckPaths(entry.Value, child, roots, insideStatus || entry.Name == "status");
                }

                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    CheckPaths(sequence.Items[i], path + "[" + i + "]", roots, insideStatus);
                }

                break;
            case YamlScalar scalar when _templates.TryGetValue(scalar, out var template) && template is not null:
                var found = roots.Select(root => TemplatePathChecker.Check(template, root)).ToList();
                foreach (var problem in found[0].Where(p => found.All(other => other.Any(o => o.Start == p.Start && o.IsArity == p.IsArity))))
                {
                    ReportPath(scalar, problem, path);
                }

                break;
        }
    }

    // A forEach's items: .item, .<as>, .index and .value typed from the field's schema in each version.
    private List<DataShape> ForEachRoots(List<DataShape> roots, YamlScalar field, string? alias, string path)
    {
        if (field.Value.IndexOf("{{", StringComparison.Ordinal) >= 0)
        {
            return roots;
        }

        var resolved = roots.Select(root => TemplatePathChecker.Resolve(root, field.Value)).ToList();
        if (resolved.All(r => r.Problem is not null))
        {
            ReportPath(field, resolved[0].Problem!, path);
        }

        return roots.Select((root, i) =>
        {
            var source = resolved[i].Shape;
            var isMap = source.Kind == DataShapeKind.Map;
            var fields = new Dictionary<string, DataShape>(root.Fields!, StringComparer.Ordinal)
            {
                ["item"] = isMap ? DataShape.ScalarOf("string") : source.Elements,
                ["value"] = isMap ? source.Elements : DataShape.Open,
                ["index"] = DataShape.ScalarOf("integer"),
            };
            if (alias is { Length: > 0 })
            {
                fields[alias] = fields["item"];
            }

            return DataShape.OpenObject(fields);
        }).ToList();
    }

    // A condition's field or a status field's path: a dotted path from the CR (templates are checked as templates).
    private void CheckFieldPath(YamlEntry? entry, List<DataShape> roots, string path, string prefix)
    {
        if (entry?.Value is not YamlScalar { Kind: ScalarKind.String } field || field.Value.Length == 0 || field.Value.IndexOf("{{", StringComparison.Ordinal) >= 0)
        {
            return;
        }

        var written = field.Value.Trim().TrimStart('.');
        var full = prefix.Length > 0 && !written.StartsWith(prefix, StringComparison.Ordinal) ? prefix + written : written;
        var problems = roots.Select(root => TemplatePathChecker.Resolve(root, full).Problem).ToList();
        if (problems.All(p => p is not null))
        {
            ReportPath(field, problems[0]!, path + "." + entry.Name);
        }
    }

    private void ReportPath(YamlScalar scalar, TemplateProblem problem, string path)
    {
        if (_pathsReported.Add((scalar, problem.Offset, problem.Message)))
        {
            Report(problem.IsArity ? DiagnosticCatalog.TemplateArgumentCount : DiagnosticCatalog.TemplatePathNotInSchema, scalar.PositionOf(problem.Offset) ?? scalar.Location, path, problem.Message);
        }
    }
}
