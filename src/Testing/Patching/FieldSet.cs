using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Patching;

/// <summary>
/// A set of field paths, as a tree in Kubernetes' FieldsV1 shape. A path is a list of tokens: <c>f:name</c> a field,
/// <c>k:{"name":"x"}</c> a map-list item by its keys, <c>v:"x"</c> a set item by value, <c>i:0</c> an index. A node
/// is a member when its own path is in the set (written <c>{}</c> for a leaf, <c>".": {}</c> beside its children).
/// </summary>
internal sealed class FieldSet
{
    private Dictionary<string, FieldSet>? _children;

    public bool IsMember { get; set; }

    /// <summary>Whether the set is empty. Sets hold no empty nodes once built (see <see cref="Compact"/>), so this is cheap.</summary>
    public bool IsEmpty => !IsMember && (_children is null || _children.Count == 0);

    public bool HasChildren => _children is { Count: > 0 };

    public IEnumerable<KeyValuePair<string, FieldSet>> Children =>
        (IEnumerable<KeyValuePair<string, FieldSet>>?)_children ?? [];

    public static FieldSet FromFieldsV1(JsonObject fields)
    {
        var set = new FieldSet();
        foreach (var (token, value) in fields)
        {
            if (token == ".")
            {
                set.IsMember = true;
                continue;
            }

            if (value is not JsonObject child || !IsToken(token))
            {
                throw new PatchException($"managedFields: invalid FieldsV1 entry {GoFormat.Quote(token)}");
            }

            var node = FromFieldsV1(child);
            if (child.Count == 0)
            {
                node.IsMember = true;
            }

            if (!node.IsEmpty)
            {
                set.Child(token).UnionWith(node);
            }
        }

        return set;
    }

    /// <summary>The path as server-side apply prints it in conflicts: <c>.spec.containers[name="x"].image</c>.</summary>
    public static string Describe(IReadOnlyList<string> path)
    {
        var builder = new StringBuilder();
        foreach (var token in path)
        {
            var body = token[2..];
            switch (token[0])
            {
                case 'f':
                    builder.Append('.').Append(body);
                    break;
                case 'k':
                    var key = JsonNode.Parse(body) as JsonObject ?? [];
                    builder.Append('[').AppendJoin(',', key.Select(p => p.Key + "=" + JsonData.Canonical(p.Value))).Append(']');
                    break;
                case 'v':
                    builder.Append("[=").Append(body).Append(']');
                    break;
                default:
                    builder.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Drops the nodes that hold nothing, left by building with <see cref="Child"/>; returns whether this one is empty.</summary>
    public bool Compact()
    {
        if (_children is not null)
        {
            List<string>? empty = null;
            foreach (var (token, child) in _children)
            {
                if (child.Compact())
                {
                    (empty ??= []).Add(token);
                }
            }

            foreach (var token in empty ?? [])
            {
                _children.Remove(token);
            }
        }

        return IsEmpty;
    }

    public FieldSet Child(string token)
    {
        _children ??= new Dictionary<string, FieldSet>(StringComparer.Ordinal);
        if (!_children.TryGetValue(token, out var child))
        {
            child = new FieldSet();
            _children[token] = child;
        }

        return child;
    }

    public FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var token in path)
        {
            if (node._children is null || !node._children.TryGetValue(token, out node))
            {
                return null;
            }
        }

        return node;
    }

    public bool Contains(IReadOnlyList<string> path) => Find(path)?.IsMember == true;

    /// <summary>Whether the set has <paramref name="path"/> or anything under it.</summary>
    public bool Touches(IReadOnlyList<string> path) => Find(path) is { IsEmpty: false };

    /// <summary>Every member path, parents before children.</summary>
    public List<string[]> Members()
    {
        var result = new List<string[]>();
        Collect(new List<string>(), result);
        return result;
    }

    /// <summary>Removes <paramref name="path"/> from the set, keeping what is under it.</summary>
    public void Remove(IReadOnlyList<string> path) => Remove(path, 0, subtree: false);

    /// <summary>Removes <paramref name="path"/> and everything under it.</summary>
    public void RemoveSubtree(IReadOnlyList<string> path) => Remove(path, 0, subtree: true);

    public void UnionWith(FieldSet other)
    {
        IsMember |= other.IsMember;
        foreach (var (token, child) in other.Children)
        {
            Child(token).UnionWith(child);
        }
    }

    public FieldSet Clone()
    {
        var copy = new FieldSet();
        copy.UnionWith(this);
        return copy;
    }

    public bool SetEquals(FieldSet other)
    {
        if (IsMember != other.IsMember || (_children?.Count ?? 0) != (other._children?.Count ?? 0))
        {
            return false;
        }

        foreach (var (token, child) in Children)
        {
            if (!other._children!.TryGetValue(token, out var theirs) || !child.SetEquals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The set in FieldsV1 encoding: <c>"."</c> first, then fields, keys, values and indexes, each sorted.</summary>
    /// <summary>
    /// The set in FieldsV1 form, as a compact JSON element: <c>"."</c> first for a member with children, then fields,
    /// keys, values and indexes (<c>f:</c>, <c>k:</c>, <c>v:</c>, <c>i:</c>), each in ordinal order.
    /// </summary>
    public JsonElement ToFieldsV1Element()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteFieldsV1(writer);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private void WriteFieldsV1(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (IsMember && HasChildren)
        {
            writer.WriteStartObject(".");
            writer.WriteEndObject();
        }

        if (_children is { Count: > 0 })
        {
            var sorted = new KeyValuePair<string, FieldSet>[_children.Count];
            ((ICollection<KeyValuePair<string, FieldSet>>)_children).CopyTo(sorted, 0);
            if (sorted.Length > 1)
            {
                Array.Sort(sorted, static (a, b) => Rank(a.Key) != Rank(b.Key) ? Rank(a.Key).CompareTo(Rank(b.Key)) : string.CompareOrdinal(a.Key, b.Key));
            }

            foreach (var (token, child) in sorted)
            {
                writer.WritePropertyName(token);
                child.WriteFieldsV1(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static int Rank(string token) => "fkvi".IndexOf(token[0], StringComparison.Ordinal);

    /// <summary>Whether <paramref name="token"/> is a well-formed path element: a field, keys that are a JSON object, a JSON value, an index.</summary>
    private static bool IsToken(string token)
    {
        if (token.Length < 2 || token[1] != ':')
        {
            return false;
        }

        var body = token[2..];
        return token[0] switch
        {
            'f' => true,
            'k' => IsJson(body, objectOnly: true),
            'v' => IsJson(body, objectOnly: false),
            'i' => int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out _),
            _ => false,
        };
    }

    private static bool IsJson(string text, bool objectOnly)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        try
        {
            if (!reader.Read() || (objectOnly && reader.TokenType != JsonTokenType.StartObject))
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void Collect(List<string> prefix, List<string[]> result)
    {
        if (IsMember)
        {
            result.Add([.. prefix]);
        }

        foreach (var (token, child) in Children)
        {
            prefix.Add(token);
            child.Collect(prefix, result);
            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    private bool Remove(IReadOnlyList<string> path, int depth, bool subtree)
    {
        if (depth == path.Count)
        {
            IsMember = false;
            if (subtree)
            {
                _children = null;
            }

            return IsEmpty;
        }

        if (_children is not null && _children.TryGetValue(path[depth], out var child) && child.Remove(path, depth + 1, subtree))
        {
            _children.Remove(path[depth]);
        }

        return IsEmpty;
    }
}
