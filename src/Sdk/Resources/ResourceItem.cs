using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orkestra.Katalogs;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Resources;

/// <summary>How a subtree copied into an object types the output of its templates.</summary>
internal enum JsonTyping
{
    /// <summary>
    /// Built-in kinds: a template's output stays a string, except under the Kubernetes fields known to be integers,
    /// booleans or int-or-string (<c>containerPort</c>, <c>readOnly</c>, <c>targetPort</c>, …), where it converts.
    /// </summary>
    Kubernetes,

    /// <summary>
    /// Schema-agnostic blocks (<c>custom</c>, motif inputs): a template's output is typed as the same text written as
    /// a plain YAML scalar would be (<c>3</c> an integer, <c>2.5</c> a number, <c>true</c> a boolean); an output in
    /// double quotes (<c>"3"</c>) is the string inside them.
    /// </summary>
    Yaml,

    /// <summary>Free-form string maps (a ConfigMap's <c>data</c>, labels, annotations): every output stays a string.</summary>
    Text,
}

/// <summary>
/// One resource item being rendered for one CR (one element, under <c>forEach</c>): what builders read the item's
/// fields through. Every accessor renders templates and converts to the type asked for; a value that cannot convert
/// is a <see cref="ResourceException"/> naming the katalog field.
/// </summary>
internal sealed partial class ResourceItem
{
    private readonly ResourceRenderer _renderer;
    private readonly ItemPlan _plan;
    private string? _objectName;

    public ResourceItem(ResourceRenderer renderer, ItemPlan plan, Dictionary<string, object?> data, OwnerInfo owner)
        : this(renderer, plan, plan.Node, plan.Path, data, owner)
    {
    }

    private ResourceItem(ResourceRenderer renderer, ItemPlan plan, YamlMapping node, string path, Dictionary<string, object?> data, OwnerInfo owner)
    {
        _renderer = renderer;
        _plan = plan;
        Node = node;
        Path = path;
        Data = data;
        Owner = owner;
    }

    /// <summary>The item (or, for a view from <see cref="Object(string)"/>, the nested mapping).</summary>
    public YamlMapping Node { get; }

    /// <summary>The katalog path of <see cref="Node"/>.</summary>
    public string Path { get; }

    /// <summary>The template data: the CR's fields, plus <c>.item</c>/<c>.index</c>/… under <c>forEach</c>.</summary>
    public Dictionary<string, object?> Data { get; }

    /// <summary>The CR.</summary>
    public OwnerInfo Owner { get; }

    /// <summary>The resource key.</summary>
    public ResourceKind Kind => _plan.Kind;

    /// <summary>For <c>custom</c> items: whether the object is namespaced, when the builder knows; null: the kind's scope.</summary>
    public bool? Namespaced { get; set; }

    /// <summary>The name of the object: the item's <c>name</c>, else the CR's name and the key's default suffix.</summary>
    public string ObjectName => _objectName ??= String("name") is { Length: > 0 } name ? name : Owner.Name + Kind.DefaultNameSuffix;

    /// <summary>The profiles the item may name.</summary>
    public ProfileCatalog Profiles => _renderer.Profiles;

    /// <summary>Whether the item has <paramref name="field"/> with a non-null value.</summary>
    public bool Has(string field) => Node[field] is { } value && value is not YamlScalar { IsNull: true };

    /// <summary>The path of a field of the item.</summary>
    public string PathOf(string field) => Path + "." + field;

    /// <summary>A failure at <paramref name="field"/> of the item.</summary>
    public ResourceException Fail(string field, string message) => new(PathOf(field), message);

    /// <summary>The nested mapping at <paramref name="field"/> as an item view; null when absent.</summary>
    public ResourceItem? Object(string field) => Node[field] switch
    {
        null or YamlScalar { IsNull: true } => null,
        YamlMapping mapping => new ResourceItem(_renderer, _plan, mapping, PathOf(field), Data, Owner),
        var other => throw Fail(field, "must be a mapping, but is " + other.Describe()),
    };

