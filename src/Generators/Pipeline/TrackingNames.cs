namespace Orkestra.Generators.Pipeline;

/// <summary>
/// The names of the generator's pipeline steps, so tests can check that each step is served from the cache
/// (<c>GeneratorRunResult.TrackedSteps</c>).
/// </summary>
public static class TrackingNames
{
    /// <summary>Every <c>*.yaml</c>/<c>*.yml</c> additional text, read and sniffed; CRD files parsed (each once per edit).</summary>
    public const string YamlFiles = "Orkestra.YamlFiles";

    /// <summary>The files whose sniff found <c>kind: Katalog</c>.</summary>
    public const string Katalogs = "Orkestra.Katalogs";

    /// <summary>The files whose sniff found <c>kind: CustomResourceDefinition</c>.</summary>
    public const string Crds = "Orkestra.Crds";

    /// <summary>All YAML texts of the project, by path: what the loader may read when it resolves references.</summary>
    public const string ProjectYaml = "Orkestra.ProjectYaml";

    /// <summary>Each katalog loaded with the shared document loader, with its diagnostics.</summary>
    public const string LoadedKatalogs = "Orkestra.LoadedKatalogs";

    /// <summary>The diagnostics of every katalog, without duplicates.</summary>
    public const string Diagnostics = "Orkestra.Diagnostics";

    /// <summary>The <c>OrkestraModelsNamespace</c> build property.</summary>
    public const string ModelsNamespace = "Orkestra.ModelsNamespace";

    /// <summary>The (group, kind) of each CRD file's CustomResourceDefinitions.</summary>
    public const string CrdKinds = "Orkestra.CrdKinds";

    /// <summary>The class names of kinds the project has in several groups.</summary>
    public const string KindNames = "Orkestra.KindNames";

    /// <summary>Each CRD file with the namespace its models go to: the input of model emission.</summary>
    public const string ModelInputs = "Orkestra.ModelInputs";

    /// <summary>Each class marked <c>[KatalogHooks]</c>, as plain data.</summary>
    public const string HookClasses = "Orkestra.HookClasses";
}
