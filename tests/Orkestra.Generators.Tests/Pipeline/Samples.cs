namespace Orkestra.Generators.Tests.Pipeline;

/// <summary>Small YAML documents for the pipeline tests.</summary>
internal static class Samples
{
    public const string Katalog = """
        apiVersion: orkestra.orkspace.io/v1
        kind: Katalog
        metadata:
          name: shop
        spec:
          crds:
            website:
              crdFile: ./crd.yaml
        """;

    public const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: websites.demo.orkestra.io
        spec:
          group: demo.orkestra.io
          scope: Namespaced
          names:
            kind: Website
            plural: websites
            singular: website
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
        """;

    public const string Cr = """
        apiVersion: demo.orkestra.io/v1
        kind: Website
        metadata:
          name: home
        spec:
          image: nginx
          broken: [unclosed
        """;

    public const string Random = """
        # a Helm template and some configuration: not YAML the generator reads
        replicas: {{ .Values.replicas }}
        	tabbed: value
        kind Katalog
        nested:
          kind: Katalog
        """;
}
