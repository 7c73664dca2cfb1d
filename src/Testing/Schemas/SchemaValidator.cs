using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orkestra.Testing.Schemas;

/// <summary>
/// Validates a value against a <see cref="StructuralSchema"/> as the API server does for custom resources: the
/// OpenAPI checks in kube-openapi's order and wording (type, anyOf/allOf/oneOf/not, string, format, number, array,
/// enum, object), converted to field errors the way apiextensions-apiserver converts them; then the structural checks
/// (list-type set/map uniqueness, embedded resources), which the server runs after.
/// </summary>
internal static class SchemaValidator
{
    private const string NoField = "<nil>";

    private static readonly StructuralSchema[] IntOrStringBranches =
    [
        StructuralSchema.Parse(new JsonObject { ["type"] = "integer" }),
        StructuralSchema.Parse(new JsonObject { ["type"] = "string" }),
    ];

    public static List<FieldError> ValidateResource(JsonObject obj, StructuralSchema schema)
    {
        var context = new Context();
        if (schema.Properties.TryGetValue("metadata", out var metadata) && obj["metadata"] is JsonObject meta)
        {
            foreach (var name in (string[])["name", "generateName"])
            {
                if (meta.TryGetPropertyValue(name, out var value) && metadata.Properties.TryGetValue(name, out var nameSchema))
                {
                    Validate(value, nameSchema, "metadata." + name, context);
                }
            }
        }

        ValidateObject(obj, schema, string.Empty, context, isResourceRoot: true);
        context.Errors.AddRange(context.Structural);
        return context.Errors;
    }

    private static void Validate(JsonNode? value, StructuralSchema schema, string path, Context context)
    {
        if (value is null)
        {
            if (!schema.Nullable && schema.Type is { } expected)
            {
                context.Errors.Add(FieldError.TypeInvalid(path, "null", $"{path} in body must be of type {expected}: \"null\""));
            }

            return;
        }

        var actual = JsonData.TypeOf(value);
        if (schema.Type is { } type && !IsType(actual, type))
        {
            context.Errors.Add(FieldError.TypeInvalid(path, actual, $"{path} in body must be of type {type}: {GoFormat.Quote(actual)}"));
            return;
        }

        ValidateComposition(value, schema, path, context);
        switch (value)
        {
            case JsonValue scalar when actual == "string":
                ValidateString(scalar.GetValue<string>(), scalar, schema, path, context);
                break;
            case JsonValue scalar when actual is "integer" or "number":
                ValidateNumber(scalar, schema, path, context);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path, context);
                break;
        }

        if (schema.Enum is { } allowed && !allowed.Any(a => JsonData.Equal(a, value)))
        {
            context.Errors.Add(FieldError.NotSupported(path, value, allowed.Select(a => JsonData.TryGetString(a, out var s) ? s : JsonData.ToJson(a))));
        }

