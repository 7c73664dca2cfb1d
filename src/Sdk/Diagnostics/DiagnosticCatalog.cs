namespace Orkestra.Diagnostics;

/// <summary>
/// Every diagnostic the SDK reports, in one place. IDs are stable and grouped by area:
/// ORK0xx katalog files (YAML, structure, semantics), ORK1xx CRD schema checks, ORK2xx hooks and user code,
/// ORK9xx internal. Each ID has a page in <c>docs/diagnostics/</c>.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
static class DiagnosticCatalog
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;
    private const DiagnosticSeverity Info = DiagnosticSeverity.Info;

    // ORK001-ORK009: reading the file.

    /// <summary>ORK001: the text is not valid YAML.</summary>
    public static readonly DiagnosticRule YamlSyntax = new("ORK001", Error, "YAML syntax error", "{0}");

    /// <summary>ORK002: a tab is used for indentation.</summary>
    public static readonly DiagnosticRule TabIndentation = new("ORK002", Error, "Tab used for indentation",
        "a tab character is used for indentation; YAML allows only spaces here: replace the tab with spaces");

    /// <summary>ORK003: the file holds no document.</summary>
    public static readonly DiagnosticRule EmptyDocument = new("ORK003", Error, "Empty document",
        "the file contains no YAML document; expected an Orkestra document with apiVersion and kind");

    /// <summary>ORK004: the file is not text.</summary>
    public static readonly DiagnosticRule NotText = new("ORK004", Error, "Not a text file",
        "the file is not UTF-8 text ({0}); expected a YAML document");

    /// <summary>ORK005: a resource limit of the reader was hit.</summary>
    public static readonly DiagnosticRule LimitExceeded = new("ORK005", Error, "Document too large or too deep",
        "{0}");

    /// <summary>ORK006: a mapping has the same key twice.</summary>
    public static readonly DiagnosticRule DuplicateKey = new("ORK006", Error, "Duplicate key",
        "key '{0}' is already defined at line {1}; remove one of the two");

    /// <summary>ORK007: an alias names an anchor that was never defined.</summary>
    public static readonly DiagnosticRule UnknownAnchor = new("ORK007", Error, "Unknown alias",
        "alias '*{0}' refers to no anchor defined before it; define '&{0}' first or remove the alias");

    /// <summary>ORK008: a file that a document references cannot be read.</summary>
    public static readonly DiagnosticRule FileNotFound = new("ORK008", Error, "File not found",
        "{0} '{1}' does not exist (resolved to '{2}'); fix the path, which is relative to the file that names it");

    // ORK010-ORK019: the document envelope.

    /// <summary>ORK010: the document has no apiVersion or kind, or the top level is not a mapping.</summary>
    public static readonly DiagnosticRule NotAnOrkestraDocument = new("ORK010", Error, "Not an Orkestra document",
        "{0}");

    /// <summary>ORK011: the kind is not one Orkestra knows.</summary>
    public static readonly DiagnosticRule UnknownKind = new("ORK011", Error, "Unknown kind",
        "kind '{0}' is not an Orkestra document kind; expected one of Katalog, Motif, Komposer, Simulate, E2E{1}");

    /// <summary>ORK012: the apiVersion is not one Orkestra knows.</summary>
    public static readonly DiagnosticRule UnknownApiVersion = new("ORK012", Error, "Unknown apiVersion",
        "apiVersion '{0}' is not supported; use 'orkestra.orkspace.io/v1'");

    /// <summary>ORK013: the older apiVersion is used.</summary>
    public static readonly DiagnosticRule DeprecatedApiVersion = new("ORK013", Warning, "Deprecated apiVersion",
        "apiVersion 'orkestra.konductor.io/v1Alpha' is deprecated; use 'orkestra.orkspace.io/v1'");

    // ORK020-ORK029: structure.

    /// <summary>ORK020: a key the schema does not know.</summary>
    public static readonly DiagnosticRule UnknownKey = new("ORK020", Warning, "Unknown key",
        "unknown key '{0}' in {1} is ignored; {2}");

    /// <summary>ORK021: an older spelling that has a newer name.</summary>
    public static readonly DiagnosticRule DeprecatedKey = new("ORK021", Warning, "Older spelling",
        "{0} is an older spelling; write {1}");

    /// <summary>ORK022: a block this implementation keeps but does not act on yet.</summary>
    public static readonly DiagnosticRule NotActedOn = new("ORK022", Info, "Block not acted on yet",
        "'{0}' is kept but not acted on by this version of Orkestra.Sdk yet");

    /// <summary>ORK023: a value of the wrong YAML type.</summary>
    public static readonly DiagnosticRule WrongType = new("ORK023", Error, "Wrong type",
        "{0} must be {1}, but is {2}");

    /// <summary>ORK024: a required field is missing.</summary>
    public static readonly DiagnosticRule MissingField = new("ORK024", Error, "Missing required field",
        "{0} is missing required field '{1}'{2}");

    /// <summary>ORK025: a value outside the allowed set or form.</summary>
    public static readonly DiagnosticRule InvalidValue = new("ORK025", Error, "Invalid value",
        "{0} has invalid value '{1}'; {2}");

    /// <summary>ORK026: a duration that does not parse.</summary>
    public static readonly DiagnosticRule InvalidDuration = new("ORK026", Error, "Invalid duration",
        "{0} has invalid duration '{1}'; write a duration such as {2}");

    /// <summary>ORK027: a date that does not parse, or a timeline that runs backwards.</summary>
    public static readonly DiagnosticRule InvalidDate = new("ORK027", Error, "Invalid date",
        "{0}");

    /// <summary>ORK028: two entries that must be unique.</summary>
    public static readonly DiagnosticRule DuplicateEntry = new("ORK028", Error, "Duplicate entry",
        "{0}");

    /// <summary>ORK029: a key upstream documents that has no effect in this implementation.</summary>
    public static readonly DiagnosticRule KeyWithoutEffect = new("ORK029", Warning, "Key has no effect",
        "'{0}' has no effect here: {1}");

    // ORK030-ORK039: CRD entries.

    /// <summary>ORK030: two CRD entries serve the same group, version and kind.</summary>
    public static readonly DiagnosticRule DuplicateGvk = new("ORK030", Error, "Duplicate group/version/kind",
        "CRD '{0}' declares {1}, which CRD '{2}' at line {3} already declares; each CRD entry needs its own kind");

    /// <summary>ORK031: two sources of a Komposer declare the same CRD name.</summary>
    public static readonly DiagnosticRule DuplicateCrdName = new("ORK031", Error, "Duplicate CRD name",
        "CRD '{0}' is declared by {1} and by {2}; rename one, or import only one of them");

    /// <summary>ORK032: a Komposer override names a CRD that no source declares.</summary>
    public static readonly DiagnosticRule OverrideWithoutSource = new("ORK032", Error, "Override of an unknown CRD",
        "spec.crds.{0} overrides a CRD that no imported katalog declares{1}");

    /// <summary>ORK033: dependsOn names a CRD that does not exist.</summary>
    public static readonly DiagnosticRule UnknownDependency = new("ORK033", Error, "Unknown dependency",
        "CRD '{0}' depends on '{1}', which no CRD entry declares{2}");

    /// <summary>ORK034: dependsOn forms a cycle.</summary>
    public static readonly DiagnosticRule DependencyCycle = new("ORK034", Error, "Dependency cycle",
        "dependsOn forms a cycle: {0}; remove one of these dependencies");

    /// <summary>ORK035: crdFile does not hold a CustomResourceDefinition.</summary>
    public static readonly DiagnosticRule InvalidCrdFile = new("ORK035", Error, "Invalid crdFile",
        "crdFile '{0}' {1}");

    /// <summary>ORK036: apiTypes disagrees with the CRD in crdFile.</summary>
    public static readonly DiagnosticRule ApiTypesMismatch = new("ORK036", Error, "apiTypes disagrees with crdFile",
        "apiTypes.{0} is '{1}', but crdFile '{2}' declares '{3}'; make them agree or omit apiTypes.{0}");

    /// <summary>ORK037: neither apiTypes nor crdFile says which kind the entry serves.</summary>
    public static readonly DiagnosticRule MissingApiTypes = new("ORK037", Error, "Kind not declared",
        "CRD '{0}' declares neither apiTypes nor crdFile; add apiTypes {{group, version, kind, plural}} or a crdFile");

    /// <summary>ORK038: the deprecation timeline says the katalog is past its end of life, or near it.</summary>
    public static readonly DiagnosticRule Deprecated = new("ORK038", Warning, "Katalog deprecated",
        "{0}");

    /// <summary>ORK039: at build time, a katalog's crdFile is not among the project's YAML files (the generator's only files).</summary>
    public static readonly DiagnosticRule CrdFileNotInProject = new("ORK039", Error, "crdFile not in the project",
        "crdFile '{0}' resolves to '{1}', which is not one of the project's YAML files; add it to the project (the Orkestra.Sdk package includes *.yaml and *.yml files outside bin and obj), or narrow or widen the set with <OrkestraYaml Include=\"…\" />");

    // ORK040-ORK049: motifs and imports.

    /// <summary>ORK040: a motif import misses a required input.</summary>
    public static readonly DiagnosticRule MissingMotifInput = new("ORK040", Error, "Missing motif input",
        "motif '{0}' requires input '{1}'; add it under with:");

    /// <summary>ORK041: a motif import passes an input the motif does not declare.</summary>
    public static readonly DiagnosticRule UnknownMotifInput = new("ORK041", Error, "Unknown motif input",
        "motif '{0}' has no input '{1}' (its inputs: {3}){2}");

    /// <summary>ORK042: motifs import each other in a cycle.</summary>
    public static readonly DiagnosticRule ImportCycle = new("ORK042", Error, "Import cycle",
        "imports form a cycle: {0}");

    /// <summary>ORK043: an import of a remote artifact, which this command does not fetch.</summary>
    public static readonly DiagnosticRule RemoteImport = new("ORK043", Info, "Remote import not resolved",
        "{0} '{1}' is a remote reference; it is not fetched by this command, so what it declares is not checked");

    /// <summary>ORK044: an imported file is not of the expected kind.</summary>
    public static readonly DiagnosticRule WrongImportKind = new("ORK044", Error, "Wrong kind of import",
        "'{0}' is a {1}, but {2} expects a {3}");

    /// <summary>ORK045: two motifs define the same thing.</summary>
    public static readonly DiagnosticRule MotifClash = new("ORK045", Error, "Motif clash",
        "{0}");

    // ORK050-ORK059: Simulate and E2E documents.

    /// <summary>ORK050: a Simulate or E2E document has an invalid step.</summary>
    public static readonly DiagnosticRule InvalidTestStep = new("ORK050", Error, "Invalid test step",
        "{0}");

    // ORK060-ORK069: templates.

    /// <summary>ORK060: a template field that does not parse.</summary>
    public static readonly DiagnosticRule TemplateSyntax = new("ORK060", Error, "Template does not parse",
        "{0} is not a valid template: {1} (template line {2}, column {3})");

    /// <summary>ORK061: a user note has the name of a built-in note.</summary>
    public static readonly DiagnosticRule NoteShadowsBuiltin = new("ORK061", Warning, "Note shadows a built-in",
        "note '{0}' has the name of a built-in note, which it replaces in this katalog; rename it, or add shadow: true if that is intended");

    // ORK070-ORK079: resource templates.

    /// <summary>ORK070: a resource key upstream accepts as a placeholder and ignores.</summary>
    public static readonly DiagnosticRule PlaceholderResourceKey = new("ORK070", Info, "Placeholder resource key",
        "'{0}' is a resource key upstream Orkestra accepts as a placeholder and ignores; its items are not rendered. Declare the objects under 'custom' (apiVersion, kind, metadata, spec) to have them applied");

    // ORK100-ORK199: CRD schemas: mapped to C# models (the source generator), and the paths templates read.

    /// <summary>ORK101: a model property was renamed because its name was taken in its class.</summary>
    public static readonly DiagnosticRule ModelPropertyRenamed = new("ORK101", Info, "Model property renamed", "{0}");

    /// <summary>ORK102: a model type was renamed because another schema produced the same name.</summary>
    public static readonly DiagnosticRule ModelTypeRenamed = new("ORK102", Info, "Model type renamed", "{0}");

    /// <summary>ORK103: a CustomResourceDefinition lacks what a model needs; nothing is generated for it.</summary>
    public static readonly DiagnosticRule IncompleteCrd = new("ORK103", Warning, "CRD without models", "{0}");

    /// <summary>ORK104: a schema type that is not an OpenAPI type; the property is mapped to JsonNode.</summary>
    public static readonly DiagnosticRule UnknownSchemaType = new("ORK104", Info, "Unknown schema type", "{0}");

    /// <summary>ORK110: a template reads a path of the CR that its CRD's schema does not have.</summary>
    public static readonly DiagnosticRule TemplatePathNotInSchema = new("ORK110", Warning, "Template path not in the CRD schema", "{0}: {1}");

    /// <summary>ORK111: a template calls a Notes function with the wrong number of arguments.</summary>
    public static readonly DiagnosticRule TemplateArgumentCount = new("ORK111", Warning, "Wrong number of arguments", "{0}: {1}");

    // ORK200-ORK299: typed hooks and user code.

    /// <summary>ORK201: a class marked [KatalogHooks] that the runtime cannot use.</summary>
    public static readonly DiagnosticRule InvalidHookClass = new("ORK201", Error, "Invalid hooks class", "{0}");

    /// <summary>ORK202: two hooks classes for one CRD.</summary>
    public static readonly DiagnosticRule DuplicateHookClass = new("ORK202", Error, "Two hooks classes for one CRD", "{0}");

    /// <summary>ORK203: a class marked [KatalogHooks] for a CRD key no katalog of the project declares.</summary>
    public static readonly DiagnosticRule HooksForUnknownCrd = new("ORK203", Warning, "Hooks for an unknown CRD",
        "{0} is marked [KatalogHooks(\"{1}\")], but no katalog of the project declares the CRD '{1}', so the runtime will not call it{2}");

    /// <summary>ORK204: a katalog's hooks.class that no marked class of the project matches.</summary>
    public static readonly DiagnosticRule HooksClassNotFound = new("ORK204", Error, "Hooks class not found",
        "hooks.class '{0}' of the CRD '{1}' is not a class of this project marked [KatalogHooks(\"{1}\")]; write the class's full name, and mark the class");

    /// <summary>ORK205: a hooks class whose resource type is not the generated model of its CRD.</summary>
    public static readonly DiagnosticRule HookResourceNotModel = new("ORK205", Error, "Hook resource is not the CRD's model",
        "{0} is the hooks class of the CRD '{1}', whose model is {2} (generated from its {3} CRD), but its hooks take {4}; implement the hooks with T = {2}");

    // ORK9xx: internal.

    /// <summary>ORK900: an unexpected failure inside the reader; please report it.</summary>
    public static readonly DiagnosticRule InternalError = new("ORK900", Error, "Internal error",
        "internal error while reading the document: {0}; please report this with the file");

    /// <summary>The checked-template warnings, which <c>ork validate --strict-templates</c> and the MSBuild property <c>OrkestraStrictTemplates</c> make errors.</summary>
    public static readonly DiagnosticRule[] CheckedTemplates = { TemplatePathNotInSchema, TemplateArgumentCount };

    /// <summary>Every rule, in ID order.</summary>
    public static readonly DiagnosticRule[] All =
    {
        YamlSyntax, TabIndentation, EmptyDocument, NotText, LimitExceeded, DuplicateKey, UnknownAnchor, FileNotFound,
        NotAnOrkestraDocument, UnknownKind, UnknownApiVersion, DeprecatedApiVersion,
        UnknownKey, DeprecatedKey, NotActedOn, WrongType, MissingField, InvalidValue, InvalidDuration, InvalidDate, DuplicateEntry, KeyWithoutEffect,
        DuplicateGvk, DuplicateCrdName, OverrideWithoutSource, UnknownDependency, DependencyCycle, InvalidCrdFile,
        ApiTypesMismatch, MissingApiTypes, Deprecated, CrdFileNotInProject,
        MissingMotifInput, UnknownMotifInput, ImportCycle, RemoteImport, WrongImportKind, MotifClash,
        InvalidTestStep,
        TemplateSyntax,
        NoteShadowsBuiltin,
        PlaceholderResourceKey,
        ModelPropertyRenamed, ModelTypeRenamed, IncompleteCrd, UnknownSchemaType, TemplatePathNotInSchema, TemplateArgumentCount,
        InvalidHookClass, DuplicateHookClass, HooksForUnknownCrd, HooksClassNotFound, HookResourceNotModel,
        InternalError,
    };
}
