using Orkestra.Templating.Conditions;

namespace Orkestra.Sdk.Tests.Templating.Conditions;

/// <summary>RE2 syntax and semantics on .NET's engine (expected results are Go's <c>regexp.MatchString</c>).</summary>
public class Re2RegexTests
{
    [Theory]
    [InlineData("^app-[a-z0-9-]+$", "app-web-01", true)]
    [InlineData("web", "app-web-01", true)]
    [InlineData("^abc$", "abc\n", false)] // RE2's $ without m is the end of the text only
    [InlineData("(?m)^abc$", "abc\nx", true)]
    [InlineData("\\d+", "٣", false)] // \d is ASCII in RE2
    [InlineData("\\w", "é", false)]
    [InlineData("\\s", "\u00a0", false)]
    [InlineData("[\\d]x", "5x", true)]
    [InlineData("[[:alpha:]]+[[:digit:]]", "abc1", true)]
    [InlineData("[[:upper:]]", "abc", false)]
    [InlineData("(?P<env>prod|dev)-\\d", "prod-1", true)]
    [InlineData("(?<env>prod|dev)", "dev", true)]
    [InlineData("\\Qa.b\\E", "a.b", true)]
    [InlineData("\\Qa.b\\E", "axb", false)]
    [InlineData("\\x41\\x{42}", "AB", true)]
    [InlineData("\\x{1F600}", "😀", true)]
    [InlineData("\\pL+", "héllo", true)]
    [InlineData("\\p{Lu}", "abc", false)]
    [InlineData("\\PL", "abc", false)]
    [InlineData("(?i)PROD", "prod", true)]
    [InlineData("(?s)a.b", "a\nb", true)]
    [InlineData("a.b", "a\nb", false)]
    [InlineData("a{2,3}", "aa", true)]
    [InlineData("x{", "x{", true)] // not a repeat: a literal brace
    [InlineData("[]a]", "]", true)]
    [InlineData("[^]a]", "b", true)]
    [InlineData("[a-z-[aeiou]]", "[]", true)] // no .NET class subtraction: '[' is a member
    [InlineData("\\101", "A", true)] // octal
    [InlineData("\\.\\*\\+", ".*+", true)]
    [InlineData("\\A\\w+\\z", "abc", true)]
    [InlineData("\\bcat\\b", "a cat!", true)]
    public void Patterns_match_as_go_matches_them(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, Re2Regex.Compile(pattern).IsMatch(input));
    }

    [Theory]
    [InlineData("(a)\\1", "backreferences (\\1) are not supported by RE2")]
    [InlineData("(?<n>a)\\k<n>", "backreferences (\\k) are not supported by RE2")]
    [InlineData("(?P=n)", "backreferences are not supported by RE2")]
    [InlineData("a(?=b)", "lookahead (?= and (?! is not supported by RE2")]
    [InlineData("a(?!b)", "lookahead")]
    [InlineData("(?<=a)b", "lookbehind (?<= and (?<! is not supported by RE2")]
    [InlineData("(?<!a)b", "lookbehind")]
    [InlineData("(?>a+)", "atomic groups (?> are not supported by RE2")]
    [InlineData("(?(1)a|b)", "conditionals")]
    [InlineData("(?#note)a", "comments")]
    [InlineData("(?'n'a)", "named groups written (?'name') are not supported by RE2")]
    [InlineData("(?U)a+", "the U (ungreedy) flag is not supported")]
    [InlineData("(?x)a b", "invalid or unsupported group '(?x'")]
    [InlineData("(?)", "invalid flag group")]
    [InlineData("a\\Z", "\\Z is not supported by RE2; use \\z")]
    [InlineData("\\Ga", "invalid escape sequence '\\G'")]
    [InlineData("\\e", "invalid escape sequence '\\e'")]
    [InlineData("\\u0041", "invalid escape sequence '\\u'")]
    [InlineData("\\C", "\\C (any byte) is not supported")]
    [InlineData("a\\", "trailing backslash")]
    [InlineData("\\E", "\\E without a preceding \\Q")]
    [InlineData("a{1001}", "invalid repeat count")]
    [InlineData("[a", "missing closing ]")]
    [InlineData("[[:word:]", "missing closing ]")]
    [InlineData("[[:nope:]]", "invalid character class range '[:nope:]'")]
    [InlineData("[[:^alpha:]]", "negated POSIX class")]
    [InlineData("\\x{110000}", "invalid escape sequence")]
    [InlineData("(?P<>a)", "invalid named capture")]
    [InlineData("(a", "")]
    [InlineData("a**", "")]
    [InlineData("\\p{NoSuchScript}", "")]
    public void Constructs_re2_lacks_are_rejected_with_a_reason(string pattern, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => Re2Regex.Compile(pattern));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiled_patterns_are_cached_and_have_a_timeout()
    {
        var regex = Re2Regex.CompileCached("^cache-[0-9]+$");

        Assert.Same(regex, Re2Regex.CompileCached("^cache-[0-9]+$"));
        Assert.Equal(Re2Regex.MatchTimeout, regex.MatchTimeout);
        Assert.True(regex.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.CultureInvariant));
    }
}
