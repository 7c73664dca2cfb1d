using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Schema;

/// <summary>
/// The schemas of the Orkestra documents (ORKESTRA-REFERENCE.md sections 1-7): every documented key, the current
/// layout, and the older spellings with where they moved.
/// </summary>
internal static class DocumentSchemas
{
    // Building blocks -------------------------------------------------------------------------------------------

    private static readonly Shape Text = new ScalarShape(ScalarForm.Text);
    private static readonly Shape Bool = new ScalarShape(ScalarForm.Bool);
    private static readonly Shape Int = new ScalarShape(ScalarForm.Int);
    private static readonly Shape Number = new ScalarShape(ScalarForm.Number);
    private static readonly Shape Duration = new ScalarShape(ScalarForm.Duration);
    private static readonly Shape LongDuration = new ScalarShape(ScalarForm.ExtendedDuration);
    private static readonly Shape Date = new ScalarShape(ScalarForm.Date);
    private static readonly Shape Any = AnyShape.Instance;
    private static readonly Shape TextList = new ListShape(Text);
    private static readonly Shape TextMap = new MapOfShape(Text);
    private static readonly Shape TextOrList = new EitherShape(Text, TextList, null);

    private static Field F(string name, Shape shape) => new(name, shape);

    private static ObjectShape Obj(string name, params Field[] fields) => new(name, fields);

    private static Shape List(Shape item) => new ListShape(item);

    private static Shape Enum(params string[] values) => new EnumShape(values);

    /// <summary>The condition operators and their shorthand keys (reference 1.6).</summary>
    public static readonly string[] ConditionOperators =
    {
        "equals", "eq", "notEquals", "neq", "contains", "notContains", "prefix", "notPrefix", "suffix", "notSuffix",
        "regex", "exists", "notExists", "gt", "greaterThan", "lt", "lessThan", "gte", "min", "greaterThanOrEqual",
        "lte", "max", "lessThanOrEqual", "between", "notBetween", "in", "notIn", "unique", "typeOf", "typeMap",
        "typeList", "typeString", "typeNumber", "typeBool", "typeNull",
    };

    private static readonly Shape ValueType = Enum("string", "int", "integer", "float", "number", "bool", "boolean", "auto", "duration", "time");

    private static readonly ObjectShape Condition = Obj(
        "a condition",
        ConditionOperators.Select(op => F(op, Any))
            .Concat(new[]
            {
                F("field", Text),
                F("operator", Enum(ConditionOperators)),
                F("value", Any),
                F("valueType", ValueType),
                F("negate", Bool),
                F("time", Obj("a time window", F("after", Text), F("before", Text))),
                F("dayOfWeek", Obj("a day-of-week condition", F("weekday", Bool), F("weekend", Bool), F("in", TextOrList), F("notIn", TextOrList))),
                F("cron", Text),
                F("duration", LongDuration), // as the condition engine reads it: 90m, 1d, 2w
            })
            .ToArray());

    private static readonly Shape Conditions = new EitherShape(null, List(Condition), Condition);

    /// <summary>The <c>when</c>, <c>or</c> and older <c>anyOf</c> keys that any conditional block has.</summary>
    private static Field[] Conditional() => new[] { F("when", Conditions), F("or", Conditions), F("anyOf", Conditions).MovedTo("or") };

    private static Field[] With(Field[] first, params Field[] rest) => first.Concat(rest).ToArray();

    private static readonly ObjectShape Fires = Obj("fires", F("reconcile", Bool));

    private static readonly ObjectShape External = Obj(
        "an external call",
        With(
            Conditional(),
            F("name", Text).Required(),
            F("url", Text),
            F("method", Enum("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")),
            F("timeout", Duration),
            F("continueOnError", Bool),
            F("expectedStatus", Any),
            F("headers", TextMap),
            F("body", Any),
            F("fires", Fires),
            F("protocol", Enum("http", "prometheus", "redis", "postgres", "mongo", "kafka")),
            F("query", Text)));

    private static readonly Shape Externals = List(External);

    // Labels: a map now; the older list of {key, value} is converted (v0.7.13).
    private static readonly Shape Labels = new ConvertShape(TextMap, ConvertKeyValueList);

    private static YamlNode ConvertKeyValueList(YamlNode node, string path, ShapeContext context)
    {
        if (node is not YamlSequence sequence)
        {
            return node;
        }

        var map = new YamlMapping(node.Location);
        foreach (var item in sequence.Items)
        {
            if (item is YamlMapping pair && pair.Entry("key") is { Value: YamlScalar key })
            {
                map.Set(key, pair["value"] ?? new YamlScalar(pair.Location, string.Empty, ScalarKind.Null));
            }
            else
            {
                context.Report(Diagnostics.DiagnosticCatalog.WrongType, item.Location, path + "[]", "{key, value}", item.Describe());
            }
        }

        context.Report(Diagnostics.DiagnosticCatalog.DeprecatedKey, node.Location, "'" + path + "' as a list of {key, value}", "a map: " + path + ": {key: value}");
        return map;
    }

    // Resource templates (reference 1.4) ----------------------------------------------------------------------

    /// <summary>The resource keys of a katalog, in upstream's order.</summary>
    public static readonly string[] ResourceKeys =
    {
        "deployments", "replicaSets", "statefulSets", "pods", "jobs", "cronJobs", "services", "ingresses",
        "networkPolicies", "configMaps", "secrets", "namespaces", "persistentVolumeClaims", "persistentVolumes",
        "serviceAccounts", "roles", "roleBindings", "clusterRoles", "clusterRoleBindings", "hpa", "pdb",
        "resourceQuotas", "limitRanges", "custom",
    };

