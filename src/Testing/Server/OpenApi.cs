using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Orkestra.Testing.Server;

/// <summary>
/// The OpenAPI v3 documents: <c>/openapi/v3</c> (one entry per group version, with a content hash) and one document
/// per group version. Each carries the operations with their <c>x-kubernetes-group-version-kind</c> and the
/// <c>fieldValidation</c> parameter (so kubectl leaves validation to the server), the CRDs' schemas, and permissive
/// schemas for the built-in kinds. <c>/openapi/v2</c> is the older single Swagger 2.0 document, for clients that do not
/// read v3: the same schemas as <c>definitions</c> (no operations). Rebuilt when the served resources change.
/// </summary>
internal sealed class OpenApi
{
    private const string ObjectMetaRef = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private const string PatchRef = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    private const string StatusRef = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    private readonly ResourceRegistry _registry;
    private CachedDocuments? _cache;

    public OpenApi(ResourceRegistry registry) => _registry = registry;

    /// <summary>The root document listing each group version's document (<c>/openapi/v3</c>).</summary>
    public JsonObject Root()
    {
        var paths = new JsonObject();
        foreach (var (path, document) in Documents().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={document.Hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of one group version, by its path (<c>api/v1</c>, <c>apis/apps/v1</c>), or null.</summary>
    public string? Document(string path) => Documents().TryGetValue(path, out var document) ? document.Json : null;

    /// <summary>The Swagger 2.0 document (<c>/openapi/v2</c>): every kind's schema under <c>definitions</c>.</summary>
    public string SwaggerV2()
    {
        Documents();
        return Volatile.Read(ref _cache)!.SwaggerV2.Value;
    }

    private static string BuildSwaggerV2(IReadOnlyList<ResourceType> types)
    {
        var definitions = new JsonObject();
        foreach (var group in types.GroupBy(t => t.ApiPrefix))
        {
            foreach (var (name, schema) in (JsonObject)Build(group.ToList())["components"]!["schemas"]!)
            {
                definitions[name] ??= schema!.DeepClone();
            }
        }

        var document = new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0-orkestra" },
            ["paths"] = new JsonObject(),
            ["definitions"] = definitions,
        };
        return document.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
    }

    // Cached for one set of served resources (the registry replaces its list whenever a CRD changes).
    private ImmutableDictionary<string, (string Json, string Hash)> Documents()
    {
        var source = _registry.All;
        var cache = Volatile.Read(ref _cache);
        if (cache is not null && ReferenceEquals(cache.Source, source))
        {
            return cache.Documents;
        }
        var builder = ImmutableDictionary.CreateBuilder<string, (string, string)>(StringComparer.Ordinal);
        foreach (var group in source.GroupBy(t => t.ApiPrefix))
        {
            var json = Build(group.ToList()).ToJsonString();
            var hash = Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(json)));
            builder[group.Key.TrimStart('/')] = (json, hash);
        }
        var documents = builder.ToImmutable();
        Volatile.Write(ref _cache, new CachedDocuments(source, documents, new Lazy<string>(() => BuildSwaggerV2(source))));
        return documents;
    }