    /// <summary>The mappings of the list at <paramref name="field"/>, as item views.</summary>
    public IReadOnlyList<ResourceItem> Objects(string field)
    {
        switch (Node[field])
        {
            case null or YamlScalar { IsNull: true }:
                return Array.Empty<ResourceItem>();
            case YamlSequence list:
                var views = new List<ResourceItem>(list.Items.Count);
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var path = PathOf(field) + "[" + i + "]";
                    views.Add(list.Items[i] is YamlMapping mapping
                        ? new ResourceItem(_renderer, _plan, mapping, path, Data, Owner)
                        : throw new ResourceException(path, "must be a mapping, but is " + list.Items[i].Describe()));
                }

                return views;
            case var other:
                throw Fail(field, "must be a list, but is " + other.Describe());
        }
    }

    /// <summary>The text of a scalar field, templates rendered; null when absent or null.</summary>
    public string? String(string field) => Node[field] switch
    {
        null or YamlScalar { IsNull: true } => null,
        YamlScalar scalar => Render(scalar, PathOf(field)),
        var other => throw Fail(field, "must be a single value, but is " + other.Describe()),
    };

    /// <summary>A list of strings (a single string counts as a one-item list), templates rendered; empty when absent.</summary>
    public IReadOnlyList<string> Strings(string field) => Node[field] switch
    {
        null or YamlScalar { IsNull: true } => Array.Empty<string>(),
        YamlScalar scalar => new[] { Render(scalar, PathOf(field)) },
        YamlSequence list => list.Items.Select((item, i) => item is YamlScalar s
            ? Render(s, PathOf(field) + "[" + i + "]")
            : throw new ResourceException(PathOf(field) + "[" + i + "]", "must be a single value, but is " + item.Describe())).ToList(),
        var other => throw Fail(field, "must be a value or a list of values, but is " + other.Describe()),
    };

    /// <summary>An integer field (<c>"3"</c>, <c>3</c>, a template rendering a whole number); null when absent or rendered empty.</summary>
    public long? Integer(string field) => String(field) is { Length: > 0 } text ? ToInteger(text, field) : null;

    /// <summary>A boolean field (<c>true</c>/<c>false</c>, YAML's other spellings when written plainly); null when absent or rendered empty.</summary>
    public bool? Bool(string field)
    {
        var text = String(field);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (Node[field] is YamlScalar { Kind: ScalarKind.Bool })
        {
            return ScalarResolver.ToBool(text);
        }

        return text switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw Fail(field, $"'{text}' is not a boolean{RenderedFrom(field)}; write true or false"),
        };
    }

    /// <summary>An int-or-string field (<c>targetPort</c>, <c>maxSurge</c>): a whole number becomes an integer, anything else stays a string.</summary>
    public JsonNode? IntOrString(string field) => String(field) is { Length: > 0 } text
        ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(text)
        : null;

    /// <summary>A quantity field (<c>512Mi</c>, <c>0.5</c>, <c>100m</c>), checked; null when absent or rendered empty.</summary>
    public string? Quantity(string field)
    {
        var text = String(field);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return IsQuantity(text) ? text : throw Fail(field, $"'{text}' is not a Kubernetes quantity{RenderedFrom(field)}; write a number with an optional suffix such as 500m, 2, 1Gi or 10G");
    }

    /// <summary>A map of strings (labels, annotations, nodeSelector, data), values rendered; null when absent.</summary>
    public JsonObject? StringMap(string field)
    {
        switch (Node[field])
        {
            case null or YamlScalar { IsNull: true }:
                return null;
            case YamlMapping mapping:
                var map = new JsonObject();
                foreach (var entry in mapping.Entries)
                {
                    map[entry.Name] = entry.Value switch
                    {
                        YamlScalar { IsNull: true } => string.Empty,
                        YamlScalar scalar => Render(scalar, PathOf(field) + "." + entry.Name),
                        var other => throw new ResourceException(PathOf(field) + "." + entry.Name, "must be a single value, but is " + other.Describe()),
                    };
                }

                return map;
            case var other:
                throw Fail(field, "must be a mapping of names to values, but is " + other.Describe());
        }
    }

    /// <summary>The subtree at <paramref name="field"/> copied as JSON, templates rendered and typed per <paramref name="typing"/>; null when absent.</summary>
    public JsonNode? Json(string field, JsonTyping typing = JsonTyping.Kubernetes) =>
        Node[field] is { } node and not YamlScalar { IsNull: true }
            ? Json(node, PathOf(field), typing == JsonTyping.Kubernetes && FreeFormMaps.Contains(field) ? JsonTyping.Text : typing, field)
            : null;

    /// <summary><paramref name="node"/> copied as JSON.</summary>
    public JsonNode? Json(YamlNode node, string path, JsonTyping typing, string? key = null)
    {
        switch (node)
        {
            case YamlMapping mapping:
                var obj = new JsonObject();
                foreach (var entry in mapping.Entries)
                {
                    var inner = typing == JsonTyping.Kubernetes && FreeFormMaps.Contains(entry.Name) ? JsonTyping.Text : typing;
                    obj[entry.Name] = Json(entry.Value, path + "." + entry.Name, inner, entry.Name);
                }

                return obj;
            case YamlSequence sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    array.Add(Json(sequence.Items[i], path + "[" + i + "]", typing, key));
                }

                return array;
            case YamlScalar scalar when _renderer.Template(scalar, path) is { } template:
                var text = template.Render(Data, _renderer.Services);
                return typing switch
                {
                    JsonTyping.Yaml => TypeAsYaml(text),
                    JsonTyping.Text => JsonValue.Create(text),
                    _ => TypeAsKubernetes(text, key),
                };
            case YamlScalar { Kind: ScalarKind.String } quoted when typing == JsonTyping.Kubernetes:
                // Upstream's katalogs quote numbers ("8080", "true"); under a field the API types, they convert as rendered text does.
                return TypeAsKubernetes(quoted.Value, key);
            case YamlScalar scalar:
                return YamlValues.ToJson(scalar);
            default:
                return null;
        }
    }

    /// <summary>
    /// The profile <paramref name="name"/> of <paramref name="category"/>, as JSON (a fresh copy the caller may
    /// change): the katalog's own, its templates rendered for this CR, else a built-in one (names match regardless of
    /// case, as upstream's do). A name no profile has fails at <paramref name="field"/>, listing the known ones.
    /// </summary>
    public JsonObject Profile(string category, string name, string field)
    {
        var (user, builtIn) = Profiles.Find(category, name);
        if (user is not null)
        {
            return (JsonObject)Json(user.Node, user.Path, JsonTyping.Kubernetes)!;
        }

        if (builtIn is not null)
        {
            return (JsonObject)builtIn.DeepClone();
        }

        var known = Profiles.Names(category);
        var hint = Suggestions.Closest(name, known) is { } close ? $"did you mean '{close}'? " : string.Empty;
        throw Fail(field, $"there is no {category} profile '{name}'; {hint}known: {(known.Count == 0 ? "none" : string.Join(", ", known))}");
    }

    /// <summary>The labels of the item (<c>labels</c>) with the system labels, for the object and for pod templates.</summary>
    public JsonObject Labels()
    {
        var labels = StringMap("labels") ?? new JsonObject();
        foreach (var pair in SystemLabels())
        {
            labels[pair.Key] = pair.Value?.DeepClone();
        }

        return labels;
    }

    /// <summary>The labels a workload's selector matches: the workload's own name (stable, so the immutable selector never changes).</summary>
    public JsonObject SelectorLabels() => new() { [SystemMetadata.WorkloadLabel] = SystemMetadata.LabelValue(ObjectName) };

    /// <summary>
    /// The labels of a workload's pods: <c>app: &lt;CR name&gt;</c> (what a Service selects by default), the item's
    /// <c>labels</c> and <c>podLabels</c>, the system labels and the selector labels.
    /// </summary>
    public JsonObject PodLabels()
    {
        var labels = new JsonObject { ["app"] = SystemMetadata.LabelValue(Owner.Name) };
        foreach (var source in new[] { StringMap("labels"), StringMap("podLabels"), SystemLabels(), SelectorLabels() })
        {
            foreach (var pair in source ?? new JsonObject())
            {
                labels[pair.Key] = pair.Value?.DeepClone();
            }
        }

        return labels;
    }

    /// <summary>The selector a Service uses when it declares none: the pods of the CR's workloads (<c>app: &lt;CR name&gt;</c>).</summary>
    public JsonObject DefaultServiceSelector() => new() { ["app"] = SystemMetadata.LabelValue(Owner.Name) };

    /// <summary>Completes a built object: apiVersion, kind, name, namespace, labels, annotations, owner reference.</summary>
    public DesiredResource Complete(JsonObject built, ResourcePhase phase)
    {
        if (!built.ContainsKey("apiVersion"))
        {
            built.Insert(0, "apiVersion", Kind.ApiVersion);
        }

        if (!built.ContainsKey("kind"))
        {
            built.Insert(1, "kind", Kind.Kind);
        }

        if (built["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            built.Insert(2, "metadata", metadata);
        }

        var name = (string?)metadata["name"] ?? ObjectName;
        if (!IsSubdomain(name))
        {
            var field = Has("name") ? "name" : Kind.Key == "custom" ? "metadata.name" : "name";
            throw Fail(field, $"'{name}' is not a valid Kubernetes name{RenderedFrom(field)}: use at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
        }

        var namespaced = Namespaced ?? Kind.Namespaced;
        string? ns = null;
        if (namespaced)
        {
            ns = (string?)metadata["namespace"] ?? (String("namespace") is { Length: > 0 } declared ? declared : Owner.Namespace ?? "default");
            if (!IsLabel(ns))
            {
                throw Fail("namespace", $"'{ns}' is not a valid namespace{RenderedFrom("namespace")}: use at most 63 lowercase letters, digits and '-'");
            }
        }

        var ordered = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            ordered["namespace"] = ns;
        }

        var labels = metadata["labels"]?.DeepClone() as JsonObject ?? new JsonObject();
        foreach (var pair in Labels())
        {
            labels[pair.Key] = pair.Value?.DeepClone();
        }

        // A namespaced owner can only own objects in its own namespace; other children are tracked by labels. So are
        // onDelete objects: they are created while the CR goes away and must outlive it (a cleanup Job, say).
        var owned = phase != ResourcePhase.Delete && (Owner.Namespace is null || (ns is not null && ns == Owner.Namespace));
        if (!owned)
        {
            labels[SystemMetadata.ClusterOwnerLabel] = SystemMetadata.LabelValue(Owner.Name);
            if (Owner.Namespace is not null)
            {
                labels[SystemMetadata.OwnerNamespaceLabel] = Owner.Namespace;
            }
        }

        labels[SystemMetadata.OwnerUidLabel] = Owner.Uid;
        ordered["labels"] = labels;

        var annotations = metadata["annotations"] as JsonObject;
        if (StringMap("annotations") is { } declaredAnnotations)
        {
            annotations ??= new JsonObject();
            foreach (var pair in declaredAnnotations)
            {
                annotations[pair.Key] = pair.Value?.DeepClone();
            }
        }

        if (annotations is not null)
        {
            ordered["annotations"] = annotations.DeepClone();
        }

        if (owned)
        {
            ordered["ownerReferences"] = new JsonArray(Owner.Reference());
        }

        foreach (var pair in metadata.ToList())
        {
            if (!ordered.ContainsKey(pair.Key))
            {
                ordered[pair.Key] = pair.Value?.DeepClone();
            }
        }

        built["metadata"] = ordered;

        TimeSpan? sleep = null;
        if (String("sleep") is { Length: > 0 } sleepText)
        {
            sleep = Durations.TryParse(sleepText, extended: true, out var parsed) ? parsed : throw Fail("sleep", $"'{sleepText}' is not a duration; write one such as 500ms, 30s or 2m");
        }

        return new DesiredResource(
            built,
            Kind.Key,
            Path,
            phase,
            Reconcile: phase != ResourcePhase.Create || Bool("reconcile") == true,
            Once: Bool("once") == true,
            ForceConflict: Bool("forceConflict"),
            Sleep: sleep,
            Namespaced: namespaced);
    }

    private JsonObject SystemLabels() => new()
    {
        [SystemMetadata.ManagedByLabel] = SystemMetadata.ManagedByValue,
        [SystemMetadata.OwnerLabel] = SystemMetadata.LabelValue(Owner.Name),
    };

    private string Render(YamlScalar scalar, string path) =>
        _renderer.Template(scalar, path) is { } template ? template.Render(Data, _renderer.Services) : scalar.Value;

    private long ToInteger(string text, string field)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // A whole float such as "3.0" or "1e+06" (what Go prints for a float64) is the integer it denotes.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == Math.Floor(number) && Math.Abs(number) < 9e15)
        {
            return (long)number;
        }

        throw Fail(field, $"'{text}' is not an integer{RenderedFrom(field)}; write a whole number such as 3");
    }

    /// <summary>
    /// <c> (rendered from '{{ .spec.replicas }}')</c> when <paramref name="field"/> (a dotted path below the item) is a
    /// template, so an error shows where a bad value came from; empty otherwise.
    /// </summary>
    public string RenderedFrom(string field)
    {
        YamlNode? node = Node;
        foreach (var key in field.Split('.'))
        {
            node = (node as YamlMapping)?[key];
        }

        return node is YamlScalar scalar && FieldTemplate(scalar) ? $" (rendered from '{scalar.Value}')" : string.Empty;
    }

    private static bool FieldTemplate(YamlScalar scalar) => Templating.FieldTemplate.IsTemplateText(scalar.Value);

    internal static JsonNode? TypeAsYaml(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return JsonValue.Create(JsonNode.Parse(text)!.GetValue<string>());
            }
            catch (System.Text.Json.JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when ScalarResolver.Resolve(text) == ScalarKind.Int && ScalarResolver.TryParseInteger(text, out var integer) => JsonValue.Create(integer),
            _ when ScalarResolver.Resolve(text) == ScalarKind.Float && ScalarResolver.TryParseFloat(text, out var number) && double.IsFinite(number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }

    private static JsonNode? TypeAsKubernetes(string text, string? key)
    {
        if (key is null)
        {
            return JsonValue.Create(text);
        }

        if (IntegerFields.Contains(key) || IntOrStringFields.Contains(key))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return JsonValue.Create(number);
            }
        }
        else if (BooleanFields.Contains(key) && text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        return JsonValue.Create(text);
    }

    /// <summary>Fields of the Kubernetes API whose values are integers, wherever they appear in built-in kinds.</summary>
    private static readonly HashSet<string> IntegerFields = new(StringComparer.Ordinal)
    {
        "containerPort", "hostPort", "port", "nodePort", "number", "replicas", "minReplicas", "maxReplicas",
        "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold", "successThreshold",
        "terminationGracePeriodSeconds", "activeDeadlineSeconds", "progressDeadlineSeconds", "revisionHistoryLimit",
        "minReadySeconds", "backoffLimit", "completions", "parallelism", "ttlSecondsAfterFinished",
        "startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit", "runAsUser", "runAsGroup",
        "fsGroup", "defaultMode", "mode", "weight", "priority", "averageUtilization", "stabilizationWindowSeconds",
        "expirationSeconds", "partition", "maxSkew", "minDomains", "endPort",
    };

    /// <summary>Maps of the Kubernetes API whose values are free-form strings, whatever their keys are called.</summary>
    private static readonly HashSet<string> FreeFormMaps = new(StringComparer.Ordinal)
    {
        "data", "stringData", "binaryData", "labels", "annotations", "matchLabels", "nodeSelector", "selector", "hard",
        "parameters",
    };

    /// <summary>Fields of the Kubernetes API that are int-or-string.</summary>
    private static readonly HashSet<string> IntOrStringFields = new(StringComparer.Ordinal)
    {
        "targetPort", "maxSurge", "maxUnavailable", "minAvailable",
    };

    /// <summary>Fields of the Kubernetes API whose values are booleans.</summary>
    private static readonly HashSet<string> BooleanFields = new(StringComparer.Ordinal)
    {
        "readOnly", "optional", "privileged", "runAsNonRoot", "readOnlyRootFilesystem", "allowPrivilegeEscalation",
        "stdin", "stdinOnce", "tty", "hostNetwork", "hostPID", "hostIPC", "automountServiceAccountToken",
        "shareProcessNamespace", "immutable", "suspend", "paused", "publishNotReadyAddresses", "setHostnameAsFQDN",
        "enableServiceLinks", "hostUsers",
    };

    /// <summary>Whether <paramref name="text"/> is a Kubernetes quantity.</summary>
    public static bool IsQuantity(string text) => QuantityPattern().IsMatch(text);

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 subdomain (the names of most objects).</summary>
    public static bool IsSubdomain(string name) => name.Length is > 0 and <= 253 && SubdomainPattern().IsMatch(name);

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label (namespaces, services).</summary>
    public static bool IsLabel(string name) => name.Length is > 0 and <= 63 && LabelPattern().IsMatch(name);

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();
}
