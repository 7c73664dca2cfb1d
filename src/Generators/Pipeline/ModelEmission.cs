using Microsoft.CodeAnalysis;

namespace Orkestra.Generators.Pipeline;

/// <summary>
/// Where the CRD documents found in the project are handed to the CRD → C# model emitter. Each call receives one
/// CRD file (a file whose sniff found <c>kind: CustomResourceDefinition</c>) with the namespace from
/// <c>OrkestraModelsNamespace</c>.
/// </summary>
internal static class ModelEmission
{
    public static void Emit(SourceProductionContext context, ModelInput input)
    {
        context.CancellationToken.ThrowIfCancellationRequested();

        // Hand-off point, not wired yet: the model emitter (src/Generators/Models) will be called here as
        // Orkestra.Generators.ModelGenerator.Generate(input.Path, input.CrdYaml, input.ModelsNamespace),
        // adding each generated file with context.AddSource and reporting its diagnostics.
        _ = input;
    }
}
