using Orkestra.Generators.Models;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Orkestra.Diagnostics;

namespace Orkestra.Generators.Pipeline;

/// <summary>A class marked <c>[KatalogHooks("key")]</c>, as plain data: the hook interfaces it implements and what is wrong with it.</summary>
/// <remarks>
/// A hook of a model this generator emits sees that model as an error type (generated code is not part of the input
/// compilation): its simple name is kept with <see cref="ResourceIsGenerated"/>, to be qualified with the models namespace.
/// </remarks>
internal sealed record HookClass(string CrdKey, string ClassName, string? ResourceName, bool ResourceIsGenerated, EquatableArray<string> Kinds, LocationInfo Location, DiagnosticInfo? Problem);

/// <summary>
/// Finds the hook classes (<c>ForAttributeWithMetadataName</c>) and emits <c>AddGeneratedHooks(this IOrkestraBuilder)</c>,
/// which registers each one with <c>IOrkestraBuilder.AddHooks</c> — the typed-katalog manifest the runtime checks.
/// </summary>
internal static class HookRegistrations
{
    public const string AttributeName = "Orkestra.Hooks.KatalogHooksAttribute";

    public static HookClass? Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0)
        {
            return null;
        }

        var key = context.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
        var name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var location = LocationOf((context.TargetNode as ClassDeclarationSyntax)?.Identifier.GetLocation() ?? context.TargetNode.GetLocation());

        string? resource = null;
        var generated = false;
        var kinds = new List<string>();
        var resources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var implemented in type.AllInterfaces)
        {
            var definition = implemented.OriginalDefinition.ToDisplayString();
            var kind = definition switch
            {
                "Orkestra.Hooks.IReconcileHook<TResource>" => "Reconcile",
                "Orkestra.Hooks.IDeleteHook<TResource>" => "Delete",
                "Orkestra.Hooks.INotFoundHook" => "NotFound",
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }

            kinds.Add(kind);
            if (implemented.TypeArguments.Length == 1)
            {
                var argument = implemented.TypeArguments[0];
                generated = argument.TypeKind == TypeKind.Error;
                resources.Add(generated ? argument.Name : argument.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            }
        }

        string? problem = null;
        var constructors = type.InstanceConstructors.Count(c => c.DeclaredAccessibility == Accessibility.Public);
        if (type.IsAbstract || type.DeclaredAccessibility != Accessibility.Public || type.IsGenericType || constructors != 1)
        {
            problem = $"the hooks class {type.Name} must be public, not abstract, not generic, with exactly one public constructor (it has {constructors}), so that it can be created for each reconcile";
        }
        else if (resources.Count == 0)
        {
            problem = $"{type.Name} is marked [KatalogHooks(\"{key}\")] but implements no typed hook: implement IReconcileHook<T> or IDeleteHook<T> with T the CRD's model";
        }
        else if (resources.Count > 1)
        {
            problem = $"{type.Name} implements hooks for several models ({string.Join(", ", resources.OrderBy(r => r, StringComparer.Ordinal))}); the hooks of one CRD all take that CRD's model";
        }
        else
        {
            resource = resources.First();
        }

        var diagnostic = problem is null ? null : DiagnosticInfo.Of(DiagnosticCatalog.InvalidHookClass, location, problem);
        return new HookClass(key, name, resource, generated, new EquatableArray<string>(kinds.ToImmutableArray()), location, diagnostic);
    }

    public static void Emit(SourceProductionContext context, ImmutableArray<HookClass> classes, string modelsNamespace)
    {
        var valid = new List<HookClass>();
        var byKey = new Dictionary<string, HookClass>(StringComparer.Ordinal);
        foreach (var hooks in classes.OrderBy(c => c.ClassName, StringComparer.Ordinal))
        {
            if (hooks.Problem is { } problem)
            {
                context.ReportDiagnostic(RoslynDiagnostics.Create(problem));
                continue;
            }

            if (byKey.TryGetValue(hooks.CrdKey, out var first))
            {
                context.ReportDiagnostic(RoslynDiagnostics.Create(DiagnosticInfo.Of(
                    DiagnosticCatalog.DuplicateHookClass,
                    hooks.Location,
                    $"the CRD '{hooks.CrdKey}' already has the hooks class {ShortName(first.ClassName)}; a CRD has one hooks class, so merge {ShortName(hooks.ClassName)} into it")));
                continue;
            }

            byKey[hooks.CrdKey] = hooks;
            valid.Add(hooks);
        }

        if (valid.Count == 0)
        {
            return;
        }

        var source = new StringBuilder();
        source.AppendLine("// <auto-generated/>");
        source.AppendLine("#nullable enable");
        source.AppendLine();
        source.AppendLine("namespace Orkestra.Hosting");
        source.AppendLine("{");
        source.AppendLine("    /// <summary>The typed hooks of this project, found by their <c>[KatalogHooks]</c> attribute.</summary>");
        source.AppendLine("    internal static class OrkestraGeneratedHooks");
        source.AppendLine("    {");
        source.AppendLine("        /// <summary>Registers every hooks class of this project with <paramref name=\"builder\"/>.</summary>");
        source.AppendLine("        public static global::Orkestra.Hosting.IOrkestraBuilder AddGeneratedHooks(this global::Orkestra.Hosting.IOrkestraBuilder builder)");
        source.AppendLine("        {");
        foreach (var hooks in valid)
        {
            source.Append("            builder.AddHooks<").Append(hooks.ClassName).Append(", ").Append(hooks.ResourceIsGenerated ? "global::" + modelsNamespace + "." + hooks.ResourceName : hooks.ResourceName).Append(">(")
                .Append(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(hooks.CrdKey, quote: true)).AppendLine(");");
        }

        source.AppendLine("            return builder;");
        source.AppendLine("        }");
        source.AppendLine("    }");
        source.AppendLine("}");
        context.AddSource("Orkestra.GeneratedHooks.g.cs", source.ToString());
    }

    /// <summary>
    /// Checks the hooks classes against the katalogs of the project (when it has any): a marked class for a CRD key no
    /// katalog declares (ORK203), a <c>hooks.class</c> no marked class matches (ORK204), hooks whose resource type is
    /// not the model generated from the CRD's file (ORK205).
    /// </summary>
    public static void CrossCheck(SourceProductionContext context, ImmutableArray<HookClass> classes, ImmutableArray<KatalogResult> katalogs, ModelNaming naming)
    {
        if (katalogs.IsEmpty)
        {
            return;
        }

        var declared = katalogs.SelectMany(k => k.Hooks).ToList();
        var keys = declared.Select(d => d.CrdKey).Distinct(StringComparer.Ordinal).ToList();
        foreach (var hooks in classes.Where(c => c.Problem is null && !keys.Contains(c.CrdKey)).OrderBy(c => c.ClassName, StringComparer.Ordinal))
        {
            context.ReportDiagnostic(RoslynDiagnostics.Create(DiagnosticInfo.Of(
                DiagnosticCatalog.HooksForUnknownCrd,
                hooks.Location,
                ShortName(hooks.ClassName),
                hooks.CrdKey,
                Orkestra.Katalogs.Schema.Suggestions.DidYouMean(hooks.CrdKey, keys))));
        }

        foreach (var hooks in classes.Where(c => c.Problem is null && c.ResourceName is not null).OrderBy(c => c.ClassName, StringComparer.Ordinal))
        {
            if (declared.FirstOrDefault(d => d.CrdKey == hooks.CrdKey && d.Group is not null && d.Kind is not null) is not { } crd)
            {
                continue; // a built-in kind, or a CRD the project does not generate a model for
            }

            var model = naming.KindNames.FirstOrDefault(n => n.Group == crd.Group && n.Kind == crd.Kind)?.ClassName ?? Naming.Identifier(crd.Kind!, "Resource");
            if (!hooks.ResourceIsGenerated || hooks.ResourceName != model)
            {
                context.ReportDiagnostic(RoslynDiagnostics.Create(DiagnosticInfo.Of(
                    DiagnosticCatalog.HookResourceNotModel,
                    hooks.Location,
                    ShortName(hooks.ClassName),
                    hooks.CrdKey,
                    naming.ModelsNamespace + "." + model,
                    crd.Kind + "." + crd.Group,
                    ShortName(hooks.ResourceName!))));
            }
        }

        var marked = new HashSet<(string, string)>(classes.Where(c => c.Problem is null).Select(c => (ShortName(c.ClassName), c.CrdKey)));
        foreach (var entry in declared.Where(d => d.ClassName is not null && d.ClassLocation is not null).Distinct())
        {
            if (!marked.Contains((entry.ClassName!, entry.CrdKey)))
            {
                context.ReportDiagnostic(RoslynDiagnostics.Create(entry.ClassLocation!));
            }
        }
    }

    private static string ShortName(string className) => className.StartsWith("global::", StringComparison.Ordinal) ? className.Substring("global::".Length) : className;

    private static LocationInfo LocationOf(Location location)
    {
        var span = location.GetLineSpan();
        return new LocationInfo(
            span.Path,
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            span.StartLinePosition.Line,
            span.StartLinePosition.Character,
            span.EndLinePosition.Line,
            span.EndLinePosition.Character);
    }
}
