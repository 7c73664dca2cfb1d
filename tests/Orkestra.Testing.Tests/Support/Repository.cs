namespace Orkestra.Testing.Tests.Support;

/// <summary>Files of this repository the tests read (the examples, the JavaScript client).</summary>
internal static class Repository
{
    /// <summary>The folder holding Orkestra.Sdk.sln, found above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

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
