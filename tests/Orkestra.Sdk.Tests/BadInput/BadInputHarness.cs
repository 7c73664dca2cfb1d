using System.Diagnostics;
using System.Text;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Yaml;
using OrkDiagnostic = Orkestra.Diagnostics.Diagnostic;

namespace Orkestra.Sdk.Tests.BadInput;

/// <summary>Loads a bad document with a time limit and measures what the load cost.</summary>
internal static class BadInputHarness
{
    /// <summary>Where the case files are copied next to the test assembly.</summary>
    public static readonly string CasesFolder = Path.Combine(AppContext.BaseDirectory, "BadInput", "cases");

    /// <summary>The longest any single load may take before it counts as a hang.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    /// <summary>The path of a case file, with forward slashes as the loader reports paths it resolves.</summary>
    public static string CasePath(string name) => DocumentPaths.Normalize(Path.Combine(CasesFolder, name));

    /// <summary>Loads <paramref name="path"/> on its own thread; fails on an exception or when it takes too long.</summary>
    public static Outcome Load(string path, IDocumentHost? host = null)
    {
        host ??= PhysicalDocumentHost.Instance;
        LoadResult? result = null;
        Exception? failure = null;
        long allocated = 0;
        var stopwatch = new Stopwatch();

        // A thread of its own: the load is timed and its allocations counted without the other tests running in parallel.
        var thread = new Thread(
            () =>
            {
                try
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    stopwatch.Start();
                    result = DocumentLoader.Load(path, host);
                    stopwatch.Stop();
                    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            },
            maxStackSize: 1024 * 1024);
        thread.IsBackground = true;
        thread.Start();
        if (!thread.Join(HangLimit))
        {
            Assert.Fail($"loading {path} did not finish within {HangLimit.TotalSeconds:N0}s (a hang?)");
        }

        if (failure is not null)
        {
            Assert.Fail($"loading {path} threw {failure}");
        }

        var outcome = new Outcome(path, result!, stopwatch.Elapsed, allocated);
        var internalErrors = outcome.Diagnostics.Where(d => d.Id == "ORK900").ToList();
        Assert.True(internalErrors.Count == 0, "internal error (ORK900) while loading " + path + Environment.NewLine + outcome.Dump());
        return outcome;
    }

    /// <summary>The result of one load.</summary>
    /// <param name="Path">The loaded file.</param>
    /// <param name="Result">What the loader returned.</param>
    /// <param name="Elapsed">How long the load took.</param>
    /// <param name="AllocatedBytes">How many bytes the load allocated.</param>
    public sealed record Outcome(string Path, LoadResult Result, TimeSpan Elapsed, long AllocatedBytes)
    {
        public IReadOnlyList<OrkDiagnostic> Diagnostics => Result.Diagnostics;

        /// <summary>Asserts that a diagnostic with this id stands at this line and column (of the case file, or of <paramref name="inFile"/>).</summary>
        public OrkDiagnostic Expect(string id, int line, int column, string? inFile = null, string? messageContains = null)
        {
            var file = inFile is null ? Path : CasePath(inFile);
            var match = Diagnostics.FirstOrDefault(d =>
                d.Id == id &&
                d.Location.Line == line &&
                d.Location.Column == column &&
                SamePath(d.Location.Path, file) &&
                (messageContains is null || d.Message.Contains(messageContains, StringComparison.Ordinal)));
            Assert.True(
                match is not null,
                $"expected {id} at {System.IO.Path.GetFileName(file)}({line},{column})" +
                (messageContains is null ? string.Empty : $" with a message containing \"{messageContains}\"") +
                "; the loader reported:" + Environment.NewLine + Dump());
            return match!;
        }

        /// <summary>Every diagnostic, one a line, for failure messages.</summary>
        public string Dump()
        {
            if (Diagnostics.Count == 0)
            {
                return "  (no diagnostics)";
            }

            var text = new StringBuilder();
            foreach (var diagnostic in Diagnostics.Take(50))
            {
                text.Append("  ").Append(System.IO.Path.GetFileName(diagnostic.Location.Path))
                    .Append('(').Append(diagnostic.Location.Line).Append(',').Append(diagnostic.Location.Column).Append("): ")
                    .Append(diagnostic.Id).Append(' ').Append(diagnostic.Message).AppendLine();
            }

            if (Diagnostics.Count > 50)
            {
                text.Append("  ... and ").Append(Diagnostics.Count - 50).Append(" more").AppendLine();
            }

            return text.ToString();
        }

        private static bool SamePath(string reported, string expected) =>
            string.Equals(DocumentPaths.Normalize(reported), DocumentPaths.Normalize(expected), StringComparison.Ordinal);
    }

    /// <summary>Serves files from memory, for documents generated by a test.</summary>
    public sealed class MemoryHost : IDocumentHost
    {
        private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

        public MemoryHost Add(string path, string text)
        {
            _files[DocumentPaths.Normalize(path)] = text;
            return this;
        }

        public string? ReadAllText(string path) => _files.TryGetValue(DocumentPaths.Normalize(path), out var text) ? text : null;

        public string? GetEnvironmentVariable(string name) => null;
    }

    /// <summary>The deepest nesting the reader accepts, for computing where a too-deep document fails.</summary>
    public const int MaxDepth = YamlReader.MaxDepth;
}
