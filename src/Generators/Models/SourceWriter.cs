using System.Text;

namespace Orkestra.Generators.Models;

/// <summary>A small indenting text writer for generated C#: four spaces a level, <c>\n</c> line ends.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public SourceWriter Open(string? header = null)
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Unindents and writes <c>}</c> (with an optional suffix such as <c>;</c>).</summary>
    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>Writes <paramref name="text"/> as a <c>summary</c> doc comment, XML-escaped, one line per line.</summary>
    public SourceWriter Summary(string text) => DocElement("summary", text);

    /// <summary>Writes <paramref name="text"/> as a doc comment element, XML-escaped, one line per line.</summary>
    public SourceWriter DocElement(string element, string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Trim('\n').Split('\n');
        if (lines.Length == 1)
        {
            return Line("/// <" + element + ">" + Escape(lines[0].Trim()) + "</" + element + ">");
        }

        Line("/// <" + element + ">");
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            Line(trimmed.Length == 0 ? "/// <para/>" : "/// " + Escape(trimmed));
        }

        return Line("/// </" + element + ">");
    }

    /// <inheritdoc/>
    public override string ToString() => _builder.ToString();

    /// <summary>Escapes text for an XML doc comment, dropping control characters.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '\t': builder.Append(' '); break;
                default:
                    if (!char.IsControl(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A C# string literal for <paramref name="value"/>.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c > '\u007e')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
