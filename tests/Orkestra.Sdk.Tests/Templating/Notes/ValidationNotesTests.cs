using System.Text.Json;
using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The validation and Kubernetes validation notes: string checks giving true or false.</summary>
public class ValidationNotesTests
{
    [Theory]
    [InlineData("team@myorg.io", true)]
    [InlineData("first.last+tag@sub.example.co.uk", true)]
    [InlineData(" \tteam@myorg.io \t", true)]
    [InlineData("user@localhost", true)]
    [InlineData("üser@exämple.com", true)]
    [InlineData("user@[192.168.0.1]", true)]
    [InlineData("user@[300.1.1.1]", false)]
    [InlineData("Team <team@myorg.io>", false)]
    [InlineData("not-an-email", false)]
    [InlineData("team@myorg.io\n", false)]
    [InlineData("\u00a0team@myorg.io", false)]
    [InlineData(".first@example.com", false)]
    [InlineData("first.@example.com", false)]
    [InlineData("a..b@example.com", false)]
    [InlineData("user@example..com", false)]
    [InlineData("\"john doe\"@example.com", false)]
    [InlineData("user@example.com (Team)", false)]
    [InlineData("user@ example.com", false)]
    [InlineData("a b@example.com", false)]
    [InlineData("user@example.com,", false)]
    [InlineData("user@", false)]
    [InlineData("@example.com", false)]
    [InlineData("", false)]
    public void IsValidEmail(string input, bool expected) => Check("isValidEmail", input, expected);

    [Theory]
    [InlineData("https://github.com/myorg/payments", true)]
    [InlineData("git@github.com:myorg/payments.git", true)]
    [InlineData("git@github.com:myorg/payments", true)]
    [InlineData("ssh://git@host.example.com/org/repo.git", true)]
    [InlineData("git://host/repo", true)]
    [InlineData("deploy@host:~/repos/app", true)]
    [InlineData("not a repo", false)]
    [InlineData("ftp://host/repo", false)]
    [InlineData("https://github.com/a b", false)]
    [InlineData("https://github.com/a\n", false)]
    [InlineData("git@github.com/org/repo", false)]
    [InlineData("", false)]
    public void IsValidGitRepository(string input, bool expected) => Check("isValidGitRepository", input, expected);

    [Theory]
    [InlineData("https://example.com/webhook", true)]
    [InlineData("HTTP://Example.com", true)]
    [InlineData("https://user:pass@example.com:8443/p?q=1#f", true)]
    [InlineData("https://[::1]:8080/", true)]
    [InlineData("https://%C3%A9.example/", true)]
    [InlineData("https://example.com/a b", true)]
    [InlineData("https://:80", true)]
    [InlineData("ftp://example.com", false)]
    [InlineData("not a url", false)]
    [InlineData("https://", false)]
    [InlineData("https:///path", false)]
    [InlineData("http:example.com", false)]
    [InlineData("//example.com", false)]
    [InlineData("https://example.com:port", false)]
    [InlineData("https://exa mple.com", false)]
    [InlineData("https://ex{ample.com", false)]
    [InlineData("https://ex%41mple.com", false)]
    [InlineData("https://example.com/%zz", false)]
    [InlineData("https://[::1", false)]
    [InlineData("https://us er@example.com", false)]
    [InlineData("https://user@", false)]
    [InlineData("https://example.com\n", false)]
    [InlineData("", false)]
    public void IsValidURL(string input, bool expected) => Check("isValidURL", input, expected);

