using System.Globalization;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Schema;

/// <summary>
/// Checks a YAML tree against a <see cref="Shape"/>, rewriting older spellings into the current layout as it goes
/// (each with a warning that names the new spelling), so what comes out is the canonical tree.
/// </summary>
internal static class ShapeChecker
{
    /// <summary>Checks <paramref name="node"/>; returns it, or the node that replaces it after a conversion.</summary>
    public static YamlNode Check(YamlNode node, Shape shape, string path, ShapeContext context)
    {
        if (node is YamlScalar || shape is AnyShape)
        {
            return CheckNode(node, shape, path, context);
        }

        // Aliases share nodes: a mapping or sequence reached again through an alias is checked (and its problems
        // reported) once, so an alias fan-out cannot multiply the work or the diagnostics.
        var key = (node, shape);
        if (context.Checked.TryGetValue(key, out var done))
        {
            return done;
        }

        var result = CheckNode(node, shape, path, context);
        context.Checked[key] = result;
        return result;
    }

    private static YamlNode CheckNode(YamlNode node, Shape shape, string path, ShapeContext context)
    {
        switch (shape)
        {
            case AnyShape:
                return node;
            case ConvertShape convert:
                return Check(convert.Convert(node, path, context), convert.Target, path, context);
            case EitherShape either:
                var chosen = node switch
                {
                    YamlScalar => either.Scalar,
                    YamlSequence => either.List,
                    _ => either.Map,
                };
                if (chosen is null)
                {
                    if (!(node is YamlScalar { IsNull: true }))
                    {
                        WrongType(node, either.Expected, path, context);
                    }

                    return node;
                }

                return Check(node, chosen, path, context);
            case ScalarShape scalar:
                CheckScalar(node, scalar, path, context);
                return node;
            case EnumShape enumeration:
                CheckEnum(node, enumeration, path, context);
                return node;
            case ListShape list:
                if (node is YamlSequence sequence)
                {
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        var item = sequence.Items[i];
                        var checkedItem = Check(item, list.Item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", context);
                        if (!ReferenceEquals(item, checkedItem))
                        {
                            sequence.Replace(i, checkedItem);
                        }
                    }
                }
                else if (!(node is YamlScalar { IsNull: true }))
                {
                    WrongType(node, "a list", path, context);
                }

                return node;
            case MapOfShape map:
                if (node is YamlMapping mapping)
                {
                    foreach (var entry in mapping.Entries.ToArray())
                    {
                        var checkedValue = Check(entry.Value, map.Value, ShapeContext.Join(path, entry.Name), context);
                        if (!ReferenceEquals(entry.Value, checkedValue))
                        {
                            mapping.Set(entry.Key, checkedValue);
                        }
                    }
                }
                else if (!(node is YamlScalar { IsNull: true }))
                {
                    WrongType(node, "a mapping", path, context);
                }

                return node;
            case ObjectShape objectShape:
                return CheckObject(node, objectShape, path, context);
            default:
                return node;
        }
    }

    private static YamlNode CheckObject(YamlNode node, ObjectShape shape, string path, ShapeContext context)
    {
        if (node is not YamlMapping mapping)
        {
            if (!(node is YamlScalar { IsNull: true }))
            {
                // "a CRD entry (a mapping)", but not "metadata must be metadata (a mapping)".
                var named = shape.Name.StartsWith("a ", StringComparison.Ordinal) || shape.Name.StartsWith("an ", StringComparison.Ordinal);
                WrongType(node, named ? shape.Name + " (a mapping)" : "a mapping", path, context);
            }

            return node;
        }

        if (shape.Normalize is { } normalize)
        {
            mapping = normalize(mapping, context);
        }

        // First move older spellings to where they belong now, then check what is there.
        foreach (var entry in mapping.Entries.ToArray())
        {
            if (shape.Find(entry.Name) is { MovesTo: { } target })
            {
                Move(mapping, entry, target, path, context);
            }
        }

        foreach (var entry in mapping.Entries.ToArray())
        {
            var entryPath = ShapeContext.Join(path, entry.Name);
            var field = shape.Find(entry.Name);
            if (field is null)
            {
                if (!shape.OpenKeys)
                {
                    var known = shape.Fields.Where(f => f.MovesTo is null).Select(f => f.Name);
                    context.Report(
                        DiagnosticCatalog.UnknownKey,
                        entry.Key.Location,
                        entry.Name,
                        path.Length == 0 ? "the document" : path,
                        Suggestions.Closest(entry.Name, known) is { } match
                            ? "did you mean '" + match + "'?"
                            : "remove it, or check its spelling against the documented keys");
                }

                continue;
            }

            if (field.NoEffect is { } why)
            {
                context.Report(DiagnosticCatalog.KeyWithoutEffect, entry.Key.Location, entryPath, why);
            }

            if (field.IsPlaceholder)
            {
                context.Report(DiagnosticCatalog.PlaceholderResourceKey, entry.Key.Location, entryPath);
            }

            if (field.IsNotActedOn)
            {
                context.Report(DiagnosticCatalog.NotActedOn, entry.Key.Location, entryPath);
            }

            var checkedValue = Check(entry.Value, field.Shape, entryPath, context);
            if (!ReferenceEquals(entry.Value, checkedValue))
            {
                mapping.Set(entry.Key, checkedValue);
            }
        }

        foreach (var field in shape.Fields)
        {
            if (field.IsRequired && (mapping[field.Name] is null or YamlScalar { IsNull: true }))
            {
                context.Report(
                    DiagnosticCatalog.MissingField,
                    mapping.Entry(field.Name)?.Key.Location ?? mapping.Location,
                    path.Length == 0 ? "the document" : path,
                    field.Name,
                    "; add " + field.Name + ": " + Placeholder(field.Shape));
            }
        }

        return mapping;
    }