    /// <summary>Resource keys upstream accepts and ignores.</summary>
    public static readonly string[] IgnoredResourceKeys = { "daemonSets", "storageClasses", "serviceMonitors", "podMonitors", "prometheusRules", "certificates", "issuers" };

    private static Field[] ItemCommon() => With(
        Conditional(),
        F("name", Text),
        F("namespace", Text),
        F("labels", Labels),
        F("annotations", TextMap),
        F("reconcile", Bool),
        F("forEach", Obj("forEach", F("field", Text).Required(), F("as", Text))),
        F("sleep", Duration),
        F("version", Text),
        F("forceConflict", Bool),
        F("once", Bool));

    private static readonly Shape ProfileOr = Obj("a profile reference", F("profile", Text), F("requests", Any), F("limits", Any));

    private static readonly ObjectShape Probe = Obj(
        "a probe",
        F("type", Enum("http", "tcp", "exec", "grpc")),
        F("path", Text),
        F("port", Text),
        F("command", TextOrList),
        F("profile", Text),
        F("initialDelaySeconds", Text),
        F("periodSeconds", Text),
        F("timeoutSeconds", Text),
        F("failureThreshold", Text),
        F("successThreshold", Text));

    private static readonly ObjectShape EnvFromRef = Obj("an envFrom reference", F("name", Text).Required(), F("prefix", Text), F("optional", Bool));

    // envFrom.secretRef: [name] is the older form of [{name, prefix}] (v0.7.13).
    private static readonly Shape EnvFromRefs = List(new ConvertShape(EnvFromRef, (node, path, context) =>
    {
        if (node is YamlScalar { IsNull: false } name)
        {
            context.Report(Diagnostics.DiagnosticCatalog.DeprecatedKey, node.Location, "'" + path + "' as a plain name", "{name: " + name.Value + "}");
            var map = new YamlMapping(node.Location);
            map.Set(new YamlScalar(node.Location, "name", ScalarKind.String), name);
            return map;
        }

        return node;
    }));

    private static readonly Field[] PodFields =
    {
        F("image", Text),
        F("imagePullPolicy", Text),
        F("imagePullSecrets", Any),
        F("command", TextOrList),
        F("args", TextOrList),
        F("port", Text),
        F("ports", Any),
        F("protocol", Text),
        F("containerName", Text),
        F("resources", ProfileOr),
        F("env", Any),
        F("envFrom", Obj("envFrom", F("secretRef", EnvFromRefs), F("configMapRef", EnvFromRefs))),
        F("nodeSelector", TextMap),
        F("tolerations", Any),
        F("affinity", Any),
        F("serviceAccountName", Text),
        F("workingDirectory", Text),
        F("probes", Obj("probes", F("startup", Probe), F("liveness", Probe), F("readiness", Probe))),
        F("securityContext", Any),
        F("podSecurity", Any),
        F("volumes", Any),
        F("volumeMounts", Any),
        F("initContainers", Any),
        F("restartPolicy", Text),
        F("podLabels", TextMap),
        F("podAnnotations", TextMap),
    };

    private static ObjectShape Item(string name, params Field[] fields) => Obj(name, ItemCommon().Concat(fields).ToArray());

    private static readonly Shape Deployment = Item(
        "a deployment",
        PodFields.Concat(new[]
        {
            F("replicas", Text),
            F("selector", Any).WithoutEffect("a workload always selects its pods by its own label; select them elsewhere by their labels"),
            F("strategy", Any),
            F("rollingUpdate", Obj("rollingUpdate", F("profile", Text), F("maxSurge", Text), F("maxUnavailable", Text))),
            F("autoscale", Any).NotActedOn(),
        }).ToArray());

    private static readonly Shape ReplicaSet = Item(
        "a replicaSet",
        PodFields.Concat(new[]
        {
            F("replicas", Text),
            F("selector", Any).WithoutEffect("a workload always selects its pods by its own label; select them elsewhere by their labels"),
            F("rollingUpdate", Any).WithoutEffect("a ReplicaSet has no update strategy; use a Deployment to roll out changes"),
            F("autoscale", Any).NotActedOn(),
        }).ToArray());

    private static readonly Shape StatefulSet = Item(
        "a statefulSet",
        PodFields.Concat(new[]
        {
            F("tag", Text),
            F("replicas", Text),
            F("serviceName", Text),
            F("selector", Any).WithoutEffect("a workload always selects its pods by its own label; select them elsewhere by their labels"),
            F("podManagementPolicy", Text),
            F("updateStrategy", Any),
            F("rollingUpdate", Obj("rollingUpdate", F("profile", Text), F("maxSurge", Text), F("maxUnavailable", Text))),
            F("autoscale", Any).NotActedOn(),
            F("volumeClaimTemplates", List(Obj(
                "a volumeClaimTemplate",
                F("name", Text),
                F("storageClass", Text),
                F("storageSize", Text).Required(),
                F("mountPath", Text),
                F("accessModes", TextOrList)))),
        }).ToArray());

    private static readonly Shape Pod = Item("a pod", PodFields);

    private static readonly Field[] JobFields =
    {
        F("backoffLimit", Text),
        F("completions", Text),
        F("parallelism", Text),
        F("activeDeadlineSeconds", Text),
        F("ttlSecondsAfterFinished", Text),
    };

    private static readonly Shape Job = Item("a job", PodFields.Concat(JobFields).ToArray());

    private static readonly Shape CronJob = Item(
        "a cronJob",
        PodFields.Concat(JobFields).Concat(new[]
        {
            F("schedule", Text),
            F("timeZone", Text),
            F("suspend", Text),
            F("concurrencyPolicy", Text),
            F("successfulJobsHistoryLimit", Text),
            F("failedJobsHistoryLimit", Text),
            F("startingDeadlineSeconds", Text),
        }).ToArray());

