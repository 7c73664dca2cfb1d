using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class RandomNotesTests
{
    [Theory]
    [InlineData("{{ randomAlphanumeric 32 }}", "^[a-zA-Z0-9]{32}$")]
    [InlineData("{{ randomAlphanumeric 1 }}", "^[a-zA-Z0-9]$")]
    [InlineData("{{ randomHex 16 }}", "^[0-9a-f]{32}$")]
    [InlineData("{{ randomBase64 32 }}", "^[A-Za-z0-9_-]{43}=$")]
    [InlineData("{{ randomBase64 3 }}", "^[A-Za-z0-9_-]{4}$")]
    [InlineData("{{ randomBase64 1 }}", "^[A-Za-z0-9_-]{2}==$")]
    [InlineData("[{{ randomAlphanumeric 0 }}][{{ randomHex -5 }}][{{ randomBase64 .missing }}]", @"^\[\]\[\]\[\]$")]
    public void Produce_the_documented_shape(string template, string pattern) => Assert.Matches(pattern, Render(template));

    [Fact]
    public void Randomness_comes_only_from_the_services()
    {
        const string Template = "{{ randomAlphanumeric 24 }}/{{ randomHex 12 }}/{{ randomBase64 12 }}";
        Assert.Equal(Render(Template, seed: 7), Render(Template, seed: 7));
        Assert.NotEqual(Render(Template, seed: 7), Render(Template, seed: 8));
    }

    [Fact]
    public void Each_call_draws_new_values()
    {
        var parts = Render("{{ randomHex 16 }} {{ randomHex 16 }}").Split(' ');
        Assert.NotEqual(parts[0], parts[1]);
    }

    [Fact]
    public void Alphanumeric_uses_the_whole_alphabet()
    {
        var text = Render("{{ randomAlphanumeric 5000 }}");
        Assert.Equal(62, text.Distinct().Count());
    }

    [Theory]
    [InlineData("{{ randomHex \"x\" }}", "error calling randomHex: wrong type for value; expected int; got string")]
    [InlineData("{{ randomAlphanumeric 2000000 }}", "at most 1048576 can be generated")]
    [InlineData("{{ randomBase64 1.5 }}", "expected int; got float64")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template), StringComparison.Ordinal);
}
