using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class StringNotesTests
{
    private const string Data = """
        {
          "env": "Production",
          "domain": "my.app.example.com",
          "tags": "latest,stable,v2",
          "hosts": [ "api.example.com", "admin.example.com" ],
          "mixed": [ 1, true, null, "x", 2.5 ],
          "labels": { "tier": "web", "app": "shop" },
          "number": 3,
          "list": []
        }
        """;

    [Theory]
    [InlineData("{{ toLower \"HeLLo\" }} {{ toUpper \"HeLLo\" }}", "hello HELLO")]
    [InlineData("{{ toLower .env }} {{ .env | toUpper }}", "production PRODUCTION")]
    [InlineData("{{ toUpper \"straße\" }}", "STRAßE")]
    [InlineData("[{{ toLower .missing }}][{{ toUpper .missing }}]", "[][]")]
    [InlineData("[{{ trimSpace \"\\t a b \\n\" }}]", "[a b]")]
    [InlineData("[{{ trimSpace .missing }}]", "[]")]
    [InlineData("{{ trim \"xxhixx\" \"x\" }} {{ trim \"/images/nginx/\" \"/\" }} {{ trim \"-_a_-\" \"_-\" }}", "hi images/nginx a")]
    [InlineData("{{ trim \"abc\" \"\" }} {{ trim \"abc\" .missing }}", "abc abc")]
    [InlineData("{{ trimPrefix \"app-frontend\" \"app-\" }} {{ trimPrefix \"frontend\" \"app-\" }} {{ trimPrefix \"app-app-x\" \"app-\" }}", "frontend frontend app-x")]
    [InlineData("{{ trimSuffix \"nginx:latest\" \":latest\" }} {{ trimSuffix \"nginx\" \":latest\" }}", "nginx nginx")]
    [InlineData("[{{ trimPrefix .missing \"x\" }}][{{ trimSuffix \"abc\" .missing }}]", "[][abc]")]
    [InlineData("{{ hasPrefix \"gcr.io/x\" \"gcr.io/\" }} {{ hasPrefix \"x\" \"gcr\" }} {{ hasPrefix \"x\" \"\" }}", "true false true")]
    [InlineData("{{ hasSuffix \"app:v1\" \"v1\" }} {{ hasSuffix \"app:v1\" \"v2\" }} {{ hasSuffix .missing \"v\" }}", "true false false")]
    [InlineData("{{ contains \"production\" \"prod\" }} {{ contains \"staging\" \"prod\" }} {{ contains \"abc\" \"\" }}", "true false true")]
    [InlineData("{{ contains .env \"prod\" }}", "false")]
    [InlineData("{{ replace .domain \".\" \"-\" }}", "my-app-example-com")]
    [InlineData("{{ replace \"abc\" \"\" \"-\" }}", "-a-b-c-")]
    [InlineData("[{{ replace \"aaa\" \"a\" \"\" }}][{{ replace .missing \"a\" \"b\" }}]", "[][]")]
    [InlineData("{{ index (split .tags \",\") 0 }} {{ len (split .tags \",\") }}", "latest 3")]
    [InlineData("{{ split \"a,,b\" \",\" }}", "[a  b]")]
    [InlineData("{{ len (split \"\" \",\") }} {{ len (split .missing \",\") }}", "0 0")]
    [InlineData("{{ split \"héy\" \"\" }}", "[h é y]")]
    [InlineData("{{ split \"a-b\" \"x\" }}", "[a-b]")]
    [InlineData("{{ join .hosts \", \" }}", "api.example.com, admin.example.com")]
    [InlineData("{{ join .mixed \"-\" }}", "1-true--x-2.5")]
    [InlineData("[{{ join .missing \",\" }}][{{ join .list \",\" }}]", "[][]")]
    [InlineData("{{ join (split \"a b c\" \" \") \"+\" }}", "a+b+c")]
    [InlineData("{{ join (mapKeys .labels) \",\" }}", "app,tier")]
    [InlineData("{{ repeat \"ab\" 3 }}", "ababab")]
    [InlineData("[{{ repeat \"x\" 0 }}][{{ repeat \"\" 1000000000 }}][{{ repeat .missing 3 }}][{{ repeat \"y\" .missing }}]", "[][][][]")]
    [InlineData("{{ repeat \"-\" .number }}", "---")]
    [InlineData("{{ camelToKebab \"WebsiteOperator\" }} {{ camelToKebab \"myAppName\" }} {{ camelToKebab \"HTTPRequest\" }}", "website-operator my-app-name http-request")]
    [InlineData("{{ camelToKebab \"getHTTPResponseCode\" }} {{ camelToKebab \"already-kebab\" }} {{ camelToKebab \"ABC\" }}", "get-http-response-code already-kebab abc")]
    [InlineData("[{{ camelToKebab .missing }}]", "[]")]
    [InlineData("{{ truncate \"hello world\" 5 }} {{ truncate \"hello\" 5 }} {{ truncate \"hello\" 3 }}", "he... hello hel")]
    [InlineData("[{{ truncate \"hello\" 0 }}][{{ truncate .missing 5 }}]", "[][]")]
    [InlineData("{{ truncate \"héllo wörld\" 7 }}", "héll...")]
    [InlineData("{{ concat \"*.\" .domain }}", "*.my.app.example.com")]
    [InlineData("[{{ concat }}]{{ concat \"a\" .missing \"b\" }}", "[]ab")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ toLower 5 }}", "error calling toLower: wrong type for value; expected string; got int")]
    [InlineData("{{ toUpper .list }}", "wrong type for value; expected string; got []interface {}")]
    [InlineData("{{ hasPrefix .number \"a\" }}", "expected string; got float64")]
    [InlineData("{{ repeat \"x\" -1 }}", "negative Repeat count")]
    [InlineData("{{ repeat \"ab\" 100000000 }}", "longer than")]
    [InlineData("{{ repeat \"x\" 1.5 }}", "expected int; got float64")]
    [InlineData("{{ truncate \"abc\" -1 }}", "must not be negative")]
    [InlineData("{{ join \"a,b\" \",\" }}", "expected []string; got string")]
    [InlineData("{{ concat \"a\" 1 }}", "expected string; got int")]
    [InlineData("{{ .env | trimPrefix }}", "wrong number of args for trimPrefix: want 2 got 1")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
