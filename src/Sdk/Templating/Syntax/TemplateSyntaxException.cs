namespace Orkestra.Templating.Syntax;

/// <summary>
/// A template that does not parse: the message says what is wrong, <see cref="Offset"/> where in the template text
/// (0-based), and <see cref="Line"/>/<see cref="Column"/> the same position 1-based. The lexer and the parser throw
/// nothing else.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class TemplateSyntaxException : Exception
{
    /// <summary>Creates the exception for <paramref name="offset"/> in <paramref name="text"/>.</summary>
    public TemplateSyntaxException(string message, string text, int offset)
        : base(message)
    {
        Offset = Math.Max(0, Math.Min(offset, text.Length));
        (Line, Column) = PositionOf(text, Offset);
    }

    /// <summary>The 1-based line and column of <paramref name="offset"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column) PositionOf(string text, int offset)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }

    /// <summary>The 0-based offset of the problem in the template text.</summary>
    public int Offset { get; }

    /// <summary>The 1-based line of the problem inside the template.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem inside the template.</summary>
    public int Column { get; }
}
