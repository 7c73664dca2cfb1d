using System.Globalization;
using System.Text.Json.Nodes;
using Orkestra.Diagnostics;
using Orkestra.Katalogs;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Yaml;
using Orkestra.Templating;
using Orkestra.Templating.Conditions;

namespace Orkestra.Resources;

// What a reconcile reports besides its children: status fields, events, requeue rules, and the hooks' args.
public sealed partial class ResourceRenderer
{
    private readonly List<ItemPlan> _statusFields = new();
    private readonly List<(string Name, ItemPlan Plan)> _events = new();
    private readonly List<ItemPlan> _requeue = new();
    private readonly List<(ItemPlan Plan, Condition? Rule)> _validation = new();
    private readonly List<ItemPlan> _mutation = new();
    private readonly List<ItemPlan> _enqueueGate = new();
    private readonly List<ItemPlan> _reconcileGate = new();
    private readonly List<string> _sentinels = new();
    private bool _enqueueGateFailsOpen;
    private bool _reconcileGateFailsOpen;
    private ItemPlan? _hookArgs;

    /// <summary>
    /// The sentinels of <c>preReconcile.sentinels</c> (<c>generationChanged</c>, <c>labelsChanged</c>,
    /// <c>annotationsChanged</c>): when any is declared, a change to a CR queues it only when one of them fires.
    /// </summary>
    public IReadOnlyList<string> Sentinels => _sentinels;

    /// <summary>Whether the entry declares <paramref name="gate"/>.</summary>
    /// <param name="gate">Which gate.</param>
    public bool HasGate(GateKind gate) => (gate == GateKind.Enqueue ? _enqueueGate : _reconcileGate).Count > 0;

    /// <summary>
    /// Evaluates <paramref name="gate"/> for <paramref name="cr"/>: <c>preReconcile.enqueueGate</c>, or
    /// <c>preReconcile</c>'s own <c>when</c>/<c>or</c> together with <c>preReconcile.reconcileGate</c>. Every declared
    /// condition must hold for the gate to be open. A condition that cannot be evaluated closes the gate, or leaves it
    /// open with <c>failPolicy: open</c>; either way the decision carries the error.
    /// </summary>
    /// <param name="gate">Which gate.</param>
    /// <param name="cr">The CR.</param>
    /// <param name="context">More template data (<c>sentinels</c>, …).</param>
    public GateDecision CheckGate(GateKind gate, JsonObject cr, IReadOnlyDictionary<string, object?>? context)
    {
        var plans = gate == GateKind.Enqueue ? _enqueueGate : _reconcileGate;
        if (plans.Count == 0)
        {
            return GateDecision.Opened;
        }

        var failsOpen = gate == GateKind.Enqueue ? _enqueueGateFailsOpen : _reconcileGateFailsOpen;
        var owner = OwnerInfo.Of(cr, Entry);
        var errors = new List<ResourceError>();
        if (Data(cr, context, owner, errors) is not { } data)
        {
            return new GateDecision(failsOpen, plans[0].Path, errors.Count > 0 ? errors[0].Message : plans[0].Path + ": the CR's template data could not be built");
        }

        string? error = null;
        foreach (var plan in plans)
        {
            try
            {
                if (!ConditionEvaluator.Evaluate(plan.When, plan.Or, data, Services))
                {
                    return new GateDecision(false, plan.Path, null); // closed by a condition, whatever failed before
                }
            }
            catch (Exception ex) when (ex is ConditionException or TemplateExecutionException)
            {
                error = plan.Path + ": " + ex.Message + " (" + owner.Describe() + ")";
                if (!failsOpen)
                {
                    return new GateDecision(false, plan.Path, error);
                }
            }
        }

        return error is null ? GateDecision.Opened : new GateDecision(true, null, error);
    }

    /// <summary>Whether the runtime writes the <c>Ready</c> condition (<c>emit.status.conditions</c>, default true).</summary>
    public bool WritesConditions { get; private set; } = true;