    private static readonly Shape Service = Item(
        "a service",
        F("type", Text),
        F("headless", Bool),
        F("port", Text),
        F("targetPort", Text),
        F("nodePort", Text),
        F("protocol", Text),
        F("portName", Text),
        F("ports", Any),
        F("selector", TextMap),
        F("clusterIP", Text),
        F("externalName", Text),
        F("sessionAffinity", Text));

    private static readonly Shape Ingress = Item(
        "an ingress",
        F("host", Text),
        F("path", Text),
        F("pathType", Text),
        F("serviceName", Text),
        F("servicePort", Text),
        F("className", Text),
        F("ingressClassName", Text),
        F("tls", Any),
        F("rules", Any));

    private static readonly Shape NetworkPolicy = Item(
        "a networkPolicy",
        F("profile", Text),
        F("podSelector", Any),
        F("policyTypes", Any),
        F("ingress", Any),
        F("egress", Any),
        F("toNamespaces", TextOrList).WithoutEffect("one item renders one object; use forEach over the namespaces with namespace: '{{ .item }}'"),
        F("fromNetworkPolicy", Text).WithoutEffect("copying a live NetworkPolicy needs a cluster read; write the rules or a profile"),
        F("fromNamespace", Text).WithoutEffect("copying a live NetworkPolicy needs a cluster read; write the rules or a profile"));

    private static readonly Shape ConfigMap = Item(
        "a configMap",
        F("data", TextMap),
        F("binaryData", TextMap),
        F("immutable", Bool),
        F("toNamespaces", TextOrList).WithoutEffect("one item renders one object; use forEach over the namespaces with namespace: '{{ .item }}'"),
        F("fromConfigMap", Text).WithoutEffect("copying a live ConfigMap needs a cluster read; write data"),
        F("fromNamespace", Text).WithoutEffect("copying a live ConfigMap needs a cluster read; write data"));

    private static readonly Shape Secret = Item(
        "a secret",
        F("type", Text),
        F("data", TextMap),
        F("stringData", TextMap),
        F("immutable", Bool),
        F("rotateAfter", LongDuration),
        F("tls", Any).WithoutEffect("generating a certificate is not part of the rendered Secret; issue it with cert-manager (a custom Certificate) or write data"),
        F("toNamespaces", TextOrList).WithoutEffect("one item renders one object; use forEach over the namespaces with namespace: '{{ .item }}'"),
        F("fromSecret", Text).WithoutEffect("copying a live Secret needs a cluster read; write data"),
        F("fromNamespace", Text).WithoutEffect("copying a live Secret needs a cluster read; write data"));

    private static readonly Shape Namespace = Item("a namespace", F("finalizers", TextOrList));

    private static readonly Shape Pvc = Item(
        "a persistentVolumeClaim",
        F("storage", Text),
        F("storageSize", Text),
        F("storageClass", Text),
        F("storageClassName", Text),
        F("accessModes", TextOrList),
        F("volumeMode", Text),
        F("volumeName", Text),
        F("selector", Any));

    private static readonly Shape Pv = Item(
        "a persistentVolume",
        F("storage", Text),
        F("capacity", Text),
        F("storageClassName", Text),
        F("accessModes", TextOrList),
        F("reclaimPolicy", Text),
        F("volumeMode", Text),
        F("hostPath", Any),
        F("nfs", Any),
        F("csi", Any),
        F("csiDriver", Text),
        F("csiVolumeHandle", Text),
        F("local", Any),
        F("nodeAffinity", Any));

    private static readonly Shape ServiceAccount = Item("a serviceAccount", F("automountServiceAccountToken", Bool), F("imagePullSecrets", Any), F("secrets", Any));

    private static readonly Shape Role = Item(
        "a role",
        F("rules", List(Obj(
            "a policy rule",
            F("apiGroups", TextOrList),
            F("resources", TextOrList),
            F("resourceNames", TextOrList),
            F("nonResourceURLs", TextOrList),
            F("verbs", TextOrList)))),
        F("aggregationRule", Any));

    private static readonly Shape Binding = Item(
        "a binding",
        F("roleRef", Obj("a roleRef", F("name", Text), F("kind", Text), F("apiGroup", Text))),
        F("subjects", List(Obj("a subject", F("kind", Text), F("name", Text), F("namespace", Text), F("apiGroup", Text)))));

    private static readonly Shape Hpa = Item(
        "an hpa",
        F("minReplicas", Text),
        F("maxReplicas", Text),
        F("scaleTargetRef", Obj("scaleTargetRef", F("apiVersion", Text), F("kind", Text), F("name", Text))),
        F("deploymentRef", Text),
        F("targetCPUUtilizationPercentage", Text),
        F("targetMemoryUtilizationPercentage", Text),
        F("metrics", Any),
        F("behavior", Obj(
            "behavior",
            new[] { "scaleUp", "scaleDown" }.Select(direction => F(direction, Obj(
                "behavior." + direction,
                F("stabilizationWindowSeconds", Text),
                F("selectPolicy", Text),
                F("policies", List(Obj("a scaling policy", F("type", Text), F("value", Text), F("periodSeconds", Text)))),
                F("tolerance", Text)))).Prepend(F("profile", Text)).ToArray())));

    private static readonly Shape Pdb = Item(
        "a pdb",
        F("minAvailable", Text),
        F("maxUnavailable", Text),
        F("selector", Any),
        F("behavior", Obj("behavior", F("profile", Text), F("minAvailable", Text), F("maxUnavailable", Text))),
        F("unhealthyPodEvictionPolicy", Text));

