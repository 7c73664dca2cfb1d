using Orkestra.Diagnostics;

namespace Orkestra.Katalogs.Yaml;

/// <summary>The JSON type a YAML scalar resolves to, the way kubectl reads YAML.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
enum ScalarKind
{
    /// <summary><c>null</c>, <c>~</c> or nothing.</summary>
    Null,

    /// <summary><c>true</c>/<c>false</c> and YAML 1.1's <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>.</summary>
    Bool,

    /// <summary>A 64-bit integer (decimal, <c>0x</c> hex, <c>0</c> octal, <c>0b</c> binary).</summary>
    Int,

    /// <summary>A float (including <c>.inf</c> and <c>.nan</c>).</summary>
    Float,

    /// <summary>Anything else, and every quoted or block scalar.</summary>
    String,
}

/// <summary>How a scalar is written.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
enum ScalarStyle
{
    /// <summary>Unquoted.</summary>
    Plain,

    /// <summary>In single quotes.</summary>
    SingleQuoted,

    /// <summary>In double quotes.</summary>
    DoubleQuoted,

    /// <summary>A literal (<c>|</c>) or folded (<c>&gt;</c>) block.</summary>
    Block,
}

/// <summary>A node of a YAML document, with where it stands in its file.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
abstract class YamlNode
{
    private protected YamlNode(SourceLocation location) => Location = location;

    /// <summary>Where the node stands in its file.</summary>
    public SourceLocation Location { get; }

    /// <summary>How many nodes the subtree holds once aliases are expanded (used to bound hostile documents).</summary>
    public long Weight { get; private protected set; } = 1;

    /// <summary>A short description of the node's type, for messages ("a mapping", "a string 'x'").</summary>
    public abstract string Describe();
}

/// <summary>A scalar: its text, and the JSON type it resolves to.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class YamlScalar : YamlNode
{
    /// <summary>Creates a scalar.</summary>
    public YamlScalar(SourceLocation location, string value, ScalarKind kind, ScalarStyle style = ScalarStyle.Plain)
        : base(location)
    {
        Value = value;
        Kind = kind;
        Style = style;
    }

    /// <summary>How the scalar is written.</summary>
    public ScalarStyle Style { get; }

    /// <summary>
    /// The file position of character <paramref name="offset"/> of the value, when the value maps one to one onto the
    /// source (a one-line scalar without escapes); otherwise null.
    /// </summary>
    public SourceLocation? PositionOf(int offset)
    {
        var quote = Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
        if (Style == ScalarStyle.Block || Location.Line != Location.EndLine || Location.EndColumn - Location.Column - (2 * quote) != Value.Length)
        {
            return null;
        }

        var column = Location.Column + quote + offset;
        return new SourceLocation(Location.Path, Location.Line, column, Location.Line, column + 1);
    }

    /// <summary>The scalar's text, as written (quotes removed, escapes applied).</summary>
    public string Value { get; }

    /// <summary>What the scalar resolves to.</summary>
    public ScalarKind Kind { get; }

    /// <summary>True for <c>null</c>, <c>~</c> and empty plain scalars.</summary>
    public bool IsNull => Kind == ScalarKind.Null;

    /// <inheritdoc />
    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => "a boolean '" + Value + "'",
        ScalarKind.Int => "an integer '" + Value + "'",
        ScalarKind.Float => "a number '" + Value + "'",
        _ => "a string '" + Shorten(Value) + "'",
    };

    /// <inheritdoc />
    public override string ToString() => Value;

    private static string Shorten(string value) => value.Length <= 40 ? value : value.Substring(0, 37) + "...";
}

/// <summary>One <c>key: value</c> pair of a mapping.</summary>
/// <param name="Key">The key (always a scalar).</param>
/// <param name="Value">The value.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record YamlEntry(YamlScalar Key, YamlNode Value)
{
    /// <summary>The key's text.</summary>
    public string Name => Key.Value;
}

/// <summary>A mapping, keeping its keys in document order.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class YamlMapping : YamlNode
{
    private readonly List<YamlEntry> _entries = new();
    private readonly Dictionary<string, int> _index = new(System.StringComparer.Ordinal);

    /// <summary>Creates an empty mapping.</summary>
    public YamlMapping(SourceLocation location)
        : base(location)
    {
    }

    /// <summary>The entries, in document order.</summary>
    public IReadOnlyList<YamlEntry> Entries => _entries;

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public YamlNode? this[string key] => _index.TryGetValue(key, out var i) ? _entries[i].Value : null;

    /// <summary>The entry for <paramref name="key"/>, or null.</summary>
    public YamlEntry? Entry(string key) => _index.TryGetValue(key, out var i) ? _entries[i] : null;

    /// <summary>Whether the mapping has <paramref name="key"/>.</summary>
    public bool Contains(string key) => _index.ContainsKey(key);

    /// <summary>The text of a scalar value, or null when the key is absent, null or not a scalar.</summary>
    public string? GetString(string key) => this[key] is YamlScalar { IsNull: false } s ? s.Value : null;

    /// <summary>Adds an entry; returns the existing entry instead when the key is already present.</summary>
    public YamlEntry? Add(YamlEntry entry)
    {
        if (_index.TryGetValue(entry.Name, out var existing))
        {
            return _entries[existing];
        }

        _index[entry.Name] = _entries.Count;
        _entries.Add(entry);
        Weight += entry.Value.Weight + 1;
        return null;
    }

    /// <summary>Replaces or adds the value of <paramref name="key"/>, keeping the entry's position.</summary>
    public void Set(YamlScalar key, YamlNode value)
    {
        if (_index.TryGetValue(key.Value, out var i))
        {
            Weight += value.Weight - _entries[i].Value.Weight;
            _entries[i] = new YamlEntry(_entries[i].Key, value);
            return;
        }

        Add(new YamlEntry(key, value));
    }

    /// <summary>Removes <paramref name="key"/>; returns the removed entry or null.</summary>
    public YamlEntry? Remove(string key)
    {
        if (!_index.TryGetValue(key, out var i))
        {
            return null;
        }

        var entry = _entries[i];
        _entries.RemoveAt(i);
        _index.Clear();
        for (var j = 0; j < _entries.Count; j++)
        {
            _index[_entries[j].Name] = j;
        }

        Weight -= entry.Value.Weight + 1;
        return entry;
    }

    /// <inheritdoc />
    public override string Describe() => "a mapping";
}

/// <summary>A sequence.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class YamlSequence : YamlNode
{
    private readonly List<YamlNode> _items = new();

    /// <summary>Creates an empty sequence.</summary>
    public YamlSequence(SourceLocation location)
        : base(location)
    {
    }

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<YamlNode> Items => _items;

    /// <summary>Appends an item.</summary>
    public void Add(YamlNode item)
    {
        _items.Add(item);
        Weight += item.Weight;
    }

    /// <summary>Inserts an item at <paramref name="index"/>.</summary>
    public void Insert(int index, YamlNode item)
    {
        _items.Insert(index, item);
        Weight += item.Weight;
    }

    /// <summary>Replaces the item at <paramref name="index"/>.</summary>
    public void Replace(int index, YamlNode item)
    {
        Weight += item.Weight - _items[index].Weight;
        _items[index] = item;
    }

    /// <inheritdoc />
    public override string Describe() => "a sequence";
}