    private static JsonObject Build(IReadOnlyList<ResourceType> types)
    {
        var schemas = new JsonObject
        {
            [ObjectMetaRef] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "ObjectMeta is metadata that all persisted resources must have.",
                ["properties"] = new JsonObject
                {
                    ["name"] = new JsonObject { ["type"] = "string" },
                    ["namespace"] = new JsonObject { ["type"] = "string" },
                    ["generateName"] = new JsonObject { ["type"] = "string" },
                    ["labels"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
                    ["annotations"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
                },
                ["x-kubernetes-preserve-unknown-fields"] = true,
            },
            [PatchRef] = new JsonObject { ["type"] = "object", ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body." },
            [StatusRef] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
        };
        var paths = new JsonObject();
        foreach (var type in types)
        {
            var schemaName = SchemaName(type);
            schemas[schemaName] = KindSchema(type, type.Kind, type.Schema);
            schemas[schemaName + "List"] = KindSchema(type, type.ListKind, ListSchema(schemaName));
            AddPaths(paths, type, schemaName);
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0-orkestra" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject KindSchema(ResourceType type, string kind, JsonObject? schema)
    {
        var result = schema is null
            ? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true }
            : (JsonObject)schema.DeepClone();
        result["type"] ??= "object";
        var properties = result["properties"] as JsonObject ?? [];
        properties["apiVersion"] ??= new JsonObject { ["type"] = "string" };
        properties["kind"] ??= new JsonObject { ["type"] = "string" };
        properties["metadata"] = new JsonObject { ["$ref"] = $"#/components/schemas/{ObjectMetaRef}" };
        result["properties"] = properties;
        result["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(type, kind));
        return result;
    }

    private static JsonObject ListSchema(string itemSchema) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("items"),
        ["properties"] = new JsonObject
        {
            ["items"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = $"#/components/schemas/{itemSchema}" } },
        },
    };

    private static void AddPaths(JsonObject paths, ResourceType type, string schemaName)
    {
        var collection = type.Namespaced ? $"{type.ApiPrefix}/namespaces/{{namespace}}/{type.Plural}" : $"{type.ApiPrefix}/{type.Plural}";
        var item = collection + "/{name}";
        var kind = type.Kind;
        paths[collection] = new JsonObject
        {
            ["get"] = Operation(type, "list", $"list{kind}", schemaName + "List", requestBody: false),
            ["post"] = Operation(type, "post", $"create{kind}", schemaName, requestBody: true),
            ["delete"] = Operation(type, "deletecollection", $"deletecollection{kind}", StatusRef, requestBody: false),
        };
        paths[item] = ItemOperations(type, schemaName, kind);
        if (type.HasStatus)
        {
            paths[item + "/status"] = ItemOperations(type, schemaName, kind + "Status");
        }
    }

    private static JsonObject ItemOperations(ResourceType type, string schemaName, string operation) => new()
    {
        ["get"] = Operation(type, "get", $"read{operation}", schemaName, requestBody: false),
        ["put"] = Operation(type, "put", $"replace{operation}", schemaName, requestBody: true),
        ["patch"] = Operation(type, "patch", $"patch{operation}", schemaName, requestBody: true),
        ["delete"] = Operation(type, "delete", $"delete{operation}", schemaName, requestBody: false),
    };

    private static JsonObject Operation(ResourceType type, string action, string operationId, string responseSchema, bool requestBody)
    {
        var operation = new JsonObject
        {
            ["operationId"] = operationId,
            ["parameters"] = new JsonArray(),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = SchemaRef(responseSchema) },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(type, type.Kind),
        };
        if (action is "put" or "post" or "patch")
        {
            var parameters = (JsonArray)operation["parameters"]!;
            foreach (var name in action == "patch" ? new[] { "dryRun", "fieldManager", "fieldValidation", "force" } : ["dryRun", "fieldManager", "fieldValidation"])
            {
                parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true } });
            }
        }
        if (requestBody)
        {
            var content = new JsonObject();
            if (action == "patch")
            {
                // Strategic merge patch is not listed: kubectl would then compute it from these permissive schemas
                // (and warn); without it, kubectl uses its compiled-in knowledge of the built-in kinds.
                var mediaTypes = new[] { PatchTypes.JsonPatch, PatchTypes.MergePatch, PatchTypes.ApplyPatch };
                foreach (var mediaType in mediaTypes)
                {
                    content[mediaType] = SchemaRef(PatchRef);
                }
            }
            else
            {
                content["application/json"] = SchemaRef(SchemaName(type));
            }
            operation["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        }
        return operation;
    }

    private static JsonObject SchemaRef(string name) => new() { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{name}" } };

    private static JsonObject Gvk(ResourceType type, string kind) => new() { ["group"] = type.Group, ["kind"] = kind, ["version"] = type.Version };

    /// <summary>The schema name Kubernetes would use: <c>io.k8s.api.apps.v1.Deployment</c>, <c>com.example.v1.Website</c>.</summary>
    private static string SchemaName(ResourceType type)
    {
        if (type.IsCustom)
        {
            return string.Join('.', type.Group.Split('.').Reverse()) + $".{type.Version}.{type.Kind}";
        }
        var group = type.Group.Length == 0 ? "core" : type.Group.Replace(".k8s.io", "", StringComparison.Ordinal).Replace(".authorization", "", StringComparison.Ordinal);
        return group == "apiextensions"
            ? $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{type.Version}.{type.Kind}"
            : $"io.k8s.api.{group}.{type.Version}.{type.Kind}";
    }

    private sealed record CachedDocuments(IReadOnlyList<ResourceType> Source, ImmutableDictionary<string, (string Json, string Hash)> Documents, Lazy<string> SwaggerV2);
}
