using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Orkestra.Devkit.Validation;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Checking;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;

namespace Orkestra.Benchmarks;

/// <summary>
/// Loading and validating a katalog with 200 CRD entries, each with its own CRD file (issue 2: under 100 ms), and
/// checking its templates against the CRDs' schemas (issue 8: under 100 ms).
/// The katalog is modelled on upstream's hello-website example, in the current layout
/// (<c>operatorBox.reconcile.onReconcile</c>, <c>operatorBox.emit.status</c>), and loads without a diagnostic.
/// Min and median are shown besides the mean: on a shared build machine they are the steadier figures.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class KatalogLoadBenchmarks
{
    /// <summary>How many CRD entries the katalog has.</summary>
    public const int CrdCount = 200;

    private string _folder = string.Empty;
    private string _katalog = string.Empty;
    private KatalogDocument _loaded = null!;

    /// <summary>Writes the katalog and its CRD files to a temporary folder and checks that they load cleanly.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "orkestra-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, "crds"));
        _katalog = Path.Combine(_folder, "katalog.yaml");
        File.WriteAllText(_katalog, Katalog());
        for (var i = 0; i < CrdCount; i++)
        {
            File.WriteAllText(Path.Combine(_folder, "crds", Name(i) + ".yaml"), Crd(i));
        }

        var result = DocumentLoader.Load(_katalog, PhysicalDocumentHost.Instance);
        if (result.Diagnostics.Count > 0)
        {
            throw new InvalidOperationException(
                "The benchmark katalog must load without diagnostics, but:" + Environment.NewLine +
                string.Join(Environment.NewLine, result.Diagnostics));
        }

        var katalog = result.Documents.Count == 1 ? result.Documents[0] as KatalogDocument : null;
        if (katalog is null || katalog.Crds.Count != CrdCount || katalog.Crds.Any(c => c.ApiTypes is null || c.Crd is null))
        {
            throw new InvalidOperationException($"The benchmark katalog must load as one Katalog with {CrdCount} resolved CRD entries.");
        }

        _loaded = katalog;
    }

    /// <summary>Removes the temporary folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The loader alone: read, check the schema, read every CRD file, resolve dependencies.</summary>
    [Benchmark]
    public LoadResult Load200Crds() => DocumentLoader.Load(_katalog, PhysicalDocumentHost.Instance);

    /// <summary>What <c>ork validate katalog.yaml</c> does: the loader plus the summary.</summary>
    [Benchmark]
    public ValidationReport Validate200Crds() => Validator.Validate(new[] { _katalog });

    /// <summary>Checked templates alone (issue 8: under 100 ms): every template and condition path of the loaded katalog against its CRDs' schemas.</summary>
    [Benchmark]
    public IReadOnlyList<Diagnostic> CheckTemplates200Crds() => TemplateChecks.Check(_loaded);

    private static string Name(int i) => "website-" + i.ToString("D3", CultureInfo.InvariantCulture);

    private static string Kind(int i) => "Website" + i.ToString("D3", CultureInfo.InvariantCulture);

    private static string Plural(int i) => "websites" + i.ToString("D3", CultureInfo.InvariantCulture);

    private static string Katalog()
    {
        var yaml = new StringBuilder();
        yaml.Append("""
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata:
              name: benchmark-platform
              author: orkestra-sdk
              version: 0.1.0
              description: 200 websites, each with its own CRD, a Deployment, a Service and status.
              tags: [benchmark, web]

            spec:
              crds:

            """);
        for (var i = 0; i < CrdCount; i++)
        {
            var entry = $$$"""
                    {{{Name(i)}}}:
                      description: Website {{{i.ToString(CultureInfo.InvariantCulture)}}} of the benchmark katalog.
                      crdFile: ./crds/{{{Name(i)}}}.yaml
                      apiTypes:
                        group: bench.orkestra.io
                        version: v1
                        kind: {{{Kind(i)}}}
                        plural: {{{Plural(i)}}}
                {{{DependsOn(i)}}}      operatorBox:
                        reconcile:
                          workers: 2
                          resync: 30s
                          onReconcile:
                            deployments:
                              - name: "{{ .metadata.name }}"
                                image: "{{ .spec.image }}"
                                replicas: "{{ .spec.replicas }}"
                                port: "{{ .spec.port }}"
                                labels:
                                  app: "{{ .metadata.name }}"
                                  tier: web
                                env:
                                  - name: SITE_NAME
                                    value: "{{ .metadata.name }}"
                                reconcile: true
                            services:
                              - name: "{{ .metadata.name }}-svc"
                                type: "{{ .spec.serviceType }}"
                                port: "80"
                                targetPort: "{{ .spec.port }}"
                                reconcile: true
                                when:
                                  - field: spec.expose
                                    equals: "true"
                        emit:
                          status:
                            fields:
                              - path: phase
                                value: Pending
                                when:
                                  - field: status.phase
                                    operator: notExists
                              - path: phase
                                value: Running
                                when:
                                  - field: "{{ allReplicasReady .children.deployment }}"
                                    equals: "true"
                              - path: availableReplicas
                                value: "{{ availableReplicas .children.deployment }}"
                                type: int
                              - path: url
                                value: "http://{{ .metadata.name }}-svc.{{ .metadata.namespace }}.svc.cluster.local"

                """;
            yaml.Append(entry);
        }

        return yaml.ToString();
    }

    // Every third entry waits for the one before it: alternately the list form and the map form with a condition.
    private static string DependsOn(int i)
    {
        if (i == 0 || i % 3 != 0)
        {
            return string.Empty;
        }

        return i % 2 == 0
            ? "      dependsOn: [" + Name(i - 1) + "]\n"
            : "      dependsOn:\n        " + Name(i - 1) + ": {condition: healthy}\n";
    }

    private static string Crd(int i) => $$$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {{{Plural(i)}}}.bench.orkestra.io
        spec:
          group: bench.orkestra.io
          scope: Namespaced
          names:
            kind: {{{Kind(i)}}}
            plural: {{{Plural(i)}}}
            singular: {{{Kind(i).ToLowerInvariant()}}}
          versions:
            - name: v1
              served: true
              storage: true
              subresources:
                status: {}
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      required: [image]
                      properties:
                        image:
                          type: string
                        replicas:
                          type: integer
                          default: 1
                        port:
                          type: integer
                          default: 80
                        serviceType:
                          type: string
                          enum: [ClusterIP, NodePort, LoadBalancer]
                          default: ClusterIP
                        expose:
                          type: boolean
                          default: true
                    status:
                      type: object
                      x-kubernetes-preserve-unknown-fields: true

        """;
}
