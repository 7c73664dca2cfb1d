using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Orkestra.Generators.Pipeline;

namespace Orkestra.Generators.Tests.Pipeline;

/// <summary>Runs <see cref="OrkestraGenerator"/> with <see cref="CSharpGeneratorDriver"/> over in-memory YAML, tracking its steps.</summary>
internal static class GeneratorHarness
{
    /// <summary>The folder the in-memory project lives in (rooted, so paths resolve as they do in a build).</summary>
    public static readonly string Root = OperatingSystem.IsWindows() ? @"C:\project\" : "/project/";

    /// <summary>Every tracking name of the pipeline.</summary>
    public static readonly string[] AllTrackingNames = typeof(TrackingNames)
        .GetFields()
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    public static AdditionalText Yaml(string relativePath, string text) => new InMemoryAdditionalText(Root + relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar), text);

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: "File" + i + ".cs")),
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    public static GeneratorDriver CreateDriver(params AdditionalText[] texts) =>
        CSharpGeneratorDriver.Create(
            [new OrkestraGenerator().AsSourceGenerator()],
            texts,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once and returns its diagnostics.</summary>
    public static GeneratorRunResult Run(params AdditionalText[] texts)
    {
        var driver = CreateDriver(texts).RunGenerators(Compilation("class C { }"));
        return driver.GetRunResult().Results.Single();
    }

    public static ImmutableArray<Diagnostic> RunDiagnostics(params AdditionalText[] texts) => Run(texts).Diagnostics;

    /// <summary>The outputs of one tracked step (empty when the step never ran).</summary>
    public static IEnumerable<object> Outputs(GeneratorRunResult result, string trackingName) =>
        result.TrackedSteps.TryGetValue(trackingName, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Value)
            : [];

    /// <summary>Every output reason of the tracked steps, by step, for assertion messages.</summary>
    public static IEnumerable<(string Step, IncrementalStepRunReason Reason)> Reasons(GeneratorRunResult result) =>
        result.TrackedSteps
            .Where(kv => AllTrackingNames.Contains(kv.Key))
            .SelectMany(kv => kv.Value.SelectMany(step => step.Outputs).Select(o => (kv.Key, o.Reason)));
}
