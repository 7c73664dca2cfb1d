using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Patching;

/// <summary>Field-path tokens of an object's values, and reading and removing the value at a path.</summary>
internal static class ObjectPaths
{
    public static string Field(string name) => "f:" + name;

    /// <summary>The token of a list item: <c>k:{…}</c> with its keys (sorted, defaults filled in) in a map list, <c>v:…</c> in a set.</summary>
    /// <exception cref="PatchException">A map-list item lacks a key that has no default.</exception>
    public static string ItemToken(JsonNode? item, ListRule rule, IReadOnlyList<string> listPath, int index) =>
        TryItemToken(item, rule, out var token, out var problem)
            ? token
            : throw PatchException.Invalid($"{FieldSet.Describe(listPath)}: element {index}: associative list with keys has an element that {problem}");

    public static bool TryItemToken(JsonNode? item, ListRule rule, out string token, out string problem)
    {
        token = problem = string.Empty;
        if (rule.Kind == ListKind.Set)
        {
            token = "v:" + JsonData.Canonical(item);
            return true;
        }

        if (item is not JsonObject obj)
        {
            problem = "is not a map: " + JsonData.ToJson(item);
            return false;
        }

        var key = new StringBuilder("k:{");
        foreach (var part in rule.SortedKeys)
        {
            if (!obj.TryGetPropertyValue(part.Name, out var value) || value is null)
            {
                value = part.Default;
            }

            if (value is null)
            {
                problem = $"omits key field {GoFormat.Quote(part.Name)} (and doesn't have default value)";
                return false;
            }

            if (key.Length > 3)
            {
                key.Append(',');
            }

            JsonData.AppendString(key, part.Name);
            key.Append(':');
            JsonData.AppendCanonical(key, value);
        }

        token = key.Append('}').ToString();
        return true;
    }

    /// <summary>The value at <paramref name="path"/>, and whether there is one.</summary>
    public static bool TryResolve(JsonNode? root, IReadOnlyList<string> path, FieldRules rules, out JsonNode? value)
    {
        value = root;
        foreach (var token in path)
        {
            if (!TryStep(value, token, rules, out value, out rules))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the value at <paramref name="path"/> (a field, a list item); false when there is none.</summary>
    public static bool Remove(JsonObject root, IReadOnlyList<string> path, FieldRules rules)
    {
        if (path.Count == 0 || !TryResolve(root, path.Take(path.Count - 1).ToList(), rules, out var parent))
        {
            return false;
        }

        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj when last[0] == 'f':
                return obj.Remove(last[2..]);
            case JsonArray list:
                var listRules = RulesAt(rules, path.Take(path.Count - 1).ToList());
                var index = IndexOf(list, last, listRules);
                if (index < 0)
                {
                    return false;
                }

                list.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The rules that apply at <paramref name="path"/>.</summary>
    public static FieldRules RulesAt(FieldRules rules, IReadOnlyList<string> path)
    {
        foreach (var token in path)
        {
            rules = token[0] == 'f' ? rules.Field(token[2..]) : rules.ItemRules;
        }

        return rules;
    }

    private static bool TryStep(JsonNode? node, string token, FieldRules rules, out JsonNode? value, out FieldRules next)
    {
        value = null;
        next = FieldRules.None;
        switch (node)
        {
            case JsonObject obj when token[0] == 'f':
                next = rules.Field(token[2..]);
                return obj.TryGetPropertyValue(token[2..], out value);
            case JsonArray list when token[0] != 'f':
                next = rules.ItemRules;
                var index = IndexOf(list, token, rules);
                if (index < 0)
                {
                    return false;
                }

                value = list[index];
                return true;
            default:
                return false;
        }
    }

    private static int IndexOf(JsonArray list, string token, FieldRules listRules)
    {
        if (token[0] == 'i')
        {
            return int.TryParse(token[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Count ? i : -1;
        }

        if (listRules.List is not { } rule || rule.Kind == ListKind.Atomic)
        {
            return -1;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (TryItemToken(list[i], rule, out var itemToken, out _) && itemToken == token)
            {
                return i;
            }
        }

        return -1;
    }
}
