using System.Text.Json.Nodes;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Yaml;
using Orkestra.Resources;

namespace Orkestra.Sdk.Tests.Resources;

/// <summary>
/// The workload kinds (deployments, replicaSets, statefulSets, pods, jobs, cronJobs): the wiring the rest of the
/// library relies on, and behaviour the golden files do not show well.
/// </summary>
public class WorkloadTests
{
    private static (LoadResult Load, ResourceRenderer Renderer) Prepare(string onReconcile)
    {
        var load = TestKatalogs.Load("onReconcile: " + onReconcile);
        return (load, TestKatalogs.Renderer(load));
    }

    private static JsonObject Cr(string spec = "{}") =>
        (JsonObject)YamlValues.ToJson(YamlReader.Read("cr.yaml", $$"""
            apiVersion: demo.io/v1
            kind: Website
            metadata: {name: shop, namespace: web}
            spec: {{spec}}
            """).Documents.OfType<YamlMapping>().Single())!;

    private static RenderResult Render(string onReconcile, string spec = "{}") =>
        Prepare(onReconcile).Renderer.Render(Cr(spec), ResourcePhase.Reconcile);

    private static JsonObject Single(string onReconcile, string spec = "{}")
    {
        var result = Render(onReconcile, spec);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        return Assert.Single(result.Resources).Object;
    }

