using Orkestra.Devkit.Templating;
using Orkestra.Diagnostics;
using Orkestra.Resources;

namespace Orkestra.Devkit.Tests;

/// <summary>
/// <c>ork template --cr</c> on every upstream example that ships a katalog and a CR (older layouts included), and on
/// examples/website: each renders without error, into the objects its katalog and README say it creates (first
/// reconcile: <c>onCreate</c>, then <c>onReconcile</c>). Examples whose resources all come from remote (OCI) motifs
/// render nothing, since remote imports are not fetched; the few upstream gaps (and fixtures the shared CR does not
/// fit) fail for exactly their known reason.
/// </summary>
public class TemplateCorpusTests
{
    public static TheoryData<string, string, string[]> UpstreamExamples() => new()
    {
        // examples/
        { "examples/beginner/01-hello-website/katalog.yaml", "cr.yaml", ["Deployment/hello", "Service/hello-svc"] },
        { "examples/beginner/02-website-with-service/katalog.yaml", "cr.yaml", ["Deployment/my-site", "Service/my-site-svc"] },
        { "examples/intermediate/04-multi-resource/katalog.yaml", "cr.yaml", ["Deployment/my-app", "Service/my-app-svc", "ConfigMap/my-app-config"] },
        { "examples/intermediate/05-when-conditions/katalog.yaml", "cr-free.yaml", ["Deployment/my-platform", "Service/my-platform-internal"] },
        { "examples/intermediate/05-when-conditions/conditional-reconciliation/katalog.yaml", "cr-app.yaml", ["Deployment/my-app"] },
        { "examples/intermediate/05-when-conditions/conditional-reconciliation/katalog.yaml", "cr-route.yaml", ["Service/my-route"] },
        { "examples/intermediate/06-komposer-basic/komposer.yaml", "cr.yaml", ["Deployment/composed-site-deployment", "Service/composed-site-svc"] },
        { "examples/intermediate/08-state-machine/katalog.yaml", "cr.yaml", ["Job/build-and-test-build", "Job/failing-pipeline-build"] },
        { "examples/intermediate/08-state-machine/include-katalog.yaml", "cr.yaml", ["Job/build-and-test-build", "Job/failing-pipeline-build"] },
        { "examples/intermediate/09-notes/03-motifs/katalog.yaml", "cr.yaml", ["Deployment/default-my-service"] },
        { "examples/intermediate/09-notes/03-motifs/katalog.yaml", "cr-default.yaml", ["Deployment/default-my-service-default"] },
        { "examples/security/admission/katalog.yaml", "cr-mutated.yaml", ["Deployment/minimal-platform-platform", "Service/minimal-platform-svc"] },
        { "examples/use-cases/full-stack-app/05-or/katalog.yaml", "cr.yaml", ["Deployment/my-flex-app"] },
        {
            "examples/use-cases/profiles/05-pdb/katalog.yaml", "../cr.yaml",
            ["Deployment/my-service-zero", "Deployment/my-service-rolling", "Deployment/my-service-relaxed",
             "PodDisruptionBudget/my-service-zero-pdb", "PodDisruptionBudget/my-service-rolling-pdb", "PodDisruptionBudget/my-service-relaxed-pdb"]
        },
        {
            "examples/use-cases/profiles/06-networkpolicy/katalog.yaml", "../cr.yaml",
            ["NetworkPolicy/my-service-deny-all", "NetworkPolicy/my-service-deny-ingress", "NetworkPolicy/my-service-deny-egress",
             "NetworkPolicy/my-service-allow-same-ns", "NetworkPolicy/my-service-allow-dns"]
        },
        { "examples/advanced/16-custom-resources/05-forEach-sharding/katalog.yaml", "cr.yaml", ["Shard/global-store-shard-eu", "Shard/global-store-shard-us", "Shard/global-store-shard-ap"] },
        {
            "examples/advanced/16-custom-resources/06-full-platform-composition/katalog.yaml", "cr-small.yaml",
            ["MessageQueue/dev-platform-mq", "ObjectStore/dev-platform-store", "SearchCluster/dev-platform-search"]
        },
        { "examples/advanced/17-apitype-override/komposer.yaml", "cr.yaml", ["StatefulSet/prod-db", "Service/prod-db-svc", "ConfigMap/prod-db-config"] },

        // registry-guide/: local motifs render; remote (oci://) motifs are not fetched, so their objects are absent.
        { "registry-guide/02-katalog-api/katalog.yaml", "cr-with-ingress.yaml", ["Deployment/my-webapp", "Service/my-webapp-svc", "Ingress/my-webapp-ingress"] },
        { "registry-guide/03-katalog-cache/katalog.yaml", "cr.yaml", ["Secret/my-cache-creds", "StatefulSet/my-cache", "Service/my-cache-headless", "Service/my-cache-svc"] },
        { "registry-guide/04-katalog-platform/katalog.yaml", "cr.yaml", [] },
        { "registry-guide/04-katalog-platform/katalog.yaml", "cr-denied.yaml", [] },
        { "registry-guide/07-upgrade/api-evolution/with-webhooks/katalog.yaml", "cr-v1.yaml", [] },
        { "registry-guide/07-upgrade/api-evolution/with-webhooks/katalog.yaml", "cr-v2.yaml", [] },
        { "registry-guide/07-upgrade/api-evolution/without-webhooks/katalog.yaml", "cr-port-string.yaml", [] },
        { "registry-guide/07-upgrade/api-evolution/without-webhooks/katalog.yaml", "cr-port-structured.yaml", [] },
        { "registry-guide/07-upgrade/implementation-evolution/02-api-team-upgrades/katalog.yaml", "cr.yaml", [] },
        { "registry-guide/12-ork-action/webapp-operator/katalog.yaml", "cr.yaml", [] },

        // pkg/note/fixture: the notes library's fixtures, one CR for several katalogs.
        { "pkg/note/fixture/katalog.yaml", "cr.yaml", ["Deployment/my-probe-app", "Service/my-probe-svc"] },
        { "pkg/note/fixture/katalog-job.yaml", "cr.yaml", ["Job/my-probe-probe"] },
        { "pkg/note/fixture/katalog-statefulset.yaml", "cr.yaml", ["StatefulSet/my-probe"] },
        { "pkg/note/fixture/katalog-pvc.yaml", "cr.yaml", ["PersistentVolumeClaim/my-probe-data"] },
    };