    /// <summary>
    /// The declared status fields for <paramref name="cr"/>, in order (a later assignment to one path wins): unconditional
    /// fields only when the reconcile <paramref name="succeeded"/>, conditional ones always; a conditional field whose
    /// condition is false with <c>clearOnFalse</c> is assigned null (removed).
    /// </summary>
    /// <param name="cr">The CR.</param>
    /// <param name="context">More template data (<c>children</c>, …).</param>
    /// <param name="succeeded">Whether the reconcile succeeded so far.</param>
    public StatusRender RenderStatus(JsonObject cr, IReadOnlyDictionary<string, object?>? context, bool succeeded)
    {
        var owner = OwnerInfo.Of(cr, Entry);
        var assignments = new List<StatusAssignment>();
        var errors = new List<ResourceError>();
        if (_statusFields.Count == 0 || Data(cr, context, owner, errors) is not { } data)
        {
            return new StatusRender(assignments, errors);
        }

        foreach (var plan in _statusFields)
        {
            var conditional = plan.When.Count > 0 || plan.Or.Count > 0;
            if (!succeeded && !conditional)
            {
                continue;
            }

            var item = new ResourceItem(this, plan, data, owner);
            try
            {
                var path = (item.String("path") ?? string.Empty).Trim().TrimStart('.');
                if (path.StartsWith("status.", StringComparison.Ordinal))
                {
                    path = path.Substring("status.".Length);
                }

                if (path.Length == 0 || path.Split('.').Any(p => p.Length == 0))
                {
                    throw item.Fail("path", $"'{path}' is not a field path; write a dotted path under status such as phase or endpoints.url");
                }

                if (!ConditionEvaluator.Evaluate(plan.When, plan.Or, data, Services))
                {
                    if (item.Bool("clearOnFalse") == true)
                    {
                        assignments.Add(new StatusAssignment(path, null));
                    }

                    continue;
                }

                assignments.Add(new StatusAssignment(path, TypeStatusValue(item)));
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

        return new StatusRender(assignments, errors);
    }

    /// <summary>The declared events (<c>emit.events</c>) whose conditions hold for <paramref name="cr"/>; events that fail to render are skipped.</summary>
    public IReadOnlyList<EmittedEvent> RenderEvents(JsonObject cr, IReadOnlyDictionary<string, object?>? context)
    {
        var owner = OwnerInfo.Of(cr, Entry);
        var events = new List<EmittedEvent>();
        if (_events.Count == 0 || Data(cr, context, owner, new List<ResourceError>()) is not { } data)
        {
            return events;
        }

        foreach (var (name, plan) in _events)
        {
            try
            {
                if (!ConditionEvaluator.Evaluate(plan.When, plan.Or, data, Services))
                {
                    continue;
                }

                var item = new ResourceItem(this, plan, data, owner);
                var warning = string.Equals(item.String("type"), "Warning", StringComparison.Ordinal);
                var reason = item.String("reason") is { Length: > 0 } r ? r : name;
                events.Add(new EmittedEvent(warning, reason, item.String("message") ?? string.Empty));
            }
            catch (Exception ex) when (ex is ResourceException or ConditionException or TemplateExecutionException)
            {
                events.Add(new EmittedEvent(true, "EventError", $"{plan.Path}: {ex.Message}"));
            }
        }

        return events;
    }

    /// <summary>
    /// The delay of the first <c>requeue</c> rule whose conditions hold for <paramref name="cr"/>, or null when none
    /// does; a rule whose <c>after</c> does not render to a duration is a <see cref="ResourceException"/>.
    /// </summary>
    public TimeSpan? RenderRequeue(JsonObject cr, IReadOnlyDictionary<string, object?>? context)
    {
        var owner = OwnerInfo.Of(cr, Entry);
        var errors = new List<ResourceError>();
        if (_requeue.Count == 0 || Data(cr, context, owner, errors) is not { } data)
        {
            return null;
        }

        foreach (var plan in _requeue)
        {
            if (!ConditionEvaluator.Evaluate(plan.When, plan.Or, data, Services))
            {
                continue;
            }

            var item = new ResourceItem(this, plan, data, owner);
            var text = item.String("after") ?? string.Empty;
            return Durations.TryParse(text, extended: true, out var delay) && delay > TimeSpan.Zero
                ? delay
                : throw item.Fail("after", $"'{text}' is not a positive duration{item.RenderedFrom("after")}; write one such as 30s or 5m");
        }

        return null;
    }

    /// <summary>
    /// The entry's admission rules, as the runtime enforces them on every reconcile: mutation rules first
    /// (<c>default</c> sets a field that is absent or empty, <c>override</c> always sets it; on <paramref name="cr"/>
    /// itself, in memory), then every validation rule whose <c>when</c>/<c>or</c> hold; a rule whose condition is false
    /// is a violation, its <c>message</c> rendered. <c>action: warn</c> violations are warnings, the rest errors.
    /// </summary>
    public AdmissionRender ApplyAdmission(JsonObject cr, IReadOnlyDictionary<string, object?>? context)
    {
        var owner = OwnerInfo.Of(cr, Entry);
        var errors = new List<ResourceError>();
        var warnings = new List<string>();
        if (_mutation.Count + _validation.Count == 0)
        {
            return new AdmissionRender(warnings, errors);
        }

        foreach (var plan in _mutation)
        {
            if (Data(cr, context, owner, errors) is not { } data)
            {
                return new AdmissionRender(warnings, errors);
            }

            try
            {
                if (!ConditionEvaluator.Evaluate(plan.When, plan.Or, data, Services))
                {
                    continue;
                }

                var item = new ResourceItem(this, plan, data, owner);
                var field = (item.String("field") ?? string.Empty).Trim().TrimStart('.');
                var overriding = item.Has("override");
                var value = item.Json(overriding ? "override" : "default", JsonTyping.Yaml);
                if (field.Length == 0 || (!overriding && !item.Has("default")))
                {
                    continue;
                }

                var current = Lookup(cr, field);
                var empty = current is null || (current is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().Length == 0);
                if (overriding || empty)
                {
                    Set(cr, field, TypeValue(value, item.String("valueType")));
                }
            }
            catch (Exception ex) when (ex is ResourceException or ConditionException or TemplateExecutionException)
            {
                errors.Add(new ResourceError(plan.Path, ex.Message + " (" + owner.Describe() + ")"));
            }
        }

        if (errors.Count > 0 || Data(cr, context, owner, errors) is not { } validated)
        {
            return new AdmissionRender(warnings, errors);
        }

        foreach (var (plan, rule) in _validation)
        {
            try
            {
                if (rule is null || !ConditionEvaluator.Evaluate(plan.When, plan.Or, validated, Services) || ConditionEvaluator.Evaluate(rule, validated, Services))
                {
                    continue;
                }

                var item = new ResourceItem(this, plan, validated, owner);
                var message = item.String("message") is { Length: > 0 } m ? m : $"{item.String("field")} does not satisfy the rule at {plan.Path}";
                if (item.String("link") is { Length: > 0 } link)
                {
                    message += " (see " + link + ")";
                }

                if (string.Equals(item.String("action"), "warn", StringComparison.Ordinal))
                {
                    warnings.Add(message);
                }
                else
                {
                    errors.Add(new ResourceError(plan.Path, message));
                }
            }
            catch (Exception ex) when (ex is ResourceException or ConditionException or TemplateExecutionException)
            {
                errors.Add(new ResourceError(plan.Path, ex.Message + " (" + owner.Describe() + ")"));
            }
        }

        return new AdmissionRender(warnings, errors);
    }

    /// <summary>The entry's <c>labels</c> for <paramref name="cr"/> (values may be templates); empty when none are declared.</summary>
    public IReadOnlyDictionary<string, string> RenderCrLabels(JsonObject cr)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Entry.Node["labels"] is not YamlMapping)
        {
            return labels;
        }

        var owner = OwnerInfo.Of(cr, Entry);
        var errors = new List<ResourceError>();
        if (Data(cr, null, owner, errors) is not { } data)
        {
            throw new ResourceException(errors[0].Field, errors[0].Message);
        }

        var item = new ResourceItem(this, new ItemPlan(ResourceKinds.Custom, Entry.Node, "spec.crds." + Entry.Name, Array.Empty<Condition>(), Array.Empty<Condition>()), data, owner);
        foreach (var (key, value) in item.StringMap("labels") ?? new JsonObject())
        {
            labels[key] = (string?)value ?? string.Empty;
        }

        return labels;
    }

