using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Resources;

/// <summary>What owns a pod spec, which decides the <c>restartPolicy</c> it may have and its default.</summary>
internal enum PodOwner
{
    /// <summary>A Deployment, ReplicaSet or StatefulSet: only <c>Always</c>, Kubernetes' default (left out).</summary>
    Controller,

    /// <summary>A Job or a CronJob's job template: <c>Never</c> unless set; <c>Always</c> is rejected by Kubernetes.</summary>
    Batch,

    /// <summary>A bare Pod: any policy; Kubernetes' default (<c>Always</c>) when unset.</summary>
    Bare,
}

/// <summary>
/// The pod template and the primary container every workload kind shares, read from the item's pod fields
/// (<c>image</c>, <c>port</c>, <c>probes</c>, <c>resources</c>, <c>env</c>, <c>envFrom</c>, <c>securityContext</c>, …).
/// Fields are emitted in the order of the Kubernetes API types; absent optional fields are left out.
/// </summary>
internal static class PodTemplates
{
    private static readonly string[] ProbeTimings = { "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold" };

    // A probe that names no profile gets upstream's default timings, those of the built-in 'standard' profile
    // (a katalog's own 'standard' does not change the default).
    private static readonly long[] DefaultProbeTimings = { 15, 10, 20, 1, 3 };

    private static readonly (string Key, string Field)[] Probes = { ("liveness", "livenessProbe"), ("readiness", "readinessProbe"), ("startup", "startupProbe") };

    private static readonly string[] AccessModes = { "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod" };

    /// <summary>
    /// The pod template of a workload: labels from <see cref="ResourceItem.PodLabels"/> (so the workload's selector
    /// and a Service's default selector match), <c>podAnnotations</c>, and the pod spec.
    /// </summary>
    public static JsonObject Template(ResourceItem item, PodOwner owner, JsonArray? extraMounts = null)
    {
        var metadata = new JsonObject { ["labels"] = item.PodLabels() };
        Put(metadata, "annotations", NonEmpty(item.StringMap("podAnnotations")));
        return new JsonObject { ["metadata"] = metadata, ["spec"] = Spec(item, owner, extraMounts) };
    }

    /// <summary>The pod spec: volumes, init containers, the primary container, and the pod-level settings.</summary>
    /// <param name="item">The workload item.</param>
    /// <param name="owner">What owns the pod (restartPolicy rules).</param>
    /// <param name="extraMounts">Volume mounts of the primary container the kind adds (a StatefulSet's claim templates).</param>
    public static JsonObject Spec(ResourceItem item, PodOwner owner, JsonArray? extraMounts = null)
    {
        var spec = new JsonObject();
        Put(spec, "volumes", List(item, "volumes", "a list of volumes, such as [{name: cache, emptyDir: {}}]"));
        Put(spec, "initContainers", List(item, "initContainers", "a list of containers, such as [{name: migrate, image: busybox}]"));
        spec["containers"] = new JsonArray(Container(item, extraMounts));
        Put(spec, "restartPolicy", RestartPolicy(item, owner));
        Put(spec, "nodeSelector", NonEmpty(item.StringMap("nodeSelector")));
        Put(spec, "serviceAccountName", Text(item, "serviceAccountName"));
        Put(spec, "securityContext", SecurityContext(item, "podSecurity", "podSecurity"));
        Put(spec, "imagePullSecrets", PullSecrets(item));
        Put(spec, "affinity", Mapping(item, "affinity", "a Kubernetes affinity, such as {nodeAffinity: {...}}"));
        Put(spec, "tolerations", List(item, "tolerations", "a list of tolerations, such as [{key: dedicated, operator: Exists}]"));
        return spec;
    }

