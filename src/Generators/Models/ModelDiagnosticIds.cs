namespace Orkestra.Generators.Models;

/// <summary>The IDs of the model generator's diagnostics (ORK1xx: CRD schema mapping).</summary>
public static class ModelDiagnosticIds
{
    /// <summary>ORK101 (info): a property's C# name was changed because the name was already a member of its class.</summary>
    public const string PropertyRenamed = "ORK101";

    /// <summary>ORK102 (info): a generated type's name was changed because another schema already produced it.</summary>
    public const string TypeRenamed = "ORK102";

    /// <summary>ORK103 (warning): a CustomResourceDefinition lacks group, kind, plural or versions; nothing was generated.</summary>
    public const string NotACrd = "ORK103";

    /// <summary>ORK104 (info): a schema <c>type</c> is not an OpenAPI type; the property was mapped to <c>JsonNode</c>.</summary>
    public const string UnknownSchemaType = "ORK104";
}