    private static string Placeholder(Shape shape) => shape switch
    {
        ObjectShape or MapOfShape => "{...}",
        ListShape => "[...]",
        EnumShape e => e.Values[0],
        _ => "<" + shape.Expected + ">",
    };

    // Moves an older spelling to its current place: "reconciler" to "reconcile", "onCreate" to "reconcile.onCreate".
    private static void Move(YamlMapping mapping, YamlEntry entry, string target, string path, ShapeContext context)
    {
        var segments = target.Split('.');
        var parent = mapping;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (parent[segments[i]] is YamlMapping child)
            {
                parent = child;
                continue;
            }

            if (parent[segments[i]] is { } other && !(other is YamlScalar { IsNull: true }))
            {
                // The target's parent is of the wrong type; leave the entry where it is and let the check report it.
                return;
            }

            var created = new YamlMapping(entry.Key.Location);
            parent.Set(new YamlScalar(entry.Key.Location, segments[i], ScalarKind.String), created);
            parent = created;
        }

        var last = segments[segments.Length - 1];
        var from = ShapeContext.Join(path, entry.Name);
        var to = ShapeContext.Join(path, target);
        context.Report(DiagnosticCatalog.DeprecatedKey, entry.Key.Location, "'" + from + "'", "'" + to + "'");
        mapping.Remove(entry.Name);

        var existing = parent.Entry(last);
        if (existing is null || existing.Value is YamlScalar { IsNull: true })
        {
            parent.Set(new YamlScalar(entry.Key.Location, last, ScalarKind.String), entry.Value);
            return;
        }

        if (existing.Value is YamlMapping into && entry.Value is YamlMapping moved)
        {
            foreach (var movedEntry in moved.Entries)
            {
                if (into.Add(movedEntry) is { } clash)
                {
                    context.Report(
                        DiagnosticCatalog.DuplicateEntry,
                        movedEntry.Key.Location,
                        $"'{movedEntry.Name}' is given both under '{from}' and under '{to}' (line {clash.Key.Location.Line}); keep only the one under '{to}'");
                }
            }

            return;
        }

        if (entry.Value is YamlScalar { IsNull: true })
        {
            return;
        }

        context.Report(
            DiagnosticCatalog.DuplicateEntry,
            entry.Key.Location,
            $"'{from}' and '{to}' (line {existing.Key.Location.Line}) are both given; keep only '{to}'");
    }

    private static void CheckScalar(YamlNode node, ScalarShape shape, string path, ShapeContext context)
    {
        if (node is not YamlScalar scalar)
        {
            WrongType(node, shape.Expected, path, context);
            return;
        }

        if (scalar.IsNull)
        {
            return;
        }

        var isTemplate = scalar.Kind == ScalarKind.String && scalar.Value.Contains("{{");
        switch (shape.Form)
        {
            case ScalarForm.Bool when scalar.Kind != ScalarKind.Bool && !isTemplate:
            case ScalarForm.Int when scalar.Kind != ScalarKind.Int && !isTemplate:
            case ScalarForm.Number when scalar.Kind is not (ScalarKind.Int or ScalarKind.Float) && !isTemplate:
                WrongType(node, shape.Expected, path, context);
                break;
            case ScalarForm.Duration when !isTemplate && !Durations.TryParse(scalar.Value, extended: false, out _):
                context.Report(DiagnosticCatalog.InvalidDuration, scalar.Location, path, scalar.Value, "30s, 5m or 1h30m (units ns, us, ms, s, m, h)");
                break;
            case ScalarForm.ExtendedDuration when !isTemplate && !Durations.TryParse(scalar.Value, extended: true, out _):
                context.Report(DiagnosticCatalog.InvalidDuration, scalar.Location, path, scalar.Value, "30s, 1h30m, 30d or 2y (units s, m, h, d, w, mo, y)");
                break;
            case ScalarForm.Date when !isTemplate && !TryParseDate(scalar.Value, out _):
                context.Report(DiagnosticCatalog.InvalidDate, scalar.Location, $"{path} has invalid date '{scalar.Value}'; write a date as YYYY-MM-DD, such as 2026-12-31");
                break;
        }
    }

    /// <summary>Parses a <c>YYYY-MM-DD</c> date.</summary>
    public static bool TryParseDate(string text, out DateTime date) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static void CheckEnum(YamlNode node, EnumShape shape, string path, ShapeContext context)
    {
        if (node is not YamlScalar scalar)
        {
            WrongType(node, shape.Expected, path, context);
            return;
        }

        if (scalar.IsNull || Array.IndexOf(shape.Values, scalar.Value) >= 0 || scalar.Value.Contains("{{"))
        {
            return;
        }

        context.Report(
            DiagnosticCatalog.InvalidValue,
            scalar.Location,
            path,
            scalar.Value,
            "expected " + shape.Expected + Suggestions.DidYouMean(scalar.Value, shape.Values));
    }

    private static void WrongType(YamlNode node, string expected, string path, ShapeContext context) =>
        context.Report(DiagnosticCatalog.WrongType, node.Location, path.Length == 0 ? "the document" : path, expected, node.Describe());
}
