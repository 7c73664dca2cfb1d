using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Orkestra.Devkit.Templating;
using Orkestra.Katalogs.Yaml;
using Orkestra.Resources;

namespace Orkestra.Cli.Commands.Dev;

/// <summary>
/// <c>ork template KATALOG [--cr CR.yaml] [--phase P] [-o yaml|json]</c>: prints the katalog as it is after loading
/// (motifs, includes and Komposer overrides merged, current layout), or, with <c>--cr</c>, the objects it yields for
/// each CR, in apply order — as <c>helm template</c> prints a chart's manifests. Developer CLI only.
/// </summary>
internal sealed class TemplateCommand : Command
{
    private const string Yaml = "yaml";
    private const string AllPhases = "all";

    private readonly Argument<string> _file = new("katalog")
    {
        Description = "The katalog, or a komposer (its merged katalog is used), to expand.",
    };

    private readonly Option<string[]> _cr = new("--cr")
    {
        Description = "A file of CRs (one or more YAML documents, or a kind: List): print the objects the katalog yields for each CR instead of the katalog. May be repeated.",
        HelpName = "CR.yaml",
    };

    private readonly Option<string?> _phase = new("--phase")
    {
        Description = "With --cr, the blocks to render: create (onCreate), reconcile (onReconcile), delete (onDelete) or all three. Default: onCreate then onReconcile, what the first reconcile of a new CR applies.",
        HelpName = "create|reconcile|delete|all",
    };

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = "Output format: yaml (a --- separated stream, with a comment line per CR and per object) or json (the katalog, or one kind: List of the objects).",
        HelpName = "yaml|json",
        DefaultValueFactory = _ => Yaml,
    };

    public TemplateCommand()
        : base("template", Describe())
    {
        _output.AcceptOnlyFromAmong(Yaml, Output.Json);
        _phase.AcceptOnlyFromAmong("create", "reconcile", "delete", AllPhases);
        Arguments.Add(_file);
        Options.Add(_cr);
        Options.Add(_phase);
        Options.Add(_output);
        Validators.Add(result =>
        {
            if (result.GetResult(_phase) is { Implicit: false } && result.GetResult(_cr) is null)
            {
                result.AddError("--phase applies to the objects of CRs; add --cr CR.yaml");
            }
        });
        SetAction(Run);
    }

    /// <summary>Prints <paramref name="result"/> (the expanded katalogs) and returns the exit code.</summary>
    public static int Write(ExpandResult result, string format, TextWriter stdout, TextWriter stderr)
    {
        WriteDiagnostics(result.Diagnostics, stderr);
        if (result.HasErrors)
        {
            return ExitCodes.Failure;
        }

        if (format == Output.Json)
        {
            JsonNode document = result.Katalogs.Count == 1
                ? result.Katalogs[0]
                : new JsonArray(result.Katalogs.Select(k => (JsonNode)k.DeepClone()).ToArray());
            Output.WriteJson(stdout, json => document.WriteTo(json));
        }
        else
        {
            YamlWriter.Write(stdout, result.Katalogs);
        }

        return ExitCodes.Success;
    }

    /// <summary>Prints <paramref name="report"/> (the objects of each CR) and returns the exit code.</summary>
    public static int Write(RenderReport report, string format, TextWriter stdout, TextWriter stderr)
    {
        WriteDiagnostics(report.Diagnostics, stderr);
        if (!report.Loaded)
        {
            return ExitCodes.Failure;
        }

        if (format == Output.Json)
        {
            var items = new JsonArray();
            foreach (var cr in report.Crs)
            {
                foreach (var resource in cr.Resources)
                {
                    items.Add(resource.Object.DeepClone());
                }

                if (cr.UidIsPlaceholder)
                {
                    stderr.WriteLine($"note: {cr.Description}: {UidNote(cr)}");
                }
            }

            var list = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "List",
                ["items"] = items,
            };
            Output.WriteJson(stdout, json => list.WriteTo(json));
        }
        else
        {
            foreach (var cr in report.Crs)
            {
                stdout.WriteLine("# " + Summary(cr));
                foreach (var resource in cr.Resources)
                {
                    stdout.WriteLine("---");
                    stdout.WriteLine("# Source: " + resource.Source + Lifecycle(resource));
                    var yaml = YamlWriter.ToYaml(resource.Object);
                    stdout.Write(yaml.EndsWith('\n') ? yaml : yaml + "\n");
                }
            }
        }

        foreach (var problem in report.Problems)
        {
            stderr.WriteLine(problem.ToString());
        }

        return report.HasErrors ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static string Describe() => string.Join(
        Environment.NewLine,
        "Print a katalog as it is after loading (motifs, include: fragments and Komposer overrides merged, older",
        "spellings moved to the current layout), or, with --cr, the Kubernetes objects it yields for each CR, in",
        "apply order. Nothing is applied to a cluster.",
        string.Empty,
        "Examples:",
        "  ork template katalog.yaml                      the expanded katalog, as YAML",
        "  ork template komposer.yaml -o json             a Komposer's merged katalog, as JSON",
        "  ork template katalog.yaml --cr cr.yaml         the objects of each CR in cr.yaml",
        "  ork template katalog.yaml --cr cr.yaml -o json | kubectl apply --dry-run=client -f -",
        "  ork template katalog.yaml --cr cr.yaml --phase delete");

    private static void WriteDiagnostics(IEnumerable<Diagnostics.Diagnostic> diagnostics, TextWriter stderr)
    {
        // Errors and warnings; info diagnostics (blocks not acted on yet, remote imports) are for 'ork validate'.
        foreach (var diagnostic in diagnostics.Where(d => d.Severity != Diagnostics.DiagnosticSeverity.Info))
        {
            stderr.WriteLine(diagnostic.ToString());
        }
    }

    private static string Summary(RenderedCr cr)
    {
        var count = cr.Resources.Count.ToString(CultureInfo.InvariantCulture) + (cr.Resources.Count == 1 ? " object" : " objects");
        if (cr.Errors.Count > 0)
        {
            count += ", " + cr.Errors.Count.ToString(CultureInfo.InvariantCulture) + (cr.Errors.Count == 1 ? " item failed" : " items failed") + " (see stderr)";
        }

        return $"{cr.Description}: {count} ({UidNote(cr)})";
    }

    private static string UidNote(RenderedCr cr) => cr.UidIsPlaceholder
        ? $"uid {cr.Uid} stands in: a CR read from a file has none"
        : $"uid {cr.Uid}";

    private static string Lifecycle(DesiredResource resource) => resource switch
    {
        { CreateOnly: true, Once: true } => " (created once: onCreate, once: true)",
        { CreateOnly: true } => " (created once: onCreate)",
        { Phase: ResourcePhase.Delete } => " (onDelete: applied before the finalizer is removed)",
        _ => string.Empty,
    };

    private static IReadOnlyList<ResourcePhase> Phases(string? phase) => phase switch
    {
        "create" => new[] { ResourcePhase.Create },
        "reconcile" => new[] { ResourcePhase.Reconcile },
        "delete" => new[] { ResourcePhase.Delete },
        AllPhases => new[] { ResourcePhase.Create, ResourcePhase.Reconcile, ResourcePhase.Delete },
        _ => Templater.FirstReconcile,
    };

    private int Run(ParseResult parseResult)
    {
        var file = parseResult.GetRequiredValue(_file);
        var format = parseResult.GetRequiredValue(_output);
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        var crs = parseResult.GetValue(_cr);
        if (crs is { Length: > 0 })
        {
            return Write(Templater.Render(file, crs, Phases(parseResult.GetValue(_phase))), format, stdout, stderr);
        }

        return Write(Templater.Expand(file), format, stdout, stderr);
    }
}