    private static readonly Shape ResourceQuota = Item(
        "a resourceQuota",
        F("profile", Text),
        F("hard", TextMap),
        F("scopes", TextOrList),
        F("scopeSelector", Any),
        F("toNamespaces", TextOrList).WithoutEffect("one item renders one object; use forEach over the namespaces with namespace: '{{ .item }}'"),
        F("fromResourceQuota", Text).WithoutEffect("copying a live ResourceQuota needs a cluster read; write hard or profile"),
        F("fromNamespace", Text).WithoutEffect("copying a live ResourceQuota needs a cluster read; write hard or profile"));

    private static readonly Shape LimitRange = Item(
        "a limitRange",
        F("profile", Text),
        F("limits", List(Obj(
            "a limit",
            F("type", Text),
            F("max", TextMap),
            F("min", TextMap),
            F("default", TextMap),
            F("defaultRequest", TextMap),
            F("maxLimitRequestRatio", TextMap)))),
        F("toNamespaces", TextOrList).WithoutEffect("one item renders one object; use forEach over the namespaces with namespace: '{{ .item }}'"),
        F("fromLimitRange", Text).WithoutEffect("copying a live LimitRange needs a cluster read; write limits or profile"),
        F("fromNamespace", Text).WithoutEffect("copying a live LimitRange needs a cluster read; write limits or profile"));

    private static readonly Shape Custom = Item(
        "a custom resource",
        F("apiVersion", Text).Required(),
        F("kind", Text).Required(),
        F("metadata", Obj(
            "metadata",
            F("name", Text),
            F("namespace", Text),
            F("labels", Labels),
            F("annotations", TextMap),
            F("namespaced", Bool))),
        F("spec", Any),
        F("data", Any),
        F("status", Any),
        F("hasStatus", Bool),
        F("namespaced", Bool));

    private static Field[] ResourceFields()
    {
        var shapes = new[]
        {
            Deployment, ReplicaSet, StatefulSet, Pod, Job, CronJob, Service, Ingress, NetworkPolicy, ConfigMap, Secret,
            Namespace, Pvc, Pv, ServiceAccount, Role, Binding, Role, Binding, Hpa, Pdb, ResourceQuota, LimitRange, Custom,
        };
        var fields = new List<Field>();
        for (var i = 0; i < ResourceKeys.Length; i++)
        {
            fields.Add(F(ResourceKeys[i], List(shapes[i])));
        }

        foreach (var ignored in IgnoredResourceKeys)
        {
            fields.Add(F(ignored, Any).Placeholder());
        }

        return fields.ToArray();
    }

    /// <summary>A set of resource templates: <c>onCreate</c>, <c>onReconcile</c>, <c>onDelete</c>.</summary>
    private static readonly ObjectShape ResourceSet = Obj(
        "a set of resource templates",
        ResourceFields().Concat(new[] { F("external", Externals).NotActedOn(), F("ordered", Bool) }).ToArray());

    // Status, events, admission (reference 1.5, 1.7) -----------------------------------------------------------

    private static readonly ObjectShape StatusField = Obj(
        "a status field",
        With(
            Conditional(),
            F("path", Text).Required(),
            F("value", Text),
            F("type", Enum("string", "int", "float", "bool", "auto")),
            F("clearOnFalse", Bool)));

    private static readonly ObjectShape Status = Obj(
        "status",
        F("conditions", Bool),
        F("include", TextOrList),
        F("fields", List(StatusField)));

    private static readonly ObjectShape Event = Obj(
        "an event",
        With(Conditional(), F("type", Enum("Normal", "Warning")), F("reason", Text), F("message", Text)));

    private static readonly ObjectShape Rule = Obj(
        "a validation rule",
        With(
            Condition.Fields.ToArray(),
            F("message", Text),
            F("action", Enum("deny", "warn")),
            F("link", Text),
            F("fires", Fires)).Concat(Conditional()).ToArray());

    private static readonly ObjectShape Validation = Obj(
        "validation",
        F("include", TextOrList),
        F("external", Externals).NotActedOn(),
        F("rules", List(Rule)));

    private static readonly ObjectShape MutationRule = Obj(
        "a mutation rule",
        With(
            Conditional(),
            F("field", Text).Required(),
            F("default", Any),
            F("override", Any),
            F("valueType", ValueType),
            F("fires", Fires)));

    private static readonly ObjectShape Mutation = Obj(
        "mutation",
        F("mutateFirst", Bool),
        F("include", TextOrList),
        F("external", Externals).NotActedOn(),
        F("rules", List(MutationRule)));

    private static readonly ObjectShape Conversion = Obj(
        "conversion",
        F("storageVersion", Text),
        F("updateCRD", Bool),
        F("participant", Bool),
        F("paths", List(Obj("a conversion path", F("from", Text).Required(), F("to", Text).Required(), F("spec", Any), F("status", Any), F("metadata", Any)))));

    private static readonly ObjectShape Webhooks = Obj(
        "webhooks",
        F("validation", Bool),
        F("mutation", Bool),
        F("operations", TextList));

    private static readonly ObjectShape Admission = Obj(
        "admission",
        F("validation", Validation),
        F("mutation", Mutation),
        F("conversion", Conversion).NotActedOn(),
        F("webhooks", Webhooks).NotActedOn());

    // Motif imports ------------------------------------------------------------------------------------------

    private static readonly Shape Auth = Obj(
        "auth",
        F("type", Enum("github", "gitlab", "bearer", "basic")),
        F("fromEnv", Text),
        F("usernameFromEnv", Text),
        F("passwordFromEnv", Text));

