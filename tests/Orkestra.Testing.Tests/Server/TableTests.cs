using System.Text.Json.Nodes;
using Orkestra.Testing.Server;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Server;

public sealed class TableTests
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(200, "3m20s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 120, "3h2m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 7200, "3d2h")]
    [InlineData(100 * 86400, "100d")]
    public void Ages_print_like_kubernetes(int seconds, string expected) =>
        Assert.Equal(expected, TableConverter.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Fact(Timeout = 30_000)]
    public async Task Lists_answer_tables_with_name_and_age_when_asked()
    {
        await using var server = await TestServer.StartAsync();
        var table = (await server.SendAsync(HttpMethod.Get, "/api/v1/namespaces", null, null, TableAccept)).Object;
        Assert.Equal("Table", (string?)table["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)table["apiVersion"]);
        Assert.Equal(["Name", "Age"], table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        var row = table["rows"]![0]!;
        Assert.Equal("default", (string?)row["cells"]![0]);
        Assert.Equal("PartialObjectMetadata", (string?)row["object"]!["kind"]);
        Assert.Equal("NamespaceList", (string?)(await server.GetAsync("/api/v1/namespaces")).Object["kind"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Custom_resources_use_their_printer_columns()
    {
        await using var server = await TestServer.StartAsync();
        var crd = Fixtures.WebsiteCrd();
        crd["spec"]!["versions"]![0]!["additionalPrinterColumns"] = JsonNode.Parse("""
            [{"name":"Image","type":"string","jsonPath":".spec.image"},
             {"name":"Replicas","type":"integer","jsonPath":".spec.replicas"},
             {"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"}]
            """);
        await server.CreateAsync(Fixtures.CrdPath, crd.ToJsonString());
        await server.CreateAsync(Fixtures.WebsitesPath, Fixtures.Website("hello", replicas: 3).ToJsonString());
        await server.PatchAsync($"{Fixtures.WebsitesPath}/hello/status", "application/merge-patch+json", """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""");

        var table = (await server.SendAsync(HttpMethod.Get, $"{Fixtures.WebsitesPath}/hello?includeObject=Object", null, null, TableAccept)).Object;
        Assert.Equal(["Name", "Image", "Replicas", "Ready"], table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        var row = table["rows"]![0]!;
        Assert.Equal("hello", (string?)row["cells"]![0]);
        Assert.Equal("nginx", (string?)row["cells"]![1]);
        Assert.Equal(3, (int)row["cells"]![2]!);
        Assert.Equal("True", (string?)row["cells"]![3]);
        Assert.Equal("Website", (string?)row["object"]!["kind"]);
    }
}
