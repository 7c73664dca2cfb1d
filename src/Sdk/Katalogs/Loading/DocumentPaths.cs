namespace Orkestra.Katalogs.Loading;

/// <summary>Path arithmetic for references between documents, without touching the file system.</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
static class DocumentPaths
{
    /// <summary>Resolves <paramref name="reference"/> against the folder of <paramref name="fromFile"/>.</summary>
    public static string Resolve(string fromFile, string reference)
    {
        if (Path.IsPathRooted(reference))
        {
            return Normalize(reference);
        }

        var folder = Path.GetDirectoryName(fromFile) ?? string.Empty;
        return Normalize(folder.Length == 0 ? reference : folder + "/" + reference);
    }

    /// <summary>Folds <c>.</c> and <c>..</c> segments and uses forward slashes.</summary>
    public static string Normalize(string path)
    {
        var rooted = path.StartsWith("/", StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            if (part == ".." && rooted)
            {
                continue;
            }

            parts.Add(part);
        }

        var joined = string.Join("/", parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>
    /// Whether a motif or katalog reference points at a registry or repository rather than a local file:
    /// <c>oci://…</c>, <c>https://…</c>, a host with a dot, or a short <c>name:tag</c>.
    /// </summary>
    public static bool IsRemote(string reference)
    {
        if (reference.StartsWith("oci://", StringComparison.Ordinal) ||
            reference.StartsWith("http://", StringComparison.Ordinal) ||
            reference.StartsWith("https://", StringComparison.Ordinal) ||
            reference.StartsWith("git@", StringComparison.Ordinal))
        {
            return true;
        }

        if (reference.StartsWith(".", StringComparison.Ordinal) || reference.StartsWith("/", StringComparison.Ordinal) ||
            reference.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || reference.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return true;
    }
}
