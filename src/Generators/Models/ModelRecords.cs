namespace Orkestra.Generators.Models;

/// <summary>How serious a model diagnostic is.</summary>
public enum ModelDiagnosticSeverity
{
    /// <summary>Information: something was renamed or mapped loosely; the output is fine.</summary>
    Info,

    /// <summary>A warning: part of the input was skipped.</summary>
    Warning,

    /// <summary>An error: nothing was generated for the input.</summary>
    Error,
}

/// <summary>A problem found while generating models, located in the CRD file (1-based line and column).</summary>
/// <param name="Id">The catalogue ID, <c>ORKnnn</c>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What happened and what to change.</param>
/// <param name="Path">The CRD file.</param>
/// <param name="Line">The line (1-based).</param>
/// <param name="Column">The column (1-based).</param>
public sealed record ModelDiagnostic(string Id, ModelDiagnosticSeverity Severity, string Message, string Path, int Line, int Column);

/// <summary>One generated source file.</summary>
/// <param name="HintName">A stable unique name, <c>{Group}.{Version}.{Kind}.g.cs</c>.</param>
/// <param name="Source">The C# text.</param>
public sealed record GeneratedSource(string HintName, string Source);

/// <summary>What <see cref="ModelGenerator.Generate(string, string, string, EquatableArray{KindName})"/> produces for one CRD file.</summary>
/// <param name="Sources">The generated files, in a stable order.</param>
/// <param name="Diagnostics">What was found while reading the schemas.</param>
public sealed record ModelOutput(EquatableArray<GeneratedSource> Sources, EquatableArray<ModelDiagnostic> Diagnostics);

/// <summary>The shape of a model type reference.</summary>
public enum TypeRefKind
{
    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>DateTimeOffset</c> (<c>format: date-time</c>).</summary>
    DateTime,

    /// <summary><c>byte[]</c> (<c>format: byte</c>, base64).</summary>
    Bytes,

    /// <summary><c>int</c>.</summary>
    Int32,

    /// <summary><c>long</c>.</summary>
    Int64,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>bool</c>.</summary>
    Boolean,

    /// <summary>The Sdk's <c>IntOrString</c>.</summary>
    IntOrString,

    /// <summary>A <c>JsonObject</c> (free-form or embedded objects).</summary>
    JsonObject,

    /// <summary>A <c>JsonNode</c> (any JSON value).</summary>
    JsonNode,

    /// <summary>A generated class.</summary>
    Object,

    /// <summary>A generated extensible enum struct.</summary>
    Enum,

    /// <summary>A <c>List&lt;T&gt;</c> of <see cref="TypeRef.Element"/>.</summary>
    List,

    /// <summary>A <c>Dictionary&lt;string, T&gt;</c> of <see cref="TypeRef.Element"/>.</summary>
    Map,
}

/// <summary>A reference to a model type.</summary>
/// <param name="Kind">Its shape.</param>
/// <param name="Name">The generated type's name, for <see cref="TypeRefKind.Object"/> and <see cref="TypeRefKind.Enum"/>.</param>
/// <param name="Element">The item or value type of lists and maps.</param>
public sealed record TypeRef(TypeRefKind Kind, string? Name = null, TypeRef? Element = null)
{
    /// <summary>Whether the C# type is a value type.</summary>
    public bool IsValueType => Kind is TypeRefKind.DateTime or TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Double
        or TypeRefKind.Boolean or TypeRefKind.IntOrString or TypeRefKind.Enum;
}

/// <summary>A property of a generated class.</summary>
/// <param name="JsonName">The JSON name.</param>
/// <param name="Name">The C# name.</param>
/// <param name="Type">The type.</param>
/// <param name="Required">Whether the schema lists it in <c>required</c> (then it is not nullable).</param>
/// <param name="Description">The schema's description.</param>
/// <param name="DefaultJson">The schema's default as JSON-like text, for the doc comment.</param>
public sealed record PropertyModel(string JsonName, string Name, TypeRef Type, bool Required, string? Description, string? DefaultJson);

/// <summary>A generated class for an object schema.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Description">The schema's description.</param>
/// <param name="Properties">The properties, in schema order.</param>
public sealed record ObjectModel(string Name, string? Description, EquatableArray<PropertyModel> Properties);

/// <summary>A known value of an extensible enum.</summary>
/// <param name="Name">The static property's name.</param>
/// <param name="Value">The string value.</param>
public sealed record EnumMemberModel(string Name, string Value);

/// <summary>A generated extensible enum struct for a string enum.</summary>
/// <param name="Name">The struct name.</param>
/// <param name="Description">The schema's description.</param>
/// <param name="Members">The known values.</param>
public sealed record EnumModel(string Name, string? Description, EquatableArray<EnumMemberModel> Members);

/// <summary>The types of one served version of a CRD.</summary>
/// <param name="Group">The API group.</param>
/// <param name="Version">The version name.</param>
/// <param name="Namespace">The C# namespace of its types.</param>
/// <param name="Kind">The kind, as the API serves it.</param>
/// <param name="ClassName">The resource class's name: the kind, unless another group's kind of the same name took it.</param>
/// <param name="Plural">The plural resource name.</param>
/// <param name="Singular">The singular name, if declared.</param>
/// <param name="Namespaced">Whether the kind is namespaced.</param>
/// <param name="HasStatusSubresource">Whether <c>/status</c> is enabled.</param>
/// <param name="HasScaleSubresource">Whether <c>/scale</c> is enabled.</param>
/// <param name="Description">The top-level schema's description.</param>
/// <param name="Objects">The classes: spec, status, then nested types in schema order.</param>
/// <param name="Enums">The enum structs.</param>
public sealed record VersionModel(
    string Group,
    string Version,
    string Namespace,
    string Kind,
    string ClassName,
    string Plural,
    string? Singular,
    bool Namespaced,
    bool HasStatusSubresource,
    bool HasScaleSubresource,
    string? Description,
    EquatableArray<ObjectModel> Objects,
    EquatableArray<EnumModel> Enums);

/// <summary>The class name a CRD kind is generated as, when the project has the same kind in another group.</summary>
/// <param name="Group">The CRD's group.</param>
/// <param name="Kind">The kind.</param>
/// <param name="ClassName">The class name its models take (their nested types start with it too).</param>
/// <param name="KeptBy">The group whose kind of that name keeps the plain name.</param>
public sealed record KindName(string Group, string Kind, string ClassName, string KeptBy);

/// <summary>A CRD read for model generation: one model per served version.</summary>
/// <param name="Versions">The versions, in the CRD's order.</param>
/// <param name="Diagnostics">What was found while reading.</param>
public sealed record CrdModels(EquatableArray<VersionModel> Versions, EquatableArray<ModelDiagnostic> Diagnostics);
