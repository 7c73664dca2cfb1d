namespace Orkestra.Generators.Pipeline;

/// <summary>What a YAML file holds, as far as a cheap line scan can tell.</summary>
internal enum YamlFileKind
{
    /// <summary>Neither a katalog nor a CRD (a CR, a Helm template, any other YAML): ignored.</summary>
    Other,

    /// <summary>A line <c>kind: Katalog</c> at the start of a line.</summary>
    Katalog,

    /// <summary>A line <c>kind: CustomResourceDefinition</c> at the start of a line.</summary>
    Crd,
}

/// <summary>
/// Tells katalogs and CRDs from other YAML without parsing: it looks for a top-level <c>kind:</c> line (at the start
/// of a line, in any <c>---</c> document). A file with both is a katalog.
/// </summary>
internal static class YamlSniffer
{
    /// <summary>Whether a path names a YAML file (<c>.yaml</c> or <c>.yml</c>, any case).</summary>
    public static bool IsYamlPath(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Scans the top-level <c>kind:</c> lines of <paramref name="text"/>.</summary>
    public static YamlFileKind Sniff(string text)
    {
        var result = YamlFileKind.Other;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (string.CompareOrdinal(text, start, "kind:", 0, 5) == 0)
            {
                switch (KindValue(text, start + 5, end))
                {
                    case "Katalog":
                        return YamlFileKind.Katalog;
                    case "CustomResourceDefinition":
                        result = YamlFileKind.Crd;
                        break;
                }
            }

            start = end + 1;
        }

        return result;
    }

    // The scalar after "kind:", without spaces, quotes or a trailing comment.
    private static string KindValue(string text, int from, int to)
    {
        var value = text.Substring(from, to - from);
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0)
        {
            value = value.Substring(0, comment);
        }

        return value.Trim().Trim('"', '\'');
    }
}
