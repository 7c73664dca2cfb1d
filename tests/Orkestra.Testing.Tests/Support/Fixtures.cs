using System.Text.Json.Nodes;

namespace Orkestra.Testing.Tests.Support;

/// <summary>Small objects the tests create.</summary>
internal static class Fixtures
{
    public const string CrdPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    public const string WebsitesPath = "/apis/example.com/v1/namespaces/default/websites";

    /// <summary>A CRD <c>websites.example.com</c> (kind Website), with status and scale subresources.</summary>
    public static JsonObject WebsiteCrd(string scope = "Namespaced", bool cel = false)
    {
        var spec = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["image"] = new JsonObject { ["type"] = "string" },
                ["replicas"] = new JsonObject { ["type"] = "integer" },
            },
        };
        if (cel)
        {
            spec["x-kubernetes-validations"] = new JsonArray(new JsonObject { ["rule"] = "self.replicas >= 0", ["message"] = "no negative replicas" });
        }
        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = "websites.example.com" },
            ["spec"] = new JsonObject
            {
                ["group"] = "example.com",
                ["scope"] = scope,
                ["names"] = new JsonObject
                {
                    ["plural"] = "websites",
                    ["singular"] = "website",
                    ["kind"] = "Website",
                    ["shortNames"] = new JsonArray("ws"),
                    ["categories"] = new JsonArray("all"),
                },
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["name"] = "v1",
                    ["served"] = true,
                    ["storage"] = true,
                    ["subresources"] = new JsonObject
                    {
                        ["status"] = new JsonObject(),
                        ["scale"] = new JsonObject { ["specReplicasPath"] = ".spec.replicas", ["statusReplicasPath"] = ".status.replicas" },
                    },
                    ["schema"] = new JsonObject
                    {
                        ["openAPIV3Schema"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["properties"] = new JsonObject
                            {
                                ["spec"] = spec,
                                ["status"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                            },
                        },
                    },
                }),
            },
        };
    }

    public static JsonObject Website(string name, string image = "nginx", int replicas = 1) => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Website",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["image"] = image, ["replicas"] = replicas },
    };

    public static JsonObject ConfigMap(string name, JsonObject? labels = null, JsonObject? extraMetadata = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = labels;
        }
        foreach (var (key, value) in extraMetadata ?? [])
        {
            metadata[key] = value?.DeepClone();
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = metadata,
            ["data"] = new JsonObject { ["key"] = "value" },
        };
    }

    /// <summary>Starts a server with the Website CRD created.</summary>
    public static async Task<TestServer> ServerWithWebsitesAsync(string scope = "Namespaced")
    {
        var server = await TestServer.StartAsync();
        var response = await server.PostAsync(CrdPath, WebsiteCrd(scope));
        Assert.Equal(201, response.Code);
        return server;
    }
}
