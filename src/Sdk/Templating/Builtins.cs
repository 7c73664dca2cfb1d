using System.Text;

namespace Orkestra.Templating;

/// <summary>
/// Go's built-in template functions with Go's semantics: <c>and or not len index slice print printf println html js
/// urlquery eq ne lt le gt ge</c>. <c>and</c> and <c>or</c> short-circuit in the evaluator; their entries here only
/// declare the arity.
/// </summary>
internal static class Builtins
{
    public static readonly TemplateFunction[] All =
    {
        new("and", 1, -1, c => c.Arguments[c.Arguments.Count - 1]),
        new("or", 1, -1, c => c.Arguments[c.Arguments.Count - 1]),
        new("not", 1, 1, c => !GoValues.IsTrue(c.Arguments[0])),
        new("len", 1, 1, c => Len(c.Arguments[0])),
        new("index", 1, -1, c => Index(c.Arguments)),
        new("slice", 1, -1, c => Slice(c.Arguments)),
        new("print", 0, -1, c => GoFormat.Sprint(c.Arguments)),
        new("printf", 1, -1, c => GoFormat.Sprintf(FormatArgument(c.Arguments[0]), Skip(c.Arguments, 1))),
        new("println", 0, -1, c => GoFormat.Sprintln(c.Arguments)),
        new("html", 0, -1, c => HtmlEscape(EvalArgs(c.Arguments))),
        new("js", 0, -1, c => JsEscape(EvalArgs(c.Arguments))),
        new("urlquery", 0, -1, c => QueryEscape(EvalArgs(c.Arguments))),
        new("eq", 1, -1, c => Eq(c.Arguments)),
        new("ne", 2, 2, c => !Eq(c.Arguments)),
        new("lt", 2, 2, c => Less(c.Arguments[0], c.Arguments[1])),
        new("le", 2, 2, c => Less(c.Arguments[0], c.Arguments[1]) || Eq(c.Arguments)),
        new("gt", 2, 2, c => !(Less(c.Arguments[0], c.Arguments[1]) || Eq(c.Arguments))),
        new("ge", 2, 2, c => !Less(c.Arguments[0], c.Arguments[1])),
    };

    private static string FormatArgument(object? value) => value is string s
        ? s
        : throw new TemplateFunctionException("wrong type for value; expected string; got " + GoValues.TypeName(value));

    private static IReadOnlyList<object?> Skip(IReadOnlyList<object?> args, int count)
    {
        var rest = new object?[args.Count - count];
        for (var i = count; i < args.Count; i++)
        {
            rest[i - count] = args[i];
        }

        return rest;
    }

    private static long Len(object? item) => item switch
    {
        null => throw new TemplateFunctionException("len of nil pointer"),
        string s => Encoding.UTF8.GetByteCount(s),
        IList<object?> list => list.Count,
        IDictionary<string, object?> map => map.Count,
        System.Collections.ICollection collection => collection.Count,
        _ => throw new TemplateFunctionException("len of type " + GoValues.TypeName(item)),
    };

    private static object? Index(IReadOnlyList<object?> args)
    {
        var item = args[0];
        if (item is null)
        {
            throw new TemplateFunctionException("index of untyped nil");
        }

        for (var i = 1; i < args.Count; i++)
        {
            var index = args[i];
            switch (item)
            {
                case null:
                    throw new TemplateFunctionException("index of nil pointer");
                case string s:
                    var bytes = Encoding.UTF8.GetBytes(s);
                    item = (byte)bytes[IndexArgument(index, bytes.Length, strict: true)];
                    break;
                case IList<object?> list:
                    item = list[IndexArgument(index, list.Count, strict: true)];
                    break;
                case IDictionary<string, object?> map:
                    if (index is not string key)
                    {
                        throw new TemplateFunctionException(index is null
                            ? "value is nil; should be of type string"
                            : "value has type " + GoValues.TypeName(index) + "; should be string");
                    }

                    item = map.TryGetValue(key, out var found) ? found : null;
                    break;
                default:
                    throw new TemplateFunctionException("can't index item of type " + GoValues.TypeName(item));
            }
        }

