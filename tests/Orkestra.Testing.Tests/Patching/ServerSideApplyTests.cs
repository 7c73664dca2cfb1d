using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Testing.Patching;
using Orkestra.Testing.Schemas;
using Orkestra.Testing.Tests.Schemas;

namespace Orkestra.Testing.Tests.Patching;

public sealed class ServerSideApplyTests
{
    private static readonly DateTimeOffset T1 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMinutes(1);
    private static readonly MergeKeys DeploymentKeys = MergeKeys.ForKind("Deployment");

    private const string WebDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
          labels:
            app: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
                ports:
                - containerPort: 80
                env:
                - name: MODE
                  value: prod
        """;

    [Fact]
    public void Create_records_the_managed_fields_kubernetes_writes_for_a_deployment_apply()
    {
        var result = ServerSideApply.Apply(null, ServerSideApply.ParseConfiguration(WebDeployment), Options("kubectl", T1));

        Assert.True(result.Succeeded);
        var obj = result.Object!;
        var managed = Assert.Single(obj["metadata"]!["managedFields"]!.AsArray());
        TestJson.Equal(
            """
            {
              "manager": "kubectl",
              "operation": "Apply",
              "apiVersion": "apps/v1",
              "time": "2026-01-02T03:04:05Z",
              "fieldsType": "FieldsV1",
              "fieldsV1": {
                "f:metadata": {"f:labels": {"f:app": {}}},
                "f:spec": {
                  "f:replicas": {},
                  "f:selector": {},
                  "f:template": {
                    "f:metadata": {"f:labels": {"f:app": {}}},
                    "f:spec": {
                      "f:containers": {
                        "k:{\"name\":\"web\"}": {
                          ".": {},
                          "f:env": {"k:{\"name\":\"MODE\"}": {".": {}, "f:name": {}, "f:value": {}}},
                          "f:image": {},
                          "f:name": {},
                          "f:ports": {"k:{\"containerPort\":80,\"protocol\":\"TCP\"}": {".": {}, "f:containerPort": {}}}
                        }
                      }
                    }
                  }
                }
              }
            }
            """,
            managed);
        Assert.Equal(
            """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:env":{"k:{\"name\":\"MODE\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}""",
            managed!["fieldsV1"]!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        obj["metadata"]!.AsObject().Remove("managedFields");
        TestJson.Equal(ServerSideApply.ParseConfiguration(WebDeployment), obj);
    }

    [Fact]
    public void Applying_the_same_configuration_again_changes_nothing()
    {
        var first = Apply(null, WebDeployment, "kubectl", T1);

        var second = Apply(first, WebDeployment, "kubectl", T2);

        TestJson.Equal(first, second);
    }