    private static readonly ObjectShape MotifImport = Obj(
        "a motif import",
        F("motif", Text).Required(),
        F("oci", Bool),
        F("version", Text),
        F("auth", Auth),
        F("with", new MapOfShape(Any)));

    private static readonly Shape MotifImports = List(new ConvertShape(MotifImport, (node, path, context) =>
    {
        if (node is YamlScalar { IsNull: false } reference)
        {
            var map = new YamlMapping(node.Location);
            map.Set(new YamlScalar(node.Location, "motif", ScalarKind.String), reference);
            return map;
        }

        return node;
    }));

    // operatorBox (reference 1.3) -------------------------------------------------------------------------------

    private static readonly ObjectShape Hooks = Obj(
        "hooks",
        F("class", Text),
        F("managedResources", List(Obj("a managed resource", F("apiVersion", Text), F("kind", Text).Required()))),
        F("resources", Any).MovedTo("managedResources"),
        F("args", new MapOfShape(Any)),
        F("runHooksFirst", Bool),
        F("timeout", Duration),
        F("external", Externals).NotActedOn(),
        F("location", Text).WithoutEffect("it locates a Go package; C# hooks are found by their [KatalogHooks] attribute"),
        F("function", Text).WithoutEffect("it names a Go function; name the C# class in 'class'"),
        F("alias", Text).WithoutEffect("it is a Go import alias"));

    private static readonly ObjectShape Queue = Obj(
        "queue",
        F("shared", Bool),
        F("maxDepth", Int),
        F("failureThreshold", Number),
        F("retryBackoff", Any),
        F("behaviour", Any));

    private static readonly ObjectShape Reconcile = Obj(
        "reconcile",
        F("workers", Int),
        F("resync", Duration),
        F("queue", Queue),
        F("profile", Enum("high-throughput", "conservative", "development")),
        F("include", TextOrList),
        F("default", Bool),
        F("hooks", Hooks),
        F("constructor", Any).WithoutEffect("Go constructors have no C# counterpart; write a typed hook instead"),
        F("remote", Any).NotActedOn(),
        F("onCreate", ResourceSet),
        F("onReconcile", ResourceSet),
        F("onDelete", ResourceSet),
        F("imports", MotifImports),
        F("requeue", List(Obj("a requeue rule", With(Conditional(), F("after", Text).Required())))));

    private static readonly Shape Gate = Obj("a gate", With(Conditional(), F("external", Externals).NotActedOn(), F("eventAware", Bool).NotActedOn(), F("failPolicy", Enum("open", "closed"))));

    private static readonly ObjectShape OperatorBox = new(
        "operatorBox",
        new[]
        {
            F("observe", Obj(
                "observe",
                F("watch", Any),
                F("events", Any).NotActedOn(),
                F("cross", List(Obj(
                    "a cross reference",
                    F("crd", Text).Required(),
                    F("selector", Any),
                    F("labelSelector", Any),
                    F("labels", Any).MovedTo("labelSelector"),
                    F("as", Text),
                    F("source", Obj("source", F("protocol", Enum("cr", "health", "metrics", "info", "events")), F("type", Any).MovedTo("protocol"))))))))
                .NotActedOn(),
            F("preReconcile", Obj(
                "preReconcile",
                With(
                    Conditional(),
                    F("sentinels", List(Enum("generationChanged", "labelsChanged", "annotationsChanged"))),
                    F("external", Externals).NotActedOn(),
                    F("enqueueGate", Gate),
                    F("reconcileGate", Gate)))),
            F("runtime", Obj(
                "runtime",
                F("autoscale", Any).NotActedOn(),
                F("finalizers", Any),
                F("namespaceGuards", Any).NotActedOn(),
                F("deletionProtection", Any).NotActedOn(),
                F("rollBackOnError", Bool).NotActedOn())),
            F("reconcile", Reconcile),
            F("emit", Obj("emit", F("status", Status), F("events", new MapOfShape(Event)))),

            // Older layouts (reference section 0).
            F("reconciler", Any).MovedTo("reconcile"),
            F("default", Any).MovedTo("reconcile.default"),
            F("hooks", Any).MovedTo("reconcile.hooks"),
            F("constructor", Any).MovedTo("reconcile.constructor"),
            F("remote", Any).MovedTo("reconcile.remote"),
            F("onCreate", Any).MovedTo("reconcile.onCreate"),
            F("onReconcile", Any).MovedTo("reconcile.onReconcile"),
            F("onDelete", Any).MovedTo("reconcile.onDelete"),
            F("imports", Any).MovedTo("reconcile.imports"),
            F("workers", Any).MovedTo("reconcile.workers"),
            F("resync", Any).MovedTo("reconcile.resync"),
            F("queue", Any).MovedTo("reconcile.queue"),
            F("requeue", Any).MovedTo("reconcile.requeue"),
            F("include", Any).MovedTo("reconcile.include"),
            F("status", Any).MovedTo("emit.status"),
            F("watch", Any).MovedTo("observe.watch"),
            F("cross", Any).MovedTo("observe.cross"),
            F("sentinels", Any).MovedTo("preReconcile.sentinels"),
            F("external", Any).MovedTo("preReconcile.external"),
            F("enqueueGate", Any).MovedTo("preReconcile.enqueueGate"),
            F("reconcileGate", Any).MovedTo("preReconcile.reconcileGate"),
            F("when", Any).MovedTo("preReconcile.when"),
            F("or", Any).MovedTo("preReconcile.or"),
            F("finalizers", Any).MovedTo("runtime.finalizers"),
            F("autoscale", Any).MovedTo("runtime.autoscale"),
            F("rollBackOnError", Any).MovedTo("runtime.rollBackOnError"),
        })
    {
        // A flat "events" is either emitted events (a map) or observed events (a list).
        Normalize = (mapping, context) =>
        {
            if (mapping.Entry("events") is { } events)
            {
                var target = events.Value is YamlSequence ? "observe" : "emit";
                MoveUnder(mapping, events, target, "operatorBox", context);
            }

            return mapping;
        },
    };

