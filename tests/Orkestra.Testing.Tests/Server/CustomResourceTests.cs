using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Server;

public sealed class CustomResourceTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_created_crd_is_established_with_accepted_names_and_stored_versions()
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.PostAsync(Fixtures.CrdPath, Fixtures.WebsiteCrd());
        Assert.Equal(201, response.Code);
        Assert.False(response.Message.Headers.Contains("Warning"));
        var status = response.Object["status"]!;
        var conditions = status["conditions"]!.AsArray().ToDictionary(c => (string)c!["type"]!, c => (string?)c!["status"]);
        Assert.Equal("True", conditions["Established"]);
        Assert.Equal("True", conditions["NamesAccepted"]);
        Assert.Equal("WebsiteList", (string?)status["acceptedNames"]!["listKind"]);
        Assert.Equal("v1", (string?)status["storedVersions"]![0]);
        Assert.Equal(200, (await server.GetAsync(Fixtures.WebsitesPath)).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Crds_with_cel_rules_get_a_warning_that_they_are_not_evaluated()
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.PostAsync(Fixtures.CrdPath, Fixtures.WebsiteCrd(cel: true));
        Assert.Equal(201, response.Code);
        var warning = Assert.Single(response.Message.Headers.GetValues("Warning"));
        Assert.StartsWith("299 - \"", warning, StringComparison.Ordinal);
        Assert.Contains("x-kubernetes-validations", warning, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Invalid_crds_are_422_with_causes()
    {
        await using var server = await TestServer.StartAsync();
        var crd = Fixtures.WebsiteCrd();
        crd["metadata"]!["name"] = "wrong.example.com";
        crd["spec"]!["scope"] = "Galaxy";
        var response = await server.PostAsync(Fixtures.CrdPath, crd);
        Assert.Equal(422, response.Code);
        var fields = response.Object["details"]!["causes"]!.AsArray().Select(c => (string?)c!["field"]).ToList();
        Assert.Contains("metadata.name", fields);
        Assert.Contains("spec.scope", fields);
    }

    [Fact(Timeout = 30_000)]
    public async Task Custom_resources_get_generation_and_status_subresource_semantics()
    {
        await using var server = await Fixtures.ServerWithWebsitesAsync();
        var website = Fixtures.Website("hello");
        website["status"] = new JsonObject { ["ready"] = true };
        var created = await server.CreateAsync(Fixtures.WebsitesPath, website.ToJsonString());
        Assert.Null(created["status"]);
        Assert.Equal(1, (long)created["metadata"]!["generation"]!);

        var status = await server.PatchAsync($"{Fixtures.WebsitesPath}/hello/status", "application/merge-patch+json", """{"status":{"ready":true},"spec":{"image":"ignored"}}""");
        Assert.Equal(200, status.Code);
        Assert.True((bool)status.Object["status"]!["ready"]!);
        Assert.Equal("nginx", (string?)status.Object["spec"]!["image"]);
        Assert.Equal(1, (long)status.Object["metadata"]!["generation"]!);

        var main = await server.PatchAsync($"{Fixtures.WebsitesPath}/hello", "application/merge-patch+json", """{"status":{"ready":false},"spec":{"image":"httpd"}}""");
        Assert.True((bool)main.Object["status"]!["ready"]!);
        Assert.Equal("httpd", (string?)main.Object["spec"]!["image"]);
        Assert.Equal(2, (long)main.Object["metadata"]!["generation"]!);

        var labelled = await server.PatchAsync($"{Fixtures.WebsitesPath}/hello", "application/merge-patch+json", """{"metadata":{"labels":{"a":"b"}}}""");
        Assert.Equal(2, (long)labelled.Object["metadata"]!["generation"]!);

        var scale = await server.PatchAsync($"{Fixtures.WebsitesPath}/hello/scale", "application/merge-patch+json", """{"spec":{"replicas":3}}""");
        Assert.Equal(3, (int)scale.Object["spec"]!["replicas"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task Custom_resources_reject_wrong_api_versions_and_unknown_namespaces()
    {
        await using var server = await Fixtures.ServerWithWebsitesAsync();
        var wrongVersion = Fixtures.Website("a");
        wrongVersion["apiVersion"] = "example.com/v2";
        Assert.Equal(400, (await server.PostAsync(Fixtures.WebsitesPath, wrongVersion)).Code);
        var missing = await server.PostAsync("/apis/example.com/v1/namespaces/ghost/websites", Fixtures.Website("a"));
        Assert.Equal(404, missing.Code);
        Assert.Equal("namespaces \"ghost\" not found", missing.ErrorMessage);
        var notFound = await server.GetAsync($"{Fixtures.WebsitesPath}/nope");
        Assert.Equal("websites.example.com \"nope\" not found", notFound.ErrorMessage);
        Assert.Equal("example.com", (string?)notFound.Object["details"]!["group"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cluster_scoped_custom_resources()
    {
        await using var server = await Fixtures.ServerWithWebsitesAsync(scope: "Cluster");
        var created = await server.CreateAsync("/apis/example.com/v1/websites", Fixtures.Website("global").ToJsonString());
        Assert.Null(created["metadata"]!["namespace"]);
        Assert.Equal(200, (await server.GetAsync("/apis/example.com/v1/websites/global")).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Deleting_a_crd_deletes_its_custom_resources_and_stops_serving_them()
    {
        await using var server = await Fixtures.ServerWithWebsitesAsync();
        await server.CreateAsync(Fixtures.WebsitesPath, Fixtures.Website("one").ToJsonString());
        await using var watch = await WatchStream.OpenAsync(server, $"{Fixtures.WebsitesPath}?watch=true");
        Assert.Equal("ADDED", (string?)(await watch.NextAsync())["type"]);
        var deleted = await server.DeleteAsync($"{Fixtures.CrdPath}/websites.example.com");
        Assert.Equal(200, deleted.Code);
        Assert.Equal("DELETED", (string?)(await watch.NextAsync())["type"]);
        Assert.Null(await watch.NextOrEndAsync());
        await TestServer.EventuallyAsync(async () => (await server.GetAsync($"{Fixtures.CrdPath}/websites.example.com")).Code == 404, "the CRD to go away");
        Assert.Equal(404, (await server.GetAsync(Fixtures.WebsitesPath)).Code);
        Assert.Equal(404, (await server.GetAsync("/apis/example.com/v1")).Code);

        Assert.Equal(201, (await server.PostAsync(Fixtures.CrdPath, Fixtures.WebsiteCrd())).Code);
        Assert.Empty((await server.GetAsync(Fixtures.WebsitesPath)).Object["items"]!.AsArray());
    }
    [Fact(Timeout = 30_000)]
    public async Task A_crd_whose_schema_does_not_parse_is_invalid_and_a_resource_is_checked_against_a_valid_one()
    {
        await using var server = await TestServer.StartAsync();
        var crd = Fixtures.WebsiteCrd();
        crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["image"]!["pattern"] = "[unclosed";

        var refused = await server.PostAsync(Fixtures.CrdPath, crd);

        Assert.Equal(422, refused.Code);
        Assert.Contains("spec.versions[0].schema.openAPIV3Schema", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("is not a valid regular expression", refused.ErrorMessage, StringComparison.Ordinal);

        await using var valid = await Fixtures.ServerWithWebsitesAsync();
        var wrong = await valid.PostAsync(Fixtures.WebsitesPath, """{"apiVersion":"example.com/v1","kind":"Website","metadata":{"name":"w"},"spec":{"replicas":"two"}}""");
        Assert.Equal(422, wrong.Code);
        Assert.Contains("spec.replicas in body must be of type integer", wrong.ErrorMessage, StringComparison.Ordinal);
    }
}