    /// <summary>
    /// The primary container: named by <c>containerName</c>, else after the object; the image (required), the
    /// container port from <c>port</c>/<c>protocol</c> (and <c>ports</c>), probes that default to that port.
    /// </summary>
    public static JsonObject Container(ResourceItem item, JsonArray? extraMounts = null)
    {
        var container = new JsonObject
        {
            ["name"] = ContainerName(item),
            ["image"] = Image(item),
        };
        if (item.Has("command"))
        {
            container["command"] = Strings(item.Strings("command"));
        }

        if (item.Has("args"))
        {
            container["args"] = Strings(item.Strings("args"));
        }

        Put(container, "workingDir", Text(item, "workingDirectory"));
        var ports = Ports(item, out var primaryPort);
        Put(container, "ports", ports);
        Put(container, "envFrom", EnvFrom(item));
        Put(container, "env", Env(item));
        Put(container, "resources", Resources(item));

        var mounts = new JsonArray();
        foreach (var mount in extraMounts ?? new JsonArray())
        {
            mounts.Add(mount?.DeepClone());
        }

        foreach (var mount in List(item, "volumeMounts", "a list of mounts, such as [{name: cache, mountPath: /cache}]") ?? new JsonArray())
        {
            mounts.Add(mount?.DeepClone());
        }

        Put(container, "volumeMounts", mounts.Count > 0 ? mounts : null);

        if (item.Object("probes") is { } probes)
        {
            foreach (var (key, field) in Probes)
            {
                if (probes.Object(key) is { } probe)
                {
                    container[field] = Probe(probe, key, primaryPort, ports);
                }
            }
        }

        Put(container, "imagePullPolicy", PullPolicy(item));
        Put(container, "securityContext", SecurityContext(item, "securityContext", "containerSecurity"));
        return container;
    }

    /// <summary>The integer at <paramref name="field"/>, which must not be negative; null when absent.</summary>
    public static long? NonNegative(ResourceItem item, string field)
    {
        var value = item.Integer(field);
        return value < 0 ? throw item.Fail(field, $"{value} is negative; write 0 or more") : value;
    }

    /// <summary>The rendered text at <paramref name="field"/>; null when absent or rendered empty.</summary>
    public static string? Text(ResourceItem item, string field) => item.String(field) is { Length: > 0 } text ? text : null;

    /// <summary>Sets <paramref name="key"/> when <paramref name="value"/> is not null.</summary>
    public static void Put(JsonObject target, string key, JsonNode? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }

    /// <summary>
    /// <c>rollingUpdate</c>: a profile (<c>safe</c>, <c>fast</c>, <c>blue-green</c> or the katalog's own) or
    /// <c>maxSurge</c>/<c>maxUnavailable</c>, not both; each an integer or a percentage. Null when absent.
    /// </summary>
    public static JsonObject? RollingUpdate(ResourceItem item)
    {
        if (item.Object("rollingUpdate") is not { } view)
        {
            return null;
        }

        var profile = Text(view, "profile");
        var explicitFields = view.Has("maxSurge") || view.Has("maxUnavailable");
        if (profile is not null && explicitFields)
        {
            throw item.Fail("rollingUpdate", "name a profile or write maxSurge/maxUnavailable, not both; drop one of them");
        }

        var result = new JsonObject();
        if (profile is not null)
        {
            var definition = view.Profile("rollingUpdate", profile, "profile");
            foreach (var key in new[] { "maxSurge", "maxUnavailable" })
            {
                if (definition[key] is { } value)
                {
                    result[key] = IntOrPercent(ScalarText(value), text => view.Fail("profile", $"the rollingUpdate profile '{profile}' has {key} '{text}', which is neither a whole number nor a percentage such as 25%"));
                }
            }
        }
        else
        {
            foreach (var key in new[] { "maxSurge", "maxUnavailable" })
            {
                if (Text(view, key) is { } text)
                {
                    result[key] = IntOrPercent(text, bad => view.Fail(key, $"'{bad}' is neither a whole number nor a percentage; write one such as 1 or 25%"));
                }
            }
        }

        if (result["maxSurge"] is { } surge && result["maxUnavailable"] is { } unavailable && IsZero(surge) && IsZero(unavailable))
        {
            throw item.Fail("rollingUpdate", "maxSurge and maxUnavailable cannot both be 0, or the rollout could never progress; raise one of them, such as maxSurge: 1");
        }

        return result.Count > 0 ? result : null;
    }