    private static void MoveUnder(YamlMapping mapping, YamlEntry entry, string parentKey, string path, ShapeContext context)
    {
        var parent = mapping[parentKey] as YamlMapping;
        if (parent is null)
        {
            parent = new YamlMapping(entry.Key.Location);
            mapping.Set(new YamlScalar(entry.Key.Location, parentKey, ScalarKind.String), parent);
        }

        mapping.Remove(entry.Name);
        context.Report(Diagnostics.DiagnosticCatalog.DeprecatedKey, entry.Key.Location, "'" + path + "." + entry.Name + "'", "'" + path + "." + parentKey + "." + entry.Name + "'");
        if (parent.Add(entry) is { } clash)
        {
            context.Report(Diagnostics.DiagnosticCatalog.DuplicateEntry, entry.Key.Location, $"'{entry.Name}' is given twice (line {clash.Key.Location.Line}); keep one");
        }
    }

    // CRD entry (reference 1.2) ---------------------------------------------------------------------------------

    private static readonly ObjectShape ApiTypes = Obj(
        "apiTypes",
        F("group", Text),
        F("version", Text),
        F("kind", Text),
        F("plural", Text),
        F("apiPath", Text),
        F("location", Text).WithoutEffect("it locates Go types; typed C# models come from the CRD schema"),
        F("object", Text).WithoutEffect("it names a Go type"),
        F("objectList", Text).WithoutEffect("it names a Go type"),
        F("alias", Text).WithoutEffect("it is a Go import alias"));

    private static readonly Shape DependsOn = new EitherShape(
        null,
        TextList,
        new MapOfShape(new EitherShape(Enum("started", "healthy"), null, Obj("a dependency", F("condition", Enum("started", "healthy"))))));

    private static Field[] CrdFields(bool overrides) => new[]
    {
        F("enabled", Bool),
        F("description", Text),
        F("mode", Enum("typed", "dynamic")),
        F("crdFile", Text),
        F("crFiles", TextOrList),
        F("setup", TextOrList),
        F("apiTypes", ApiTypes),
        F("namespaced", Bool),
        F("namespace", Text),
        F("dependsOn", DependsOn),
        F("labels", Labels),
        F("labelSelector", Any),
        F("fieldSelector", Any),
        F("enrich", TextList),
        F("forceConflict", Bool),
        F("restrictedNamespaces", TextList).NotActedOn(),
        F("allowedNamespaces", TextList).NotActedOn(),
        F("endpoints", Obj("endpoints", F("enabled", Bool), F("health", Bool), F("info", Bool))),
        F("serve", Any).NotActedOn(),
        F("imports", MotifImports),
        F("normalize", Any),
        F("admission", Admission),
        F("operatorBox", OperatorBox),
        F("ignoreStatusPatch", Bool),
        F("ignoreObservedGeneration", Bool),
        F("removeFinalizers", Bool),
        F("finalizers", Any),

        // Older spellings.
        F("reconciler", Any).MovedTo("operatorBox"),
        F("workers", Any).MovedTo("operatorBox.reconcile.workers"),
        F("resync", Any).MovedTo("operatorBox.reconcile.resync"),
        F("queue", Any).MovedTo("operatorBox.reconcile.queue"),
        F("validation", Any).MovedTo("admission.validation"),
        F("mutation", Any).MovedTo("admission.mutation"),
        F("conversion", Any).MovedTo("admission.conversion"),
        F("webhooks", Any).MovedTo("admission.webhooks"),
    }.Where(f => !overrides || f.Name != "crdFile").ToArray();

    private static readonly ObjectShape CrdEntry = Obj("a CRD entry", CrdFields(overrides: false));

    /// <summary>spec.crds: a map keyed by CRD name; the oldest layout's list of <c>{name, …}</c> is converted.</summary>
    private static Shape Crds(ObjectShape entry) => new ConvertShape(new MapOfShape(entry), ConvertNamedList);

    private static YamlNode ConvertNamedList(YamlNode node, string path, ShapeContext context)
    {
        if (node is not YamlSequence sequence)
        {
            return node;
        }

        context.Report(Diagnostics.DiagnosticCatalog.DeprecatedKey, node.Location, "'" + path + "' as a list of {name, ...}", "a map keyed by name: " + path + ": {website: {...}}");
        var map = new YamlMapping(node.Location);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            if (item is YamlMapping entry && entry.Entry("name") is { Value: YamlScalar { IsNull: false } name } nameEntry)
            {
                entry.Remove("name");
                if (map.Add(new YamlEntry(name, entry)) is { } clash)
                {
                    context.Report(Diagnostics.DiagnosticCatalog.DuplicateEntry, nameEntry.Value.Location, $"{path}: '{name.Value}' is declared twice (line {clash.Key.Location.Line}); each CRD name must be unique");
                }
            }
            else if (item is YamlMapping unnamed)
            {
                context.Report(Diagnostics.DiagnosticCatalog.MissingField, unnamed.Location, path + "[" + i + "]", "name", "; add name: <the CRD's key>");
            }
            else
            {
                context.Report(Diagnostics.DiagnosticCatalog.WrongType, item.Location, path + "[" + i + "]", "a CRD entry (a mapping)", item.Describe());
            }
        }

