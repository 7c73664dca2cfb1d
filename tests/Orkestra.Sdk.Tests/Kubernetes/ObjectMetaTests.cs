using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Kubernetes;

namespace Orkestra.Sdk.Tests.Kubernetes;

public class ObjectMetaTests
{
    // The metadata of a Deployment as the API server returns it, plus a field no Kubernetes version has (yet).
    private const string DeploymentMetadata = """
        {
          "name": "storefront",
          "namespace": "shop",
          "selfLink": "/apis/apps/v1/namespaces/shop/deployments/storefront",
          "uid": "6f1d2c3b-8a9e-4f70-b1c2-d3e4f5a6b7c8",
          "resourceVersion": "1048576",
          "generation": 4,
          "creationTimestamp": "2024-05-01T10:20:30Z",
          "labels": {
            "app.kubernetes.io/name": "storefront",
            "app.kubernetes.io/managed-by": "orkestra"
          },
          "annotations": {
            "deployment.kubernetes.io/revision": "3",
            "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"name\":\"storefront\",\"namespace\":\"shop\"}}\n"
          },
          "ownerReferences": [
            {
              "apiVersion": "example.com/v1",
              "kind": "Website",
              "name": "storefront",
              "uid": "0a1b2c3d-4e5f-6789-abcd-ef0123456789",
              "controller": true,
              "blockOwnerDeletion": true
            }
          ],
          "finalizers": [
            "example.com/cleanup"
          ],
          "managedFields": [
            {
              "manager": "kubectl-client-side-apply",
              "operation": "Update",
              "apiVersion": "apps/v1",
              "time": "2024-05-01T10:20:30Z",
              "fieldsType": "FieldsV1",
              "fieldsV1": {
                "f:metadata": {
                  "f:annotations": {
                    ".": {},
                    "f:kubectl.kubernetes.io/last-applied-configuration": {}
                  }
                },
                "f:spec": {
                  "f:replicas": {}
                }
              }
            },
            {
              "manager": "kube-controller-manager",
              "operation": "Update",
              "apiVersion": "apps/v1",
              "time": "2024-05-02T08:00:00Z",
              "fieldsType": "FieldsV1",
              "fieldsV1": {
                "f:status": {
                  "f:availableReplicas": {},
                  "f:conditions": {
                    "k:{\"type\":\"Available\"}": {
                      ".": {},
                      "f:status": {}
                    }
                  }
                }
              },
              "subresource": "status"
            }
          ],
          "futureField": {
            "nested": [1, "two", null, 3.5],
            "flag": false
          }
        }
        """;

    [Fact]
    public void Real_metadata_round_trips_to_equal_json()
    {
        var meta = JsonSerializer.Deserialize<ObjectMeta>(DeploymentMetadata)!;
        var written = JsonSerializer.Serialize(meta);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(DeploymentMetadata), JsonNode.Parse(written)),
            $"The written metadata differs:\n{written}");
    }

    [Fact]
    public void Real_metadata_is_read_into_typed_properties()
    {
        var meta = JsonSerializer.Deserialize<ObjectMeta>(DeploymentMetadata)!;
        Assert.Equal("storefront", meta.Name);
        Assert.Equal("shop", meta.Namespace);
        Assert.Equal("6f1d2c3b-8a9e-4f70-b1c2-d3e4f5a6b7c8", meta.Uid);
        Assert.Equal("1048576", meta.ResourceVersion);
        Assert.Equal(4, meta.Generation);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 20, 30, TimeSpan.Zero), meta.CreationTimestamp);
        Assert.Null(meta.DeletionTimestamp);
        Assert.Equal("orkestra", meta.Labels!["app.kubernetes.io/managed-by"]);
        Assert.Equal("3", meta.Annotations!["deployment.kubernetes.io/revision"]);
        var owner = Assert.Single(meta.OwnerReferences!);
        Assert.Equal("example.com/v1", owner.ApiVersion);
        Assert.Equal("Website", owner.Kind);
        Assert.Equal("storefront", owner.Name);
        Assert.Equal("0a1b2c3d-4e5f-6789-abcd-ef0123456789", owner.Uid);
        Assert.True(owner.Controller);
        Assert.True(owner.BlockOwnerDeletion);
        Assert.Equal(["example.com/cleanup"], meta.Finalizers!);
        Assert.Equal(2, meta.ManagedFields!.Count);
        Assert.Equal(["selfLink", "futureField"], meta.ExtensionData!.Select(p => p.Key));
    }

    [Fact]
    public void Null_and_absent_properties_are_omitted()
    {
        Assert.Equal("{}", JsonSerializer.Serialize(new ObjectMeta()));

        var meta = JsonSerializer.Deserialize<ObjectMeta>("""{"name":"a","namespace":null,"labels":null,"generation":null}""")!;
        Assert.Null(meta.Namespace);
        Assert.Null(meta.Labels);
        Assert.Equal("""{"name":"a"}""", JsonSerializer.Serialize(meta));
    }

    [Fact]
    public void Written_properties_use_kubernetes_names_and_times()
    {
        var meta = new ObjectMeta
        {
            Name = "web",
            GenerateName = "web-",
            Namespace = "default",
            Generation = 2,
            DeletionTimestamp = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)),
            DeletionGracePeriodSeconds = 30,
            Labels = new() { ["app"] = "web" },
            Annotations = [],
            Finalizers = ["a/b"],
            OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "c", Uid = "u" }],
        };

        Assert.Equal(
            """{"name":"web","generateName":"web-","namespace":"default","generation":2,"deletionTimestamp":"2024-05-01T10:00:00Z","deletionGracePeriodSeconds":30,"labels":{"app":"web"},"annotations":{},"ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"c","uid":"u"}],"finalizers":["a/b"]}""",
            JsonSerializer.Serialize(meta));
    }

    [Fact]
    public void Owner_reference_keeps_unknown_fields()
    {
        const string json = """{"apiVersion":"v1","kind":"Pod","name":"p","uid":"u","controller":false,"extra":{"x":1}}""";
        var owner = JsonSerializer.Deserialize<OwnerReference>(json)!;
        Assert.False(owner.Controller);
        Assert.Null(owner.BlockOwnerDeletion);
        Assert.Equal(json, JsonSerializer.Serialize(owner));
    }

    [Theory]
    [InlineData("""{"generation":"4"}""", "generation")]
    [InlineData("""{"generation":1.5}""", "generation")]
    [InlineData("""{"name":5}""", "name")]
    [InlineData("""{"labels":{"a":1}}""", "labels.a")]
    [InlineData("""{"labels":[]}""", "labels")]
    [InlineData("""{"finalizers":[1]}""", "finalizers[0]")]
    [InlineData("""{"creationTimestamp":"yesterday"}""", "creationTimestamp")]
    [InlineData("""{"managedFields":{}}""", "managedFields")]
    [InlineData("""{"ownerReferences":[{"controller":"yes"}]}""", "controller")]
    [InlineData("[]", "metadata")]
    public void Wrongly_typed_fields_are_clear_errors(string json, string path)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ObjectMeta>(json));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }
}
