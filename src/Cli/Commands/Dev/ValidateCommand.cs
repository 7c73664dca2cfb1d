using System.CommandLine;
using Orkestra.Devkit.Validation;
using Orkestra.Diagnostics;

namespace Orkestra.Cli.Commands.Dev;

/// <summary>
/// <c>ork validate FILE...</c>: checks katalogs, komposers, motifs, simulate and e2e files. Diagnostics go to stderr
/// in the compiler's shape (or, with <c>--output json</c>, one JSON array to stdout). Developer CLI only.
/// </summary>
internal sealed class ValidateCommand : Command
{
    private readonly Argument<string[]> _files = new("files")
    {
        Description = "The files to check: katalog, komposer, motif, simulate or e2e YAML.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> _output = Output.CreateOption();

    private readonly Option<bool> _strictTemplates = new("--strict-templates")
    {
        Description = "Report template paths the CRD schema lacks (ORK110) and wrong argument counts (ORK111) as errors.",
    };

    public ValidateCommand()
        : base("validate", "Check Orkestra files and report every problem with its file, line and column.")
    {
        Arguments.Add(_files);
        Options.Add(_output);
        Options.Add(_strictTemplates);
        SetAction(Run);
    }

    /// <summary>Writes <paramref name="report"/> in <paramref name="format"/> and returns the exit code.</summary>
    public static int Write(ValidationReport report, string format, TextWriter stdout, TextWriter stderr)
    {
        if (format == Output.Json)
        {
            Output.WriteJson(stdout, json =>
            {
                json.WriteStartArray();
                foreach (var diagnostic in report.Diagnostics)
                {
                    json.WriteStartObject();
                    json.WriteString("file", diagnostic.Location.Path);
                    json.WriteNumber("line", diagnostic.Location.Line);
                    json.WriteNumber("column", diagnostic.Location.Column);
                    json.WriteNumber("endLine", diagnostic.Location.EndLine);
                    json.WriteNumber("endColumn", diagnostic.Location.EndColumn);
                    json.WriteString("severity", Diagnostic.SeverityText(diagnostic.Severity));
                    json.WriteString("id", diagnostic.Id);
                    json.WriteString("message", diagnostic.Message);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            });
        }
        else
        {
            foreach (var diagnostic in report.Diagnostics)
            {
                stderr.WriteLine(diagnostic.ToString());
            }

            if (!report.HasErrors)
            {
                foreach (var line in report.Summary)
                {
                    stdout.WriteLine(line);
                }
            }
        }

        return report.HasErrors ? ExitCodes.Failure : ExitCodes.Success;
    }

    private int Run(ParseResult parseResult)
    {
        var files = parseResult.GetRequiredValue(_files);
        var report = Validator.Validate(files);
        if (parseResult.GetValue(_strictTemplates))
        {
            var strict = DiagnosticCatalog.CheckedTemplates.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            report = report with
            {
                Diagnostics = report.Diagnostics.Select(d => strict.Contains(d.Id) ? d with { Rule = d.Rule with { Severity = DiagnosticSeverity.Error } } : d).ToList(),
            };
        }

        return Write(
            report,
            parseResult.GetRequiredValue(_output),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error);
    }
}
