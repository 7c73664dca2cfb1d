using System.CommandLine;
using System.Text.Json;
using Orkestra.Devkit.Notes;
using Orkestra.Templating;
using Orkestra.Templating.Syntax;

namespace Orkestra.Cli.Commands.Dev;

/// <summary>
/// <c>ork notes</c>: the template functions, documented from the one catalogue (<c>NoteCatalog</c>) —
/// list, <c>search</c>, <c>show</c>, <c>domains</c> — and <c>eval</c>, which renders a template as a katalog field.
/// Developer CLI only.
/// </summary>
internal sealed class NotesCommand : Command
{
    private readonly Option<string?> _file = new("--file", "-f") { Description = "Also list the user notes of this katalog, komposer or motif." };
    private readonly Option<string?> _domain = new("--domain") { Description = "Only the notes of this domain (see 'ork notes domains')." };
    private readonly Option<string> _output = Output.CreateOption();

    public NotesCommand()
        : base("notes", "Browse the template functions (notes), or render a template with 'ork notes eval'.")
    {
        Options.Add(_file);
        Options.Add(_domain);
        Options.Add(_output);
        SetAction(result =>
        {
            IReadOnlyList<UserNote> user = [];
            if (result.GetValue(_file) is { } file)
            {
                var (notes, problems) = NoteBrowser.ReadUserNotes(file);
                if (problems.Count > 0)
                {
                    foreach (var problem in problems)
                    {
                        result.InvocationConfiguration.Error.WriteLine(problem);
                    }

                    return ExitCodes.Failure;
                }

                user = notes;
            }

            var domain = result.GetValue(_domain);
            var rows = NoteBrowser.List(domain, user);
            if (rows.Count == 0)
            {
                result.InvocationConfiguration.Error.WriteLine($"ork: no notes in domain '{domain}'; see 'ork notes domains'");
                return ExitCodes.Failure;
            }

            WriteTable(rows, result.GetValue(_output)!, result.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });

        Subcommands.Add(Search());
        Subcommands.Add(Show());
        Subcommands.Add(Domains());
        Subcommands.Add(Eval());
    }

    private static Command Search()
    {
        var term = new Argument<string>("term") { Description = "Text to look for in names, descriptions, signatures and examples." };
        var output = Output.CreateOption();
        var command = new Command("search", "Find notes by name, description or example (case-insensitive).") { term, output };
        command.SetAction(result =>
        {
            var rows = NoteBrowser.Search(result.GetValue(term)!);
            if (rows.Count == 0)
            {
                result.InvocationConfiguration.Error.WriteLine($"ork: no note matches '{result.GetValue(term)}'");
                return ExitCodes.Failure;
            }

            WriteTable(rows, result.GetValue(output)!, result.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("name") { Description = "The note's name." };
        var output = Output.CreateOption();
        var command = new Command("show", "Show one note: domain, signature, description and an example with its output.") { name, output };
        command.SetAction(result =>
        {
            var wanted = result.GetValue(name)!;
            if (NoteCatalog.Find(wanted) is not { } note)
            {
                var similar = NoteBrowser.Similar(wanted);
                result.InvocationConfiguration.Error.WriteLine(
                    $"ork: no note named '{wanted}'" + (similar.Count > 0 ? "; did you mean " + string.Join(", ", similar.Select(s => "'" + s + "'")) + "?" : "; try 'ork notes search'"));
                return ExitCodes.Failure;
            }

            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(output) == Output.Json)
            {
                Output.WriteJson(stdout, json => WriteNote(json, note));
                return ExitCodes.Success;
            }

            var rule = new string('─', 64);
            stdout.WriteLine(rule);
            stdout.WriteLine("  " + note.Name);
            stdout.WriteLine(rule);
            stdout.WriteLine("  Domain:      " + note.Domain);
            stdout.WriteLine("  Signature:   " + note.Signature);
            stdout.WriteLine("  Arguments:   " + Arity(note));
            stdout.WriteLine("  Description: " + note.Description);
            stdout.WriteLine();
            stdout.WriteLine("  Example:");
            stdout.WriteLine("    " + note.Example);
            stdout.WriteLine("  Output:");
            stdout.WriteLine("    " + note.Output);
            stdout.WriteLine(rule);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Domains()
    {
        var output = Output.CreateOption();
        var command = new Command("domains", "List the domains and how many notes each has.") { output };
        command.SetAction(result =>
        {
            var domains = NoteBrowser.Domains();
            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(output) == Output.Json)
            {
                Output.WriteJson(stdout, json =>
                {
                    json.WriteStartObject();
                    foreach (var (domain, count) in domains)
                    {
                        json.WriteNumber(domain, count);
                    }

                    json.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            stdout.WriteLine("Available domains:");
            stdout.WriteLine();
            foreach (var (domain, count) in domains)
            {
                stdout.WriteLine($"  {domain,-14} {count,3} notes");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Eval()
    {
        var template = new Argument<string>("template") { Description = "The template, rendered as a katalog field (trimmed, <no value> removed)." };
        var data = new Option<string>("--data") { Description = "The object to render against: JSON, or YAML read the way kubectl reads it.", Required = true };
        var katalog = new Option<string?>("--katalog") { Description = "A katalog (or komposer, motif) whose user notes the template may call." };
        var command = new Command("eval", "Render a template against an object, as the runtime renders a katalog field.") { template, data, katalog };
        command.SetAction(result =>
        {
            var outcome = NoteBrowser.Eval(result.GetValue(template)!, result.GetValue(data)!, result.GetValue(katalog));
            if (outcome.Error is { } error)
            {
                result.InvocationConfiguration.Error.WriteLine(error);
                return ExitCodes.Failure;
            }

            result.InvocationConfiguration.Output.WriteLine(outcome.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteTable(IReadOnlyList<NoteInfo> rows, string format, TextWriter stdout)
    {
        if (format == Output.Json)
        {
            Output.WriteJson(stdout, json =>
            {
                json.WriteStartArray();
                foreach (var note in rows)
                {
                    WriteNote(json, note);
                }

                json.WriteEndArray();
            });
            return;
        }

        var domainWidth = Math.Max(6, rows.Max(r => r.Domain.Length)) + 2;
        var nameWidth = Math.Max(4, rows.Max(r => r.Name.Length)) + 2;
        stdout.WriteLine("DOMAIN".PadRight(domainWidth) + "NAME".PadRight(nameWidth) + "DESCRIPTION");
        stdout.WriteLine("──────".PadRight(domainWidth) + "────".PadRight(nameWidth) + "───────────");
        foreach (var note in rows)
        {
            stdout.WriteLine(note.Domain.PadRight(domainWidth) + note.Name.PadRight(nameWidth) + note.Description);
        }
    }

    private static void WriteNote(Utf8JsonWriter json, NoteInfo note)
    {
        json.WriteStartObject();
        json.WriteString("name", note.Name);
        json.WriteString("domain", note.Domain);
        json.WriteString("signature", note.Signature);
        json.WriteNumber("minArguments", note.MinArguments);
        json.WriteNumber("maxArguments", note.MaxArguments);
        json.WriteString("description", note.Description);
        json.WriteString("example", note.Example);
        json.WriteString("output", note.Output);
        json.WriteEndObject();
    }

    private static string Arity(NoteInfo note) => note.MaxArguments < 0
        ? "at least " + note.MinArguments
        : note.MinArguments == note.MaxArguments ? note.MinArguments.ToString(System.Globalization.CultureInfo.InvariantCulture) : note.MinArguments + " to " + note.MaxArguments;
}
