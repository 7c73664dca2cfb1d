using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Orkestra.Testing.Server;

/// <summary>A request for a resource, parsed from its path.</summary>
internal sealed record ResourcePath(ResourceType Type, string? Namespace, string? Name, string? Subresource);

/// <summary>
/// Answers every request: health, discovery and OpenAPI documents, and the resource verbs. Each failure becomes a
/// Status body; nothing escapes as a bare 500.
/// </summary>
internal sealed class ApiHandler(ObjectService service, Discovery discovery, OpenApi openApi, WatchStreamer watches, Func<string> serverAddress)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await Responses.WriteStatusAsync(context, e);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            await Responses.WriteStatusAsync(context, new ApiException(500, "InternalError", $"Internal error occurred: {e.Message}"));
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["version"]:
                await Responses.WriteJsonAsync(context, 200, Discovery.Version());
                return;
            case ["healthz" or "readyz" or "livez", ..]:
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("ok", context.RequestAborted);
                return;
            case ["api"]:
                await Responses.WriteJsonAsync(context, 200, Discovery.CoreVersions(serverAddress()));
                return;
            case ["apis"]:
                await Responses.WriteJsonAsync(context, 200, discovery.GroupList());
                return;
            case ["apis", var group]:
                await Responses.WriteJsonAsync(context, 200, discovery.Group(group) ?? throw StatusErrors.PathNotFound());
                return;
            case ["api", var version]:
                await Responses.WriteJsonAsync(context, 200, discovery.ResourceList("", version) ?? throw StatusErrors.PathNotFound());
                return;
            case ["apis", var group, var version]:
                await Responses.WriteJsonAsync(context, 200, discovery.ResourceList(group, version) ?? throw StatusErrors.PathNotFound());
                return;
            case ["openapi", "v2"]:
                // Clients ask for the protobuf form first and accept JSON.
                context.Response.ContentType = Responses.Json;
                await context.Response.WriteAsync(openApi.SwaggerV2(), context.RequestAborted);
                return;
            case ["openapi", "v3"]:
                await Responses.WriteJsonAsync(context, 200, openApi.Root());
                return;
            case ["openapi", "v3", .. var rest]:
                var document = openApi.Document(string.Join('/', rest)) ?? throw StatusErrors.PathNotFound();
                context.Response.ContentType = Responses.Json;
                await context.Response.WriteAsync(document, context.RequestAborted);
                return;
            case ["api", var version, .. var rest]:
                await ServeResourceAsync(context, Resolve("", version, rest));
                return;
            case ["apis", var group, var version, .. var rest]:
                await ServeResourceAsync(context, Resolve(group, version, rest));
                return;
            default:
                throw StatusErrors.PathNotFound();
        }
    }

    private ResourcePath Resolve(string group, string version, string[] rest)
    {
        ResourceType Find(string plural) => service.Registry.Find(group, version, plural) ?? throw StatusErrors.PathNotFound();
        ResourcePath path = rest switch
        {
            ["namespaces", var ns, var plural, .. var tail] when !(tail.Length == 0 && plural is "status" or "finalize") =>
                new ResourcePath(Find(plural), ns, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1)),
            [var plural, .. var tail] => new ResourcePath(Find(plural), null, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1)),
            _ => throw StatusErrors.PathNotFound(),
        };
        var tooLong = rest.Length > (path.Namespace is null ? 3 : 5);
        var misplaced = path.Namespace is not null ? !path.Type.Namespaced : path.Type.Namespaced && path.Name is not null;
        var unknownSubresource = path.Subresource switch
        {
            null => false,
            "status" => !path.Type.HasStatus,
            "scale" => path.Type.Scale is null,
            _ => true,
        };
        if (tooLong || misplaced || unknownSubresource)
        {
            throw StatusErrors.PathNotFound();
        }
        return path;
    }

    private async Task ServeResourceAsync(HttpContext context, ResourcePath path)
    {
        var method = context.Request.Method;
        if (path.Name is null)
        {
            switch (method)
            {
                case "GET":
                    await ListAsync(context, path);
                    return;
                case "POST" when path.Namespace is not null || !path.Type.Namespaced:
                    await CreateAsync(context, path);
                    return;
                case "DELETE" when path.Namespace is not null || !path.Type.Namespaced:
                    await DeleteCollectionAsync(context, path);
                    return;
                default:
                    throw StatusErrors.MethodNotAllowed();
            }
        }
        if (path.Subresource == "scale")
        {
            await ScaleAsync(context, path);
            return;
        }
        var ns = path.Namespace ?? "";
        var subresource = path.Subresource == "status" ? Subresource.Status : Subresource.None;
        var warnings = new List<string>();
        switch (method)
        {
            case "GET" when TableConverter.Wanted(context.Request.Headers.Accept.ToString()):
                var table = TableConverter.Convert(path.Type, [service.Get(path.Type, ns, path.Name)], resourceVersion: null, continueToken: null,
                    context.Request.Query["includeObject"].ToString());
                await Responses.WriteJsonAsync(context, 200, table);
                return;
            case "GET":
                await Responses.WriteObjectAsync(context, 200, path.Type, service.Get(path.Type, ns, path.Name));
                return;
            case "PUT":
                var body = await ReadObjectAsync(context);
                var updated = service.Update(path.Type, ns, path.Name, body, subresource, WriteOptionsOf(context), warnings);
                Responses.AddWarnings(context, warnings);
                await Responses.WriteObjectAsync(context, 200, path.Type, updated);
                return;
            case "PATCH":
                var patch = await ReadBytesAsync(context);
                var (patched, created) = service.Patch(path.Type, ns, path.Name, MediaType(context), patch, subresource, WriteOptionsOf(context), warnings);
                Responses.AddWarnings(context, warnings);
                await Responses.WriteObjectAsync(context, created ? 201 : 200, path.Type, patched);
                return;
            case "DELETE" when path.Subresource is null:
                var deleted = service.Delete(path.Type, ns, path.Name, await ReadDeleteRequestAsync(context));
                if (deleted.Removed && !path.Type.ReturnsDeletedObject)
                {
                    await Responses.WriteJsonAsync(context, 200, Responses.Success(path.Type, deleted.Object!));
                    return;
                }
                await Responses.WriteObjectAsync(context, 200, path.Type, deleted.Object!);
                return;
            default:
                throw StatusErrors.MethodNotAllowed();
        }
    }

    private async Task ListAsync(HttpContext context, ResourcePath path)
    {
        var query = ListQuery.Parse(path.Type, path.Namespace, context.Request);
        if (query.Watch)
        {
            await watches.StreamAsync(context, query);
            return;
        }
        var (items, version, token, remaining) = query.Run(service.Store);
        if (query.AsTable)
        {
            await Responses.WriteJsonAsync(context, 200, TableConverter.Convert(path.Type, items, version, token, query.IncludeObject));
            return;
        }
        var total = query.Labels == LabelSelector.Everything && query.Fields == FieldSelector.Everything ? remaining : null;
        await Responses.WriteJsonAsync(context, 200, writer => Responses.WriteList(writer, path.Type, items, version, token, total));
    }

    private async Task CreateAsync(HttpContext context, ResourcePath path)
    {
        var body = await ReadObjectAsync(context);
        var warnings = new List<string>();
        var created = service.Create(path.Type, path.Namespace ?? "", body, WriteOptionsOf(context), warnings);
        Responses.AddWarnings(context, warnings);
        await Responses.WriteObjectAsync(context, 201, path.Type, created);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourcePath path)
    {
        var query = ListQuery.Parse(path.Type, path.Namespace, context.Request) with { AsTable = false };
        var request = await ReadDeleteRequestAsync(context);
        var (items, _, _, _) = (query with { Limit = null, Continue = null }).Run(service.Store);
        var deleted = service.DeleteCollection(path.Type, items, request);
        await Responses.WriteJsonAsync(context, 200, writer =>
            Responses.WriteList(writer, path.Type, deleted, service.Store.CurrentVersion.ToString(CultureInfo.InvariantCulture), null, null));
    }

    private async Task ScaleAsync(HttpContext context, ResourcePath path)
    {
        var ns = path.Namespace ?? "";
        var type = path.Type;
        JsonObject result;
        switch (context.Request.Method)
        {
            case "GET":
                result = service.Get(type, ns, path.Name!);
                break;
            case "PUT":
                var scale = await ReadObjectAsync(context);
                result = service.Modify(type, ns, path.Name!, Subresource.None, WriteOptionsOf(context), [], current => ScaleSubresource.Apply(type, current, scale));
                break;
            case "PATCH":
                var patch = await ReadBytesAsync(context);
                var mediaType = MediaType(context);
                result = service.Modify(type, ns, path.Name!, Subresource.None, WriteOptionsOf(context), [], current =>
                {
                    var view = ScaleSubresource.View(type, current);
                    var node = Parse(patch);
                    var patched = mediaType switch
                    {
                        PatchTypes.MergePatch => MergePatch.Apply(view, node),
                        PatchTypes.JsonPatch => JsonPatch.Apply(view, node),
                        _ => throw StatusErrors.UnsupportedMediaType(
                            $"the body of the request was in an unknown format - {mediaType} is not supported for /scale by this server; accepted media types include: {PatchTypes.JsonPatch}, {PatchTypes.MergePatch}"),
                    };
                    return ScaleSubresource.Apply(type, current, patched as JsonObject ?? view);
                });
                break;
            default:
                throw StatusErrors.MethodNotAllowed();
        }
        await Responses.WriteJsonAsync(context, 200, ScaleSubresource.View(type, result));
    }

    private static WriteOptions WriteOptionsOf(HttpContext context)
    {
        var query = context.Request.Query;
        var validation = query["fieldValidation"].ToString();
        return new WriteOptions(
            DryRun: query["dryRun"].ToString() == "All",
            FieldValidation: validation.Length == 0 ? "Strict" : validation,
            FieldManager: query["fieldManager"].ToString() is { Length: > 0 } manager ? manager
                : MediaType(context) == PatchTypes.ApplyPatch ? null : UserAgentManager(context),
            Force: query["force"].ToString() == "true");
    }

    // Without fieldManager, the manager of a write is named after the client, as kube-apiserver does: the user agent up
    // to its first '/' ("kubectl", "node-fetch"), or "unknown". An apply must name its manager.
    private static string UserAgentManager(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        var end = agent.IndexOf('/', StringComparison.Ordinal);
        var name = (end < 0 ? agent : agent[..end]).Trim();
        return name.Length == 0 ? "unknown" : name;
    }

    private static async Task<DeleteRequest> ReadDeleteRequestAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var bytes = await ReadBytesAsync(context);
        var body = bytes.Length == 0 ? null : Parse(bytes) as JsonObject ?? throw StatusErrors.BadRequest("DeleteOptions must be a JSON object");
        if (body?["preconditions"] is not (null or JsonObject) || body?["propagationPolicy"] is { } given && given.GetValueKind() != JsonValueKind.String)
        {
            throw StatusErrors.BadRequest("the DeleteOptions in the request body are malformed: preconditions must be an object and propagationPolicy a string");
        }
        var policy = ObjectMeta.StringOf(body.Child("propagationPolicy")) ?? (query["propagationPolicy"].ToString() is { Length: > 0 } p ? p : null);
        var orphan = body.Child("orphanDependents")?.GetValueKind() == JsonValueKind.True || query["orphanDependents"].ToString() == "true";
        policy ??= orphan ? "Orphan" : "Background";
        if (policy is not ("Background" or "Foreground" or "Orphan"))
        {
            throw new ApiException(422, "Invalid", $"DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
        }
        var dryRun = (body.Child("dryRun") as JsonArray)?.Any(v => ObjectMeta.StringOf(v) == "All") == true || query["dryRun"].ToString() == "All";
        return new DeleteRequest(policy, ObjectMeta.StringOf(body.Child("preconditions").Child("uid")), ObjectMeta.StringOf(body.Child("preconditions").Child("resourceVersion")), dryRun);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var mediaType = MediaType(context);
        if (mediaType.Length > 0 && mediaType != Responses.Json)
        {
            // kubectl's generator commands (kubectl create configmap, kubectl create deployment, ...) send protobuf.
            var hint = mediaType == "application/vnd.kubernetes.protobuf"
                ? " (this embedded server speaks JSON only: instead of a kubectl create generator, write the object as YAML and use kubectl apply -f or kubectl create -f)"
                : string.Empty;
            throw StatusErrors.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {Responses.Json}{hint}");
        }
        return Parse(await ReadBytesAsync(context)) as JsonObject
            ?? throw StatusErrors.BadRequest("the object provided is unrecognized (must be a JSON object)");
    }

    private static JsonNode? Parse(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw StatusErrors.BadRequest($"the object provided is unrecognized or invalid: {e.Message}");
        }
    }

    private static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static string MediaType(HttpContext context) =>
        (context.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
}