    /// <summary>Whether an int-or-string value is zero (<c>0</c> or <c>0%</c>).</summary>
    public static bool IsZero(JsonNode value) => ScalarText(value) is "0" or "0%";

    /// <summary>
    /// A StatefulSet's volume claim templates from <c>volumeClaimTemplates [{name, storageClass, storageSize, mountPath, accessModes}]</c>,
    /// and the mounts of the primary container for those with a <c>mountPath</c>. Null when absent.
    /// </summary>
    public static JsonArray? VolumeClaimTemplates(ResourceItem item, JsonArray mounts)
    {
        var templates = new JsonArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in item.Objects("volumeClaimTemplates"))
        {
            // Upstream names an unnamed claim template "data".
            var name = Text(claim, "name") ?? "data";
            if (!ResourceItem.IsLabel(name))
            {
                throw claim.Fail("name", $"'{name}' is not a valid volume name: use at most 63 lowercase letters, digits and '-'");
            }

            if (!names.Add(name))
            {
                throw claim.Fail("name", $"two volumeClaimTemplates are named '{name}'; give each its own name");
            }

            var size = claim.Quantity("storageSize") ?? throw claim.Fail("storageSize", "a volume claim template needs a storageSize, such as 10Gi");
            var modes = new JsonArray();
            foreach (var mode in claim.Strings("accessModes").Where(m => m.Length > 0))
            {
                var known = AccessModes.FirstOrDefault(m => string.Equals(m, mode, StringComparison.OrdinalIgnoreCase))
                    ?? throw claim.Fail("accessModes", $"'{mode}' is not an access mode; write one of {string.Join(", ", AccessModes)}");
                modes.Add((JsonNode)known);
            }

            if (modes.Count == 0)
            {
                modes.Add((JsonNode)"ReadWriteOnce");
            }

            var spec = new JsonObject
            {
                ["accessModes"] = modes,
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = size } },
            };

            // No storageClass: the cluster's default class, as kubectl users expect (an empty class would turn dynamic provisioning off).
            Put(spec, "storageClassName", Text(claim, "storageClass"));
            templates.Add((JsonNode)new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec });

            if (Text(claim, "mountPath") is { } mountPath)
            {
                mounts.Add((JsonNode)new JsonObject { ["name"] = name, ["mountPath"] = mountPath });
            }
        }

        return templates.Count > 0 ? templates : null;
    }

    private static string ContainerName(ResourceItem item)
    {
        if (Text(item, "containerName") is { } declared)
        {
            return ResourceItem.IsLabel(declared)
                ? declared
                : throw item.Fail("containerName", $"'{declared}' is not a valid container name: use at most 63 lowercase letters, digits and '-'");
        }

        var name = item.ObjectName;
        return ResourceItem.IsLabel(name)
            ? name
            : throw item.Fail("containerName", $"the container is named after the object, '{name}', which is not a valid container name (at most 63 lowercase letters, digits and '-'); set containerName");
    }

    private static string Image(ResourceItem item)
    {
        var image = Text(item, "image") ?? throw item.Fail("image", $"a {item.Kind.Kind} needs an image, such as nginx:1.25");
        if (image.Any(char.IsWhiteSpace))
        {
            throw item.Fail("image", $"'{image}' is not an image reference: it contains spaces; write one such as nginx:1.25");
        }

        // A StatefulSet's tag (upstream) is appended to the image.
        return Text(item, "tag") is { } tag ? image + ":" + tag : image;
    }

    // The container port of `port` (+ `protocol`), then those of `ports`; the primary port is the first of them.
    private static JsonArray? Ports(ResourceItem item, out JsonNode? primaryPort)
    {
        primaryPort = null;
        var ports = new JsonArray();
        var port = item.Integer("port");
        if (port is not (null or 0))
        {
            if (port is < 1 or > 65535)
            {
                throw item.Fail("port", $"{port} is not a port number; write one from 1 to 65535 (or 0 for no port)");
            }

            ports.Add((JsonNode)new JsonObject { ["containerPort"] = port, ["protocol"] = Protocol(item) });
            primaryPort = JsonValue.Create(port.Value);
        }
        else if (item.Has("protocol"))
        {
            Protocol(item); // still checked, so a typo is not silently ignored
        }

        var more = List(item, "ports", "a list of container ports, such as [{name: metrics, containerPort: 9090}]") ?? new JsonArray();
        for (var i = 0; i < more.Count; i++)
        {
            var field = "ports[" + i + "]";
            JsonObject entry;
            switch (more[i])
            {
                case JsonObject declared:
                    entry = (JsonObject)declared.DeepClone();
                    break;
                case JsonValue value when long.TryParse(ScalarText(value), NumberStyles.None, CultureInfo.InvariantCulture, out var number):
                    entry = new JsonObject { ["containerPort"] = number, ["protocol"] = "TCP" };
                    break;
                default:
                    throw item.Fail(field, "must be a port number or a container port, such as {containerPort: 9090, protocol: TCP}");
            }

            if (entry["containerPort"] is not JsonValue containerPort
                || !long.TryParse(ScalarText(containerPort), NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber)
                || portNumber is < 1 or > 65535)
            {
                throw item.Fail(field, "needs a containerPort from 1 to 65535");
            }

            entry["containerPort"] = portNumber;
            primaryPort ??= JsonValue.Create(portNumber);
            ports.Add((JsonNode)entry);
        }

        return ports.Count > 0 ? ports : null;
    }

    private static string Protocol(ResourceItem item)
    {
        var protocol = Text(item, "protocol")?.ToUpperInvariant() ?? "TCP";
        return protocol is "TCP" or "UDP" or "SCTP"
            ? protocol
            : throw item.Fail("protocol", $"'{item.String("protocol")}' is not a protocol; write TCP, UDP or SCTP");
    }

    // env: the Kubernetes list [{name, value | valueFrom}]; a value is always a string (8080 written plainly is "8080").
    // The map form {NAME: value} is read as the list it stands for.
    private static JsonArray? Env(ResourceItem item)
    {
        switch (item.Node["env"])
        {
            case null or YamlScalar { IsNull: true }:
                return null;
            case YamlMapping mapping:
                var view = item.Object("env")!;
                var fromMap = new JsonArray();
                foreach (var entry in mapping.Entries)
                {
                    fromMap.Add((JsonNode)(entry.Value is YamlMapping
                        ? EnvEntry(view.Object(entry.Name)!, entry.Name)
                        : new JsonObject { ["name"] = entry.Name, ["value"] = view.String(entry.Name) ?? string.Empty }));
                }

                return fromMap.Count > 0 ? fromMap : null;
            case YamlSequence:
                var list = new JsonArray();
                foreach (var entry in item.Objects("env"))
                {
                    list.Add((JsonNode)EnvEntry(entry, Text(entry, "name") ?? throw entry.Fail("name", "an environment variable needs a name")));
                }

                return list.Count > 0 ? list : null;
            default:
                throw item.Fail("env", "must be a list of variables, such as [{name: LOG_LEVEL, value: info}]");
        }
    }

    private static JsonObject EnvEntry(ResourceItem entry, string name)
    {
        var variable = new JsonObject { ["name"] = name };
        foreach (var field in entry.Node.Entries.Select(e => e.Name).Where(n => n != "name"))
        {
            if (field == "value")
            {
                Put(variable, "value", entry.String("value"));
            }
            else
            {
                Put(variable, field, entry.Json(field));
            }
        }

        return variable;
    }

    // envFrom {secretRef: [{name, prefix, optional}], configMapRef: [...]}: the container's envFrom list, Secrets first.
    private static JsonArray? EnvFrom(ResourceItem item)
    {
        if (item.Object("envFrom") is not { } view)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var (field, what) in new[] { ("secretRef", "Secret"), ("configMapRef", "ConfigMap") })
        {
            foreach (var reference in view.Objects(field))
            {
                var source = new JsonObject();
                Put(source, "prefix", Text(reference, "prefix"));
                var target = new JsonObject { ["name"] = Text(reference, "name") ?? throw reference.Fail("name", $"name the {what} to load the variables from") };
                if (reference.Bool("optional") is { } optional)
                {
                    target["optional"] = optional;
                }

                source[field] = target;
                list.Add((JsonNode)source);
            }
        }

        return list.Count > 0 ? list : null;
    }

    // resources: {profile} or {requests, limits} of quantities, not both.
    private static JsonObject? Resources(ResourceItem item)
    {
        if (item.Object("resources") is not { } view)
        {
            return null;
        }

        var profile = Text(view, "profile");
        if (profile is not null && (view.Has("requests") || view.Has("limits")))
        {
            throw item.Fail("resources", "name a profile or write requests/limits, not both; drop one of them");
        }

        var result = new JsonObject();
        if (profile is not null)
        {
            var definition = view.Profile("resources", profile, "profile");
            foreach (var key in new[] { "limits", "requests" })
            {
                if (definition[key] is null)
                {
                    continue;
                }

                if (definition[key] is not JsonObject amounts)
                {
                    throw view.Fail("profile", $"the resources profile '{profile}' has {key} that is not a map of quantities; write it as {key}: {{cpu: 500m, memory: 512Mi}}");
                }

                var checkedAmounts = new JsonObject();
                foreach (var pair in amounts)
                {
                    var text = pair.Value is null ? string.Empty : ScalarText(pair.Value);
                    checkedAmounts[pair.Key] = ResourceItem.IsQuantity(text)
                        ? text
                        : throw view.Fail("profile", $"the resources profile '{profile}' has {key}.{pair.Key} '{text}', which is not a Kubernetes quantity; write one such as 500m or 1Gi");
                }

                Put(result, key, NonEmpty(checkedAmounts));
            }

            if (result.Count == 0)
            {
                throw view.Fail("profile", $"the resources profile '{profile}' sets no requests or limits; give it requests: {{cpu, memory}} and limits: {{cpu, memory}}");
            }

            return result;
        }

        foreach (var key in new[] { "limits", "requests" })
        {
            if (view.Object(key) is not { } amounts)
            {
                continue;
            }

            var quantities = new JsonObject();
            foreach (var entry in amounts.Node.Entries)
            {
                Put(quantities, entry.Name, amounts.Quantity(entry.Name));
            }

            Put(result, key, NonEmpty(quantities));
        }

        return result.Count > 0 ? result : null;
    }

    // securityContext / podSecurity: {profile} or the Kubernetes fields, not both.
    private static JsonObject? SecurityContext(ResourceItem item, string field, string profileClass)
    {
        switch (item.Node[field])
        {
            case null or YamlScalar { IsNull: true }:
                return null;
            case YamlMapping mapping:
                var view = item.Object(field)!;
                if (mapping.Contains("profile"))
                {
                    if (mapping.Count > 1)
                    {
                        throw item.Fail(field, "name a profile or write the security fields, not both; drop one of them");
                    }

                    return Text(view, "profile") is { } name ? (JsonObject)Typed(view.Profile(profileClass, name, "profile"))! : null;
                }

                return NonEmpty(item.Json(field) as JsonObject);
            default:
                throw item.Fail(field, $"must be a mapping: {{profile: restricted}} or the {(field == "podSecurity" ? "pod" : "container")} securityContext fields, such as {{runAsNonRoot: true}}");
        }
    }

    // A probe: {type http|tcp|exec|grpc, path, port, command, profile | timings}. The type defaults to http when a
    // path is given (upstream), exec when a command is, else tcp; the port defaults to the container port.
    private static JsonObject Probe(ResourceItem probe, string kind, JsonNode? containerPort, JsonArray? ports)
    {
        var path = Text(probe, "path");
        var command = probe.Strings("command");
        var type = Text(probe, "type")?.ToLowerInvariant() ?? (path is not null ? "http" : command.Count > 0 ? "exec" : "tcp");
        var result = new JsonObject();
        switch (type)
        {
            case "http":
                var httpGet = new JsonObject();
                Put(httpGet, "path", path);
                httpGet["port"] = ProbePort(probe, kind, containerPort, ports, numberOnly: false);
                result["httpGet"] = httpGet;
                break;
            case "tcp":
                result["tcpSocket"] = new JsonObject { ["port"] = ProbePort(probe, kind, containerPort, ports, numberOnly: false) };
                break;
            case "grpc":
                result["grpc"] = new JsonObject { ["port"] = ProbePort(probe, kind, containerPort, ports, numberOnly: true) };
                break;
            case "exec":
                if (command.Count == 0)
                {
                    throw probe.Fail("command", "an exec probe needs a command, such as [\"pg_isready\"]");
                }

                result["exec"] = new JsonObject { ["command"] = Strings(command) };
                break;
            default:
                throw probe.Fail("type", $"'{probe.String("type")}' is not a probe type; write http, tcp, exec or grpc");
        }

        var profile = Text(probe, "profile");
        var explicitTimings = ProbeTimings.Where(probe.Has).ToList();
        if (profile is not null && explicitTimings.Count > 0)
        {
            throw probe.Fail("profile", $"name a profile or write the timings ({string.Join(", ", explicitTimings)}), not both; drop one of them");
        }

        JsonObject? definition = profile is not null ? probe.Profile("probes", profile, "profile") : null;
        for (var i = 0; i < ProbeTimings.Length; i++)
        {
            var key = ProbeTimings[i];
            long value;
            if (definition is not null)
            {
                value = definition[key] is { } declared
                    ? long.TryParse(ScalarText(declared), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                        ? parsed
                        : throw probe.Fail("profile", $"the probes profile '{profile}' has {key} '{ScalarText(declared)}', which is not a whole number of seconds or times")
                    : DefaultProbeTimings[i];
            }
            else
            {
                value = NonNegative(probe, key) ?? DefaultProbeTimings[i];
            }

            result[key] = value;
        }

        if (kind != "readiness" && (long)result["successThreshold"]! != 1)
        {
            throw probe.Fail(definition is null ? "successThreshold" : "profile", $"a {kind} probe's successThreshold must be 1 (Kubernetes accepts no other); only readiness probes may need several successes");
        }

        return result;
    }

    private static JsonNode ProbePort(ResourceItem probe, string kind, JsonNode? containerPort, JsonArray? ports, bool numberOnly)
    {
        var port = probe.IntOrString("port");
        if (port is null)
        {
            return containerPort?.DeepClone() ?? throw probe.Fail("port", $"the {kind} probe needs a port: set port on the probe, or the workload's port");
        }

        if (port.GetValueKind() == JsonValueKind.Number)
        {
            var number = (long)port;
            return number is >= 1 and <= 65535 ? port : throw probe.Fail("port", $"{number} is not a port number; write one from 1 to 65535");
        }

        if (numberOnly)
        {
            throw probe.Fail("port", $"'{(string)port!}' is not a port number; a grpc probe needs one, such as 9090");
        }

        // A named port (http) must be a container port's name: at most 15 lowercase letters, digits and '-'.
        var name = (string)port!;
        if (!(name.Length <= 15 && ResourceItem.IsLabel(name) && name.Any(char.IsLetter)))
        {
            throw probe.Fail("port", $"'{name}' is neither a port number nor a port name; write one such as 8080 or http");
        }

        // The kubelet resolves a named port among the container's ports; one that is not there would fail every probe.
        return ports?.Any(p => p is JsonObject declared && declared["name"] is JsonValue declaredName && ScalarText(declaredName) == name) == true
            ? port
            : throw probe.Fail("port", $"no container port is named '{name}'; name one in ports ({{name: {name}, containerPort: 8080}}) or give the probe a number");
    }

    private static string? RestartPolicy(ResourceItem item, PodOwner owner)
    {
        string? policy = null;
        if (Text(item, "restartPolicy") is { } text)
        {
            policy = new[] { "Always", "OnFailure", "Never" }.FirstOrDefault(p => string.Equals(p, text, StringComparison.OrdinalIgnoreCase))
                ?? throw item.Fail("restartPolicy", $"'{text}' is not a restart policy; write Always, OnFailure or Never");
        }

        return owner switch
        {
            PodOwner.Controller when policy is not (null or "Always") =>
                throw item.Fail("restartPolicy", $"a {item.Kind.Kind} keeps its pods running, so Kubernetes only accepts Always; remove restartPolicy or use a Job"),
            PodOwner.Batch when policy == "Always" =>
                throw item.Fail("restartPolicy", $"Kubernetes rejects Always for a {item.Kind.Kind}'s pods; write Never or OnFailure"),
            PodOwner.Batch => policy ?? "Never",
            _ => policy,
        };
    }

    private static string? PullPolicy(ResourceItem item) => Text(item, "imagePullPolicy") is { } text
        ? new[] { "Always", "IfNotPresent", "Never" }.FirstOrDefault(p => string.Equals(p, text, StringComparison.OrdinalIgnoreCase))
            ?? throw item.Fail("imagePullPolicy", $"'{text}' is not a pull policy; write Always, IfNotPresent or Never")
        : null;

    // imagePullSecrets: a list of names, or of {name} (a single name counts as a list of one).
    private static JsonArray? PullSecrets(ResourceItem item)
    {
        var node = item.Json("imagePullSecrets");
        var entries = node switch
        {
            null => new JsonArray(),
            JsonArray list => list,
            JsonValue single => new JsonArray(single.DeepClone()),
            _ => throw item.Fail("imagePullSecrets", "must be a list of Secret names, such as [regcred], or of {name: regcred}"),
        };

        var secrets = new JsonArray();
        for (var i = 0; i < entries.Count; i++)
        {
            var name = entries[i] switch
            {
                JsonObject reference when reference["name"] is JsonValue value => ScalarText(value),
                JsonValue value => ScalarText(value),
                _ => throw item.Fail("imagePullSecrets[" + i + "]", "must be a Secret name or {name: <secret>}"),
            };
            if (name.Length > 0)
            {
                secrets.Add((JsonNode)new JsonObject { ["name"] = name });
            }
        }

        return secrets.Count > 0 ? secrets : null;
    }

    private static JsonArray? List(ResourceItem item, string field, string expected) => item.Json(field) switch
    {
        null => null,
        JsonArray { Count: 0 } => null,
        JsonArray list => list,
        _ => throw item.Fail(field, "must be " + expected),
    };

    private static JsonObject? Mapping(ResourceItem item, string field, string expected) => item.Json(field) switch
    {
        null => null,
        JsonObject map => NonEmpty(map),
        _ => throw item.Fail(field, "must be " + expected),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonObject? NonEmpty(JsonObject? map) => map is { Count: > 0 } ? map : null;

    // The text of a scalar JSON value: a string as is, a number or a boolean as written.
    private static string ScalarText(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => (string)value!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    private static JsonNode IntOrPercent(string text, Func<string, ResourceException> fail)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return text.Length > 1 && text[^1] == '%' && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? JsonValue.Create(text)
            : throw fail(text);
    }

    // A katalog's own profile is plain YAML, where "1000" in quotes is a string: the integer and boolean fields of the
    // security contexts become the types Kubernetes has for them.
    private static JsonNode? Typed(JsonNode? node, string? key = null)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var pair in map.ToList())
                {
                    map[pair.Key] = Typed(pair.Value?.DeepClone(), pair.Key);
                }

                return map;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = Typed(list[i]?.DeepClone());
                }

                return list;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && key is not null:
                var text = (string)value!;
                if (key is "runAsUser" or "runAsGroup" or "fsGroup" && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    return JsonValue.Create(number);
                }

                if (key is "runAsNonRoot" or "readOnlyRootFilesystem" or "allowPrivilegeEscalation" or "privileged" && text is "true" or "false")
                {
                    return JsonValue.Create(text == "true");
                }

                return value;
            default:
                return node;
        }
    }
}
