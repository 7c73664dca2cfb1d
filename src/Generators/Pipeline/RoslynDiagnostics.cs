using Orkestra.Generators.Models;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using OrkestraSeverity = Orkestra.Diagnostics.DiagnosticSeverity;

namespace Orkestra.Generators.Pipeline;

/// <summary>Turns <see cref="DiagnosticInfo"/>s into Roslyn diagnostics with the catalogue's ID, severity and message.</summary>
internal static class RoslynDiagnostics
{
    private const string Category = "Orkestra";

    private static readonly ConcurrentDictionary<(string Id, OrkestraSeverity Severity, string Title), DiagnosticDescriptor> Descriptors = new();

    public static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(Create(diagnostic));
        }
    }

    public static Diagnostic Create(DiagnosticInfo info)
    {
        var descriptor = Descriptors.GetOrAdd((info.Id, info.Severity, info.Title), static key => new DiagnosticDescriptor(
            key.Id,
            key.Title,
            "{0}",
            Category,
            ToRoslyn(key.Severity),
            isEnabledByDefault: true));
        var at = info.Location;
        var location = Location.Create(
            at.Path,
            new TextSpan(at.Start, at.Length),
            new LinePositionSpan(new LinePosition(at.StartLine, at.StartColumn), new LinePosition(at.EndLine, at.EndColumn)));
        return Diagnostic.Create(descriptor, location, info.Message);
    }

    private static DiagnosticSeverity ToRoslyn(OrkestraSeverity severity) => severity switch
    {
        OrkestraSeverity.Error => DiagnosticSeverity.Error,
        OrkestraSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}
