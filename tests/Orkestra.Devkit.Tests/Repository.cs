namespace Orkestra.Devkit.Tests;

/// <summary>Paths of the repository and of the shared corpus beside it.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    /// <summary><c>../shared/corpus</c>, which CI places beside the clone; tests that need it are skipped without it.</summary>
    public static readonly string Corpus = Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));

    public static bool HasCorpus => Directory.Exists(Corpus);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orkestra.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orkestra.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A theory over the shared corpus: reported as skipped, with the reason, when the corpus folder is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!Repository.HasCorpus)
        {
            Skip = "skipped: the shared corpus (" + Repository.Corpus + ") is absent";
        }
    }
}