    /// <summary>The typed hooks' <c>args</c>, templates rendered for <paramref name="cr"/> (typed as YAML scalars are); empty when none are declared.</summary>
    public JsonObject RenderHookArgs(JsonObject cr, IReadOnlyDictionary<string, object?>? context)
    {
        var owner = OwnerInfo.Of(cr, Entry);
        var errors = new List<ResourceError>();
        if (_hookArgs is not { } plan)
        {
            return new JsonObject();
        }

        if (Data(cr, context, owner, errors) is not { } data)
        {
            throw new ResourceException(errors[0].Field, errors[0].Message);
        }

        var item = new ResourceItem(this, plan, data, owner);
        return item.Json(plan.Node, plan.Path, JsonTyping.Yaml) as JsonObject ?? new JsonObject();
    }

    private static JsonNode? Lookup(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node;
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (node[parts[i]] is not JsonObject inner)
            {
                node[parts[i]] = inner = new JsonObject();
            }

            node = inner;
        }

        node[parts[^1]] = value;
    }

    // A mutation value as its valueType says (the default: typed as YAML would type the rendered text).
    private static JsonNode? TypeValue(JsonNode? value, string? valueType)
    {
        if (value is not JsonValue scalar)
        {
            return value;
        }

        var text = scalar.GetValueKind() == System.Text.Json.JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString();
        return valueType switch
        {
            "string" or "duration" or "time" => JsonValue.Create(text),
            "int" or "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            "float" or "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            "bool" or "boolean" when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
            _ => value,
        };
    }

    private static JsonNode? TypeStatusValue(ResourceItem item)
    {
        var text = item.String("value");
        if (text is null)
        {
            return null;
        }

        var type = item.String("type") ?? "string";
        switch (type)
        {
            case "int":
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return JsonValue.Create(integer);
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var whole) && whole == Math.Floor(whole) && Math.Abs(whole) < 9e15)
                {
                    return JsonValue.Create((long)whole);
                }

                return text.Length == 0 ? JsonValue.Create(0L) : throw item.Fail("value", $"'{text}' is not an integer{item.RenderedFrom("value")}, but the field's type is int");
            case "float":
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : text.Length == 0 ? JsonValue.Create(0d) : throw item.Fail("value", $"'{text}' is not a number{item.RenderedFrom("value")}, but the field's type is float");
            case "bool":
                return text switch
                {
                    "true" or "True" or "TRUE" => JsonValue.Create(true),
                    "false" or "False" or "FALSE" or "" => JsonValue.Create(false),
                    _ => throw item.Fail("value", $"'{text}' is not true or false{item.RenderedFrom("value")}, but the field's type is bool"),
                };
            case "auto":
                return ResourceItem.TypeAsYaml(text);
            default:
                return JsonValue.Create(text);
        }
    }

    // Reads emit.status, emit.events, reconcile.requeue and reconcile.hooks.args once, with their conditions.
    private void PrepareEmit(List<Diagnostic> diagnostics)
    {
        var basePath = "spec.crds." + Entry.Name + ".operatorBox.";
        var emit = Entry.OperatorBox?["emit"] as YamlMapping;
        if (emit?["status"] is YamlMapping status)
        {
            WritesConditions = status["conditions"] is not YamlScalar { Kind: ScalarKind.Bool } conditions || ScalarResolver.ToBool(conditions.Value);
            if (status["fields"] is YamlSequence fields)
            {
                for (var i = 0; i < fields.Items.Count; i++)
                {
                    if (fields.Items[i] is YamlMapping field)
                    {
                        _statusFields.Add(Plan(field, basePath + "emit.status.fields[" + i + "]", diagnostics));
                    }
                }
            }
        }

        if (emit?["events"] is YamlMapping events)
        {
            foreach (var entry in events.Entries)
            {
                if (entry.Value is YamlMapping definition)
                {
                    _events.Add((entry.Name, Plan(definition, basePath + "emit.events." + entry.Name, diagnostics)));
                }
            }
        }

        if (Entry.Reconcile?["requeue"] is YamlSequence requeue)
        {
            for (var i = 0; i < requeue.Items.Count; i++)
            {
                if (requeue.Items[i] is YamlMapping rule)
                {
                    _requeue.Add(Plan(rule, basePath + "reconcile.requeue[" + i + "]", diagnostics));
                }
            }
        }

        var admission = Entry.Node["admission"] as YamlMapping;
        if ((admission?["mutation"] as YamlMapping)?["rules"] is YamlSequence mutations)
        {
            for (var i = 0; i < mutations.Items.Count; i++)
            {
                if (mutations.Items[i] is YamlMapping rule)
                {
                    _mutation.Add(Plan(rule, "spec.crds." + Entry.Name + ".admission.mutation.rules[" + i + "]", diagnostics));
                }
            }
        }

        if ((admission?["validation"] as YamlMapping)?["rules"] is YamlSequence validations)
        {
            for (var i = 0; i < validations.Items.Count; i++)
            {
                if (validations.Items[i] is YamlMapping rule)
                {
                    var path = "spec.crds." + Entry.Name + ".admission.validation.rules[" + i + "]";
                    var condition = ConditionReader.Read(rule, path, diagnostics, Functions);
                    _validation.Add((Plan(rule, path, diagnostics), condition.Count > 0 ? condition[0] : null));
                }
            }
        }

        if (Entry.OperatorBox?["preReconcile"] is YamlMapping preReconcile)
        {
            var prePath = basePath + "preReconcile";
            if (preReconcile["sentinels"] is YamlSequence sentinels)
            {
                _sentinels.AddRange(sentinels.Items.OfType<YamlScalar>().Select(s => s.Value).Where(KatalogFunctions.Sentinels.Contains).Distinct(StringComparer.Ordinal));
            }

            if (preReconcile["enqueueGate"] is YamlMapping enqueueGate)
            {
                _enqueueGate.Add(Plan(enqueueGate, prePath + ".enqueueGate", diagnostics));
                _enqueueGateFailsOpen = enqueueGate.GetString("failPolicy") == "open";
            }

            if (preReconcile["when"] is not null || preReconcile["or"] is not null)
            {
                _reconcileGate.Add(Plan(preReconcile, prePath, diagnostics));
            }

            if (preReconcile["reconcileGate"] is YamlMapping reconcileGate)
            {
                _reconcileGate.Add(Plan(reconcileGate, prePath + ".reconcileGate", diagnostics));
                _reconcileGateFailsOpen = reconcileGate.GetString("failPolicy") == "open";
            }
        }

        if (Entry.Reconcile?["hooks"] is YamlMapping hooks && hooks["args"] is YamlMapping args)
        {
            _hookArgs = new ItemPlan(ResourceKinds.Custom, args, basePath + "reconcile.hooks.args", Array.Empty<Condition>(), Array.Empty<Condition>());
        }
    }

    private ItemPlan Plan(YamlMapping node, string path, List<Diagnostic> diagnostics) => new(
        ResourceKinds.Custom,
        node,
        path,
        ConditionReader.Read(node["when"], path + ".when", diagnostics, Functions),
        ConditionReader.Read(node["or"], path + ".or", diagnostics, Functions));
}

