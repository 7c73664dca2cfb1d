using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Orkestra.Templating;
using Orkestra.Templating.Syntax;

namespace Orkestra.Sdk.Tests.Templating;

/// <summary>
/// Property tests: on any input, the lexer and the parser either succeed or throw their own located
/// <see cref="TemplateSyntaxException"/> — nothing else — and they finish quickly.
/// </summary>
public class ParserPropertyTests
{
    // Pieces of the template language, so that generated inputs reach deep into the parser, not just the lexer.
    private static readonly string[] Fragments =
    {
        "{{", "}}", "{{- ", " -}}", "{{/*", "*/}}", " ", "\n", ".", ".spec", ".a.b", "$", "$x", "$x :=", "$x =", ",", "|", "(", ")",
        "if", "else", "else if", "end", "range", "with", "define", "template", "block", "break", "continue", "nil", "true",
        "\"s\"", "\"", "`raw`", "`", "'a'", "'", "1", "-2", "0x1F", "1e3", "1.5", "2i", "printf", "len", "index", "and", "or",
        "eq", "not", "\\", "-", "+", "=", ":", "%", "x", "é", "\t",
    };

    private static readonly Func<string, bool> Functions = FunctionSet.Builtins.Contains;

    private static Arbitrary<string> TemplateLike() =>
        Gen.ArrayOf(Gen.Elements(Fragments)).Select(parts => string.Concat(parts)).ToArbitrary();

    [Fact]
    public void Arbitrary_strings_parse_or_fail_with_a_located_error() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => ParsesOrFailsLocated(text ?? string.Empty))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Template_like_strings_parse_or_fail_with_a_located_error() =>
        Prop.ForAll(TemplateLike(), ParsesOrFailsLocated).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var text = "{{" + new string('(', 100_000) + "1" + new string(')', 100_000) + "}}";

        var error = Assert.Throws<TemplateSyntaxException>(() => TemplateParser.Parse(text, Functions));

        Assert.Contains("nests deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsed_templates_execute_or_fail_with_an_execution_error() =>
        Prop.ForAll(TemplateLike(), text =>
        {
            Template template;
            try
            {
                template = Template.Parse(text);
            }
            catch (TemplateSyntaxException)
            {
                return true;
            }

            try
            {
                template.Execute(new Dictionary<string, object?> { ["spec"] = new Dictionary<string, object?> { ["a"] = 1.0 } });
            }
            catch (TemplateExecutionException)
            {
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));

    private static bool ParsesOrFailsLocated(string text)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            TemplateParser.Parse(text, Functions);
        }
        catch (TemplateSyntaxException ex)
        {
            if (ex.Offset < 0 || ex.Offset > text.Length || ex.Line < 1 || ex.Column < 1 || ex.Message.Length == 0)
            {
                return false;
            }
        }

        return watch.ElapsedMilliseconds < 1000;
    }
}
