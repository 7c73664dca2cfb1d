using System.Text.Json.Nodes;
using Orkestra.Testing.Patching;
using Orkestra.Testing.Tests.Schemas;

namespace Orkestra.Testing.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    private const string Deployment = """
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}, "finalizers": ["a", "b"]},
          "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}},
            "template": {
              "metadata": {"labels": {"app": "web", "tier": "front"}},
              "spec": {
                "containers": [
                  {
                    "name": "app",
                    "image": "app:1",
                    "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                    "ports": [{"containerPort": 8080}],
                    "volumeMounts": [{"name": "data", "mountPath": "/data"}]
                  },
                  {"name": "sidecar", "image": "proxy:1"}
                ],
                "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cache", "emptyDir": {}}],
                "tolerations": [{"key": "a", "operator": "Exists"}]
              }
            }
          }
        }
        """;

    private static readonly MergeKeys DeploymentKeys = MergeKeys.ForKind("Deployment");

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "containers merge by name: only the named container changes",
            """{"spec": {"template": {"spec": {"containers": [{"name": "app", "image": "app:2"}]}}}}""",
            """{"containers": [{"name": "app", "image": "app:2", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}], "ports": [{"containerPort": 8080}], "volumeMounts": [{"name": "data", "mountPath": "/data"}]}, {"name": "sidecar", "image": "proxy:1"}], "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cache", "emptyDir": {}}], "tolerations": [{"key": "a", "operator": "Exists"}]}"""
        },
        {
            "env merges by name, new entries are appended",
            """{"spec": {"template": {"spec": {"containers": [{"name": "app", "env": [{"name": "B", "value": "3"}, {"name": "C", "value": "4"}]}]}}}}""",
            """{"containers": [{"name": "app", "image": "app:1", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "3"}, {"name": "C", "value": "4"}], "ports": [{"containerPort": 8080}], "volumeMounts": [{"name": "data", "mountPath": "/data"}]}, {"name": "sidecar", "image": "proxy:1"}], "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cache", "emptyDir": {}}], "tolerations": [{"key": "a", "operator": "Exists"}]}"""
        },
        {
            "ports merge by containerPort, volumeMounts by mountPath",
            """{"spec": {"template": {"spec": {"containers": [{"name": "app", "ports": [{"containerPort": 9090, "name": "metrics"}, {"containerPort": 8080, "name": "http"}], "volumeMounts": [{"name": "cache", "mountPath": "/cache"}]}]}}}}""",
            """{"containers": [{"name": "app", "image": "app:1", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}], "ports": [{"containerPort": 8080, "name": "http"}, {"containerPort": 9090, "name": "metrics"}], "volumeMounts": [{"name": "data", "mountPath": "/data"}, {"name": "cache", "mountPath": "/cache"}]}, {"name": "sidecar", "image": "proxy:1"}], "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cache", "emptyDir": {}}], "tolerations": [{"key": "a", "operator": "Exists"}]}"""
        },
        {
            "$patch: delete removes list items by key",
            """{"spec": {"template": {"spec": {"containers": [{"name": "sidecar", "$patch": "delete"}], "volumes": [{"name": "cache", "$patch": "delete"}]}}}}""",
            """{"containers": [{"name": "app", "image": "app:1", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}], "ports": [{"containerPort": 8080}], "volumeMounts": [{"name": "data", "mountPath": "/data"}]}], "volumes": [{"name": "data", "emptyDir": {}}], "tolerations": [{"key": "a", "operator": "Exists"}]}"""
        },
        {
            "a list item $patch: replace replaces the whole list",
            """{"spec": {"template": {"spec": {"containers": [{"name": "only", "image": "only:1"}, {"$patch": "replace"}]}}}}""",
            """{"containers": [{"name": "only", "image": "only:1"}], "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cache", "emptyDir": {}}], "tolerations": [{"key": "a", "operator": "Exists"}]}"""
        },
        {
            "lists without a merge key are replaced",
            """{"spec": {"template": {"spec": {"tolerations": [{"key": "b", "operator": "Exists"}]}}}}""",
            """{"containers": [{"name": "app", "image": "app:1", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}], "ports": [{"containerPort": 8080}], "volumeMounts": [{"name": "data", "mountPath": "/data"}]}, {"name": "sidecar", "image": "proxy:1"}], "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cache", "emptyDir": {}}], "tolerations": [{"key": "b", "operator": "Exists"}]}"""
        },
        {
            "$setElementOrder orders the merged list",
            """{"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "sidecar"}, {"name": "app"}], "containers": [{"name": "sidecar", "image": "proxy:2"}]}}}}""",
            """{"containers": [{"name": "sidecar", "image": "proxy:2"}, {"name": "app", "image": "app:1", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}], "ports": [{"containerPort": 8080}], "volumeMounts": [{"name": "data", "mountPath": "/data"}]}], "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cache", "emptyDir": {}}], "tolerations": [{"key": "a", "operator": "Exists"}]}"""
        },
        {
            "volumes keep $retainKeys: the volume source is swapped",
            """{"spec": {"template": {"spec": {"volumes": [{"name": "data", "$retainKeys": ["name", "configMap"], "configMap": {"name": "cfg"}}]}}}}""",
            """{"containers": [{"name": "app", "image": "app:1", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}], "ports": [{"containerPort": 8080}], "volumeMounts": [{"name": "data", "mountPath": "/data"}]}, {"name": "sidecar", "image": "proxy:1"}], "volumes": [{"name": "data", "configMap": {"name": "cfg"}}, {"name": "cache", "emptyDir": {}}], "tolerations": [{"key": "a", "operator": "Exists"}]}"""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Patches_the_pod_template_of_a_deployment(string because, string patch, string expectedPodSpec)
    {
        var original = TestJson.Parse(Deployment);

        var result = StrategicMergePatch.Apply(original, TestJson.Parse(patch), DeploymentKeys);

        Assert.False(string.IsNullOrEmpty(because));
        TestJson.Equal(expectedPodSpec, result["spec"]!["template"]!["spec"]);
        TestJson.Equal(Deployment, original);
    }

    [Fact]
    public void Maps_merge_and_null_deletes_a_field()
    {
        var result = Patch("""{"metadata": {"labels": {"app": null, "team": "a"}}, "spec": {"replicas": null, "paused": true}}""");

        TestJson.Equal("""{"team": "a"}""", result["metadata"]!["labels"]);
        Assert.False(result["spec"]!.AsObject().ContainsKey("replicas"));
        Assert.True((bool)result["spec"]!["paused"]!);
    }

    [Fact]
    public void A_map_with_patch_replace_is_replaced_and_with_patch_delete_is_removed()
    {
        var result = Patch("""{"spec": {"template": {"metadata": {"labels": {"$patch": "replace", "only": "this"}}}, "strategy": {"$patch": "delete"}}}""");

        TestJson.Equal("""{"only": "this"}""", result["spec"]!["template"]!["metadata"]!["labels"]);
        Assert.False(result["spec"]!.AsObject().ContainsKey("strategy"));
    }

    [Fact]
    public void Retain_keys_clears_the_fields_it_does_not_list()
    {
        var result = Patch("""{"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}}""");

        TestJson.Equal("""{"type": "Recreate"}""", result["spec"]!["strategy"]);
    }

    [Fact]
    public void Finalizers_merge_as_a_set_and_delete_from_primitive_list_removes_values()
    {
        TestJson.Equal("""["a", "b", "c"]""", Patch("""{"metadata": {"finalizers": ["b", "c"]}}""")["metadata"]!["finalizers"]);
        TestJson.Equal("""["b"]""", Patch("""{"metadata": {"$deleteFromPrimitiveList/finalizers": ["a"]}}""")["metadata"]!["finalizers"]);
        TestJson.Equal(
            """["c", "b"]""",
            Patch("""{"metadata": {"$setElementOrder/finalizers": ["c", "b"], "$deleteFromPrimitiveList/finalizers": ["a"], "finalizers": ["c"]}}""")["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Service_ports_merge_by_port_and_conditions_by_type()
    {
        var service = TestJson.Parse("""
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
             "spec": {"ports": [{"port": 80, "targetPort": 8080}, {"port": 443, "targetPort": 8443}]},
             "status": {"conditions": [{"type": "A", "status": "True"}, {"type": "B", "status": "False"}]}}
            """);
        var patch = TestJson.Parse("""{"spec": {"ports": [{"port": 443, "targetPort": 9443}]}, "status": {"conditions": [{"type": "B", "status": "True"}]}}""");

        var result = StrategicMergePatch.Apply(service, patch, MergeKeys.ForKind("Service"));

        TestJson.Equal("""[{"port": 80, "targetPort": 8080}, {"port": 443, "targetPort": 9443}]""", result["spec"]!["ports"]);
        TestJson.Equal("""[{"type": "A", "status": "True"}, {"type": "B", "status": "True"}]""", result["status"]!["conditions"]);
    }

    [Fact]
    public void Cron_job_templates_use_the_pod_spec_keys()
    {
        var cronJob = TestJson.Parse("""{"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "a:1"}, {"name": "b", "image": "b:1"}]}}}}}}""");
        var patch = TestJson.Parse("""{"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "b", "image": "b:2"}]}}}}}}""");

        var result = StrategicMergePatch.Apply(cronJob, patch, MergeKeys.ForKind("CronJob"));

        TestJson.Equal("""[{"name": "a", "image": "a:1"}, {"name": "b", "image": "b:2"}]""", result["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void A_kubectl_client_side_apply_patch_with_nested_directives_applies()
    {
        var result = Patch("""
            {"metadata": {"annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
             "spec": {"template": {"spec": {
               "$setElementOrder/containers": [{"name": "app"}, {"name": "sidecar"}],
               "containers": [{"$setElementOrder/env": [{"name": "C"}, {"name": "A"}], "env": [{"name": "C", "value": "3"}, {"$patch": "delete", "name": "B"}], "name": "app"}]}}}}
            """);

        TestJson.Equal("""[{"name": "C", "value": "3"}, {"name": "A", "value": "1"}]""", result["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]);
        Assert.Equal("{}", (string?)result["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
    }

    [Fact]
    public void An_explicit_patch_merge_merges()
    {
        var result = Patch("""{"spec": {"selector": {"$patch": "merge", "matchLabels": {"tier": "front"}}}}""");

        TestJson.Equal("""{"matchLabels": {"app": "web", "tier": "front"}}""", result["spec"]!["selector"]);
    }

    [Theory]
    [InlineData("""{"spec": {"$patch": "explode"}}""", 400, "Unknown patch type: \"explode\" in map: map[string]interface {}{\"$patch\":\"explode\"}")]
    [InlineData("""{"spec": {"template": {"spec": {"containers": [{"image": "x"}]}}}}""", 422, "map: map[string]interface {}{\"image\":\"x\"} does not contain declared merge key: name")]
    [InlineData("""{"spec": {"template": {"spec": {"tolerations": [{"$patch": "delete", "key": "a"}]}}}}""", 422, "$patch: delete is not allowed in the items of list tolerations, which has no merge key")]
    [InlineData("""{"metadata": {"$deleteFromPrimitiveList/finalizers": "a"}}""", 400, "$deleteFromPrimitiveList/finalizers must be a list: \"a\"")]
    [InlineData("""{"spec": {"strategy": {"$retainKeys": "type"}}}""", 400, "$retainKeys must be a list of strings: \"type\"")]
    [InlineData("""{"$patch": "delete"}""", 400, "a strategic merge patch cannot delete the whole object")]
    public void Bad_patches_are_patch_exceptions(string patch, int status, string message)
    {
        var error = Assert.Throws<PatchException>(() => Patch(patch));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("Deployment")]
    [InlineData("Service")]
    [InlineData("ConfigMap")]
    public void An_empty_patch_returns_the_original(string kind)
    {
        var original = TestJson.Parse(Deployment);

        TestJson.Equal(original, StrategicMergePatch.Apply(original, [], MergeKeys.ForKind(kind)));
    }

    [Fact]
    public void Patching_with_the_object_itself_returns_the_object()
    {
        var original = TestJson.Parse(Deployment);

        TestJson.Equal(original, StrategicMergePatch.Apply(original, TestJson.Parse(Deployment), DeploymentKeys));
    }

    private static JsonObject Patch(string patch) => StrategicMergePatch.Apply(TestJson.Parse(Deployment), TestJson.Parse(patch), DeploymentKeys);
}