    private static JsonObject PodSpecOf(JsonObject workload) => (string)workload["kind"]! switch
    {
        "Pod" => workload["spec"]!.AsObject(),
        "CronJob" => workload["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!.AsObject(),
        _ => workload["spec"]!["template"]!["spec"]!.AsObject(),
    };

    private static JsonObject ContainerOf(JsonObject workload) => PodSpecOf(workload)["containers"]![0]!.AsObject();

    [Theory]
    [InlineData("deployments", "Deployment", "shop-deployment")]
    [InlineData("replicaSets", "ReplicaSet", "shop-replicaset")]
    [InlineData("statefulSets", "StatefulSet", "shop")]
    public void A_controller_selects_exactly_its_own_label_which_its_pods_carry_with_the_service_label(string key, string kind, string name)
    {
        var workload = Single("{" + key + ": [{image: nginx, labels: {tier: web}, podLabels: {lane: a}}]}");

        Assert.Equal(kind, (string?)workload["kind"]);
        Assert.Equal(name, (string?)workload["metadata"]!["name"]);
        var matchLabels = workload["spec"]!["selector"]!["matchLabels"]!.AsObject();
        Assert.True(JsonNode.DeepEquals(new JsonObject { [SystemMetadata.WorkloadLabel] = name }, matchLabels));
        Assert.Single(workload["spec"]!["selector"]!.AsObject());

        var podLabels = workload["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        foreach (var pair in matchLabels)
        {
            Assert.Equal((string?)pair.Value, (string?)podLabels[pair.Key]);
        }

        Assert.Equal("shop", (string?)podLabels["app"]);
        Assert.Equal("web", (string?)podLabels["tier"]);
        Assert.Equal("a", (string?)podLabels["lane"]);
        Assert.Null(PodSpecOf(workload)["restartPolicy"]);
    }

    [Fact]
    public void The_selector_does_not_follow_the_image_or_the_labels_so_it_never_changes()
    {
        var first = Single("{deployments: [{name: app, image: 'nginx:{{ .spec.v }}', labels: {v: '{{ .spec.v }}'}}]}", "{v: '1'}");
        var second = Single("{deployments: [{name: app, image: 'nginx:{{ .spec.v }}', labels: {v: '{{ .spec.v }}'}}]}", "{v: '2'}");

        Assert.True(JsonNode.DeepEquals(first["spec"]!["selector"], second["spec"]!["selector"]));
    }

    [Fact]
    public void A_declared_selector_has_no_effect_and_says_so_when_the_katalog_loads()
    {
        var (load, renderer) = Prepare("{deployments: [{image: nginx, selector: {matchLabels: {app: other}}}]}");

        Assert.Contains(load.Diagnostics, d => d.Rule == DiagnosticCatalog.KeyWithoutEffect && d.Message.Contains("selector", StringComparison.Ordinal));
        var workload = Assert.Single(renderer.Render(Cr(), ResourcePhase.Reconcile).Resources).Object;
        Assert.Null(workload["spec"]!["selector"]!["matchLabels"]!["app"]);
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("cronJobs")]
    public void Batch_pods_restart_Never_unless_set_and_carry_no_selector(string key)
    {
        var schedule = key == "cronJobs" ? ", schedule: '@hourly'" : string.Empty;
        var workload = Single("{" + key + ": [{image: busybox" + schedule + "}]}");

        Assert.Equal("Never", (string?)PodSpecOf(workload)["restartPolicy"]);
        var jobSpec = key == "jobs" ? workload["spec"]!.AsObject() : workload["spec"]!["jobTemplate"]!["spec"]!.AsObject();
        Assert.False(jobSpec.ContainsKey("selector"));
        Assert.Equal(3, (long)jobSpec["backoffLimit"]!);

        var onFailure = Single("{" + key + ": [{image: busybox, restartPolicy: OnFailure" + schedule + "}]}");
        Assert.Equal("OnFailure", (string?)PodSpecOf(onFailure)["restartPolicy"]);
    }

    [Fact]
    public void A_bare_pod_keeps_kubernetes_default_restart_policy_and_carries_the_pod_labels()
    {
        var pod = Single("{pods: [{image: busybox}]}");

        Assert.False(pod["spec"]!.AsObject().ContainsKey("restartPolicy"));
        Assert.Equal("shop", (string?)pod["metadata"]!["labels"]!["app"]);
        Assert.Equal("shop-pod", (string?)pod["metadata"]!["name"]);
    }

    [Fact]
    public void The_primary_container_is_named_by_containerName_else_after_the_object()
    {
        Assert.Equal("web", (string?)ContainerOf(Single("{deployments: [{name: app, containerName: web, image: nginx}]}"))["name"]);
        Assert.Equal("app", (string?)ContainerOf(Single("{deployments: [{name: app, image: nginx}]}"))["name"]);
    }

    [Fact]
    public void An_object_name_that_cannot_name_a_container_asks_for_containerName()
    {
        var result = Render("{deployments: [{name: app.v2, image: nginx}]}");

        var error = Assert.Single(result.Errors);
        Assert.EndsWith("deployments[0].containerName", error.Field, StringComparison.Ordinal);
        Assert.Contains("set containerName", error.Message, StringComparison.Ordinal);
        Assert.Contains("Website web/shop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probes_without_a_port_use_the_container_port_and_the_first_of_ports_when_port_is_absent()
    {
        var withPort = ContainerOf(Single("{deployments: [{image: nginx, port: '{{ .spec.port }}', protocol: udp, probes: {liveness: {path: /healthz}}}]}", "{port: 8080}"));
        Assert.Equal(8080, (long)withPort["ports"]![0]!["containerPort"]!);
        Assert.Equal("UDP", (string?)withPort["ports"]![0]!["protocol"]);
        Assert.Equal(8080, (long)withPort["livenessProbe"]!["httpGet"]!["port"]!);

        var fromPorts = ContainerOf(Single("{deployments: [{image: nginx, ports: [{name: web, containerPort: '9000'}], probes: {readiness: {}}}]}"));
        Assert.Equal(9000, (long)fromPorts["readinessProbe"]!["tcpSocket"]!["port"]!);
    }

    [Fact]
    public void A_probe_on_a_port_name_the_container_does_not_have_is_an_error()
    {
        var error = Assert.Single(Render("{deployments: [{image: nginx, port: '80', probes: {liveness: {port: http}}}]}").Errors);

        Assert.EndsWith("probes.liveness.port", error.Field, StringComparison.Ordinal);
        Assert.Contains("no container port is named 'http'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Env_values_stay_strings_as_written()
    {
        var env = ContainerOf(Single("{deployments: [{image: nginx, env: [{name: A, value: 8080}, {name: B, value: true}, {name: C, value: 1.10}, {name: D, value: '{{ .spec.n }}'}]}]}", "{n: 3}"))["env"]!.AsArray();

        Assert.Equal(new[] { "8080", "true", "1.10", "3" }, env.Select(e => e!["value"]!.GetValue<string>()));
    }

    [Fact]
    public void Env_as_a_map_is_read_as_the_list_it_stands_for()
    {
        var env = ContainerOf(Single("{deployments: [{image: nginx, env: {LOG_LEVEL: info, PORT: 8080}}]}"))["env"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"LOG_LEVEL","value":"info"},{"name":"PORT","value":"8080"}]"""), env));
    }

    [Fact]
    public void EnvFrom_lists_secrets_then_config_maps()
    {
        var envFrom = ContainerOf(Single("{deployments: [{image: nginx, envFrom: {configMapRef: [{name: cfg}], secretRef: [{name: s, prefix: S_, optional: true}]}}]}"))["envFrom"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"prefix":"S_","secretRef":{"name":"s","optional":true}},{"configMapRef":{"name":"cfg"}}]"""), envFrom));
    }

    [Fact]
    public void Image_pull_secrets_take_names_or_name_objects()
    {
        var single = PodSpecOf(Single("{deployments: [{image: nginx, imagePullSecrets: regcred}]}"))["imagePullSecrets"];
        var mixed = PodSpecOf(Single("{deployments: [{image: nginx, imagePullSecrets: [a, {name: b}]}]}"))["imagePullSecrets"];

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"regcred"}]"""), single));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"a"},{"name":"b"}]"""), mixed));
    }

    [Fact]
    public void Autoscale_is_not_acted_on_and_stays_out_of_the_object()
    {
        var workload = Single("{deployments: [{image: nginx, replicas: '2', autoscale: {min: 2, max: 10, cooldown: 2m}}]}");

        Assert.DoesNotContain("autoscale", workload.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("cooldown", workload.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2, (long)workload["spec"]!["replicas"]!);
    }

    [Fact]
    public void Claim_templates_are_named_data_by_default_and_mounted_only_with_a_mount_path()
    {
        var sts = Single("{statefulSets: [{image: postgres, volumeClaimTemplates: [{storageSize: 1Gi, mountPath: /var/lib/pg}, {name: logs, storageSize: 2Gi}]}]}");

        var claims = sts["spec"]!["volumeClaimTemplates"]!.AsArray();
        Assert.Equal(new[] { "data", "logs" }, claims.Select(c => (string)c!["metadata"]!["name"]!));
        Assert.False(claims[0]!["spec"]!.AsObject().ContainsKey("storageClassName"));
        var mounts = ContainerOf(sts)["volumeMounts"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"data","mountPath":"/var/lib/pg"}]"""), mounts));
    }

    [Fact]
    public void A_cronjob_without_a_schedule_is_an_error_naming_the_field()
    {
        var error = Assert.Single(Render("{cronJobs: [{image: busybox}]}").Errors);

        Assert.EndsWith("cronJobs[0].schedule", error.Field, StringComparison.Ordinal);
        Assert.Contains("needs a schedule", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upstream_built_in_profile_names_are_all_there()
    {
        Assert.Equal(
            new[] { "burst", "compute-heavy", "large", "medium", "memory-heavy", "small", "steady", "tiny" },
            ProfileCatalog.BuiltInsOf("resources").Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "fast", "patient", "slow-start", "standard" }, ProfileCatalog.BuiltInsOf("probes").Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "baseline", "hardened", "restricted" }, ProfileCatalog.BuiltInsOf("containerSecurity").Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "baseline", "hardened", "restricted" }, ProfileCatalog.BuiltInsOf("podSecurity").Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "blue-green", "fast", "safe" }, ProfileCatalog.BuiltInsOf("rollingUpdate").Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_probe_without_profile_or_timings_gets_upstreams_standard_timings()
    {
        var probe = ContainerOf(Single("{deployments: [{image: nginx, port: '80', probes: {liveness: {path: /}}}]}"))["livenessProbe"]!.AsObject();
        var standard = ProfileCatalog.BuiltInsOf("probes")["standard"];

        foreach (var pair in standard)
        {
            Assert.Equal((long)pair.Value!, (long)probe[pair.Key]!);
        }
    }

    [Fact]
    public void A_liveness_probe_needing_several_successes_is_refused_before_kubernetes_does()
    {
        var error = Assert.Single(Render("{deployments: [{image: nginx, port: '80', probes: {liveness: {successThreshold: '2'}}}]}").Errors);

        Assert.EndsWith("probes.liveness.successThreshold", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Odd_values_in_free_form_fields_are_errors_not_crashes()
    {
        var items = new[]
        {
            "{image: nginx, env: text}",
            "{image: nginx, env: [{value: x}]}",
            "{image: nginx, volumes: text}",
            "{image: nginx, volumeMounts: {a: b}}",
            "{image: nginx, initContainers: 3}",
            "{image: nginx, tolerations: text}",
            "{image: nginx, affinity: [a]}",
            "{image: nginx, securityContext: restricted}",
            "{image: nginx, podSecurity: [x]}",
            "{image: nginx, imagePullSecrets: {a: {b: c}}}",
            "{image: nginx, ports: [{name: x}]}",
            "{image: nginx, ports: [web]}",
            "{image: nginx, strategy: Recreate}",
            "{image: nginx, port: '70000'}",
            "{image: nginx, protocol: HTTP, port: '80'}",
            "{image: nginx, imagePullPolicy: sometimes}",
            "{image: 'nginx latest'}",
            "{image: nginx, replicas: '-1'}",
            "{image: nginx, resources: {requests: {cpu: [1]}}}",
            "{image: nginx, rollingUpdate: {maxSurge: lots}}",
            "{image: nginx, rollingUpdate: {profile: safe, maxSurge: '1'}}",
            "{image: nginx, securityContext: {profile: restricted, runAsUser: 1}}",
            "{image: nginx, port: '80', probes: {liveness: {type: exec}}}",
            "{image: nginx, port: '80', probes: {readiness: {type: grpc, port: grpc}}}",
            "{image: nginx, strategy: {type: Recreate}, rollingUpdate: {profile: safe}}",
        };
        var result = Render("{deployments: [" + string.Join(", ", items) + "]}");

        Assert.Empty(result.Resources);
        Assert.Equal(items.Length, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("(Website web/shop)", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Rendering_is_pure_and_safe_from_several_threads()
    {
        var (_, renderer) = Prepare("{deployments: [{forEach: {field: spec.names}, name: '{{ .item }}', image: nginx, port: '80', resources: {profile: small}, probes: {liveness: {path: /}}, securityContext: {profile: hardened}}]}");
        var cr = Cr("{names: [a, b, c, d]}");
        var expected = string.Join("\n", renderer.Render(cr, ResourcePhase.Reconcile).Resources.Select(r => r.Object.ToJsonString()));

        var outputs = new string[32];
        Parallel.For(0, outputs.Length, i =>
            outputs[i] = string.Join("\n", renderer.Render(cr, ResourcePhase.Reconcile).Resources.Select(r => r.Object.ToJsonString())));

        Assert.All(outputs, output => Assert.Equal(expected, output));
        Assert.Equal(expected, string.Join("\n", renderer.Render(cr, ResourcePhase.Reconcile).Resources.Select(r => r.Object.ToJsonString())));
    }
}