/// <summary>The gates of <c>operatorBox.preReconcile</c>.</summary>
public enum GateKind
{
    /// <summary><c>enqueueGate</c>: a CR whose gate is closed is not queued (a silent drop).</summary>
    Enqueue,

    /// <summary><c>preReconcile.when</c>/<c>or</c> and <c>reconcileGate</c>: a CR whose gate is closed is not reconciled (it is gated).</summary>
    Reconcile,
}

/// <summary>What a <c>preReconcile</c> gate decided for one CR.</summary>
/// <param name="Open">Whether the CR may go on.</param>
/// <param name="Gate">The katalog path of the gate that closed (or failed), or null.</param>
/// <param name="Error">Why a condition could not be evaluated, or null.</param>
public sealed record GateDecision(bool Open, string? Gate, string? Error)
{
    /// <summary>An open gate.</summary>
    public static readonly GateDecision Opened = new(true, null, null);
}

/// <summary>What the admission rules said about one CR.</summary>
/// <param name="Warnings">Violations of <c>action: warn</c> rules (recorded as <c>ValidationWarning</c> events).</param>
/// <param name="Errors">Violations of deny rules, and rules that could not be evaluated: the reconcile stops.</param>
public sealed record AdmissionRender(IReadOnlyList<string> Warnings, IReadOnlyList<ResourceError> Errors);

/// <summary>The declared status fields of one reconcile, in order.</summary>
/// <param name="Assignments">Each field's path under status and value (null: remove the field).</param>
/// <param name="Errors">Fields that could not be rendered.</param>
public sealed record StatusRender(IReadOnlyList<StatusAssignment> Assignments, IReadOnlyList<ResourceError> Errors);

/// <summary>One declared status field's value.</summary>
/// <param name="Path">The dotted path under <c>status</c> (<c>phase</c>, <c>endpoints.url</c>).</param>
/// <param name="Value">The typed value; null removes the field.</param>
public sealed record StatusAssignment(string Path, JsonNode? Value);

/// <summary>A declared event to record on the CR.</summary>
/// <param name="Warning">A Warning event (else Normal).</param>
/// <param name="Reason">The event's reason.</param>
/// <param name="Message">Its message.</param>
public sealed record EmittedEvent(bool Warning, string Reason, string Message);
