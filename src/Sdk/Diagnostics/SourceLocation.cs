namespace Orkestra.Diagnostics;

/// <summary>
/// A span in a source file, 1-based like the compiler's: <c>path(line,column)</c>. The end is exclusive.
/// </summary>
/// <param name="Path">The file the span is in, as the user named it.</param>
/// <param name="Line">The first line (1-based).</param>
/// <param name="Column">The first column (1-based).</param>
/// <param name="EndLine">The last line (1-based).</param>
/// <param name="EndColumn">The column just past the span (1-based).</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record SourceLocation(string Path, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A location that covers a whole file, for problems that belong to no line.</summary>
    public static SourceLocation File(string path) => new(path, 1, 1, 1, 1);

    /// <summary>A copy of this location in another file (used when a document is read under another name).</summary>
    public SourceLocation WithPath(string path) => new(path, Line, Column, EndLine, EndColumn);

    /// <inheritdoc />
    public override string ToString() => $"{Path}({Line},{Column})";
}