    // Upstream examples that cannot render as published (shared/corpus/upstream/README.md, "Known gaps"): the error each gives.
    public static TheoryData<string, string, string> KnownGaps() => new()
    {
        // crFiles: ./cr.yaml is missing upstream (only cr-default.yaml is published).
        { "examples/intermediate/09-notes/01-built-in/katalog.yaml", "cr-default.yaml", "ORK008" },

        // ./motif/admission.yaml is missing upstream.
        { "examples/intermediate/08-state-machine/motif-katalog.yaml", "cr.yaml", "ORK008" },

        // dependsOn names a CRD entry that is commented out upstream.
        { "examples/use-cases/full-stack-app/06-full-stack/katalog.yaml", "cr.yaml", "ORK033" },

        // The Komposer imports only registry katalogs, which are not fetched: it serves no kind here.
        { "registry-guide/11-typed-komposer/komposer.yaml", "cr-cache.yaml", "is not a kind the katalog serves" },

        // pkg/note/fixture: the shared cr.yaml does not fit every fixture katalog (upstream's tests build their own CRs).
        // These katalogs declare apiTypes without the CRD, so the CRD's defaults (maxReplicas) do not apply either.
        { "pkg/note/fixture/katalog-hpa.yaml", "cr.yaml", "an HPA needs maxReplicas" },
        { "pkg/note/fixture/katalog-cronjob.yaml", "cr.yaml", "a CronJob needs a schedule" },
        { "pkg/note/fixture/katalog-ingress.yaml", "cr.yaml", "the katalog serves IngressProbe" },
    };