    [Theory]
    [InlineData("myorg/app:v1.2.3", true)]
    [InlineData("registry.myorg.io:5000/team/app:latest", true)]
    [InlineData("nginx", true)]
    [InlineData("localhost:5000/app", true)]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("MyOrg/App", false)]
    [InlineData("nginx:", false)]
    [InlineData("ngi nx", false)]
    [InlineData("app:-tag", false)]
    [InlineData("nginx\n", false)]
    [InlineData("", false)]
    public void IsValidImageRef(string input, bool expected) => Check("isValidImageRef", input, expected);

    [Theory]
    [InlineData("{\"app\": \"payments-api\"}", true)]
    [InlineData(" 42 ", true)]
    [InlineData("null", true)]
    [InlineData("[1, {\"a\": [true, -0.5e3]}]", true)]
    [InlineData("{not json", false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData("[1,2,]", false)]
    [InlineData("1 2", false)]
    [InlineData("01", false)]
    [InlineData("// c\n1", false)]
    [InlineData("\uFEFF{}", false)]
    [InlineData("\"a\tb\"", false)]
    [InlineData("\"\\ud800\"", true)]
    [InlineData("\"\\x41\"", false)]
    public void IsValidJSON(string input, bool expected) => Check("isValidJSON", input, expected);

    [Theory]
    [InlineData("8080", true)]
    [InlineData("1", true)]
    [InlineData("65535", true)]
    [InlineData("+80", true)]
    [InlineData("008080", true)]
    [InlineData("0", false)]
    [InlineData("65536", false)]
    [InlineData("70000", false)]
    [InlineData("-80", false)]
    [InlineData(" 80", false)]
    [InlineData("80a", false)]
    [InlineData("1_000", false)]
    [InlineData("99999999999999999999999", false)]
    [InlineData("", false)]
    public void IsValidPort(string input, bool expected) => Check("isValidPort", input, expected);

    [Theory]
    [InlineData("team-payments", true)]
    [InlineData("", true)]
    [InlineData("a.b_c-D9", true)]
    [InlineData("team payments", false)]
    [InlineData("-leading-dash", false)]
    [InlineData("trailing.", false)]
    [InlineData("é", false)]
    public void IsValidLabelValue(string input, bool expected) => Check("isValidLabelValue", input, expected);

    [Theory]
    [InlineData("tier", true)]
    [InlineData("platform.myorg.io/tier", true)]
    [InlineData("app.kubernetes.io/Name_1", true)]
    [InlineData("bad key", false)]
    [InlineData("", false)]
    [InlineData("/tier", false)]
    [InlineData("example.com/", false)]
    [InlineData("a/b/c", false)]
    [InlineData("Platform.io/tier", false)]
    [InlineData("example.com/-x", false)]
    public void IsValidLabelKey(string input, bool expected)
    {
        Check("isValidLabelKey", input, expected);
        Check("isValidAnnotationKey", input, expected);
    }

    [Theory]
    [InlineData("my-app.example.com", true)]
    [InlineData("a", true)]
    [InlineData("0.1-2", true)]
    [InlineData("My_App", false)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a..b", false)]
    [InlineData("a.", false)]
    public void IsDNS1123Subdomain(string input, bool expected) => Check("isDNS1123Subdomain", input, expected);

    [Fact]
    public void Lengths_are_limited()
    {
        Check("isValidLabelValue", new string('a', 63), true);
        Check("isValidLabelValue", new string('a', 64), false);
        Check("isValidLabelKey", "example.com/" + new string('a', 63), true);
        Check("isValidLabelKey", new string('a', 64), false);
        Check("isValidLabelKey", string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + "/x", false);
        Check("isDNS1123Subdomain", string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('a', 61), true);
        Check("isDNS1123Subdomain", string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('a', 62), false);
        Check("isValidImageRef", "app:" + new string('t', 128), true);
        Check("isValidImageRef", "app:" + new string('t', 129), false);
        Check("isValidJSON", new string('[', 10000) + new string(']', 10000), true);
        Check("isValidJSON", new string('[', 10001) + new string(']', 10001), false);
    }

    [Theory]
    [InlineData("isValidEmail")]
    [InlineData("isValidGitRepository")]
    [InlineData("isValidURL")]
    [InlineData("isValidImageRef")]
    [InlineData("isValidJSON")]
    [InlineData("isValidPort")]
    [InlineData("isValidLabelKey")]
    [InlineData("isValidAnnotationKey")]
    [InlineData("isDNS1123Subdomain")]
    public void Nil_is_the_empty_string_and_other_types_fail(string note)
    {
        Assert.Equal("false", Render("{{ " + note + " .missing }}"));
        Assert.Contains("error calling " + note + ": wrong type for value; expected string; got int", Error("{{ " + note + " 8080 }}"), StringComparison.Ordinal);
        Assert.Contains("expected string; got float64", Error("{{ " + note + " .port }}", """{ "port": 8080 }"""), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_label_value_is_valid() => Assert.Equal("true", Render("{{ isValidLabelValue .missing }}"));

    private static void Check(string note, string input, bool expected) =>
        Assert.True(
            (expected ? "true" : "false") == Render("{{ " + note + " .v }}", "{\"v\": " + JsonSerializer.Serialize(input) + "}"),
            note + " " + JsonSerializer.Serialize(input) + " should be " + expected);
}
