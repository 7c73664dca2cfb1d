using System.Text;
using Orkestra.Katalogs.Model;

namespace Orkestra.Sdk.Tests.BadInput;

/// <summary>
/// Bad input that is not committed as a file: binary bytes, a 10 MB document, very deep nesting, alias fan-out.
/// Each is generated here, loaded with a time limit, and checked for its diagnostic and for bounded cost.
/// </summary>
public sealed class GeneratedBadInputTests : IDisposable
{
    private const string Header = "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata:\n  name: generated\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orkestra-bad-input-" + Guid.NewGuid().ToString("N"));

    public GeneratedBadInputTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Nul_bytes_are_not_text()
    {
        var path = Write("nul.yaml", Encoding.UTF8.GetBytes(Header + "spec:\n  crds: {}\n  \0\0\x01\x02"));

        var outcome = BadInputHarness.Load(path);

        outcome.Expect("ORK004", 7, 3, messageContains: "it contains NUL bytes");
    }

    [Fact]
    public void Invalid_utf8_is_not_text()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "  description: caf").Concat(new byte[] { 0xC3, 0x28, 0xFF, (byte)'\n' }).ToArray();
        var path = Write("latin1.yaml", bytes);

        var outcome = BadInputHarness.Load(path);

        outcome.Expect("ORK004", 5, 19, messageContains: "not valid UTF-8");
    }

    [Fact]
    public void Binary_garbage_is_not_text()
    {
        var bytes = new byte[64 * 1024];
        new Random(20260101).NextBytes(bytes);
        var path = Write("garbage.yaml", bytes);

        var outcome = BadInputHarness.Load(path);

        Assert.True(outcome.Diagnostics.Any(d => d.Id == "ORK004"), "expected ORK004 for binary garbage:" + Environment.NewLine + outcome.Dump());
    }

    public static TheoryData<string> HugeDocuments => new() { "status-fields", "data-map" };

    [Theory]
    [MemberData(nameof(HugeDocuments))]
    public void A_10_MB_document_loads_validates_and_finishes_quickly(string shape)
    {
        var text = new StringBuilder(Header);
        text.Append("spec:\n  crds:\n    website:\n      apiTypes: {group: demo.orkestra.io, version: v1, kind: Website, plural: websites}\n      operatorBox:\n");
        var count = 0;
        if (shape == "status-fields")
        {
            text.Append("        emit:\n          status:\n            fields:\n");
            while (text.Length < 10 * 1024 * 1024)
            {
                text.Append("              - path: field").Append(count++).Append("\n                value: \"{{ .spec.value }}\"\n");
            }
        }
        else
        {
            text.Append("        reconcile:\n          onReconcile:\n            configMaps:\n              - name: big\n                data:\n");
            while (text.Length < 10 * 1024 * 1024)
            {
                text.Append("                  key").Append(count++).Append(": \"some configuration value of moderate length\"\n");
            }
        }

        var path = Path.Combine(_folder, shape + ".yaml");
        var outcome = BadInputHarness.Load(path, new BadInputHarness.MemoryHost().Add(path, text.ToString()));

        Assert.True(outcome.Diagnostics.Count == 0, "the 10 MB document should be valid:" + Environment.NewLine + outcome.Dump());
        var katalog = Assert.IsType<KatalogDocument>(Assert.Single(outcome.Result.Documents));
        Assert.Equal("website", Assert.Single(katalog.Crds).Name);
        // A guard against pathological (quadratic) loading, not a speed target: BENCHMARKS.md has the figures.
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(60), $"the 10 MB document ({count:N0} items) took {outcome.Elapsed.TotalSeconds:N1}s");
    }

    [Fact]
    public void Flow_sequences_nested_10000_deep_stop_at_the_depth_limit()
    {
        const int depth = 10_000;
        var text = Header + "  tags: " + new string('[', depth) + new string(']', depth) + "\nspec:\n  crds: {}\n";
        var path = Path.Combine(_folder, "deep-flow.yaml");

        var outcome = BadInputHarness.Load(path, new BadInputHarness.MemoryHost().Add(path, text));

        // The root and metadata mappings are two levels; the sequence that would be one level too deep fails.
        outcome.Expect("ORK005", 5, "  tags: ".Length + BadInputHarness.MaxDepth - 1, messageContains: "nests deeper than 200 levels");
        Assert.True(outcome.AllocatedBytes < 16L * 1024 * 1024, $"allocated {outcome.AllocatedBytes / (1024 * 1024)} MB");
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(5), $"took {outcome.Elapsed.TotalSeconds:N1}s");
    }

    [Fact]
    public void Flow_mappings_nested_10000_deep_stop_at_the_depth_limit()
    {
        const int depth = 10_000;
        var nested = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            nested.Append("{a: ");
        }

        nested.Append('x').Append('}', depth);
        var text = Header + "notification: " + nested + "\nspec:\n  crds: {}\n";
        var path = Path.Combine(_folder, "deep-flow-mapping.yaml");

        var outcome = BadInputHarness.Load(path, new BadInputHarness.MemoryHost().Add(path, text));

        outcome.Expect("ORK005", 5, "notification: ".Length + ((BadInputHarness.MaxDepth - 1) * "{a: ".Length) + 1);
    }

    [Fact]
    public void Block_mappings_nested_1000_deep_stop_at_the_depth_limit()
    {
        var text = new StringBuilder(Header);
        for (var level = 0; level < 1000; level++)
        {
            text.Append(' ', 2 * level).Append(level == 0 ? "notification:" : "k:").Append('\n');
        }

        var path = Path.Combine(_folder, "deep-block.yaml");

        var outcome = BadInputHarness.Load(path, new BadInputHarness.MemoryHost().Add(path, text.ToString()));

        // notification's value is level 2 at line 6, column 3; each line one level deeper and two columns further.
        var failing = BadInputHarness.MaxDepth + 1;
        outcome.Expect("ORK005", failing + 4, (2 * failing) - 1, messageContains: "flatten it");
    }

    [Fact]
    public void Block_sequences_nested_10000_deep_on_one_line_stop_at_the_depth_limit()
    {
        var text = new StringBuilder();
        for (var level = 0; level < 10_000; level++)
        {
            text.Append("- ");
        }

        text.Append("x\n");
        var path = Path.Combine(_folder, "deep-dashes.yaml");

        var outcome = BadInputHarness.Load(path, new BadInputHarness.MemoryHost().Add(path, text.ToString()));

        outcome.Expect("ORK005", 1, (2 * BadInputHarness.MaxDepth) + 1);
    }

    [Fact]
    public void Aliases_fanned_out_under_the_node_limit_are_checked_once()
    {
        // 900 deployments that are the same aliased node, each with 900 conditions that are the same aliased node with
        // an unknown key: about 4 million nodes once expanded, just under the reader's limit. Checking every copy would
        // report the same unknown key 810,000 times.
        const int width = 900;
        var text = new StringBuilder(Header);
        text.Append("notification:\n  condition: &c {fieldd: spec.enabled, equals: \"true\"}\n");
        text.Append("  deployment: &d {name: web, image: nginx, when: [").Append(string.Join(", ", Enumerable.Repeat("*c", width))).Append("]}\n");
        text.Append("spec:\n  crds:\n    website:\n      apiTypes: {group: demo.orkestra.io, version: v1, kind: Website, plural: websites}\n");
        text.Append("      operatorBox:\n        reconcile:\n          onCreate:\n            deployments: [").Append(string.Join(", ", Enumerable.Repeat("*d", width))).Append("]\n");
        var path = Path.Combine(_folder, "fan-out.yaml");

        var outcome = BadInputHarness.Load(path, new BadInputHarness.MemoryHost().Add(path, text.ToString()));

        outcome.Expect("ORK020", 6, 18, messageContains: "did you mean 'field'?");
        Assert.True(outcome.Diagnostics.Count < 10, $"{outcome.Diagnostics.Count:N0} diagnostics:{Environment.NewLine}{outcome.Dump()}");
        Assert.True(outcome.AllocatedBytes < 256L * 1024 * 1024, $"allocated {outcome.AllocatedBytes / (1024 * 1024)} MB");
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(5), $"took {outcome.Elapsed.TotalSeconds:N1}s");
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