    [CorpusTheory]
    [MemberData(nameof(UpstreamExamples))]
    public void Upstream_example_renders_its_objects(string katalog, string cr, string[] expected)
    {
        var folder = Path.GetDirectoryName(Path.Combine(Repository.Corpus, "upstream", katalog))!;
        var report = Templater.Render(Path.Combine(Repository.Corpus, "upstream", katalog), [Path.GetFullPath(Path.Combine(folder, cr))]);

        AssertRendered(report, expected);
        if (expected.Length == 0)
        {
            // Nothing rendered because every resource comes from a remote motif, which the loader reported.
            Assert.Contains(report.Diagnostics, d => d.Id == "ORK043");
        }
    }

    [CorpusTheory]
    [MemberData(nameof(KnownGaps))]
    public void Upstream_gap_fails_for_its_known_reason(string katalog, string cr, string expected)
    {
        var folder = Path.GetDirectoryName(Path.Combine(Repository.Corpus, "upstream", katalog))!;
        var report = Templater.Render(Path.Combine(Repository.Corpus, "upstream", katalog), [Path.Combine(folder, cr)]);

        Assert.True(report.HasErrors);
        var errors = report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.Message)
            .Concat(report.Problems.Select(p => p.Message))
            .ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains(expected, e, StringComparison.Ordinal));
    }

    [Fact]
    public void Website_example_renders_a_deployment_and_its_service()
    {
        var report = Templater.Render(
            Path.Combine(Repository.Root, "examples/website/katalog.yaml"),
            [Path.Combine(Repository.Root, "examples/website/cr.yaml")]);

        AssertRendered(report, ["Deployment/hello", "Service/hello-svc"]);
        var cr = Assert.Single(report.Crs);
        Assert.Equal("Website default/hello", cr.Description);
        Assert.True(cr.UidIsPlaceholder);
        var deployment = cr.Resources[0].Object;
        var service = cr.Resources[1].Object;
        Assert.Equal("2", deployment["spec"]!["replicas"]!.ToJsonString());
        Assert.Equal("nginx:1.27", (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);

        // The Service selects the Deployment's pods.
        var selector = service["spec"]!["selector"]!.AsObject();
        var podLabels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.NotEmpty(selector);
        Assert.All(selector, pair => Assert.Equal((string?)pair.Value, (string?)podLabels[pair.Key]));
        Assert.Equal("80", service["spec"]!["ports"]![0]!["port"]!.ToJsonString());
    }

    [CorpusTheory]
    [InlineData("examples/intermediate/09-notes/03-motifs/katalog.yaml", "cr.yaml", "nginx:1.25")]
    [InlineData("examples/intermediate/09-notes/03-motifs/katalog.yaml", "cr-default.yaml", "nginx:latest")]
    public void Katalog_level_motif_notes_are_called(string katalog, string cr, string image)
    {
        var report = Render(katalog, cr);

        AssertNoErrors(report);
        var deployment = Assert.Single(report.Crs.SelectMany(c => c.Resources)).Object;
        Assert.Equal(image, (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }

    [CorpusTheory]
    [InlineData("examples/advanced/16-custom-resources/05-forEach-sharding/katalog.yaml", "cr.yaml")]
    public void ForEach_yields_one_shard_per_element_with_its_fields(string katalog, string cr)
    {
        var report = Render(katalog, cr);

        AssertNoErrors(report);
        var shards = report.Crs.SelectMany(c => c.Resources).Select(r => r.Object).ToList();
        Assert.Equal(["eu-west-1", "us-east-1", "ap-southeast-1"], shards.Select(s => (string?)s["spec"]!["region"]));
        Assert.All(shards, s => Assert.Equal("storage.example.io/v1alpha1", (string?)s["apiVersion"]));
        Assert.All(shards, s => Assert.Equal("global-store", (string?)s["metadata"]!["labels"]!["storage.example.io/store"]));
    }

    [CorpusTheory]
    [InlineData("examples/advanced/17-apitype-override/komposer.yaml", "cr.yaml")]
    public void Komposer_apiTypes_override_is_the_owner_of_the_children(string katalog, string cr)
    {
        var report = Render(katalog, cr);

        AssertNoErrors(report);
        Assert.All(
            report.Crs.SelectMany(c => c.Resources),
            r => Assert.Equal("platform.acme.io/v1alpha1", (string?)r.Object["metadata"]!["ownerReferences"]![0]!["apiVersion"]));
    }

    [CorpusTheory]
    [InlineData("examples/intermediate/04-multi-resource/katalog.yaml", "cr.yaml")]
    public void ConfigMap_data_comes_from_the_cr(string katalog, string cr)
    {
        var report = Render(katalog, cr);

        AssertNoErrors(report);
        var config = report.Crs.SelectMany(c => c.Resources).Single(r => r.Kind == "ConfigMap").Object;
        Assert.Equal("info", (string?)config["data"]!["LOG_LEVEL"]);
        Assert.Equal("100", (string?)config["data"]!["MAX_CONNECTIONS"]);
    }

    [CorpusTheory]
    [InlineData("registry-guide/03-katalog-cache/katalog.yaml", "cr.yaml")]
    public void Motif_onCreate_secret_is_created_once_before_the_workload(string katalog, string cr)
    {
        var report = Render(katalog, cr);

        AssertNoErrors(report);
        var resources = report.Crs.SelectMany(c => c.Resources).ToList();
        var secret = resources[0];
        Assert.Equal("Secret", secret.Kind);
        Assert.Equal(ResourcePhase.Create, secret.Phase);
        Assert.True(secret.CreateOnly);
        Assert.All(resources.Skip(1), r => Assert.Equal(ResourcePhase.Reconcile, r.Phase));
    }

    [CorpusTheory]
    [InlineData("examples/intermediate/05-when-conditions/conditional-reconciliation/katalog.yaml", "cr-app-disabled.yaml")]
    public void Gates_are_not_evaluated_the_templates_are(string katalog, string cr)
    {
        // preReconcile.when would hold this CR back at runtime; ork template shows what its templates yield.
        var report = Render(katalog, cr);

        AssertNoErrors(report);
        Assert.Equal(["Deployment/my-app"], Names(report));
    }

    private static RenderReport Render(string katalog, string cr)
    {
        var path = Path.Combine(Repository.Corpus, "upstream", katalog);
        return Templater.Render(path, [Path.Combine(Path.GetDirectoryName(path)!, cr)]);
    }

    private static void AssertRendered(RenderReport report, string[] expected)
    {
        AssertNoErrors(report);
        Assert.NotEmpty(report.Crs);
        Assert.Equal(expected, Names(report));
        foreach (var cr in report.Crs)
        {
            foreach (var resource in cr.Resources)
            {
                var metadata = resource.Object["metadata"]!.AsObject();
                Assert.Equal("orkestra", (string?)metadata["labels"]?["managed-by"]);
                if (resource.Namespaced)
                {
                    Assert.Equal("default", (string?)metadata["namespace"]);
                    Assert.Equal(Orkestra.Resources.SystemMetadata.PlaceholderUid, (string?)metadata["ownerReferences"]?[0]?["uid"]);
                }
            }
        }
    }

    private static void AssertNoErrors(RenderReport report)
    {
        var errors = report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())
            .Concat(report.Problems.Select(p => p.ToString()))
            .ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    private static List<string> Names(RenderReport report) =>
        report.Crs.SelectMany(c => c.Resources).Select(r => r.Kind + "/" + r.Name).ToList();
}