    [Fact]
    public void Fields_dropped_from_the_configuration_are_removed()
    {
        var first = Apply(null, WebDeployment, "kubectl", T1);
        const string Trimmed = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: default
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    ports:
                    - containerPort: 80
            """;

        var second = Apply(first, Trimmed, "kubectl", T2);

        Assert.Null(second["spec"]!["replicas"]);
        Assert.Null(second["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]);
        Assert.Null(second["metadata"]!["labels"]);
        var fields = Entry(second, "kubectl")["fieldsV1"]!;
        Assert.Null(fields["f:spec"]!["f:replicas"]);
        Assert.Null(fields["f:metadata"]);
        Assert.Equal("2026-01-02T03:05:05Z", (string?)Entry(second, "kubectl")["time"]);
    }

    [Fact]
    public void A_field_two_managers_apply_stays_until_both_drop_it()
    {
        const string Replicas = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n";
        const string Paused = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  paused: true\n";
        var live = Apply(null, Replicas, "a", T1);
        live = Apply(live, Replicas, "b", T1);
        TestJson.Equal("""{"f:spec": {"f:replicas": {}}}""", Entry(live, "a")["fieldsV1"]);
        TestJson.Equal("""{"f:spec": {"f:replicas": {}}}""", Entry(live, "b")["fieldsV1"]);

        live = Apply(live, Paused, "a", T2);
        Assert.Equal(2, (long)live["spec"]!["replicas"]!);

        live = Apply(live, Paused, "b", T2);
        Assert.Null(live["spec"]!["replicas"]);
        Assert.True((bool)live["spec"]!["paused"]!);
    }

    [Fact]
    public void A_different_value_for_another_appliers_field_is_a_conflict_and_force_takes_it_over()
    {
        var live = Apply(null, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  paused: false\n", "a", T1);
        var change = ServerSideApply.ParseConfiguration("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n");

        var refused = ServerSideApply.Apply(live, change, Options("b", T2));

        Assert.False(refused.Succeeded);
        Assert.Null(refused.Object);
        Assert.Equal([new ApplyConflict("a", ".spec.replicas", "conflict with \"a\"")], refused.Conflicts);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"a\": .spec.replicas", refused.ConflictMessage);

        var forced = ServerSideApply.Apply(live, change, Options("b", T2) with { Force = true });

        Assert.True(forced.Succeeded);
        Assert.Equal(3, (long)forced.Object!["spec"]!["replicas"]!);
        TestJson.Equal("""{"f:spec": {"f:paused": {}}}""", Entry(forced.Object, "a")["fieldsV1"]);
        TestJson.Equal("""{"f:spec": {"f:replicas": {}}}""", Entry(forced.Object, "b")["fieldsV1"]);
    }

    [Fact]
    public void Fields_written_by_an_update_conflict_with_their_manager_and_api_version()
    {
        var created = ServerSideApply.ParseConfiguration(WebDeployment);
        ServerSideApply.RecordUpdate(null, created, Options("kubectl-client-side-apply", T1));
        var change = ServerSideApply.ParseConfiguration(WebDeployment.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal).Replace("nginx:1.27", "nginx:1.28", StringComparison.Ordinal));

        var result = ServerSideApply.Apply(created, change, Options("kubectl", T2));

        Assert.Equal(
            [
                new ApplyConflict("kubectl-client-side-apply", ".spec.replicas", "conflict with \"kubectl-client-side-apply\" using apps/v1"),
                new ApplyConflict("kubectl-client-side-apply", ".spec.template.spec.containers[name=\"web\"].image", "conflict with \"kubectl-client-side-apply\" using apps/v1"),
            ],
            result.Conflicts);
        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name=\"web\"].image",
            result.ConflictMessage);
    }

    [Fact]
    public void Conflicts_with_several_managers_are_grouped_by_manager()
    {
        var live = Apply(null, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: '1'}\n", "zed", T1);
        live = Apply(live, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {b: '1', c: '1'}\n", "alpha", T1);

        var result = ServerSideApply.Apply(live, ServerSideApply.ParseConfiguration("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: '2', b: '2', c: '2'}\n"), new FieldManagerOptions("me", MergeKeys.ForKind("ConfigMap")));

        Assert.Equal(
            "Apply failed with 3 conflicts: conflicts with \"alpha\":\n- .data.b\n- .data.c\nconflicts with \"zed\":\n- .data.a",
            result.ConflictMessage);
    }

    [Fact]
    public void An_object_nobody_manages_is_owned_by_before_first_apply()
    {
        var live = ServerSideApply.ParseConfiguration(WebDeployment);

        var result = ServerSideApply.Apply(live, ServerSideApply.ParseConfiguration("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 9}\n"), Options("kubectl", T1));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas", result.ConflictMessage);
    }

    [Fact]
    public void An_update_takes_ownership_of_the_fields_it_changes()
    {
        var live = Apply(null, WebDeployment, "applier", T1);
        var updated = (JsonObject)live.DeepClone();
        updated["spec"]!["replicas"] = 7;

        ServerSideApply.RecordUpdate(live, updated, Options("hpa", T2));

        TestJson.Equal("""{"f:spec": {"f:replicas": {}}}""", Entry(updated, "hpa")["fieldsV1"]);
        Assert.Equal("Update", (string?)Entry(updated, "hpa")["operation"]);
        Assert.Null(Entry(updated, "applier")["fieldsV1"]!["f:spec"]!["f:replicas"]);
        var again = ServerSideApply.Apply(updated, ServerSideApply.ParseConfiguration(WebDeployment), Options("applier", T2));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"hpa\" using apps/v1: .spec.replicas", again.ConflictMessage);
    }

    [Fact]
    public void A_create_records_added_maps_and_list_items_as_members()
    {
        var cr = TestJson.Parse("""
            {"apiVersion": "example.com/v1", "kind": "Website", "metadata": {"name": "x", "namespace": "default", "labels": {"app": "x"}, "finalizers": ["example.com/cleanup"]},
             "spec": {"size": 1, "nested": {"b": 2}, "empty": {}, "hosts": [{"name": "a", "port": 80}]}}
            """);

        ServerSideApply.RecordUpdate(null, cr, new FieldManagerOptions("kubectl-create", MergeKeys.ForSchema(WebsiteSchema)) { Time = T1 });

        TestJson.Equal(
            """
            [{"manager": "kubectl-create", "operation": "Update", "apiVersion": "example.com/v1", "time": "2026-01-02T03:04:05Z", "fieldsType": "FieldsV1",
              "fieldsV1": {
                "f:metadata": {"f:finalizers": {".": {}, "v:\"example.com/cleanup\"": {}}, "f:labels": {".": {}, "f:app": {}}},
                "f:spec": {".": {}, "f:empty": {}, "f:hosts": {".": {}, "k:{\"name\":\"a\"}": {".": {}, "f:name": {}, "f:port": {}}}, "f:nested": {".": {}, "f:b": {}}, "f:size": {}}
              }}]
            """,
            cr["metadata"]!["managedFields"]);
    }

    [Fact]
    public void Removed_fields_leave_every_manager()
    {
        var live = Apply(null, WebDeployment, "applier", T1);
        var updated = (JsonObject)live.DeepClone();
        updated["spec"]!.AsObject().Remove("replicas");

        ServerSideApply.RecordUpdate(live, updated, Options("editor", T2));

        Assert.Null(Entry(updated, "applier")["fieldsV1"]!["f:spec"]!["f:replicas"]);
        Assert.DoesNotContain(updated["metadata"]!["managedFields"]!.AsArray(), e => (string?)e!["manager"] == "editor");
    }

    [Fact]
    public void Managed_fields_a_request_sets_are_kept_and_an_empty_list_clears_them()
    {
        var live = Apply(null, WebDeployment, "applier", T1);
        var cleared = (JsonObject)live.DeepClone();
        cleared["metadata"]!["managedFields"] = new JsonArray();

        ServerSideApply.RecordUpdate(live, cleared, Options("editor", T2));

        Assert.Null(cleared["metadata"]!["managedFields"]);
    }

    private static readonly StructuralSchema WebsiteSchema = StructuralSchema.Parse(TestJson.Parse("""
        {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "size": {"type": "integer"},
          "nested": {"type": "object", "properties": {"b": {"type": "integer"}}},
          "empty": {"type": "object"},
          "tags": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "set"},
          "hosts": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                    "items": {"type": "object", "properties": {"name": {"type": "string"}, "port": {"type": "integer"}, "protocol": {"type": "string", "default": "TCP"}}}},
          "routes": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["host", "protocol"],
                    "items": {"type": "object", "properties": {"host": {"type": "string"}, "protocol": {"type": "string", "default": "TCP"}}}},
          "selector": {"type": "object", "x-kubernetes-map-type": "atomic", "properties": {"app": {"type": "string"}}},
          "weights": {"type": "object", "additionalProperties": {"type": "object", "properties": {"w": {"type": "integer"}}}},
          "list": {"type": "array", "items": {"type": "string"}}
        }}}}
        """));

    [Fact]
    public void Set_and_map_lists_of_a_crd_merge_per_item_between_managers()
    {
        var keys = MergeKeys.ForSchema(WebsiteSchema);
        var live = ApplyCr(null, """{"spec": {"tags": ["a"], "hosts": [{"name": "x", "port": 1}], "list": ["p"]}}""", "one", keys);
        live = ApplyCr(live, """{"spec": {"tags": ["b"], "hosts": [{"name": "y", "port": 2}], "list": ["p"]}}""", "two", keys);

        TestJson.Equal("""["a", "b"]""", live["spec"]!["tags"]);
        TestJson.Equal("""[{"name": "x", "port": 1}, {"name": "y", "port": 2}]""", live["spec"]!["hosts"]);
        TestJson.Equal("""["p"]""", live["spec"]!["list"]);
        TestJson.Equal(
            """{"f:spec": {"f:hosts": {"k:{\"name\":\"y\"}": {".": {}, "f:name": {}, "f:port": {}}}, "f:list": {}, "f:tags": {"v:\"b\"": {}}}}""",
            Entry(live, "two")["fieldsV1"]);

        live = ApplyCr(live, """{"spec": {"tags": [], "hosts": []}}""", "one", keys);

        TestJson.Equal("""["b"]""", live["spec"]!["tags"]);
        TestJson.Equal("""[{"name": "y", "port": 2}]""", live["spec"]!["hosts"]);
        TestJson.Equal("""["p"]""", live["spec"]!["list"]);
        var conflict = ServerSideApply.Apply(live, TestJson.Parse("""{"apiVersion": "example.com/v1", "kind": "Website", "spec": {"list": ["q"]}}"""), new FieldManagerOptions("three", keys));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"two\": .spec.list", conflict.ConflictMessage);
    }

    [Fact]
    public void New_map_list_items_go_after_the_applied_item_before_them()
    {
        var keys = MergeKeys.ForSchema(WebsiteSchema);
        var live = ApplyCr(null, """{"spec": {"hosts": [{"name": "a"}, {"name": "b"}]}}""", "one", keys);

        live = ApplyCr(live, """{"spec": {"hosts": [{"name": "a"}, {"name": "c"}, {"name": "b"}]}}""", "one", keys);

        TestJson.Equal("""[{"name": "a"}, {"name": "c"}, {"name": "b"}]""", live["spec"]!["hosts"]);
    }

    [Fact]
    public void Map_list_keys_with_defaults_and_atomic_and_granular_maps_are_encoded_as_kubernetes_does()
    {
        var keys = MergeKeys.ForSchema(WebsiteSchema);

        var live = ApplyCr(null, """{"spec": {"routes": [{"host": "h"}], "selector": {"app": "x"}, "weights": {"a": {"w": 1}}}}""", "one", keys);

        TestJson.Equal(
            """{"f:spec": {"f:routes": {"k:{\"host\":\"h\",\"protocol\":\"TCP\"}": {".": {}, "f:host": {}}}, "f:selector": {}, "f:weights": {"f:a": {".": {}, "f:w": {}}}}}""",
            Entry(live, "one")["fieldsV1"]);
        var conflict = ServerSideApply.Apply(live, TestJson.Parse("""{"apiVersion": "example.com/v1", "kind": "Website", "spec": {"selector": {"app": "y"}}}"""), new FieldManagerOptions("two", keys));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"one\": .spec.selector", conflict.ConflictMessage);
    }

    [Theory]
    [InlineData("""{"spec": {"hosts": [{"port": 1}]}}""", ".spec.hosts: element 0: associative list with keys has an element that omits key field \"name\" (and doesn't have default value)")]
    [InlineData("""{"spec": {"hosts": [{"name": "a"}, {"name": "a"}]}}""", ".spec.hosts: duplicate entries for key [name=\"a\"]")]
    [InlineData("""{"spec": {"hosts": ["a"]}}""", ".spec.hosts: element 0: associative list with keys has an element that is not a map: \"a\"")]
    [InlineData("""{"spec": {"tags": ["a", "a"]}}""", ".spec.tags: duplicate entries for key [=\"a\"]")]
    public void Bad_map_and_set_lists_are_refused_with_422(string configuration, string message)
    {
        var error = Assert.Throws<PatchException>(() => ApplyCr(null, configuration, "one", MergeKeys.ForSchema(WebsiteSchema)));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Reset_fields_are_neither_applied_nor_owned()
    {
        var live = TestJson.Parse("""{"apiVersion": "example.com/v1", "kind": "Website", "metadata": {"name": "x"}, "spec": {"size": 1}, "status": {"phase": "Ready"}}""");
        ServerSideApply.RecordUpdate(null, live, new FieldManagerOptions("creator", MergeKeys.ForSchema(WebsiteSchema)) { ResetFields = ["status"] });

        var result = ServerSideApply.Apply(
            live,
            TestJson.Parse("""{"apiVersion": "example.com/v1", "kind": "Website", "metadata": {"name": "x"}, "spec": {"size": 1}, "status": {"phase": "Hacked"}}"""),
            new FieldManagerOptions("applier", MergeKeys.ForSchema(WebsiteSchema)) { ResetFields = ["status"], Time = T1 });

        Assert.Equal("Ready", (string?)result.Object!["status"]!["phase"]);
        TestJson.Equal("""{"f:spec": {"f:size": {}}}""", Entry(result.Object, "applier")["fieldsV1"]);
        TestJson.Equal("""{"f:spec": {".": {}, "f:size": {}}}""", Entry(result.Object, "creator")["fieldsV1"]);
    }

    public static TheoryData<string> Configurations => new()
    {
        WebDeployment,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: '1'}\n",
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: 80\n  - port: 80\n    protocol: UDP\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, finalizers: [a, b]}\nspec: {template: {spec: {volumes: [{name: v, emptyDir: {}}], tolerations: [{key: k}]}}}\n",
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Apply_is_idempotent_and_leaves_its_inputs_alone(string yaml)
    {
        var config = ServerSideApply.ParseConfiguration(yaml);
        var kind = (string)config["kind"]!;
        var options = new FieldManagerOptions("m", MergeKeys.ForKind(kind)) { Time = T1 };
        var copy = config.DeepClone();

        var first = ServerSideApply.Apply(null, config, options).Object!;
        var firstCopy = first.DeepClone();
        var second = ServerSideApply.Apply(first, config, options with { Time = T2 }).Object!;

        TestJson.Equal(first, second);
        TestJson.Equal(copy, config);
        TestJson.Equal(firstCopy, first);
    }

    [Fact]
    public void Configurations_are_read_from_yaml_or_json()
    {
        TestJson.Equal(
            """{"apiVersion": "v1", "kind": "ConfigMap", "data": {"port": "80", "on": true, "n": 3}}""",
            ServerSideApply.ParseConfiguration("apiVersion: v1\nkind: ConfigMap\ndata:\n  port: \"80\"\n  on: yes\n  n: 3\n"));
        TestJson.Equal("""{"kind": "ConfigMap"}""", ServerSideApply.ParseConfiguration("""  {"kind": "ConfigMap"}"""));
    }

    [Theory]
    [InlineData("kind: [unclosed\n", "error decoding YAML: line ")]
    [InlineData("a: 1\n---\nb: 2\n", "error decoding YAML: expected one document, found 2")]
    [InlineData("- just\n- a list\n", "error decoding patch: the applied configuration must be an object, not array")]
    [InlineData("{\"kind\": ", "error decoding patch: ")]
    [InlineData("{\"kind\": \"A\", \"kind\": \"B\"}", "error decoding patch: ")]
    [InlineData("kind: A\nkind: B\n", "error decoding YAML: line 2")]
    public void Unreadable_configurations_are_refused_with_400(string body, string messageStart)
    {
        var error = Assert.Throws<PatchException>(() => ServerSideApply.ParseConfiguration(body));

        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_are_written_with_gos_json_escaping()
    {
        var pod = ServerSideApply.ParseConfiguration("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    env:\n    - {name: \"A+B<é>\", value: x}\n");
        var live = ServerSideApply.Apply(null, pod, new FieldManagerOptions("m", MergeKeys.ForKind("Pod"))).Object!;

        var env = Entry(live, "m")["fieldsV1"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"app\"}"]!["f:env"]!.AsObject();

        Assert.Equal("k:{\"name\":\"A+B\\u003cé\\u003e\"}", Assert.Single(env).Key);
    }

    [Fact]
    public void Status_writes_are_recorded_with_their_subresource()
    {
        var live = Apply(null, WebDeployment, "kubectl", T1);
        var updated = (JsonObject)live.DeepClone();
        updated["status"] = new JsonObject { ["readyReplicas"] = 2, ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Available", ["status"] = "True" }) };

        ServerSideApply.RecordUpdate(live, updated, Options("controller", T2) with { Subresource = "status" });

        TestJson.Equal(
            """
            {"manager": "controller", "operation": "Update", "apiVersion": "apps/v1", "time": "2026-01-02T03:05:05Z", "fieldsType": "FieldsV1",
             "fieldsV1": {"f:status": {".": {}, "f:conditions": {".": {}, "k:{\"type\":\"Available\"}": {".": {}, "f:status": {}, "f:type": {}}}, "f:readyReplicas": {}}},
             "subresource": "status"}
            """,
            Entry(updated, "controller"));
    }

    [Fact]
    public void An_update_that_changes_nothing_leaves_the_managed_fields_alone()
    {
        var live = Apply(null, WebDeployment, "kubectl", T1);
        var same = (JsonObject)live.DeepClone();

        ServerSideApply.RecordUpdate(live, same, Options("editor", T2));

        TestJson.Equal(live, same);
    }

    [Fact]
    public void Unreadable_managed_fields_are_dropped_as_the_api_server_does()
    {
        var live = ServerSideApply.ParseConfiguration(WebDeployment);
        live["metadata"]!["managedFields"] = JsonNode.Parse("""[{"manager": "x", "operation": "Update", "fieldsV1": {"k:not json": {}}}]""");

        var result = ServerSideApply.Apply(live, ServerSideApply.ParseConfiguration(WebDeployment), Options("kubectl", T1));

        Assert.True(result.Succeeded);
        Assert.Equal(["before-first-apply", "kubectl"], result.Object!["metadata"]!["managedFields"]!.AsArray().Select(e => (string?)e!["manager"]).Order(StringComparer.Ordinal));
    }

    private static FieldManagerOptions Options(string manager, DateTimeOffset time) => new(manager, DeploymentKeys) { Time = time };

    private static JsonObject Apply(JsonObject? live, string yaml, string manager, DateTimeOffset time)
    {
        var result = ServerSideApply.Apply(live, ServerSideApply.ParseConfiguration(yaml), Options(manager, time));
        Assert.True(result.Succeeded, result.ConflictMessage);
        return result.Object!;
    }

    private static JsonObject ApplyCr(JsonObject? live, string spec, string manager, MergeKeys keys)
    {
        var config = TestJson.Parse(spec);
        config["apiVersion"] = "example.com/v1";
        config["kind"] = "Website";
        var result = ServerSideApply.Apply(live, config, new FieldManagerOptions(manager, keys) { Time = T1 });
        Assert.True(result.Succeeded, result.ConflictMessage);
        return result.Object!;
    }

    private static JsonNode Entry(JsonObject obj, string manager) =>
        obj["metadata"]!["managedFields"]!.AsArray().Single(e => (string?)e!["manager"] == manager)!;
}