        return map;
    }

    // Top-level blocks ------------------------------------------------------------------------------------------

    private static readonly ObjectShape Deprecation = Obj(
        "deprecation",
        F("message", Text).Required(),
        F("migratedTo", Text),
        F("timeline", Obj("timeline", F("from", Date), F("to", Date))),
        F("accept", Obj("accept", F("beforeEol", Bool), F("eol", Bool))));

    private static readonly ObjectShape Metadata = Obj(
        "metadata",
        F("name", Text).Required(),
        F("namespace", Text),
        F("clusterName", Text),
        F("author", Text),
        F("version", Text),
        F("description", Text),
        F("license", Text),
        F("tags", TextOrList),
        F("createdBy", Text),
        F("deprecation", Deprecation));

    private static readonly ObjectShape NoteFunction = Obj(
        "a note function",
        F("name", Text).Required(),
        F("expression", Text).Required(),
        F("description", Text),
        F("shadow", Bool));

    private static readonly Shape Notes = new ConvertShape(
        Obj("notes", F("include", TextOrList), F("functions", List(NoteFunction))),
        (node, path, context) =>
        {
            if (node is not YamlSequence list)
            {
                return node;
            }

            context.Report(Diagnostics.DiagnosticCatalog.DeprecatedKey, node.Location, "'" + path + "' as a list", path + ": {functions: [...]}");
            var map = new YamlMapping(node.Location);
            map.Set(new YamlScalar(node.Location, "functions", ScalarKind.String), list);
            return map;
        });

    private static readonly string[] ProfileCategories =
    {
        "reconciler", "networkPolicies", "resourceQuotas", "limitRanges", "hpa", "pdb", "rollingUpdate", "resources",
        "probes", "containerSecurity", "podSecurity",
    };

    // A profile class is a map of name to definition; upstream's documented form, a list of {name, …}, is read into it.
    private static readonly Shape ProfileClass = new ConvertShape(new MapOfShape(new MapOfShape(Any)), (node, path, context) =>
    {
        if (node is not YamlSequence list)
        {
            return node;
        }

        var map = new YamlMapping(node.Location);
        foreach (var item in list.Items)
        {
            if (item is YamlMapping definition && definition.Entry("name") is { Value: YamlScalar { IsNull: false } name })
            {
                var body = new YamlMapping(definition.Location);
                foreach (var entry in definition.Entries.Where(e => e.Name != "name"))
                {
                    body.Add(entry);
                }

                if (map.Add(new YamlEntry(name, body)) is not null)
                {
                    context.Report(Diagnostics.DiagnosticCatalog.DuplicateEntry, name.Location, $"{path}: profile '{name.Value}' is defined twice; rename one");
                }
            }
            else
            {
                context.Report(Diagnostics.DiagnosticCatalog.WrongType, item.Location, path + "[]", "a profile with a name ({name: …, …})", item.Describe());
            }
        }

        return map;
    });

    private static readonly ObjectShape Profiles = Obj("profiles", ProfileCategories.Select(c => F(c, ProfileClass)).Append(F("include", TextOrList)).ToArray());

    private static readonly ObjectShape Lifecycle = Obj(
        "lifecycle",
        F("deprecation", Deprecation),
        F("maturity", Text),
        F("compatibility", Any),
        F("accept", Obj("accept", F("patterns", TextList))));

    private static readonly ObjectShape Security = Obj(
        "security",
        F("serviceName", Text),
        F("gatewayEndpoint", Text),
        F("deletionProtection", Obj("deletionProtection", F("enabled", Bool), F("failurePolicy", Enum("Fail", "Ignore")), F("cleanupOnShutdown", Bool), F("strictMode", Bool))),
        F("namespaceProtection", Obj("namespaceProtection", F("enabled", Bool), F("restrictedNamespaces", TextList), F("allowedNamespaces", TextList), F("failurePolicy", Enum("Fail", "Ignore")), F("cleanupOnShutdown", Bool))),
        F("webhooks", Obj("webhooks", F("admission", Obj("admission", F("enabled", Bool))), F("failurePolicy", Enum("Fail", "Ignore")), F("serviceName", Text), F("cleanupOnShutdown", Bool))),
        F("conversion", Obj("conversion", F("enabled", Bool), F("conversionWindow", Int))),
        F("certManager", Obj("certManager", F("autoRotate", Bool), F("rotationThreshold", LongDuration), F("validFor", LongDuration))));

    private static readonly ObjectShape Gateway = Obj(
        "gateway",
        F("standalone", Bool),
        F("endpoint", Text),
        F("api", Obj("api", F("enabled", Bool), F("auth", Obj("auth", F("tokens", Any))))),
        F("clusters", Any),
        F("webhooks", Obj("webhooks", F("github", Any), F("gitlab", Any), F("slack", Any))));

    private static Field[] SharedTopLevel() => new[]
    {
        F("apiVersion", Text).Required(),
        F("kind", Text).Required(),
        F("metadata", Metadata).Required(),
        F("profiles", Profiles),
        F("notes", Notes),
        F("security", Security).NotActedOn(),
        F("notification", Any).NotActedOn(),
        F("providers", Any).NotActedOn(),
        F("gateway", Gateway).NotActedOn(),
        F("lifecycle", Lifecycle),
        F("publish", Any).NotActedOn(),
    };

    /// <summary>The shape of a block that takes <c>include:</c> fragments, by the block's key; null for other keys.</summary>
    public static Shape? Includable(string key) => key switch
    {
        "reconcile" => Reconcile,
        "status" => Status,
        "validation" => Validation,
        "mutation" => Mutation,
        "notes" => Notes,
        "profiles" => Profiles,
        _ => null,
    };

    /// <summary>A Katalog document.</summary>
    public static readonly ObjectShape Katalog = Obj(
        "a Katalog",
        SharedTopLevel().Concat(new[]
        {
            F("spec", Obj(
                "spec",
                F("finalizers", Any),
                F("imports", MotifImports),
                F("crds", Crds(CrdEntry)))).Required(),
        }).ToArray());

    private static readonly Shape RegistryImport = new EitherShape(
        Text,
        null,
        Obj(
            "a registry import",
            F("url", Text).Required(),
            F("version", Text),
            F("oci", Bool),
            F("useKomposer", Bool),
            F("auth", Auth)));

    private static readonly ObjectShape KomposerImports = Obj(
        "imports",
        F("registry", List(RegistryImport)),
        F("files", TextList),
        F("helm", List(Obj(
            "a Helm chart",
            F("repo", Text),
            F("chart", Text),
            F("path", Text),
            F("version", Text),
            F("valueFiles", TextList),
            F("values", Any),
            F("auth", Auth))))
            .NotActedOn(),
        F("katalog", new MapOfShape(Any)));

    /// <summary>A Komposer document.</summary>
    public static readonly ObjectShape Komposer = Obj(
        "a Komposer",
        SharedTopLevel().Concat(new[]
        {
            F("imports", KomposerImports),
            F("sources", Any).MovedTo("imports"),
            F("spec", Obj("spec", F("crds", Crds(Obj("a CRD override", CrdFields(overrides: true)))))),
        }).ToArray());

    /// <summary>A Motif document.</summary>
    public static readonly ObjectShape Motif = Obj(
        "a Motif",
        new[]
        {
            F("apiVersion", Text).Required(),
            F("kind", Text).Required(),
            F("metadata", Metadata).Required(),
            F("inputs", List(Obj(
                "an input",
                F("name", Text).Required(),
                F("required", Bool),
                F("default", Any),
                F("description", Text),
                F("type", Enum("string", "integer", "int", "number", "boolean", "bool", "list", "map", "object"))))),
            F("imports", MotifImports),
            F("notes", Notes),
            F("profiles", Profiles),
            F("resources", Obj("resources", ResourceSet.Fields.Concat(new[] { F("onCreate", ResourceSet), F("onDelete", ResourceSet) }).ToArray())),
            F("status", Status),
            F("admission", Obj("admission", F("validation", Validation), F("mutation", Mutation))),
            F("lifecycle", Lifecycle),
        });

    private static readonly Shape Op = Obj(
        "an expected operation",
        F("cycle", Int),
        F("verb", Enum("create", "apply", "update", "delete", "patch")),
        F("resource", Text).Required(),
        F("name", Text),
        F("namespace", Text),
        F("count", Int));

    private static Field[] Expectations() => new[]
    {
        F("steady", Bool),
        F("steadyAt", Int),
        F("noErrors", Bool),
        F("ops", List(Op)),
        F("absent", List(Op)),
    };

    /// <summary>A Simulate document.</summary>
    public static readonly ObjectShape Simulate = Obj(
        "a Simulate",
        F("apiVersion", Text).Required(),
        F("kind", Text).Required(),
        F("metadata", Obj("metadata", F("name", Text).Required(), F("description", Text))).Required(),
        F("imports", TextList),
        F("spec", Obj(
            "spec",
            F("katalog", Text),
            F("cr", Text),
            F("crFiles", TextOrList),
            F("crd", Text),
            F("crdFiles", TextOrList),
            F("cycles", Int),
            F("skipExternal", Bool),
            F("target", Text),
            F("expect", Obj("expect", Expectations().Concat(new[] { F("crds", new MapOfShape(Obj("expectations of a CRD", Expectations()))) }).ToArray())))));

    private static readonly ObjectShape Checkpoint = Obj(
        "a checkpoint",
        With(
            Conditional(),
            F("name", Text).Required(),
            F("after", Enum("cr-applied", "cr-deleted", "setup-complete")),
            F("timeout", Duration),
            F("wait", Duration),
            F("include", TextOrList),
            F("onFailure", Any),
            F("resources", List(Obj("an expected resource", F("kind", Text).Required(), F("name", Text), F("namespace", Text), F("ready", Bool), F("count", Int)))),
            F("commands", List(Obj(
                "a command",
                F("run", Text).Required(),
                F("exitCode", Int),
                F("outputContains", Text),
                F("outputNotContains", Text),
                F("equals", Text),
                F("notEquals", Text),
                F("greaterThan", Any),
                F("lessThan", Any)))),
            F("kubectl", Obj(
                "kubectl steps",
                new[] { "get", "logs", "describe", "exec", "port-forward", "apply", "patch", "delete", "events", "auth", "cp", "top", "restart", "scale" }
                    .Select(verb => F(verb, List(Any)))
                    .ToArray()))));

    /// <summary>An E2E document.</summary>
    public static readonly ObjectShape E2E = Obj(
        "an E2E",
        F("apiVersion", Text).Required(),
        F("kind", Text).Required(),
        F("metadata", Obj("metadata", F("name", Text).Required(), F("description", Text))).Required(),
        F("imports", List(new EitherShape(Text, null, Obj("an import", F("path", Text).Required(), F("freshCluster", Bool), F("wait", Duration))))),
        F("spec", Obj(
            "spec",
            F("katalog", Text),
            F("crd", Text),
            F("crdFiles", TextOrList),
            F("cr", Text),
            F("crFiles", TextOrList),
            F("valuesFiles", TextOrList),
            F("cluster", Obj("cluster", F("provider", Enum("kind", "existing")), F("name", Text), F("reuse", Bool))),
            F("custom", Obj("custom", F("target", Text))),
            F("setup", Obj("setup", F("apply", Any), F("helm", Any), F("wait", Any))),
            F("notes", Any),
            F("onFailure", Any),
            F("expect", List(Checkpoint)))));
}
