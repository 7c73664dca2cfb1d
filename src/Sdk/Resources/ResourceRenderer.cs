using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;
using Orkestra.Templating;
using Orkestra.Templating.Conditions;

namespace Orkestra.Resources;

/// <summary>
/// Turns the resource templates of one katalog entry (<c>onCreate</c>, <c>onReconcile</c>, <c>onDelete</c>) and a CR
/// into the complete Kubernetes objects the runtime applies: defaults and profiles filled in, templated values
/// converted to the types the Kubernetes fields have, system labels and the owner reference added. Built once per
/// entry (templates were parsed when the katalog loaded; conditions are read here, once); rendering does no I/O
/// and is safe to call from several threads.
/// </summary>
public sealed partial class ResourceRenderer
{
    private static readonly string[] Blocks = { "onCreate", "onReconcile", "onDelete" };

    private readonly KatalogDocument _katalog;
    private readonly Dictionary<ResourcePhase, List<ItemPlan>> _plans = new();
    private readonly ConcurrentDictionary<YamlScalar, FieldTemplate> _templates = new();

    private ResourceRenderer(KatalogDocument katalog, CrdEntry entry, FunctionSet functions, TemplateServices services, ProfileCatalog profiles)
    {
        _katalog = katalog;
        Entry = entry;
        Functions = functions;
        Services = services;
        Profiles = profiles;
    }

    /// <summary>The entry rendered.</summary>
    public CrdEntry Entry { get; }

    /// <summary>The functions templates may call.</summary>
    internal FunctionSet Functions { get; }

    /// <summary>The clock and randomness templates use.</summary>
    internal TemplateServices Services { get; }

    /// <summary>The profiles resource items may name.</summary>
    internal ProfileCatalog Profiles { get; }

    /// <summary>Problems found while preparing (a condition that does not read); rendering skips the items concerned.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; private set; } = Array.Empty<Diagnostic>();

    /// <summary>Prepares the renderer for <paramref name="entry"/> of <paramref name="katalog"/>.</summary>
    public static ResourceRenderer Create(KatalogDocument katalog, CrdEntry entry, TemplateServices? services = null)
    {
        var renderer = new ResourceRenderer(katalog, entry, KatalogFunctions.For(katalog, entry), services ?? TemplateServices.Default, ProfileCatalog.For(katalog, entry));
        var diagnostics = new List<Diagnostic>();
        var reconcile = entry.Reconcile;
        for (var b = 0; b < Blocks.Length; b++)
        {
            var plans = new List<ItemPlan>();
            renderer._plans[(ResourcePhase)b] = plans;
            if (reconcile?[Blocks[b]] is not YamlMapping block)
            {
                continue;
            }

            var blockPath = "spec.crds." + entry.Name + ".operatorBox.reconcile." + Blocks[b];
            foreach (var resource in block.Entries)
            {
                if (!ResourceKinds.TryGet(resource.Name, out var kind) || resource.Value is not YamlSequence items)
                {
                    continue; // external, ordered, and the placeholder keys upstream ignores
                }

                for (var i = 0; i < items.Items.Count; i++)
                {
                    if (items.Items[i] is not YamlMapping item)
                    {
                        continue;
                    }

                    var path = blockPath + "." + resource.Name + "[" + i + "]";
                    var when = ConditionReader.Read(item["when"], path + ".when", diagnostics, renderer.Functions);
                    var or = ConditionReader.Read(item["or"], path + ".or", diagnostics, renderer.Functions);
                    plans.Add(new ItemPlan(kind, item, path, when, or));
                }
            }
        }

        renderer.PrepareEmit(diagnostics);
        renderer.Diagnostics = diagnostics;
        return renderer;
    }