        if (value is JsonObject obj)
        {
            ValidateObject(obj, schema, path, context, isResourceRoot: false);
        }
    }

    private static bool IsType(string actual, string expected) => expected switch
    {
        "number" => actual is "number" or "integer",
        _ => actual == expected,
    };

    private static void ValidateComposition(JsonNode value, StructuralSchema schema, string path, Context context)
    {
        var anyOf = schema.AnyOf.Count == 0 && schema.IntOrString ? IntOrStringBranches : schema.AnyOf;
        if (anyOf.Count > 0)
        {
            var failures = anyOf.Select(branch => Branch(value, branch, path)).ToList();
            if (failures.All(f => f.Count > 0))
            {
                context.Errors.Add(Composite(path, "must validate at least one schema (anyOf)"));
                context.Errors.AddRange(failures.MinBy(f => f.Count)!);
            }
        }

        if (schema.OneOf.Count > 0)
        {
            var failures = schema.OneOf.Select(branch => Branch(value, branch, path)).ToList();
            var valid = failures.Count(f => f.Count == 0);
            if (valid != 1)
            {
                var found = valid == 0 ? "Found none valid" : $"Found {valid} valid alternatives";
                context.Errors.Add(Composite(path, $"must validate one and only one schema (oneOf). {found}"));
                if (valid == 0)
                {
                    context.Errors.AddRange(failures.MinBy(f => f.Count)!);
                }
            }
        }

        if (schema.AllOf.Count > 0)
        {
            var failures = schema.AllOf.Select(branch => Branch(value, branch, path)).ToList();
            var valid = failures.Count(f => f.Count == 0);
            context.Errors.AddRange(failures.SelectMany(f => f));
            if (valid != failures.Count)
            {
                context.Errors.Add(Composite(path, "must validate all the schemas (allOf)" + (valid == 0 ? ". None validated" : string.Empty)));
            }
        }

        if (schema.Not is { } not && Branch(value, not, path).Count == 0)
        {
            context.Errors.Add(Composite(path, "must not validate the schema (not)"));
        }
    }

    private static List<FieldError> Branch(JsonNode value, StructuralSchema branch, string path)
    {
        var context = new Context();
        Validate(value, branch, path, context);
        context.Errors.AddRange(context.Structural);
        return context.Errors;
    }

    private static FieldError Composite(string path, string message) =>
        FieldError.Invalid(NoField, string.Empty, $"{GoFormat.Quote(path)} {message}");

    private static void ValidateString(string text, JsonValue value, StructuralSchema schema, string path, Context context)
    {
        var length = text.EnumerateRunes().Count();
        if (schema.MaxLength is { } max && length > max)
        {
            context.Errors.Add(FieldError.TooLong(path, max));
        }

        if (schema.MinLength is { } min && length < min)
        {
            context.Errors.Add(FieldError.Invalid(path, value, $"{path} in body should be at least {min} chars long"));
        }

        if (schema.Pattern is { } pattern && !Matches(pattern, text))
        {
            context.Errors.Add(FieldError.Invalid(path, value, $"{path} in body should match '{schema.PatternText}'"));
        }

        if (schema.Format is { } format && !Formats.IsValid(format, text))
        {
            context.Errors.Add(FieldError.TypeInvalid(path, value, $"{path} in body must be of type {format}: {GoFormat.Quote(text)}"));
        }
    }

    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static void ValidateNumber(JsonValue value, StructuralSchema schema, string path, Context context)
    {
        JsonData.TryGetDouble(value, out var number);
        if (schema.MultipleOf is { } factor && factor != 0 && Math.Abs(Math.IEEERemainder(number, factor)) > 1e-9 * Math.Max(1, Math.Abs(number)))
        {
            context.Errors.Add(FieldError.Invalid(path, value, $"{path} in body should be a multiple of {GoFormat.Float(factor)}"));
        }

        if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? number >= max : number > max))
        {
            var relation = schema.ExclusiveMaximum ? "less than" : "less than or equal to";
            context.Errors.Add(FieldError.Invalid(path, value, $"{path} in body should be {relation} {GoFormat.Float(max)}"));
        }

        if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? number <= min : number < min))
        {
            var relation = schema.ExclusiveMinimum ? "greater than" : "greater than or equal to";
            context.Errors.Add(FieldError.Invalid(path, value, $"{path} in body should be {relation} {GoFormat.Float(min)}"));
        }
    }

    private static void ValidateArray(JsonArray array, StructuralSchema schema, string path, Context context)
    {
        if (schema.MinItems is { } min && array.Count < min)
        {
            context.Errors.Add(FieldError.Invalid(path, array.Count, $"{path} in body should have at least {min} items"));
        }

        if (schema.MaxItems is { } max && array.Count > max)
        {
            context.Errors.Add(FieldError.TooMany(path, array.Count, max));
        }

        if (schema.UniqueItems && array.Select(JsonData.Canonical).Distinct(StringComparer.Ordinal).Count() != array.Count)
        {
            context.Errors.Add(FieldError.Invalid(path, string.Empty, $"{path} in body shouldn't contain duplicates"));
        }

        if (schema.Items is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(array[i], items, Index(path, i), context);
            }
        }

        switch (schema.ListType)
        {
            case "set":
                ValidateSet(array, path, context);
                break;
            case "map":
                ValidateMap(array, schema, path, context);
                break;
        }
    }

    private static void ValidateSet(JsonArray array, string path, Context context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (!seen.Add(JsonData.Canonical(array[i])))
            {
                context.Structural.Add(FieldError.Duplicate(Index(path, i), array[i]));
            }
        }
    }

    private static void ValidateMap(JsonArray array, StructuralSchema schema, string path, Context context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                continue;
            }

            // A missing key without a default is the items schema's "required" error, reported already.
            var key = new JsonObject();
            foreach (var name in schema.ListMapKeys)
            {
                if (item.TryGetPropertyValue(name, out var part))
                {
                    key[name] = part?.DeepClone();
                }
                else if (schema.Items?.Properties.GetValueOrDefault(name)?.Default is { } fallback)
                {
                    key[name] = fallback.DeepClone();
                }
            }

            if (key.Count == schema.ListMapKeys.Count && !seen.Add(JsonData.Canonical(key)))
            {
                context.Structural.Add(FieldError.Duplicate(Index(path, i), key));
            }
        }
    }

    private static void ValidateObject(JsonObject obj, StructuralSchema schema, string path, Context context, bool isResourceRoot)
    {
        if (schema.MaxProperties is { } max && obj.Count > max)
        {
            context.Errors.Add(FieldError.TooMany(path, obj.Count, max));
        }

        if (schema.MinProperties is { } min && obj.Count < min)
        {
            context.Errors.Add(FieldError.Invalid(path, obj.Count, $"{path} in body should have at least {min} properties"));
        }

        foreach (var name in schema.Required)
        {
            if (!obj.ContainsKey(name))
            {
                context.Errors.Add(FieldError.Required(Child(path, name)));
            }
        }

        foreach (var (name, value) in obj)
        {
            if (isResourceRoot && name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (schema.Properties.TryGetValue(name, out var property))
            {
                Validate(value, property, Child(path, name), context);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Validate(value, additional, Child(path, name), context);
            }
        }

        if (schema.EmbeddedResource && !isResourceRoot)
        {
            EmbeddedResources.Validate(obj, path, context.Structural);
        }
    }

    internal static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;

    internal static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private sealed class Context
    {
        public List<FieldError> Errors { get; } = [];

        public List<FieldError> Structural { get; } = [];
    }
}