        return item;
    }

    private static int IndexArgument(object? index, int length, bool strict)
    {
        long x;
        switch (GoValues.Kind(index))
        {
            case GoKind.Int:
                x = Convert.ToInt64(index, System.Globalization.CultureInfo.InvariantCulture);
                break;
            case GoKind.Uint:
                var u = Convert.ToUInt64(index, System.Globalization.CultureInfo.InvariantCulture);
                x = u > long.MaxValue ? -1 : (long)u;
                break;
            case GoKind.Invalid:
                throw new TemplateFunctionException("cannot index slice/array with nil");
            default:
                throw new TemplateFunctionException("cannot index slice/array with type " + GoValues.TypeName(index));
        }

        if (x < 0 || x > length || (strict && x == length))
        {
            throw new TemplateFunctionException("index out of range: " + x);
        }

        return (int)x;
    }

    private static object? Slice(IReadOnlyList<object?> args)
    {
        var item = args[0];
        if (item is null)
        {
            throw new TemplateFunctionException("slice of untyped nil");
        }

        if (args.Count > 4)
        {
            throw new TemplateFunctionException("too many slice indexes: " + (args.Count - 1));
        }

        int length;
        switch (item)
        {
            case string s:
                if (args.Count == 4)
                {
                    throw new TemplateFunctionException("cannot 3-index slice a string");
                }

                length = Encoding.UTF8.GetByteCount(s);
                break;
            case IList<object?> list:
                length = list.Count;
                break;
            default:
                throw new TemplateFunctionException("can't slice item of type " + GoValues.TypeName(item));
        }

        var indexes = new[] { 0, length, length };
        for (var i = 1; i < args.Count; i++)
        {
            indexes[i - 1] = IndexArgument(args[i], length, strict: false);
        }

        if (indexes[0] > indexes[1])
        {
            throw new TemplateFunctionException("invalid slice index: " + indexes[0] + " > " + indexes[1]);
        }

        if (args.Count == 4 && indexes[1] > indexes[2])
        {
            throw new TemplateFunctionException("invalid slice index: " + indexes[1] + " > " + indexes[2]);
        }

        if (item is string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            return Encoding.UTF8.GetString(bytes, indexes[0], indexes[1] - indexes[0]);
        }

        var source = (IList<object?>)item;
        var result = new List<object?>(indexes[1] - indexes[0]);
        for (var i = indexes[0]; i < indexes[1]; i++)
        {
            result.Add(source[i]);
        }

        return result;
    }

    // Go's evalArgs for html/js/urlquery: one string argument as is, anything else through fmt.Sprint, with
    // missing values printed as "<no value>".
    private static string EvalArgs(IReadOnlyList<object?> args)
    {
        if (args.Count == 1 && args[0] is string s)
        {
            return s;
        }

        var printable = new object?[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            printable[i] = args[i] ?? "<no value>";
        }

        return GoFormat.Sprint(printable);
    }