    /// <summary>
    /// Renders the items of <paramref name="phase"/> for <paramref name="cr"/>, in declared order (<c>forEach</c>
    /// expanded, <c>when</c>/<c>or</c> applied). An item that fails is reported in the result's errors, naming the
    /// katalog field and the CR; the other items are still rendered.
    /// </summary>
    /// <param name="cr">The CR, as the API server returns it.</param>
    /// <param name="phase">Which block to render.</param>
    /// <param name="context">More template data beside the CR's own fields: <c>children</c>, <c>external</c>, <c>sentinels</c>, …</param>
    public RenderResult Render(JsonObject cr, ResourcePhase phase, IReadOnlyDictionary<string, object?>? context = null)
    {
        var owner = OwnerInfo.Of(cr, Entry);
        var resources = new List<DesiredResource>();
        var errors = new List<ResourceError>();
        if (Data(cr, context, owner, errors) is not { } data)
        {
            return new RenderResult(resources, errors);
        }

        foreach (var plan in _plans[phase])
        {
            try
            {
                foreach (var itemData in Expand(plan, data))
                {
                    if (!ConditionEvaluator.Evaluate(plan.When, plan.Or, itemData, Services))
                    {
                        continue;
                    }

                    var item = new ResourceItem(this, plan, itemData, owner);
                    var built = plan.Kind.Build(item);
                    resources.Add(item.Complete(built, phase));
                }
            }
            catch (ResourceException ex)
            {
                errors.Add(new ResourceError(ex.Field, ex.Message + " (" + owner.Describe() + ")"));
            }
            catch (ConditionException ex)
            {
                errors.Add(new ResourceError(plan.Path, plan.Path + ": " + ex.Message + " (" + owner.Describe() + ")"));
            }
            catch (TemplateExecutionException ex)
            {
                errors.Add(new ResourceError(ex.Field ?? plan.Path, ex.Message + " (" + owner.Describe() + ")"));
            }
        }

        return new RenderResult(resources, errors);
    }

    /// <summary>The parsed template of a scalar (from the katalog's cache), or null when it is not a template.</summary>
    internal FieldTemplate? Template(YamlScalar scalar, string path)
    {
        if (!FieldTemplate.IsTemplateText(scalar.Value))
        {
            return null;
        }

        return _templates.GetOrAdd(scalar, s => _katalog.Templates.TryGetValue(s, out var syntax)
            ? FieldTemplate.FromSyntax(syntax, Functions, path)
            : FieldTemplate.Parse(s.Value, Functions, path));
    }

    // The template data of a CR: its fields, the context's entries, and .inputs (motif inputs rendered); null when the inputs fail.
    private Dictionary<string, object?>? Data(JsonObject cr, IReadOnlyDictionary<string, object?>? context, OwnerInfo owner, List<ResourceError> errors)
    {
        var data = TemplateData.FromJson(cr) as Dictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        if (context is not null)
        {
            foreach (var pair in context)
            {
                data[pair.Key] = pair.Value;
            }
        }

        if (Entry.Inputs is { } inputs && !data.ContainsKey("inputs"))
        {
            try
            {
                data["inputs"] = RenderInputs(inputs, data, owner);
            }
            catch (ResourceException ex)
            {
                errors.Add(new ResourceError(ex.Field, ex.Message + " (" + owner.Describe() + ")"));
                return null;
            }
        }

        return data;
    }

    // .inputs: the motif inputs, templates rendered against the CR.
    private Dictionary<string, object?> RenderInputs(YamlMapping inputs, Dictionary<string, object?> data, OwnerInfo owner)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var reader = new ResourceItem(this, new ItemPlan(ResourceKinds.Custom, inputs, "spec.crds." + Entry.Name + ".inputs", Array.Empty<Condition>(), Array.Empty<Condition>()), data, owner);
        foreach (var input in inputs.Entries)
        {
            values[input.Name] = TemplateData.FromJson(reader.Json(input.Value, reader.Path + "." + input.Name, JsonTyping.Yaml));
        }

        return values;
    }

    // forEach: one data map per element of a list (.item, .index, .<as>) or per key of a map, in key order (.item = key, .value).
    private static IEnumerable<Dictionary<string, object?>> Expand(ItemPlan plan, Dictionary<string, object?> data)
    {
        if (plan.Node["forEach"] is not YamlMapping forEach || forEach.GetString("field") is not { } field)
        {
            yield return data;
            yield break;
        }

        var alias = forEach.GetString("as");
        var source = Lookup(data, field);
        switch (source)
        {
            case null:
                yield break;
            case List<object?> list:
                for (var i = 0; i < list.Count; i++)
                {
                    var element = new Dictionary<string, object?>(data, StringComparer.Ordinal)
                    {
                        ["item"] = list[i],
                        ["index"] = (double)i,
                    };
                    if (alias is not null)
                    {
                        element[alias] = list[i];
                    }

                    yield return element;
                }

                break;
            case Dictionary<string, object?> map:
                var index = 0;
                foreach (var key in map.Keys.OrderBy(k => k, StringComparer.Ordinal))
                {
                    var element = new Dictionary<string, object?>(data, StringComparer.Ordinal)
                    {
                        ["item"] = key,
                        ["value"] = map[key],
                        ["index"] = (double)index++,
                    };
                    if (alias is not null)
                    {
                        element[alias] = key;
                    }

                    yield return element;
                }

                break;
            default:
                throw new ResourceException(plan.Path + ".forEach.field", $"'{field}' is {GoValues.TypeName(source)}, but forEach needs a list or a map");
        }
    }

    // A dotted path (spec.regions, .spec.regions) in the data.
    private static object? Lookup(Dictionary<string, object?> data, string path)
    {
        object? current = data;
        foreach (var part in path.TrimStart('.').Split('.'))
        {
            if (current is not Dictionary<string, object?> map || !map.TryGetValue(part, out current))
            {
                return null;
            }
        }

        return current;
    }
}

