using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The domain notes: URL-ish strings cleaned to a host, "" for anything but a string.</summary>
public class DomainNotesTests
{
    [Theory]
    [InlineData("https://acme.example.com/", "acme.example.com", "acme.example.com")]
    [InlineData(" http://acme.example.com ", "acme.example.com", "acme.example.com")]
    [InlineData("acme.example.com", "acme.example.com", "acme.example.com")]
    [InlineData("https://www.acme.com/", "www.acme.com", "acme.com")]
    [InlineData("www.acme.com", "www.acme.com", "acme.com")]
    [InlineData("https://acme.example.com:8080/", "acme.example.com:8080", "acme.example.com:8080")]
    [InlineData("https://acme.com/path/", "acme.com/path", "acme.com/path")]
    [InlineData("https://http://acme.com//", "acme.com/", "acme.com/")]
    [InlineData("HTTPS://acme.com", "HTTPS://acme.com", "HTTPS://acme.com")]
    [InlineData("\thttps://www.www.acme.com\n", "www.www.acme.com", "www.acme.com")]
    [InlineData("", "", "")]
    [InlineData("/", "", "")]
    public void Cleans_hosts(string input, string host, string bare)
    {
        var json = "{\"v\": " + System.Text.Json.JsonSerializer.Serialize(input) + "}";
        Assert.Equal(host, Render("{{ domainHost .v }}", json));
        Assert.Equal(bare, Render("{{ domainBare .v }}", json));
    }

    [Theory]
    [InlineData("[{{ domainHost .missing }}][{{ domainBare .missing }}]", "[][]")]
    [InlineData("[{{ domainHost 5 }}][{{ domainBare true }}][{{ domainHost .list }}][{{ domainBare .map }}]", "[][][][]")]
    [InlineData("{{ domainHost \"https://acme.example.com/\" | domainBare }}", "acme.example.com")]
    public void Anything_but_a_string_gives_empty(string template, string expected) =>
        Assert.Equal(expected, Render(template, """{ "list": [ "https://a.com" ], "map": { "host": "a.com" } }"""));
}
