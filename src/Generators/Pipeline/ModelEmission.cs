using Microsoft.CodeAnalysis;
using Orkestra.Diagnostics;
using Orkestra.Generators.Models;

namespace Orkestra.Generators.Pipeline;

/// <summary>
/// Hands each CRD file found in the project (a file whose sniff found <c>kind: CustomResourceDefinition</c>) to the
/// model generator, with the namespace from <c>OrkestraModelsNamespace</c>, and adds what it generates.
/// </summary>
internal static class ModelEmission
{
    public static void Emit(SourceProductionContext context, ModelInput input)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        var output = ModelGenerator.Generate(input.Crd.Path, input.Crd.Parsed!, input.ModelsNamespace, input.KindNames);
        foreach (var source in output.Sources)
        {
            context.AddSource(source.HintName, source.Source);
        }

        // The CRD file's YAML problems and the model generator's own findings (ORK1xx), once per file: katalogs that
        // name the file leave its YAML problems to this step.
        foreach (var diagnostic in output.Diagnostics)
        {
            var severity = diagnostic.Severity switch
            {
                ModelDiagnosticSeverity.Error => Orkestra.Diagnostics.DiagnosticSeverity.Error,
                ModelDiagnosticSeverity.Warning => Orkestra.Diagnostics.DiagnosticSeverity.Warning,
                _ => Orkestra.Diagnostics.DiagnosticSeverity.Info,
            };
            var title = DiagnosticCatalog.All.FirstOrDefault(r => r.Id == diagnostic.Id)?.Title ?? diagnostic.Id;
            var line = Math.Max(0, diagnostic.Line - 1);
            var column = Math.Max(0, diagnostic.Column - 1);
            context.ReportDiagnostic(RoslynDiagnostics.Create(
                new DiagnosticInfo(diagnostic.Id, severity, title, diagnostic.Message, new LocationInfo(diagnostic.Path, 0, 0, line, column, line, column))));
        }
    }
}
