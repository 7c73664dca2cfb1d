using Orkestra.Diagnostics;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;
using Orkestra.Templating.Syntax;

namespace Orkestra.Katalogs.Checking;

/// <summary>
/// Checked templates (ORK110, ORK111): every template field and condition path of each CRD entry of a loaded katalog
/// against the schema of its CRD, in every version the CRD serves (a path is flagged only when no version has it).
/// The loader runs it on every katalog, so <c>ork validate</c> and the source generator report the same diagnostics.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class TemplateChecks
{
    // Blocks whose templates and conditions do not read this entry's CR (another CRD's health, secondary objects).
    private static readonly string[] OtherData = { "dependsOn", "observe" };

    private readonly IReadOnlyDictionary<YamlScalar, ParsedTemplate> _templates;
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly HashSet<(YamlScalar Scalar, int Offset, string Message)> _reported = new();
    private readonly List<string> _path = new();

    private TemplateChecks(IReadOnlyDictionary<YamlScalar, ParsedTemplate> templates) => _templates = templates;

    /// <summary>The ORK110 and ORK111 diagnostics of <paramref name="katalog"/> (loaded, with its templates parsed).</summary>
    /// <param name="katalog">The katalog.</param>
    public static IReadOnlyList<Diagnostic> Check(KatalogDocument katalog)
    {
        var checks = new TemplateChecks(katalog.Templates);
        foreach (var entry in katalog.Crds)
        {
            if (entry.Crd is not { } crd || RootShapes(crd) is not { Count: > 0 } roots)
            {
                continue;
            }

            if (entry.Motifs.Count > 0)
            {
                // .inputs: what the imported motifs declare (their values are templates, so open).
                var inputs = new Dictionary<string, DataShape>(StringComparer.Ordinal);
                foreach (var input in entry.Motifs.SelectMany(m => m.Inputs))
                {
                    inputs[input.Name] = DataShape.Open;
                }

                roots = roots.Select(root => DataShape.OpenObject(root, [("inputs", DataShape.ObjectOf(inputs))])).ToList();
            }

            checks._path.Clear();
            checks._path.Add("spec.crds." + entry.Name);
            checks.Walk(entry.Node, roots, insideStatus: false);
        }

        return checks._diagnostics;
    }

    // The template data of each version of the CRD (the storage version first): the CR, with Kubernetes' metadata.
    private static List<DataShape> RootShapes(CrdInfo crd)
    {
        var schemas = new List<(string Version, YamlNode Schema)>();
        var spec = crd.Node["spec"] as YamlMapping;
        if (spec?["versions"] is YamlSequence versions)
        {
            foreach (var version in versions.Items.OfType<YamlMapping>())
            {
                if (((version["schema"] as YamlMapping)?["openAPIV3Schema"] ?? (spec["validation"] as YamlMapping)?["openAPIV3Schema"]) is YamlMapping schema)
                {
                    schemas.Add((version.GetString("name") ?? string.Empty, schema));
                }
            }
        }

        return schemas
            .OrderBy(s => s.Version == crd.StorageVersion ? 0 : 1)
            .Select(s => DataShape.OpenObject(DataShape.From(s.Schema), [("apiVersion", DataShape.ScalarOf("string")), ("kind", DataShape.ScalarOf("string")), ("metadata", DataShape.ObjectMeta)]))
            .ToList();
    }

    private void Walk(YamlNode? node, List<DataShape> roots, bool insideStatus)
    {
        switch (node)
        {
            case YamlMapping mapping:
                if (mapping["forEach"] is YamlMapping forEach && forEach.Entry("field") is { Value: YamlScalar field })
                {
                    roots = ForEachRoots(roots, field, forEach.GetString("as"));
                }

                foreach (var entry in mapping.Entries)
                {
                    if (Array.IndexOf(OtherData, entry.Name) >= 0)
                    {
                        continue;
                    }

                    _path.Add("." + entry.Name);
                    if (entry.Name is "when" or "or" or "rules" && entry.Value is YamlSequence conditions)
                    {
                        for (var i = 0; i < conditions.Items.Count; i++)
                        {
                            if (conditions.Items[i] is YamlMapping condition)
                            {
                                CheckFieldPath(condition.Entry("field"), roots, "[" + i + "].field", string.Empty);
                            }
                        }
                    }

                    if (insideStatus && entry.Name == "fields" && entry.Value is YamlSequence fields)
                    {
                        for (var i = 0; i < fields.Items.Count; i++)
                        {
                            if (fields.Items[i] is YamlMapping item)
                            {
                                CheckFieldPath(item.Entry("path"), roots, "[" + i + "].path", "status.");
                            }
                        }
                    }

                    Walk(entry.Value, roots, insideStatus || entry.Name == "status");
                    _path.RemoveAt(_path.Count - 1);
                }

                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    _path.Add("[" + i + "]");
                    Walk(sequence.Items[i], roots, insideStatus);
                    _path.RemoveAt(_path.Count - 1);
                }

                break;
            case YamlScalar { Kind: ScalarKind.String } scalar when scalar.Value.IndexOf("{{", StringComparison.Ordinal) >= 0 && _templates.TryGetValue(scalar, out var template):
                var found = roots.Select(root => TemplatePathChecker.Check(template, root)).ToList();
                foreach (var problem in found[0].Where(p => found.All(other => other.Any(o => o.Start == p.Start && o.IsArity == p.IsArity))))
                {
                    Report(scalar, problem with { Message = problem.Message + Within(template.Text, problem.Offset) }, string.Empty);
                }

                break;
        }
    }

    // A forEach's items: .item, .<as>, .index and .value typed from the field's schema in each version.
    private List<DataShape> ForEachRoots(List<DataShape> roots, YamlScalar field, string? alias)
    {
        if (field.Value.IndexOf("{{", StringComparison.Ordinal) >= 0)
        {
            return roots;
        }

        var resolved = roots.Select(root => TemplatePathChecker.Resolve(root, field.Value)).ToList();
        if (resolved.All(r => r.Problem is not null))
        {
            Report(field, resolved[0].Problem!, ".forEach.field");
        }

        return roots.Select((root, i) =>
        {
            var source = resolved[i].Shape;
            var isMap = source.Kind == DataShapeKind.Map;
            var item = isMap ? DataShape.ScalarOf("string") : source.Elements;
            var fields = new List<(string, DataShape)> { ("item", item), ("value", isMap ? source.Elements : DataShape.Open), ("index", DataShape.ScalarOf("integer")) };
            if (alias is { Length: > 0 })
            {
                fields.Add((alias, item));
            }

            return DataShape.OpenObject(root, fields);
        }).ToList();
    }

    // A condition's field or a status field's path: a dotted path from the CR (templates are checked as templates).
    private void CheckFieldPath(YamlEntry? entry, List<DataShape> roots, string suffix, string prefix)
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
            Report(field, problems[0]!, suffix);
        }
    }

    // Where in the template text the problem is, as ORK060 says it: " (template line 2, column 7)".
    private static string Within(string text, int offset)
    {
        var (line, column) = TemplateSyntaxException.PositionOf(text, offset);
        return " (template line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", column " + column.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }

    private void Report(YamlScalar scalar, TemplateProblem problem, string suffix)
    {
        if (_reported.Add((scalar, problem.Offset, problem.Message)))
        {
            var rule = problem.IsArity ? DiagnosticCatalog.TemplateArgumentCount : DiagnosticCatalog.TemplatePathNotInSchema;
            _diagnostics.Add(Diagnostic.Create(rule, scalar.PositionOf(problem.Offset) ?? scalar.Location, string.Concat(_path) + suffix, problem.Message));
        }
    }
}
