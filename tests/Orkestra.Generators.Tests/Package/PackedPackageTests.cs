using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Orkestra.Generators.Tests.Package;

/// <summary>
/// The packed Orkestra.Sdk, used the way a user does: its layout, and consumer projects built against it. Slow (one
/// pack for the class, then a restore and a build per consumer).
/// </summary>
public sealed partial class PackedPackageTests(PackedPackageFixture package, ITestOutputHelper output) : IClassFixture<PackedPackageFixture>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public void The_package_carries_the_generator_with_yamldotnet_and_the_props()
    {
        using var zip = ZipFile.OpenRead(package.Nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"packed {package.Version} in {package.PackDuration.TotalSeconds:F0} s: {string.Join(", ", entries.Order(StringComparer.Ordinal))}");

        Assert.Contains("analyzers/dotnet/cs/Orkestra.Sdk.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
        Assert.Contains("build/Orkestra.Sdk.props", entries);
        Assert.Contains("buildTransitive/Orkestra.Sdk.props", entries);
        Assert.Contains("lib/net10.0/Orkestra.Sdk.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));
    }

    [Fact]
    public void The_nuspec_depends_on_the_sdks_dependencies_but_not_on_the_generator()
    {
        using var zip = ZipFile.OpenRead(package.Nupkg);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var dependencies = XDocument.Load(stream)
            .Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!)
            .ToList();

        Assert.DoesNotContain(dependencies, id => id.Contains("Generators", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("YamlDotNet", dependencies);
        Assert.Contains("Microsoft.Extensions.DependencyInjection.Abstractions", dependencies);
        Assert.Contains("Microsoft.Extensions.Logging.Abstractions", dependencies);
    }

    [Fact]
    public async Task A_consumer_with_a_katalog_and_its_crd_builds_and_the_props_reach_the_generator()
    {
        var consumer = package.CreateConsumer("clean");
        // Ignored: node_modules is excluded from the automatic set (this katalog would fail with ORK001 otherwise).
        Directory.CreateDirectory(Path.Combine(consumer, "node_modules", "tool"));
        File.WriteAllText(Path.Combine(consumer, "node_modules", "tool", "katalog.yaml"), "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: [\n");

        var build = await BuildLoggedAsync(consumer);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("ORK", build.Output, StringComparison.Ordinal);
        var editorConfig = Directory.GetFiles(Path.Combine(consumer, "obj"), "*.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories).Single();
        Assert.Contains("build_property.OrkestraModelsNamespace = Shop.Operator", File.ReadAllText(editorConfig), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_resolves_its_hook_through_AddGeneratedHooks_and_calls_it_with_a_cr_read_from_yaml()
    {
        var consumer = package.CreateConsumer("hooks");
        var build = await BuildLoggedAsync(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());

        var dll = Directory.GetFiles(Path.Combine(consumer, "bin"), "Consumer.dll", SearchOption.AllDirectories).Single();
        var run = await ProcessRunner.RunAsync("dotnet", [dll], Path.GetDirectoryName(dll)!, package.ChildEnvironment, TimeSpan.FromMinutes(2));
        output.WriteLine(run.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("hooks: website -> Shop.Operator.ShopHooks (Reconcile) for Shop.Operator.Website", run.Output, StringComparison.Ordinal);
        Assert.Contains("result: Done", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"status\":{\"phase\":\"Running 3 x nginx:1.27\"}", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_whose_katalog_names_a_missing_crdFile_fails_at_the_crdFile_line()
    {
        var consumer = package.CreateConsumer("missing-crd");
        var katalogPath = Path.Combine(consumer, "katalog.yaml");
        var katalog = File.ReadAllText(katalogPath).Replace("./crd.yaml", "./crds/missing.yaml", StringComparison.Ordinal);
        File.WriteAllText(katalogPath, katalog);
        var crdFileLine = katalog.Split('\n').ToList().FindIndex(l => l.Contains("crdFile:", StringComparison.Ordinal)) + 1;

        var build = await BuildLoggedAsync(consumer);

        Assert.NotEqual(0, build.ExitCode);
        var match = LocatedError().Match(build.Output);
        Assert.True(match.Success, "no located ORK039/ORK008 error: " + build);
        Assert.Equal(crdFileLine.ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups["line"].Value);
        Assert.Contains("./crds/missing.yaml", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrkestraYaml_items_narrow_the_files_the_generator_sees()
    {
        var consumer = package.CreateConsumer("narrowed");
        var project = Path.Combine(consumer, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", "  <ItemGroup>\n    <OrkestraYaml Include=\"katalog.yaml\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));

        var build = await BuildLoggedAsync(consumer);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("katalog.yaml(8,16): error ORK039: crdFile './crd.yaml' resolves to '", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_OrkestraStrictTemplates_a_template_path_the_crd_lacks_fails_the_build_at_its_line()
    {
        var consumer = package.CreateConsumer("strict-templates");
        var project = Path.Combine(consumer, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", "  <PropertyGroup>\n    <OrkestraStrictTemplates>true</OrkestraStrictTemplates>\n  </PropertyGroup>\n</Project>", StringComparison.Ordinal));
        var katalogPath = Path.Combine(consumer, "katalog.yaml");
        File.WriteAllText(katalogPath, File.ReadAllText(katalogPath) + "          onReconcile:\n            configMaps:\n              - name: \"{{ .metadata.name }}\"\n                data: {image: \"{{ .spec.imag }}\"}\n");

        var build = await BuildLoggedAsync(consumer);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("katalog.yaml(16,40): error ORK110: ", build.Output, StringComparison.Ordinal);
        Assert.Contains("did you mean '.spec.image'?", build.Output, StringComparison.Ordinal);
    }

    private async Task<ProcessResult> BuildLoggedAsync(string consumer)
    {
        var started = DateTime.UtcNow;
        var build = await package.BuildAsync(consumer, BuildTimeout);
        output.WriteLine($"pack: {package.PackDuration.TotalSeconds:F0} s; build of {Path.GetFileName(consumer)}: {(DateTime.UtcNow - started).TotalSeconds:F0} s, exit {build.ExitCode}");
        return build;
    }

    [GeneratedRegex(@"katalog\.yaml\((?<line>\d+),(?<column>\d+)\): error ORK0(39|08):")]
    private static partial Regex LocatedError();
}
