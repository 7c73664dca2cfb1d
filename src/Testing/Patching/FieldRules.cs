namespace Orkestra.Testing.Patching;

/// <summary>
/// The merge rules at one place of an object and below it: the list rule if a list lives here, whether a map here is
/// atomic, and the rules of each field, of list items and of map values. Built once per kind or CRD version, then only read.
/// </summary>
internal sealed class FieldRules
{
    private readonly Dictionary<string, FieldRules> _fields = new(StringComparer.Ordinal);

    /// <summary>No rules: lists are atomic, maps granular.</summary>
    public static FieldRules None { get; } = new();

    public ListRule? List { get; set; }

    public bool AtomicMap { get; set; }

    public FieldRules? Items { get; set; }

    /// <summary>The rules of every value of a map (<c>additionalProperties</c>); null when this is not a map.</summary>
    public FieldRules? Values { get; set; }

    public FieldRules ItemRules => Items ?? None;

    public FieldRules Field(string name) => _fields.TryGetValue(name, out var rules) ? rules : Values ?? None;

    /// <summary>Whether <paramref name="name"/> is a key of a map (not a declared field), which apply owns as a whole.</summary>
    public bool IsMapKey(string name) => Values is not null && !_fields.ContainsKey(name);

    public FieldRules AddField(string name, FieldRules rules)
    {
        _fields[name] = rules;
        return rules;
    }

    /// <summary>The rules at <paramref name="path"/> (dot-separated; <c>name[]</c> descends into the items of list <c>name</c>), created as needed.</summary>
    public FieldRules At(string path)
    {
        var node = this;
        foreach (var segment in path.Split('.'))
        {
            var isList = segment.EndsWith("[]", StringComparison.Ordinal);
            var name = isList ? segment[..^2] : segment;
            if (!node._fields.TryGetValue(name, out var child))
            {
                child = node.AddField(name, new FieldRules());
            }

            node = isList ? child.Items ??= new FieldRules() : child;
        }

        return node;
    }
}
