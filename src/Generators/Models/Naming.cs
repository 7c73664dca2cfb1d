using System.Globalization;
using System.Text;

namespace Orkestra.Generators.Models;

/// <summary>Turns JSON names into C# identifiers: PascalCase, valid, never a keyword.</summary>
public static class Naming
{
    private static readonly HashSet<string> _keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// PascalCase of <paramref name="name"/>: characters that cannot be in an identifier split words and are dropped,
    /// each word starts upper-case, the rest is kept. Empty when nothing usable is left.
    /// </summary>
    /// <param name="name">The JSON name.</param>
    /// <returns>The PascalCase words.</returns>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        var startWord = true;
        foreach (var c in name)
        {
            if (!IsIdentifierPart(c) || c == '_')
            {
                startWord = true;
                continue;
            }

            builder.Append(startWord ? char.ToUpperInvariant(c) : c);
            startWord = false;
        }

        return builder.ToString();
    }

    /// <summary>
    /// A valid C# identifier for <paramref name="name"/>: its <see cref="Pascal"/> form, <c>_</c> before a leading
    /// digit, <c>@</c> before a keyword, <paramref name="fallback"/> when nothing is left.
    /// </summary>
    /// <param name="name">The JSON name.</param>
    /// <param name="fallback">The identifier to use when the name has no usable character.</param>
    /// <returns>The identifier.</returns>
    public static string Identifier(string name, string fallback)
    {
        var pascal = Pascal(name);
        if (pascal.Length == 0)
        {
            return fallback;
        }

        if (char.IsDigit(pascal[0]))
        {
            return "_" + pascal;
        }

        return _keywords.Contains(pascal) ? "@" + pascal : pascal;
    }

    /// <summary>
    /// <paramref name="wanted"/> if it is not in <paramref name="taken"/>, else the first of <c>wanted2</c>,
    /// <c>wanted3</c>… that is not; the result is added to <paramref name="taken"/>.
    /// </summary>
    /// <param name="wanted">The preferred name.</param>
    /// <param name="taken">The names in use (updated).</param>
    /// <returns>The unique name.</returns>
    public static string Unique(string wanted, ISet<string> taken)
    {
        var name = wanted;
        for (var i = 2; !taken.Add(name); i++)
        {
            name = wanted + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>The namespace segment for a version: <c>v1beta1</c> becomes <c>V1beta1</c>.</summary>
    /// <param name="version">The version name.</param>
    /// <returns>The segment.</returns>
    public static string VersionSegment(string version) => Identifier(version, "Version");

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);
}