    private static string HtmlEscape(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            builder.Append(c switch
            {
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\0' => "\uFFFD",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static string JsEscape(string s)
    {
        var builder = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            int rune = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                rune = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }

            switch (rune)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\'':
                    builder.Append("\\'");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '<':
                    builder.Append("\\u003C");
                    break;
                case '>':
                    builder.Append("\\u003E");
                    break;
                case '&':
                    builder.Append("\\u0026");
                    break;
                case '=':
                    builder.Append("\\u003D");
                    break;
                default:
                    if (rune >= ' ' && (rune < 0x80 || GoFormat.IsPrint(rune)))
                    {
                        builder.Append(char.ConvertFromUtf32(rune));
                    }
                    else
                    {
                        builder.Append("\\u").Append(rune.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static string QueryEscape(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private enum BasicKind
    {
        Invalid,
        Bool,
        Int,
        Uint,
        Float,
        Complex,
        String,
    }

    private static BasicKind Basic(object? value) => GoValues.Kind(value) switch
    {
        GoKind.Bool => BasicKind.Bool,
        GoKind.Int => BasicKind.Int,
        GoKind.Uint => BasicKind.Uint,
        GoKind.Float => BasicKind.Float,
        GoKind.Complex => BasicKind.Complex,
        GoKind.String => BasicKind.String,
        _ => BasicKind.Invalid,
    };

    private static long AsInt(object? v) => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);

    private static ulong AsUint(object? v) => Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture);

    private static double AsFloat(object? v) => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);

    // eq arg1 arg2...: true when arg1 equals any of the others.
    private static bool Eq(IReadOnlyList<object?> args)
    {
        if (args.Count < 2)
        {
            throw new TemplateFunctionException("missing argument for comparison");
        }

        var arg1 = args[0];
        var k1 = Basic(arg1);
        if (k1 == BasicKind.Invalid && arg1 is not null && !IsComparable(arg1))
        {
            throw new TemplateFunctionException("invalid type for comparison");
        }

        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            var k2 = Basic(arg);
            bool truth;
            if (k1 != k2)
            {
                if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
                {
                    truth = AsInt(arg1) >= 0 && (ulong)AsInt(arg1) == AsUint(arg);
                }
                else if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
                {
                    truth = AsInt(arg) >= 0 && AsUint(arg1) == (ulong)AsInt(arg);
                }
                else if (arg1 is not null && arg is not null)
                {
                    throw new TemplateFunctionException("incompatible types for comparison");
                }
                else
                {
                    truth = arg1 is null && arg is null;
                }
            }
            else
            {
                truth = k1 switch
                {
                    BasicKind.Bool => (bool)arg1! == (bool)arg!,
                    BasicKind.Float => AsFloat(arg1) == AsFloat(arg),
                    BasicKind.Complex => (System.Numerics.Complex)arg1! == (System.Numerics.Complex)arg!,
                    BasicKind.Int => AsInt(arg1) == AsInt(arg),
                    BasicKind.Uint => AsUint(arg1) == AsUint(arg),
                    BasicKind.String => string.Equals((string)arg1!, (string)arg!, StringComparison.Ordinal),
                    _ => CompareOther(arg1, arg),
                };
            }

            if (truth)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsComparable(object value) => value is not (IList<object?> or IDictionary<string, object?>);

    private static bool CompareOther(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (!IsComparable(a) || !IsComparable(b))
        {
            throw new TemplateFunctionException("non-comparable type " + GoValues.Print(IsComparable(a) ? b : a) + ": " + GoValues.TypeName(IsComparable(a) ? b : a));
        }

        return Equals(a, b);
    }

    private static bool Less(object? arg1, object? arg2)
    {
        var k1 = Basic(arg1);
        if (k1 == BasicKind.Invalid)
        {
            throw new TemplateFunctionException("invalid type for comparison");
        }

        var k2 = Basic(arg2);
        if (k2 == BasicKind.Invalid)
        {
            throw new TemplateFunctionException("invalid type for comparison");
        }

        if (k1 != k2)
        {
            if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
            {
                return AsInt(arg1) < 0 || (ulong)AsInt(arg1) < AsUint(arg2);
            }

            if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
            {
                return AsInt(arg2) >= 0 && AsUint(arg1) < (ulong)AsInt(arg2);
            }

            throw new TemplateFunctionException("incompatible types for comparison");
        }

        return k1 switch
        {
            BasicKind.Bool or BasicKind.Complex => throw new TemplateFunctionException("invalid type for comparison"),
            BasicKind.Float => AsFloat(arg1) < AsFloat(arg2),
            BasicKind.Int => AsInt(arg1) < AsInt(arg2),
            BasicKind.Uint => AsUint(arg1) < AsUint(arg2),
            _ => GoValues.CompareStrings((string)arg1!, (string)arg2!) < 0,
        };
    }
}
