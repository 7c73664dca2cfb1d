using Orkestra.Devkit.Validation;
using Orkestra.Diagnostics;

namespace Orkestra.Devkit.Tests;

/// <summary>
/// <c>ork validate</c> on every upstream Orkestra document in the shared corpus: the self-contained ones are valid
/// (older layouts pass with warnings); the ones whose referenced files upstream never published fail, and for
/// exactly the reason the corpus README lists.
/// </summary>
public class CorpusValidationTests
{
    // Known gaps (shared/corpus/upstream/README.md, "Known gaps and inconsistencies"): file → the error it must give.
    private static readonly Dictionary<string, string> KnownGaps = new(StringComparer.Ordinal)
    {
        ["examples/intermediate/08-state-machine/motif-katalog.yaml"] = "ORK008", // ./motif/admission.yaml is missing
        ["examples/intermediate/09-notes/01-built-in/katalog.yaml"] = "ORK008", // crFiles ./cr.yaml is missing
        ["examples/intermediate/09-notes/01-built-in/simulate.yaml"] = "ORK008",
        ["examples/intermediate/09-notes/01-built-in/e2e.yaml"] = "ORK008",
        ["examples/use-cases/full-stack-app/06-full-stack/katalog.yaml"] = "ORK033", // depends on a commented-out CRD
        ["registry-guide/02-katalog-api/simulate.yaml"] = "ORK008", // cr.yaml is missing
        ["registry-guide/09-deprecation/katalog.yaml"] = "ORK008", // crd-v1.yaml is missing
        ["registry-guide/10-hooks-katalog/simulate.yaml"] = "ORK008", // cr.yaml is missing
        ["registry-guide/12-ork-action/database-operator/e2e.yaml"] = "ORK008", // cr.yaml is missing
    };

    private static readonly string[] OrkestraKinds = { "kind: Katalog", "kind: Motif", "kind: Komposer", "kind: Simulate", "kind: E2E" };

    public static TheoryData<string> UpstreamDocuments()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(Repository.Corpus, "upstream");
        if (!Directory.Exists(root))
        {
            data.Add("(corpus absent)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                     .Where(f => File.ReadLines(f).Any(l => OrkestraKinds.Contains(l.TrimEnd())))
                     .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(UpstreamDocuments))]
    public void Upstream_document_validates_or_fails_only_for_its_known_gap(string relativePath)
    {
        var report = Validator.Validate([Path.Combine(Repository.Corpus, "upstream", relativePath)]);
        var errors = report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var all = string.Join(Environment.NewLine, report.Diagnostics);

        Assert.DoesNotContain(report.Diagnostics, d => d.Id == "ORK900");
        if (KnownGaps.TryGetValue(relativePath, out var expected))
        {
            Assert.True(errors.Count > 0, "expected the known gap to be reported:" + Environment.NewLine + all);
            Assert.All(errors, e => Assert.Equal(expected, e.Id));
        }
        else
        {
            Assert.True(errors.Count == 0, all);
            Assert.NotEmpty(report.Summary);
        }
    }

    // Checked templates (ORK110, ORK111) find real mistakes in upstream's documents: templates reading fields their
    // CRD does not declare (the API server prunes them, so the templates always read nothing). Every other document
    // checks clean.
    private static readonly Dictionary<string, string[]> KnownTemplateMistakes = new(StringComparer.Ordinal)
    {
        // The CRD's spec declares only image; the templates read .spec.replicas and .spec.port.
        ["examples/beginner/01-hello-website/katalog.yaml"] =
        [
            "36,34 ORK110 spec.crds.website.operatorBox.reconcile.onCreate.deployments[0].replicas",
            "37,30 ORK110 spec.crds.website.operatorBox.reconcile.onCreate.deployments[0].port",
            "43,36 ORK110 spec.crds.website.operatorBox.reconcile.onCreate.services[0].targetPort",
        ],

        // .spec.storageClass for the CRD's storageClassName.
        ["pkg/note/fixture/katalog-pvc.yaml"] = ["32,42 ORK110 spec.crds.pvc-probe.operatorBox.reconcile.onCreate.persistentVolumeClaims[0].storageClassName"],
    };

    [CorpusTheory]
    [MemberData(nameof(UpstreamDocuments))]
    public void Upstream_templates_check_clean_but_for_their_known_mistakes(string relativePath)
    {
        var report = Validator.Validate([Path.Combine(Repository.Corpus, "upstream", relativePath)]);
        var found = report.Diagnostics
            .Where(d => d.Id is "ORK110" or "ORK111")
            .Select(d => $"{d.Location.Line},{d.Location.Column} {d.Id} {d.Message[..d.Message.IndexOf(": ", StringComparison.Ordinal)]}")
            .ToList();

        Assert.Equal(KnownTemplateMistakes.TryGetValue(relativePath, out var expected) ? expected : [], found);
    }

    [CorpusTheory]
    [InlineData("examples/beginner/02-website-with-service/katalog.yaml")]
    public void Konductor_v1Alpha_katalog_with_list_form_crds_passes_with_warnings(string relativePath)
    {
        var report = Validator.Validate([Path.Combine(Repository.Corpus, "upstream", relativePath)]);

        Assert.False(report.HasErrors, string.Join(Environment.NewLine, report.Diagnostics));
        Assert.Contains(report.Diagnostics, d => d.Id == "ORK013");
        Assert.Contains(report.Diagnostics, d => d.Id == "ORK021" && d.Message.Contains("list of {name", StringComparison.Ordinal));
        Assert.Contains("1 CRDs valid (0 built-in, 1 custom)", report.Summary);
    }

    [CorpusTheory]
    [InlineData("examples/intermediate/06-komposer-basic/komposer.yaml", "2 CRDs valid (1 built-in, 1 custom)")]
    [InlineData("examples/advanced/17-apitype-override/komposer.yaml", "1 CRDs valid (0 built-in, 1 custom)")]
    public void Komposer_merges_its_katalogs(string relativePath, string summary)
    {
        var report = Validator.Validate([Path.Combine(Repository.Corpus, "upstream", relativePath)]);

        Assert.False(report.HasErrors, string.Join(Environment.NewLine, report.Diagnostics));
        Assert.Contains(summary, report.Summary);
    }
}