/// <summary>Which resource block to render.</summary>
public enum ResourcePhase
{
    /// <summary><c>onCreate</c>: created on the first reconcile, then left alone unless the item says <c>reconcile: true</c>.</summary>
    Create,

    /// <summary><c>onReconcile</c>: applied on every reconcile.</summary>
    Reconcile,

    /// <summary><c>onDelete</c>: applied before the finalizer is removed.</summary>
    Delete,
}

/// <summary>What rendering a phase yielded: the objects, in apply order, and the items that failed.</summary>
/// <param name="Resources">The complete objects.</param>
/// <param name="Errors">The items that could not be rendered.</param>
public sealed record RenderResult(IReadOnlyList<DesiredResource> Resources, IReadOnlyList<ResourceError> Errors)
{
    /// <summary>Whether every item rendered.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>An item that could not be rendered.</summary>
/// <param name="Field">The katalog field at fault (<c>spec.crds.website.operatorBox.reconcile.onReconcile.deployments[0].replicas</c>).</param>
/// <param name="Message">What is wrong, naming the field and the CR; fit for a Ready=False message.</param>
public sealed record ResourceError(string Field, string Message);

/// <summary>One object the katalog wants to exist.</summary>
/// <param name="Object">The complete object (apiVersion, kind, metadata with labels and owner reference, spec, …).</param>
/// <param name="Key">The resource key it came from (<c>deployments</c>).</param>
/// <param name="Source">The katalog item it came from (<c>spec.crds.website.operatorBox.reconcile.onReconcile.deployments[0]</c>).</param>
/// <param name="Phase">The block it came from.</param>
/// <param name="Reconcile">The item's <c>reconcile: true</c>: drift is corrected every cycle (always so in <c>onReconcile</c>).</param>
/// <param name="Once">The item's <c>once: true</c> (generated secrets: with <c>rotateAfter</c>, recreated when older).</param>
/// <param name="ForceConflict">Whether server-side apply forces conflicts (the item's <c>forceConflict</c>; null: the entry's setting).</param>
/// <param name="Sleep">The item's <c>sleep</c>: a delay before it is applied.</param>
/// <param name="Namespaced">Whether the object is namespaced.</param>
public sealed record DesiredResource(JsonObject Object, string Key, string Source, ResourcePhase Phase, bool Reconcile, bool Once, bool? ForceConflict, TimeSpan? Sleep, bool Namespaced)
{
    /// <summary>The object's apiVersion.</summary>
    public string ApiVersion => (string)Object["apiVersion"]!;

    /// <summary>The object's kind.</summary>
    public string Kind => (string)Object["kind"]!;

    /// <summary>The object's name.</summary>
    public string Name => (string)Object["metadata"]!["name"]!;

    /// <summary>The object's namespace; null for cluster-scoped objects.</summary>
    public string? Namespace => (string?)Object["metadata"]?["namespace"];

    /// <summary>
    /// Whether the object is only created when absent, never updated: an <c>onCreate</c> item without
    /// <c>reconcile: true</c>. (As upstream documents, <c>once</c> has no effect with <c>reconcile: true</c> or in
    /// <c>onReconcile</c>: continuous reconciliation wins.)
    /// </summary>
    public bool CreateOnly => Phase == ResourcePhase.Create && !Reconcile;
}

/// <summary>A resource item that cannot be rendered; <see cref="Field"/> is the katalog field at fault.</summary>
public sealed class ResourceException : Exception
{
    /// <summary>Creates the exception; the message is prefixed with the field.</summary>
    public ResourceException(string field, string message)
        : base(field + ": " + message) => Field = field;

    /// <summary>The katalog field at fault.</summary>
    public string Field { get; }
}

internal sealed record ItemPlan(ResourceKind Kind, YamlMapping Node, string Path, IReadOnlyList<Condition> When, IReadOnlyList<Condition> Or);
