namespace Orkestra.Templating.Syntax;

/// <summary>
/// What is known about one template function without running it: its name, the group upstream documents it in,
/// how many arguments it takes, how it is called, what it does, and an example with the output it gives against
/// <see cref="NoteCatalog.ExampleData"/> at <see cref="NoteCatalog.ExampleNow"/>.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed class NoteInfo
{
    /// <summary>Creates the entry.</summary>
    public NoteInfo(string name, string domain, int minArguments, int maxArguments, string signature, string description, string example, string output)
    {
        Name = name;
        Domain = domain;
        MinArguments = minArguments;
        MaxArguments = maxArguments;
        Signature = signature;
        Description = description;
        Example = example;
        Output = output;
    }

    /// <summary>The name templates call it by.</summary>
    public string Name { get; }

    /// <summary>The group it belongs to (<c>strings</c>, <c>kubernetes</c>, …; <c>builtin</c> for Go's own functions).</summary>
    public string Domain { get; }

    /// <summary>The fewest arguments accepted (a piped value counts as the last argument).</summary>
    public int MinArguments { get; }

    /// <summary>The most arguments accepted; -1 for any number.</summary>
    public int MaxArguments { get; }

    /// <summary>How it is called, with its parameters in order (<c>default FALLBACK VALUE</c>).</summary>
    public string Signature { get; }

    /// <summary>One sentence on what it does.</summary>
    public string Description { get; }

    /// <summary>A template that uses it.</summary>
    public string Example { get; }

    /// <summary>What <see cref="Example"/> renders to (trimmed, as a katalog field).</summary>
    public string Output { get; }

    /// <summary>Whether it is one of Go's built-in template functions.</summary>
    public bool IsBuiltin => Domain == NoteCatalog.BuiltinDomain;
}

/// <summary>
/// The one list of every function templates can call: upstream Orkestra's notes (<c>pkg/note</c>) grouped as upstream
/// documents them, and Go's built-in template functions (domain <c>builtin</c>). The engine takes arities from here,
/// <c>ork notes</c> and <c>docs/notes.md</c> are generated from here, and the katalog loader checks function names
/// against it. Where a note replaces a Go built-in (<c>len</c>), only the note is listed.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
static class NoteCatalog
{
    /// <summary>The domain of Go's built-in template functions.</summary>
    public const string BuiltinDomain = "builtin";

    /// <summary>The instant the examples are rendered at (a Thursday), in RFC 3339.</summary>
    public const string ExampleNow = "2026-01-15T10:30:00Z";

    /// <summary>The data (JSON) every example is rendered against: a custom resource with its children.</summary>
    public const string ExampleData = """
        {
          "apiVersion": "apps.example.com/v1",
          "kind": "WebApp",
          "metadata": {
            "name": "shop",
            "namespace": "prod",
            "uid": "4b3f8d21-8e3a-4f8c-b9d2-1a2b3c4d5e6f",
            "resourceVersion": "14872",
            "generation": 3,
            "creationTimestamp": "2026-01-13T08:00:00Z",
            "labels": { "app": "shop", "tier": "web" },
            "annotations": {
              "orkestra.orkspace.io/serve-target": "webapp",
              "orkestra.orkspace.io/serve-alias": "public",
              "example.com/rotated-at": "2025-12-01T00:00:00Z"
            },
            "ownerReferences": [ { "kind": "Team", "name": "payments" } ]
          },
          "spec": {
            "image": "nginx:1.27",
            "replicas": 3,
            "environment": "Production",
            "domain": "shop.example.com",
            "teamName": "My Team / Platform",
            "version": "1.4.2",
            "schedule": "*/5 * * * *",
            "window": { "minute": "0", "hour": "2", "dayOfWeek": "1" },
            "regions": [ "us-east-1", "eu-west-1" ],
            "tags": "latest,stable,v2",
            "debug": false,
            "suspend": true,
            "cpu": "250m",
            "clientIP": "10.1.2.3",
            "retention": "7d",
            "expiresAt": "2026-01-16T10:30:00Z",
            "ownerEmail": "payments@shop.example.com",
            "repoURL": "git@github.com:example/shop.git",
            "webhookUrl": "https://hooks.example.com/shop",
            "resources": { "requests": { "cpu": "100m", "memory": "128Mi" } }
          },
          "status": {
            "phase": "Running",
            "observedGeneration": 3,
            "conditions": [ { "type": "Ready", "status": "True", "reason": "ChildrenReady", "message": "All children are ready" } ]
          },
          "children": {
            "deployment": {
              "metadata": { "name": "shop", "namespace": "prod", "generation": 4 },
              "spec": {
                "replicas": 3,
                "template": { "spec": { "containers": [ {
                  "name": "web",
                  "image": "nginx:1.27",
                  "env": [ { "name": "APP_ENV", "value": "production" } ],
                  "ports": [ { "name": "http", "containerPort": 8080 }, { "name": "metrics", "containerPort": 9090 } ]
                } ] } }
              },
              "status": {
                "observedGeneration": 3,
                "readyReplicas": 2,
                "availableReplicas": 2,
                "updatedReplicas": 3,
                "currentReplicaSet": "shop-7d9f8",
                "conditions": [
                  { "type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability." },
                  { "type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable", "message": "ReplicaSet has successfully progressed." }
                ]
              },
              "_pods": [
                { "name": "shop-7d9f8-abcde", "ip": "10.0.0.5", "phase": "Running", "ready": true, "node": "node-a", "restartCount": 0, "ordinal": -1, "exitCode": -1,
                  "containers": [ { "name": "web", "image": "nginx:1.27", "state": "Running", "reason": "", "ready": true, "restartCount": 0 } ] },
                { "name": "shop-7d9f8-fghij", "ip": "10.0.0.6", "phase": "Running", "ready": true, "node": "node-b", "restartCount": 1, "ordinal": -1, "exitCode": -1,
                  "containers": [ { "name": "web", "image": "nginx:1.27", "state": "Running", "reason": "", "ready": true, "restartCount": 1 } ] },
                { "name": "shop-7d9f8-klmno", "ip": "10.0.0.7", "phase": "Running", "ready": false, "node": "node-b", "restartCount": 4, "ordinal": -1, "exitCode": -1,
                  "containers": [ { "name": "web", "image": "nginx:1.27", "state": "Waiting", "reason": "CrashLoopBackOff", "ready": false, "restartCount": 4 } ] }
              ],
              "_warnings": [
                { "reason": "BackOff", "message": "Back-off restarting failed container web", "count": 4, "lastTimestamp": "2026-01-15T10:25:00Z" },
                { "reason": "Unhealthy", "message": "Readiness probe failed", "count": 2, "lastTimestamp": "2026-01-15T10:20:00Z" }
              ],
              "_replicaSets": [ { "metadata": { "name": "shop-7d9f8" } }, { "metadata": { "name": "shop-5c6b4" } } ]
            },
            "service": {
              "metadata": { "name": "shop", "namespace": "prod" },
              "spec": { "clusterIP": "10.96.12.34", "ports": [ { "port": 80, "nodePort": 31234 } ] },
              "status": { "loadBalancer": { "ingress": [ { "ip": "34.123.45.67", "hostname": "abc123.elb.amazonaws.com" } ] } },
              "_endpoints": [ { "ip": "10.0.0.5", "port": 8080, "ready": true }, { "ip": "10.0.0.7", "port": 8080, "ready": false } ],
              "_backingPods": [ { "name": "shop-7d9f8-abcde" }, { "name": "shop-7d9f8-fghij" }, { "name": "shop-7d9f8-klmno" } ]
            },
            "endpoints": { "subsets": [ { "addresses": [ { "ip": "10.0.0.5" } ] } ] },
            "endpointslice": { "endpoints": [ { "addresses": [ "10.0.0.5" ], "conditions": { "ready": true } } ] },
            "job": {
              "metadata": { "name": "shop-migrate", "deletionTimestamp": "2026-01-15T10:00:00Z" },
              "status": { "succeeded": 1, "failed": 0, "active": 0 },
              "_pods": [
                { "name": "shop-migrate-7xk2p", "ip": "10.0.0.9", "phase": "Succeeded", "ready": false, "node": "node-a", "restartCount": 0, "ordinal": -1, "exitCode": 0,
                  "containers": [ { "name": "migrate", "image": "shop-migrate:1.4.2", "state": "Terminated", "reason": "Completed", "ready": false, "restartCount": 0 } ] }
              ]
            },
            "cronjob": {
              "metadata": { "name": "shop-report" },
              "spec": { "schedule": "0 * * * *" },
              "status": {
                "active": [ { "kind": "Job", "name": "shop-report-29480640" } ],
                "lastScheduleTime": "2026-01-15T10:00:00Z",
                "lastSuccessfulTime": "2026-01-15T09:00:41Z",
                "nextScheduleTime": "2026-01-15T11:00:00Z"
              },
              "_lastJob": { "metadata": { "name": "shop-report-29480640" }, "status": { "active": 1 } },
              "_lastSuccessfulJob": { "metadata": { "name": "shop-report-29480580" }, "status": { "succeeded": 1 } }
            },
            "statefulset": {
              "metadata": { "name": "shop-db", "namespace": "prod" },
              "spec": { "replicas": 3 },
              "status": { "readyReplicas": 2, "currentRevision": "shop-db-6d8f4b9c5", "updateRevision": "shop-db-7a2c1d4f8" },
              "_pods": [
                { "name": "shop-db-0", "ip": "10.0.1.10", "phase": "Running", "ready": true, "node": "node-a", "restartCount": 0, "ordinal": 0, "exitCode": -1,
                  "containers": [ { "name": "postgres", "image": "postgres:16", "state": "Running", "reason": "", "ready": true, "restartCount": 0 } ] },
                { "name": "shop-db-1", "ip": "10.0.1.11", "phase": "Running", "ready": true, "node": "node-b", "restartCount": 2, "ordinal": 1, "exitCode": -1,
                  "containers": [ { "name": "postgres", "image": "postgres:16", "state": "Running", "reason": "", "ready": true, "restartCount": 2 } ] },
                { "name": "shop-db-2", "ip": "", "phase": "Pending", "ready": false, "node": "", "restartCount": 0, "ordinal": 2, "exitCode": -1,
                  "containers": [ { "name": "postgres", "image": "postgres:16", "state": "Waiting", "reason": "ImagePullBackOff", "ready": false, "restartCount": 0 } ] }
              ],
              "_pvcs": [ { "metadata": { "name": "data-shop-db-0" } }, { "metadata": { "name": "data-shop-db-1" } }, { "metadata": { "name": "data-shop-db-2" } } ]
            },
            "replicaset": {
              "metadata": { "name": "shop-7d9f8", "ownerReferences": [ { "kind": "Deployment", "name": "shop" } ] },
              "_owner": { "name": "shop", "kind": "Deployment", "uid": "0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5" }
            },
            "hpa": {
              "metadata": { "name": "shop" },
              "spec": { "minReplicas": 2, "maxReplicas": 10, "scaleTargetRef": { "apiVersion": "apps/v1", "kind": "Deployment", "name": "shop" } },
              "status": {
                "currentReplicas": 3,
                "desiredReplicas": 5,
                "conditions": [
                  { "type": "AbleToScale", "status": "True", "reason": "SucceededRescale" },
                  { "type": "ScalingActive", "status": "True", "reason": "ValidMetricFound" },
                  { "type": "ScalingLimited", "status": "False", "reason": "DesiredWithinRange" }
                ]
              },
              "_scaleTarget": { "name": "shop", "kind": "Deployment", "apiVersion": "apps/v1" },
              "_currentMetrics": [ { "type": "Resource", "name": "cpu", "current": 85 }, { "type": "External", "name": "queue_depth", "current": 120 } ]
            },
            "ingress": {
              "metadata": { "name": "shop" },
              "spec": {
                "ingressClassName": "nginx",
                "rules": [ { "host": "shop.example.com" }, { "host": "www.shop.example.com" }, { "http": {} } ],
                "tls": [ { "hosts": [ "shop.example.com", "www.shop.example.com" ], "secretName": "shop-tls" } ]
              },
              "status": { "loadBalancer": { "ingress": [ { "ip": "34.120.1.2", "hostname": "shop-lb.example.net" } ] } },
              "_loadBalancerIPs": [ "34.120.1.2", "shop-lb.example.net" ],
              "_tlsSecrets": [ { "metadata": { "name": "shop-tls" }, "type": "kubernetes.io/tls" } ]
            },
            "pvc": {
              "metadata": { "name": "shop-data" },
              "spec": { "storageClassName": "gp3", "accessModes": [ "ReadWriteOnce" ], "resources": { "requests": { "storage": "10Gi" } }, "volumeName": "pv-shop-data" },
              "status": { "phase": "Bound", "capacity": { "storage": "10Gi" } },
              "_pv": {
                "metadata": { "name": "pv-shop-data", "annotations": { "pv.kubernetes.io/provisioned-by": "ebs.csi.aws.com" } },
                "spec": { "volumeMode": "Filesystem", "persistentVolumeReclaimPolicy": "Delete" }
              },
              "_storageClass": { "metadata": { "name": "gp3" }, "provisioner": "ebs.csi.aws.com", "reclaimPolicy": "Retain" }
            },
            "node": {
              "metadata": { "name": "node-a" },
              "spec": { "taints": [ { "key": "dedicated", "value": "web", "effect": "NoSchedule" } ] },
              "status": {
                "allocatable": { "cpu": "3920m", "memory": "15032020Ki" },
                "conditions": [ { "type": "MemoryPressure", "status": "False" }, { "type": "DiskPressure", "status": "False" }, { "type": "Ready", "status": "True" } ]
              }
            },
            "pod": {
              "metadata": { "name": "shop-7d9f8-abcde" },
              "spec": { "nodeName": "node-a", "containers": [ { "name": "web", "image": "nginx:1.27" } ] },
              "status": { "phase": "Running" },
              "_node": { "name": "node-a", "zone": "us-east-2a", "region": "us-east-2", "instanceType": "t3.medium" }
            }
          },
          "external": {
            "errorRate": {
              "result": "0.25",
              "raw": { "data": { "resultType": "vector", "result": [
                { "metric": { "pod": "shop-a" }, "value": [ 1768473000, "0.25" ] },
                { "metric": { "pod": "shop-b" }, "value": [ 1768473000, "0.5" ] }
              ] } }
            }
          }
        }
        """;

    private const string Cron = "cron";
    private const string Semver = "semver";
    private const string Strings = "strings";
    private const string Math = "math";
    private const string Conditional = "conditional";
    private const string Types = "types";
    private const string Data = "data";
    private const string Random = "random";
    private const string Time = "time";
    private const string Net = "net";
    private const string Quantity = "quantity";
    private const string Collections = "collections";
    private const string SafeAccess = "safeaccess";
    private const string Kubernetes = "kubernetes";
    private const string Fields = "fields";
    private const string Replica = "replica";
    private const string Service = "service";
    private const string Container = "container";
    private const string Job = "job";
    private const string Pods = "pods";
    private const string Warnings = "warnings";
    private const string Hpa = "hpa";
    private const string Ingress = "ingress";
    private const string Pvc = "pvc";
    private const string Node = "node";
    private const string StatefulSet = "statefulset";
    private const string ReplicaSet = "replicaset";
    private const string Domain = "domain";
    private const string Validation = "validation";
    private const string KubeValidation = "kubevalidation";
    private const string Serve = "serve";
    private const string Prometheus = "prometheus";
    private const string Builtin = BuiltinDomain;

    private const int Any = -1;

    /// <summary>Every function, grouped by domain (domains in documentation order, functions in a useful order).</summary>
    public static IReadOnlyList<NoteInfo> All { get; } = new[]
    {
        // ── cron ─────────────────────────────────────────────────────────────────────────────────────────────
        N("cronToMap", Cron, 1, 1, "cronToMap EXPR", "Splits a cron expression (macros expanded) into a map of minute, hour, dayOfMonth, month and dayOfWeek; a map is returned as it is, anything malformed gives all `*`.", "{{ (cronToMap \"*/5 2 * * 1\").hour }}", "2"),
        N("cronFromMap", Cron, 1, 1, "cronFromMap SCHEDULE", "Builds a five-field cron expression from a schedule map (minute, hour, dayOfMonth, month, dayOfWeek; absent keys are `*`); fails when the value is not a map.", "{{ cronFromMap .spec.window }}", "0 2 * * 1"),
        N("cronFromAny", Cron, 1, 1, "cronFromAny SCHEDULE", "Like cronFromMap for a map and cronNormalize for a string; anything else gives `* * * * *`.", "{{ cronFromAny .spec.window }} | {{ cronFromAny \"@daily\" }}", "0 2 * * 1 | 0 0 * * *"),
        N("cronNormalize", Cron, 1, 1, "cronNormalize EXPR", "Expands `@` macros and normalises whitespace; empty or malformed expressions give `* * * * *`.", "{{ cronNormalize \"@daily\" }}", "0 0 * * *"),
        N("cronDescribe", Cron, 1, 1, "cronDescribe EXPR", "A short English description of a cron expression, for status fields.", "{{ cronDescribe .spec.schedule }}", "Every 5 minutes"),
        N("cronValid", Cron, 1, 1, "cronValid EXPR", "Whether the expression has five fields after macro expansion (field ranges are not checked).", "{{ cronValid .spec.schedule }} {{ cronValid \"every day\" }}", "true false"),
        N("cronField", Cron, 2, 2, "cronField EXPR POSITION", "The field at POSITION (0 minute … 4 day of week); `*` for an empty expression; fails for a position outside 0-4 or an expression without five fields.", "{{ cronField \"0 2 15 6 1\" 3 }}", "6"),
        N("cronMinute", Cron, 1, 1, "cronMinute EXPR", "The minute field (cronField EXPR 0).", "{{ cronMinute .spec.schedule }}", "*/5"),
        N("cronHour", Cron, 1, 1, "cronHour EXPR", "The hour field (cronField EXPR 1).", "{{ cronHour \"@daily\" }}", "0"),
        N("cronDom", Cron, 1, 1, "cronDom EXPR", "The day-of-month field (cronField EXPR 2).", "{{ cronDom \"0 0 15 * *\" }}", "15"),
        N("cronMonth", Cron, 1, 1, "cronMonth EXPR", "The month field (cronField EXPR 3).", "{{ cronMonth \"0 0 1 6 *\" }}", "6"),
        N("cronDow", Cron, 1, 1, "cronDow EXPR", "The day-of-week field (cronField EXPR 4).", "{{ cronDow \"@weekly\" }}", "0"),
        N("cronExpr", Cron, 5, 5, "cronExpr MINUTE HOUR DAY_OF_MONTH MONTH DAY_OF_WEEK", "Joins five parts into a cron expression; empty parts become `*`.", "{{ cronExpr \"*/10\" \"\" \"\" \"\" \"1-5\" }}", "*/10 * * * 1-5"),

        // ── semver ───────────────────────────────────────────────────────────────────────────────────────────
        N("semverMajor", Semver, 1, 1, "semverMajor VERSION", "The major number of a semantic version (a leading `v` is allowed); \"\" when it is not one.", "{{ semverMajor \"v2.3.4\" }}", "2"),
        N("semverMinor", Semver, 1, 1, "semverMinor VERSION", "The minor number of a semantic version; \"\" when it is not one.", "{{ semverMinor .spec.version }}", "4"),
        N("semverPatch", Semver, 1, 1, "semverPatch VERSION", "The patch number of a semantic version; \"\" when it is not one.", "{{ semverPatch .spec.version }}", "2"),
        N("semverValid", Semver, 1, 1, "semverValid VERSION", "Whether the text is a semantic version (`1`, `1.2` and a leading `v` are accepted).", "{{ semverValid .spec.version }} {{ semverValid \"latest\" }}", "true false"),
        N("semverCompare", Semver, 2, 2, "semverCompare A B", "-1, 0 or 1 as A is lower than, equal to or higher than B (pre-releases sort before their release); 0 when either is invalid.", "{{ semverCompare \"1.2.3\" \"1.10.0\" }}", "-1"),
        N("semverBump", Semver, 2, 2, "semverBump VERSION COMPONENT", "Increments `major`, `minor` or `patch`, dropping pre-release and build metadata; the input unchanged when it is invalid.", "{{ semverBump .spec.version \"minor\" }}", "1.5.0"),
        N("semverConstraint", Semver, 2, 2, "semverConstraint VERSION CONSTRAINT", "Whether the version satisfies a constraint such as `>=1.2, <2`, `^1.4`, `~1.4.0`, `1.x` or `1.0 - 1.9` (`||` for alternatives); false when either is invalid.", "{{ semverConstraint .spec.version \">=1.2.0, <2.0.0\" }}", "true"),

        // ── strings ──────────────────────────────────────────────────────────────────────────────────────────
        N("toLower", Strings, 1, 1, "toLower S", "The string in lower case.", "{{ toLower .spec.environment }}", "production"),
        N("toUpper", Strings, 1, 1, "toUpper S", "The string in upper case.", "{{ toUpper .metadata.name }}", "SHOP"),
        N("trimSpace", Strings, 1, 1, "trimSpace S", "The string without leading and trailing white space.", "[{{ trimSpace \"  shop  \" }}]", "[shop]"),
        N("trim", Strings, 2, 2, "trim S CUTSET", "The string without leading and trailing characters that occur in CUTSET.", "{{ trim \"/images/nginx/\" \"/\" }}", "images/nginx"),
        N("trimPrefix", Strings, 2, 2, "trimPrefix S PREFIX", "The string without PREFIX, when it starts with it.", "{{ trimPrefix .spec.image \"nginx:\" }}", "1.27"),
        N("trimSuffix", Strings, 2, 2, "trimSuffix S SUFFIX", "The string without SUFFIX, when it ends with it.", "{{ trimSuffix .spec.domain \".example.com\" }}", "shop"),
        N("hasPrefix", Strings, 2, 2, "hasPrefix S PREFIX", "Whether the string starts with PREFIX.", "{{ hasPrefix .spec.image \"nginx\" }}", "true"),
        N("hasSuffix", Strings, 2, 2, "hasSuffix S SUFFIX", "Whether the string ends with SUFFIX.", "{{ hasSuffix .spec.domain \".org\" }}", "false"),
        N("contains", Strings, 2, 2, "contains S SUBSTRING", "Whether the string contains SUBSTRING.", "{{ contains .spec.environment \"Prod\" }}", "true"),
        N("replace", Strings, 3, 3, "replace S OLD NEW", "The string with every OLD replaced by NEW.", "{{ replace .spec.domain \".\" \"-\" }}", "shop-example-com"),
        N("split", Strings, 2, 2, "split S SEPARATOR", "The parts of the string between separators, as a list; an empty string gives an empty list.", "{{ index (split .spec.tags \",\") 1 }}", "stable"),
        N("join", Strings, 2, 2, "join LIST SEPARATOR", "The list's items (printed as Go prints them) joined by SEPARATOR; nil gives \"\".", "{{ join .spec.regions \", \" }}", "us-east-1, eu-west-1"),
        N("repeat", Strings, 2, 2, "repeat S COUNT", "The string repeated COUNT times; fails for a negative count.", "{{ repeat \"ab\" 3 }}", "ababab"),
        N("camelToKebab", Strings, 1, 1, "camelToKebab S", "CamelCase or PascalCase turned into kebab-case, acronyms kept together.", "{{ camelToKebab \"HTTPRequestHandler\" }}", "http-request-handler"),
        N("truncate", Strings, 2, 2, "truncate S LENGTH", "The string cut to at most LENGTH characters, ending in `...` when cut (no `...` for LENGTH up to 3).", "{{ truncate \"orkestra-operator\" 10 }}", "orkestr..."),
        N("concat", Strings, 0, Any, "concat S...", "The strings joined with no separator.", "{{ concat \"*.\" .spec.domain }}", "*.shop.example.com"),

        // ── math ─────────────────────────────────────────────────────────────────────────────────────────────
        N("add", Math, 2, 2, "add A B", "A + B; numbers or numeric strings, an integer when the result is whole.", "{{ add .spec.replicas 2 }}", "5"),
        N("sub", Math, 2, 2, "sub A B", "A - B; numbers or numeric strings, an integer when the result is whole.", "{{ sub .spec.replicas \"1\" }}", "2"),
        N("mul", Math, 2, 2, "mul A B", "A × B; numbers or numeric strings, an integer when the result is whole.", "{{ mul .spec.replicas 1.5 }}", "4.5"),
        N("div", Math, 2, 2, "div A B", "A ÷ B; fails on division by zero.", "{{ div 7 2 }}", "3.5"),
        N("mod", Math, 2, 2, "mod A B", "The remainder of the integer parts of A and B; fails when B's integer part is zero.", "{{ mod 8080 100 }}", "80"),
        N("min", Math, 2, 2, "min A B", "The smaller of two numbers.", "{{ min .spec.replicas 10 }}", "3"),
        N("max", Math, 2, 2, "max A B", "The larger of two numbers.", "{{ max .spec.replicas 5 }}", "5"),
        N("clamp", Math, 3, 3, "clamp VALUE LOW HIGH", "VALUE limited to the range [LOW, HIGH].", "{{ clamp 25 1 20 }}", "20"),
        N("abs", Math, 1, 1, "abs N", "The absolute value of a number.", "{{ abs -300 }}", "300"),

        // ── conditional ──────────────────────────────────────────────────────────────────────────────────────
        N("ternary", Conditional, 3, 3, "ternary CONDITION IF_TRUE IF_FALSE", "IF_TRUE when CONDITION is truthy (Go's truth: not nil, false, 0, \"\" or empty), else IF_FALSE.", "{{ ternary .spec.debug \"debug\" \"info\" }}", "info"),
        N("boolTernary", Conditional, 3, 3, "boolTernary CONDITION IF_TRUE IF_FALSE", "Like ternary for a boolean CONDITION (nil counts as false); fails for any other type.", "{{ boolTernary .spec.suspend \"Suspended\" \"Active\" }}", "Suspended"),
        N("boolDefault", Conditional, 2, 2, "boolDefault VALUE FALLBACK", "VALUE when it is a boolean, else FALLBACK.", "{{ boolDefault .spec.paused false }}", "false"),
        N("eqTernary", Conditional, 4, 4, "eqTernary VALUE TARGET IF_EQUAL IF_NOT", "IF_EQUAL when VALUE and TARGET print the same, else IF_NOT.", "{{ eqTernary .status.phase \"Running\" \"ready\" \"waiting\" }}", "ready"),
        N("coalesce", Conditional, 0, Any, "coalesce VALUE...", "The first value that is not empty (see empty); nil when all are.", "{{ coalesce .spec.missing \"\" .spec.image }}", "nginx:1.27"),
        N("default", Conditional, 2, 2, "default FALLBACK VALUE", "VALUE unless it is empty, else FALLBACK; the value comes last so `{{ .x | default \"y\" }}` works.", "{{ .spec.logLevel | default \"info\" }}", "info"),
        N("empty", Conditional, 1, 1, "empty VALUE", "Whether the value is empty: nil, \"\", `<no value>`, 0, false, or an empty list or map.", "{{ empty .spec.missing }} {{ empty .spec.image }}", "true false"),
        N("notEmpty", Conditional, 1, 1, "notEmpty VALUE", "The opposite of empty.", "{{ notEmpty .spec.regions }}", "true"),

        // ── types ────────────────────────────────────────────────────────────────────────────────────────────
        N("toInt", Types, 1, 1, "toInt VALUE", "A number, numeric string or boolean as an integer (truncated); nil gives 0; fails for anything else.", "{{ toInt \"3.7\" }}", "3"),
        N("toFloat", Types, 1, 1, "toFloat VALUE", "A number, numeric string or boolean as a float; nil gives 0; fails for anything else.", "{{ toFloat \"0.75\" }}", "0.75"),
        N("toBool", Types, 1, 1, "toBool VALUE", "true for true, non-zero numbers and \"true\"/\"yes\"/\"on\"/\"1\" (any case upstream accepts), false for their opposites, \"\" and nil; fails for other text.", "{{ toBool \"yes\" }}", "true"),
        N("toString", Types, 1, 1, "toString VALUE", "The value printed as Go prints it; nil gives \"\".", "{{ toString .spec.replicas }}", "3"),
        N("toJson", Types, 1, 1, "toJson VALUE", "The value as compact JSON (keys sorted, as Go encodes).", "{{ toJson .metadata.labels }}", "{\"app\":\"shop\",\"tier\":\"web\"}"),
        N("toList", Types, 1, 1, "toList S", "A comma-separated string as a list of trimmed, non-empty items.", "{{ len (toList \"a, b,,c\") }}", "3"),
        N("typeOf", Types, 1, 1, "typeOf VALUE", "The value's type: `string`, `number`, `bool`, `map`, `slice`, `null` or `unknown`.", "{{ typeOf .spec.regions }} {{ typeOf .spec.replicas }} {{ typeOf .spec.missing }}", "slice number null"),
        N("typeMap", Types, 1, 1, "typeMap VALUE", "Whether typeOf VALUE is `map`.", "{{ typeMap .spec.window }}", "true"),
        N("typeList", Types, 1, 1, "typeList VALUE", "Whether typeOf VALUE is `slice`.", "{{ typeList .spec.regions }}", "true"),
        N("typeString", Types, 1, 1, "typeString VALUE", "Whether typeOf VALUE is `string`.", "{{ typeString .spec.replicas }}", "false"),
        N("typeNumber", Types, 1, 1, "typeNumber VALUE", "Whether typeOf VALUE is `number`.", "{{ typeNumber .spec.replicas }}", "true"),
        N("typeBool", Types, 1, 1, "typeBool VALUE", "Whether typeOf VALUE is `bool`.", "{{ typeBool .spec.debug }}", "true"),
        N("typeNull", Types, 1, 1, "typeNull VALUE", "Whether typeOf VALUE is `null`.", "{{ typeNull .spec.missing }}", "true"),
        N("len", Types, 1, 1, "len VALUE", "The length of a string (in bytes), list or map; 0 for nil and anything else (replaces Go's built-in len).", "{{ len .spec.regions }} {{ len .spec.missing }}", "2 0"),
        N("isEmpty", Types, 1, 1, "isEmpty VALUE", "Whether the value is nil, \"\", or an empty list or map (0 and false are not empty here).", "{{ isEmpty .spec.missing }} {{ isEmpty 0 }}", "true false"),
        N("isScalar", Types, 1, 1, "isScalar VALUE", "Whether the value is a string, number or boolean.", "{{ isScalar .spec.image }}", "true"),
        N("isComposite", Types, 1, 1, "isComposite VALUE", "Whether the value is a map or a list.", "{{ isComposite .spec.window }}", "true"),

        // ── data ─────────────────────────────────────────────────────────────────────────────────────────────
        N("toBase64", Data, 1, 1, "toBase64 S", "The string's UTF-8 bytes in standard base64 (for Secret data).", "{{ toBase64 \"admin\" }}", "YWRtaW4="),
        N("fromBase64", Data, 1, 1, "fromBase64 S", "Decoded standard base64; \"\" when it is not valid base64.", "{{ fromBase64 \"YWRtaW4=\" }}", "admin"),
        N("toJSON", Data, 1, 1, "toJSON VALUE", "The value as compact JSON (keys sorted, as Go encodes).", "{{ toJSON .spec.resources }}", "{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}}"),
        N("sha256sum", Data, 1, 1, "sha256sum S", "The first 8 hex digits of the string's SHA-256, for content-addressed names.", "{{ sha256sum \"hello\" }}", "2cf24dba"),
        N("slugify", Data, 1, 1, "slugify S", "A Kubernetes-safe name segment: lower case, runs of other characters become one `-`, no leading or trailing `-`.", "{{ slugify .spec.teamName }}", "my-team-platform"),
        N("truncateName", Data, 2, 2, "truncateName S LENGTH", "The string cut to at most LENGTH characters, with no suffix (for resource names).", "{{ truncateName \"orkestra-operator\" 8 }}", "orkestra"),

        // ── random ───────────────────────────────────────────────────────────────────────────────────────────
        N("randomAlphanumeric", Random, 1, 1, "randomAlphanumeric N", "N random characters from [a-zA-Z0-9]; use with `once: true`.", "{{ len (randomAlphanumeric 32) }}", "32"),
        N("randomHex", Random, 1, 1, "randomHex N", "N random bytes as 2N hex digits; use with `once: true`.", "{{ len (randomHex 16) }}", "32"),
        N("randomBase64", Random, 1, 1, "randomBase64 N", "N random bytes in URL-safe base64 (padded); use with `once: true`.", "{{ len (randomBase64 32) }}", "44"),

        // ── time ─────────────────────────────────────────────────────────────────────────────────────────────
        N("timeAgo", Time, 1, 1, "timeAgo TIMESTAMP", "How long ago an RFC 3339 timestamp was, as `45s ago`, `12m ago`, `3h ago` or `2d ago`; \"\" when it does not parse.", "{{ timeAgo .metadata.creationTimestamp }}", "2d ago"),
        N("timeSince", Time, 1, 1, "timeSince TIMESTAMP", "Whole seconds since the timestamp; 0 when it does not parse.", "{{ timeSince \"2026-01-15T10:00:00Z\" }}", "1800"),
        N("timeUntil", Time, 1, 1, "timeUntil TIMESTAMP", "The time left until the timestamp as a Go duration (whole seconds), for `requeue.after`; `0s` when it has passed or does not parse.", "{{ timeUntil .spec.expiresAt }}", "24h0m0s"),
        N("isExpired", Time, 2, 2, "isExpired TIMESTAMP DURATION", "Whether TIMESTAMP plus DURATION (Go units plus d, w, mo, y) is in the past; false when either does not parse.", "{{ isExpired (index .metadata.annotations \"example.com/rotated-at\") \"30d\" }}", "true"),
        N("timeFormat", Time, 2, 2, "timeFormat TIMESTAMP LAYOUT", "The timestamp in UTC, formatted with a Go layout (`Jan 2, 2006`, `2006-01-02 15:04`); \"\" when it does not parse.", "{{ timeFormat .metadata.creationTimestamp \"Jan 2, 2006 15:04\" }}", "Jan 13, 2026 08:00"),
        N("durationSeconds", Time, 1, 1, "durationSeconds DURATION", "A duration (Go units plus d, w, mo, y) in whole seconds; 0 when it does not parse.", "{{ durationSeconds .spec.retention }}", "604800"),
        N("durationAdd", Time, 2, 2, "durationAdd A B", "The sum of two durations as a Go duration string; `0s` when either does not parse.", "{{ durationAdd \"1d\" \"90m\" }}", "25h30m0s"),
        N("durationValid", Time, 1, 1, "durationValid DURATION", "Whether the text is a duration (Go units plus d, w, mo, y).", "{{ durationValid \"2w\" }} {{ durationValid \"soon\" }}", "true false"),
        N("weekday", Time, 0, 0, "weekday", "Whether today (UTC) is Monday to Friday.", "{{ weekday }}", "true"),
        N("weekend", Time, 0, 0, "weekend", "Whether today (UTC) is Saturday or Sunday.", "{{ weekend }}", "false"),
        N("timeInWindow", Time, 2, 2, "timeInWindow AFTER BEFORE", "Whether the UTC time of day is in [AFTER, BEFORE) (`HH:MM`, same day: a window crossing midnight never matches); false when malformed.", "{{ timeInWindow \"09:00\" \"18:00\" }}", "true"),
        N("timeNotInWindow", Time, 2, 2, "timeNotInWindow AFTER BEFORE", "The opposite of timeInWindow.", "{{ timeNotInWindow \"02:00\" \"04:00\" }}", "true"),
        N("nextCron", Time, 1, 1, "nextCron EXPR", "The next time (RFC 3339, UTC) a five-field cron expression or `@` descriptor fires after now; \"\" when it is invalid.", "{{ nextCron \"0 2 * * 0\" }}", "2026-01-18T02:00:00Z"),

        // ── net ──────────────────────────────────────────────────────────────────────────────────────────────
        N("cidrContains", Net, 2, 2, "cidrContains CIDR IP", "Whether the IP address is inside the CIDR block; false when either is malformed.", "{{ cidrContains \"10.0.0.0/8\" .spec.clientIP }}", "true"),
        N("ipValid", Net, 1, 1, "ipValid S", "Whether the text is an IPv4 or IPv6 address.", "{{ ipValid \"2001:db8::1\" }} {{ ipValid \"10.0.0.256\" }}", "true false"),
        N("ipIsPrivate", Net, 1, 1, "ipIsPrivate S", "Whether the address is in 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or fc00::/7.", "{{ ipIsPrivate \"172.20.0.5\" }} {{ ipIsPrivate \"8.8.8.8\" }}", "true false"),

        // ── quantity ─────────────────────────────────────────────────────────────────────────────────────────
        N("parseQuantity", Quantity, 1, 1, "parseQuantity QUANTITY", "A Kubernetes quantity (`100m`, `1Gi`, `1e3`) as a float; a missing value is 0; fails for text that is not a quantity.", "{{ parseQuantity .spec.cpu }}", "0.25"),
        N("formatQuantity", Quantity, 1, 1, "formatQuantity N", "A number as a canonical decimal-SI quantity, truncated to the milli (0.25 → `250m`, 1073741824 → `1073741824`).", "{{ formatQuantity 0.25 }}", "250m"),
        N("sumQuantity", Quantity, 2, 2, "sumQuantity A B", "The sum of two quantities in canonical form, in the first one's notation (a missing one counts as 0); fails for text that is not a quantity.", "{{ sumQuantity \"1Gi\" \"512Mi\" }}", "1536Mi"),

        // ── collections ──────────────────────────────────────────────────────────────────────────────────────
        N("listHas", Collections, 2, 2, "listHas LIST VALUE", "Whether the list holds the value (numbers compare by value); false when LIST is not a list.", "{{ listHas .spec.regions \"eu-west-1\" }}", "true"),
        N("listGet", Collections, 2, 2, "listGet LIST INDEX", "The item at INDEX; nil when out of range or not a list.", "{{ listGet .spec.regions 0 }}", "us-east-1"),
        N("listLen", Collections, 1, 1, "listLen LIST", "The number of items; 0 when not a list.", "{{ listLen .spec.regions }}", "2"),
        N("mapGet", Collections, 2, 2, "mapGet MAP KEY", "The value at KEY; nil when absent or not a map.", "{{ mapGet .metadata.labels \"tier\" }}", "web"),
        N("mapKeys", Collections, 1, 1, "mapKeys MAP", "The keys, sorted; an empty list when not a map.", "{{ join (mapKeys .metadata.labels) \",\" }}", "app,tier"),
        N("mapValues", Collections, 1, 1, "mapValues MAP", "The values, in key order; an empty list when not a map.", "{{ join (mapValues .metadata.labels) \",\" }}", "shop,web"),
        N("mapPick", Collections, 1, Any, "mapPick MAP KEY...", "A new map with only the given keys (those present); an empty map when not a map.", "{{ toJSON (mapPick .spec.window \"hour\" \"minute\") }}", "{\"hour\":\"2\",\"minute\":\"0\"}"),
        N("mapOmit", Collections, 1, Any, "mapOmit MAP KEY...", "A new map without the given keys; an empty map when not a map.", "{{ toJSON (mapOmit .metadata.labels \"tier\") }}", "{\"app\":\"shop\"}"),
        N("asList", Collections, 1, 1, "asList VALUE", "A list as it is, or a YAML or JSON list parsed from a string; an empty list otherwise.", "{{ index (asList `[a, b]`) 1 }}", "b"),
        N("asMap", Collections, 1, 1, "asMap VALUE", "A map as it is, or a YAML or JSON map parsed from a string; an empty map otherwise.", "{{ (asMap \"{size: 3}\").size }}", "3"),
        N("asString", Collections, 1, 1, "asString VALUE", "A string as it is, anything else as JSON; nil gives \"\".", "{{ asString .spec.window }}", "{\"dayOfWeek\":\"1\",\"hour\":\"2\",\"minute\":\"0\"}"),

        // ── safeaccess ───────────────────────────────────────────────────────────────────────────────────────
        N("getOr", SafeAccess, 2, 2, "getOr VALUE FALLBACK", "VALUE unless it is empty (see empty), else FALLBACK.", "{{ getOr .spec.replicas 1 }}", "3"),
        N("getStringOr", SafeAccess, 2, 2, "getStringOr VALUE FALLBACK", "VALUE when it is a non-empty string, else FALLBACK.", "{{ getStringOr .spec.missing \"nginx:latest\" }}", "nginx:latest"),
        N("getIntOr", SafeAccess, 2, 2, "getIntOr VALUE FALLBACK", "VALUE as an integer when it is a number (truncated), else FALLBACK.", "{{ getIntOr .spec.replicas 1 }}", "3"),
        N("getBoolOr", SafeAccess, 2, 2, "getBoolOr VALUE FALLBACK", "VALUE when it is a boolean, else FALLBACK.", "{{ getBoolOr .spec.debug true }}", "false"),

        // ── kubernetes ───────────────────────────────────────────────────────────────────────────────────────
        N("get", Kubernetes, 1, Any, "get OBJECT KEY...", "The value at a path of map keys; nil when any step is missing or not a map.", "{{ get .children.deployment \"spec\" \"replicas\" }}", "3"),
        N("meta", Kubernetes, 1, 1, "meta OBJECT", "The object's metadata map; an empty map when absent.", "{{ (meta .children.service).name }}", "shop"),
        N("name", Kubernetes, 1, 1, "name OBJECT", "metadata.name; \"\" when absent.", "{{ name .children.job }}", "shop-migrate"),
        N("namespace", Kubernetes, 1, 1, "namespace OBJECT", "metadata.namespace; \"\" when absent.", "{{ namespace .children.service }}", "prod"),
        N("labels", Kubernetes, 1, 1, "labels OBJECT", "metadata.labels; an empty map when absent.", "{{ (labels .).app }}", "shop"),
        N("annotations", Kubernetes, 1, 1, "annotations OBJECT", "metadata.annotations; an empty map when absent.", "{{ len (annotations .children.job) }}", "0"),
        N("spec", Kubernetes, 1, 1, "spec OBJECT", "The object's spec map; an empty map when absent.", "{{ (spec .children.service).clusterIP }}", "10.96.12.34"),
        N("status", Kubernetes, 1, 1, "status OBJECT", "The object's status map; an empty map when absent.", "{{ (status .children.deployment).readyReplicas }}", "2"),
        N("phase", Kubernetes, 1, 1, "phase OBJECT", "status.phase; \"\" when absent.", "{{ phase . }}", "Running"),
        N("ownerKind", Kubernetes, 1, 1, "ownerKind OBJECT", "The kind of the first owner reference; \"\" when there is none.", "{{ ownerKind . }}", "Team"),
        N("ownerName", Kubernetes, 1, 1, "ownerName OBJECT", "The name of the first owner reference; \"\" when there is none.", "{{ ownerName . }}", "payments"),
        N("hasCondition", Kubernetes, 2, 2, "hasCondition OBJECT TYPE", "Whether status.conditions has a condition of TYPE with status \"True\".", "{{ hasCondition .children.deployment \"Available\" }}", "true"),
        N("conditionReason", Kubernetes, 2, 2, "conditionReason OBJECT TYPE", "The reason of the condition of TYPE; \"\" when absent.", "{{ conditionReason .children.deployment \"Available\" }}", "MinimumReplicasAvailable"),
        N("conditionMessage", Kubernetes, 2, 2, "conditionMessage OBJECT TYPE", "The message of the condition of TYPE; \"\" when absent.", "{{ conditionMessage . \"Ready\" }}", "All children are ready"),
        N("resourceExists", Kubernetes, 1, 1, "resourceExists OBJECT", "Whether the object is present (a map, and not a placeholder).", "{{ resourceExists .children.service }} {{ resourceExists .children.secret }}", "true false"),
        N("isTerminating", Kubernetes, 1, 1, "isTerminating OBJECT", "Whether metadata.deletionTimestamp is set.", "{{ isTerminating .children.job }}", "true"),
        N("generation", Kubernetes, 1, 1, "generation OBJECT", "metadata.generation; 0 when absent.", "{{ generation .children.deployment }}", "4"),
        N("observedGeneration", Kubernetes, 1, 1, "observedGeneration OBJECT", "status.observedGeneration; 0 when absent.", "{{ observedGeneration .children.deployment }}", "3"),
        N("isSynced", Kubernetes, 1, 1, "isSynced OBJECT", "Whether generation equals observedGeneration (true when neither is set).", "{{ isSynced .children.deployment }} {{ isSynced . }}", "false true"),
        N("resourceCPU", Kubernetes, 1, 1, "resourceCPU OBJECT", "spec.resources.requests.cpu; \"\" when any level is absent.", "{{ resourceCPU . }}", "100m"),
        N("resourceMemory", Kubernetes, 1, 1, "resourceMemory OBJECT", "spec.resources.requests.memory; \"\" when any level is absent.", "{{ resourceMemory .children.deployment | default \"128Mi\" }}", "128Mi"),

        // ── fields ───────────────────────────────────────────────────────────────────────────────────────────
        N("resourceName", Fields, 1, 1, "resourceName OBJECT", "metadata.name; \"\" when absent.", "{{ resourceName .children.deployment }}", "shop"),
        N("resourceNamespace", Fields, 1, 1, "resourceNamespace OBJECT", "metadata.namespace; \"\" for cluster-scoped objects.", "{{ resourceNamespace .children.deployment }}", "prod"),
        N("resourceUID", Fields, 1, 1, "resourceUID OBJECT", "metadata.uid; \"\" when absent.", "{{ resourceUID . }}", "4b3f8d21-8e3a-4f8c-b9d2-1a2b3c4d5e6f"),
        N("resourceVersion", Fields, 1, 1, "resourceVersion OBJECT", "metadata.resourceVersion; \"\" when absent.", "{{ resourceVersion . }}", "14872"),
        N("creationTimestamp", Fields, 1, 1, "creationTimestamp OBJECT", "metadata.creationTimestamp; \"\" when absent.", "{{ creationTimestamp . }}", "2026-01-13T08:00:00Z"),

        // ── replica ──────────────────────────────────────────────────────────────────────────────────────────
        N("allReplicasReady", Replica, 1, 1, "allReplicasReady OBJECT", "Whether status.readyReplicas equals the desired replicas (true when scaled to zero).", "{{ allReplicasReady .children.deployment }}", "false"),
        N("desiredReplicas", Replica, 1, 1, "desiredReplicas OBJECT", "spec.replicas; 1 when absent (Kubernetes' default).", "{{ desiredReplicas .children.deployment }}", "3"),
        N("readyReplicas", Replica, 1, 1, "readyReplicas OBJECT", "status.readyReplicas; 0 when absent.", "{{ readyReplicas .children.deployment }}", "2"),
        N("availableReplicas", Replica, 1, 1, "availableReplicas OBJECT", "status.availableReplicas; 0 when absent.", "{{ availableReplicas .children.deployment }}", "2"),
        N("updatedReplicas", Replica, 1, 1, "updatedReplicas OBJECT", "status.updatedReplicas; 0 when absent.", "{{ updatedReplicas .children.deployment }}", "3"),
        N("rolloutComplete", Replica, 1, 1, "rolloutComplete OBJECT", "Whether status.updatedReplicas equals the desired replicas (pods may not be ready yet).", "{{ rolloutComplete .children.deployment }}", "true"),

        // ── service ──────────────────────────────────────────────────────────────────────────────────────────
        N("serviceClusterIP", Service, 1, 1, "serviceClusterIP SERVICE", "spec.clusterIP; \"\" before it is assigned.", "{{ serviceClusterIP .children.service }}", "10.96.12.34"),
        N("serviceNodePort", Service, 1, 1, "serviceNodePort SERVICE", "The nodePort of the first port; 0 before it is assigned.", "{{ serviceNodePort .children.service }}", "31234"),
        N("serviceLoadBalancerIP", Service, 1, 1, "serviceLoadBalancerIP SERVICE", "status.loadBalancer.ingress[0].ip; \"\" while provisioning.", "{{ serviceLoadBalancerIP .children.service }}", "34.123.45.67"),
        N("serviceLoadBalancerHost", Service, 1, 1, "serviceLoadBalancerHost SERVICE", "status.loadBalancer.ingress[0].hostname; \"\" while provisioning.", "{{ serviceLoadBalancerHost .children.service }}", "abc123.elb.amazonaws.com"),
        N("endpointsReady", Service, 1, 1, "endpointsReady ENDPOINTS", "Whether an EndpointSlice has an endpoint with an address and conditions.ready true, or an Endpoints object (subsets, or status.subsets) has at least one address.", "{{ endpointsReady .children.endpoints }}", "true"),
        N("hasEndpoints", Service, 1, 1, "hasEndpoints SERVICE", "Whether `_endpoints` (enrich: [endpoints]) has a ready endpoint.", "{{ hasEndpoints .children.service }}", "true"),
        N("serviceEndpoints", Service, 1, 1, "serviceEndpoints SERVICE", "Every endpoint in `_endpoints` (enrich: [endpoints]) with an ip, ready or not, as `ip:port`, comma-separated.", "{{ serviceEndpoints .children.service }}", "10.0.0.5:8080, 10.0.0.7:8080"),
        N("serviceEndpointCount", Service, 1, 1, "serviceEndpointCount SERVICE", "The number of endpoints in `_endpoints` (enrich: [endpoints]).", "{{ serviceEndpointCount .children.service }}", "2"),
        N("serviceFirstEndpoint", Service, 1, 1, "serviceFirstEndpoint SERVICE", "The first endpoint in `_endpoints` (enrich: [endpoints]) as `ip:port`; \"\" when there is none or it has no ip.", "{{ serviceFirstEndpoint .children.service }}", "10.0.0.5:8080"),
        N("backingPodCount", Service, 1, 1, "backingPodCount SERVICE", "The number of pods the Service selects, from `_backingPods` (enrich: [backingpods]).", "{{ backingPodCount .children.service }}", "3"),
        N("backingPodNames", Service, 1, 1, "backingPodNames SERVICE", "The names of the pods the Service selects, from `_backingPods` (enrich: [backingpods]), comma-separated.", "{{ backingPodNames .children.service }}", "shop-7d9f8-abcde, shop-7d9f8-fghij, shop-7d9f8-klmno"),

        // ── container ────────────────────────────────────────────────────────────────────────────────────────
        N("containerImage", Container, 1, 2, "containerImage OBJECT [INDEX]", "The image of container INDEX (0 when omitted) of a workload's pod template (or a Pod); \"\" when absent.", "{{ containerImage .children.deployment 0 }}", "nginx:1.27"),
        N("containerEnv", Container, 2, 3, "containerEnv OBJECT INDEX NAME", "The literal value of environment variable NAME in container INDEX; \"\" when absent (upstream's newer `containerEnv OBJECT NAME [INDEX]` works too).", "{{ containerEnv .children.deployment 0 \"APP_ENV\" }}", "production"),
        N("containerPort", Container, 1, 3, "containerPort OBJECT [INDEX [PORT]]", "With PORT: whether container INDEX declares containerPort PORT (as hasContainerPort); without: the containerPort of the first port of container INDEX (0), 0 when there is none.", "{{ containerPort .children.deployment 0 8080 }} {{ containerPort .children.deployment }}", "true 8080"),
        N("hasContainerPort", Container, 3, 3, "hasContainerPort OBJECT INDEX PORT", "Whether container INDEX declares containerPort PORT.", "{{ hasContainerPort .children.deployment 0 9090 }}", "true"),
        N("containerPortByName", Container, 3, 3, "containerPortByName OBJECT INDEX NAME", "The containerPort of the port named NAME in container INDEX; 0 when absent or NAME is empty.", "{{ containerPortByName .children.deployment 0 \"metrics\" }}", "9090"),
        N("containerPorts", Container, 2, 2, "containerPorts OBJECT INDEX", "The container ports of container INDEX, comma-separated.", "{{ containerPorts .children.deployment 0 }}", "8080,9090"),
        N("containerCount", Container, 1, 1, "containerCount OBJECT", "The number of containers in the pod template (or Pod).", "{{ containerCount .children.deployment }}", "1"),

        // ── job ──────────────────────────────────────────────────────────────────────────────────────────────
        N("jobSucceeded", Job, 1, 1, "jobSucceeded JOB", "Whether status.succeeded is above 0.", "{{ jobSucceeded .children.job }}", "true"),
        N("jobFailed", Job, 1, 1, "jobFailed JOB", "Whether status.failed is above 0.", "{{ jobFailed .children.job }}", "false"),
        N("jobActive", Job, 1, 1, "jobActive JOB", "Whether status.active is above 0.", "{{ jobActive .children.job }}", "false"),
        N("jobFirstExitCode", Job, 1, 1, "jobFirstExitCode JOB", "The exitCode of the first pod in `_pods` (enrich: [pods]) whose exitCode is 0 or more (a pod without one counts as 0); -1 when there is none.", "{{ jobFirstExitCode .children.job }}", "0"),
        N("jobActivePodNames", Job, 1, 1, "jobActivePodNames JOB", "The names of the pods in `_pods` (enrich: [pods]) whose phase is neither Succeeded nor Failed, comma-separated.", "[{{ jobActivePodNames .children.job }}]", "[]"),
        N("jobSucceededPodNames", Job, 1, 1, "jobSucceededPodNames JOB", "The names of the pods in `_pods` (enrich: [pods]) whose phase is Succeeded, comma-separated.", "{{ jobSucceededPodNames .children.job }}", "shop-migrate-7xk2p"),
        N("jobFailedPodNames", Job, 1, 1, "jobFailedPodNames JOB", "The names of the pods in `_pods` (enrich: [pods]) whose phase is Failed, comma-separated.", "[{{ jobFailedPodNames .children.job }}]", "[]"),
        N("cronJobActiveCount", Job, 1, 1, "cronJobActiveCount CRONJOB", "The number of running Jobs of a CronJob (the length of status.active).", "{{ cronJobActiveCount .children.cronjob }}", "1"),
        N("cronJobLastScheduleTime", Job, 1, 1, "cronJobLastScheduleTime CRONJOB", "status.lastScheduleTime; \"\" before the first run.", "{{ cronJobLastScheduleTime .children.cronjob }}", "2026-01-15T10:00:00Z"),
        N("cronJobNextScheduleTime", Job, 1, 1, "cronJobNextScheduleTime CRONJOB", "status.nextScheduleTime; \"\" when absent (Kubernetes does not always set it).", "{{ cronJobNextScheduleTime .children.cronjob }}", "2026-01-15T11:00:00Z"),
        N("cronJobLastSuccessTime", Job, 1, 1, "cronJobLastSuccessTime CRONJOB", "status.lastSuccessfulTime; \"\" before the first success.", "{{ cronJobLastSuccessTime .children.cronjob }}", "2026-01-15T09:00:41Z"),
        N("cronJobLastJobName", Job, 1, 1, "cronJobLastJobName CRONJOB", "The name of the newest Job, from `_lastJob` (enrich: [cronjob]).", "{{ cronJobLastJobName .children.cronjob }}", "shop-report-29480640"),
        N("cronJobLastJobSucceeded", Job, 1, 1, "cronJobLastJobSucceeded CRONJOB", "Whether the newest Job (`_lastJob`, enrich: [cronjob]) has status.succeeded above 0.", "{{ cronJobLastJobSucceeded .children.cronjob }}", "false"),
        N("cronJobLastSuccessfulJobName", Job, 1, 1, "cronJobLastSuccessfulJobName CRONJOB", "The name of the newest successful Job, from `_lastSuccessfulJob` (enrich: [cronjob]).", "{{ cronJobLastSuccessfulJobName .children.cronjob }}", "shop-report-29480580"),

        // ── pods ─────────────────────────────────────────────────────────────────────────────────────────────
        N("podNames", Pods, 1, 1, "podNames OBJECT", "The names of the pods in `_pods` (enrich: [pods]), comma-separated.", "{{ podNames .children.statefulset }}", "shop-db-0, shop-db-1, shop-db-2"),
        N("podIPs", Pods, 1, 1, "podIPs OBJECT", "The pod IPs assigned so far, comma-separated.", "{{ podIPs .children.statefulset }}", "10.0.1.10, 10.0.1.11"),
        N("podPhases", Pods, 1, 1, "podPhases OBJECT", "The pods' phases in order, comma-separated.", "{{ podPhases .children.statefulset }}", "Running, Running, Pending"),
        N("podNodes", Pods, 1, 1, "podNodes OBJECT", "The nodes the pods are scheduled on, comma-separated (pending pods have none).", "{{ podNodes .children.statefulset }}", "node-a, node-b"),
        N("podCount", Pods, 1, 1, "podCount OBJECT", "The number of pods in `_pods`.", "{{ podCount .children.statefulset }}", "3"),
        N("readyPodCount", Pods, 1, 1, "readyPodCount OBJECT", "The number of pods whose ready is true.", "{{ readyPodCount .children.deployment }}", "2"),
        N("podMaxRestarts", Pods, 1, 1, "podMaxRestarts OBJECT", "The highest restartCount among the pods; 0 when there are none.", "{{ podMaxRestarts .children.deployment }}", "4"),
        N("hasCrashingPod", Pods, 1, 1, "hasCrashingPod OBJECT", "Whether a container has a failure reason (CrashLoopBackOff, OOMKilled, Error, ImagePullBackOff, ErrImagePull, InvalidImageName, RunContainerError, CreateContainerError, PreStartHookError, PostStartHookError) or a pod restarted more than twice.", "{{ hasCrashingPod .children.deployment }} {{ hasCrashingPod .children.job }}", "true false"),
        N("podByOrdinal", Pods, 2, 2, "podByOrdinal OBJECT ORDINAL", "The summary of the pod with that ordinal (StatefulSet pods `NAME-0`, `NAME-1`, …): name, ip, phase, ready, node, restartCount, ordinal, exitCode, containers; nil when there is none.", "{{ (podByOrdinal .children.statefulset 0).ip }}", "10.0.1.10"),
        N("podCrashLoopDetected", Pods, 1, 1, "podCrashLoopDetected OBJECT", "Whether a container of a pod has reason CrashLoopBackOff.", "{{ podCrashLoopDetected .children.deployment }}", "true"),
        N("podImagePullBackOffDetected", Pods, 1, 1, "podImagePullBackOffDetected OBJECT", "Whether a container of a pod has reason ImagePullBackOff.", "{{ podImagePullBackOffDetected .children.statefulset }}", "true"),
        N("podErrImagePullDetected", Pods, 1, 1, "podErrImagePullDetected OBJECT", "Whether a container of a pod has reason ErrImagePull.", "{{ podErrImagePullDetected .children.statefulset }}", "false"),
        N("podErrorDetected", Pods, 1, 1, "podErrorDetected OBJECT", "Whether a container of a pod has reason Error.", "{{ podErrorDetected .children.deployment }}", "false"),
        N("podOOMKilledDetected", Pods, 1, 1, "podOOMKilledDetected OBJECT", "Whether a container of a pod has reason OOMKilled.", "{{ podOOMKilledDetected .children.deployment }}", "false"),
        N("podRunContainerErrorDetected", Pods, 1, 1, "podRunContainerErrorDetected OBJECT", "Whether a container of a pod has reason RunContainerError.", "{{ podRunContainerErrorDetected .children.deployment }}", "false"),
        N("podCreateContainerErrorDetected", Pods, 1, 1, "podCreateContainerErrorDetected OBJECT", "Whether a container of a pod has reason CreateContainerError.", "{{ podCreateContainerErrorDetected .children.deployment }}", "false"),
        N("podInvalidImageNameDetected", Pods, 1, 1, "podInvalidImageNameDetected OBJECT", "Whether a container of a pod has reason InvalidImageName.", "{{ podInvalidImageNameDetected .children.deployment }}", "false"),
        N("podPreStartHookErrorDetected", Pods, 1, 1, "podPreStartHookErrorDetected OBJECT", "Whether a container of a pod has reason PreStartHookError.", "{{ podPreStartHookErrorDetected .children.deployment }}", "false"),
        N("podPostStartHookErrorDetected", Pods, 1, 1, "podPostStartHookErrorDetected OBJECT", "Whether a container of a pod has reason PostStartHookError.", "{{ podPostStartHookErrorDetected .children.deployment }}", "false"),
        N("podContainerReasons", Pods, 1, 1, "podContainerReasons OBJECT", "The distinct waiting or terminated reasons of the pods' containers, comma-separated.", "{{ podContainerReasons .children.deployment }}", "CrashLoopBackOff"),
        N("podContainerState", Pods, 3, 3, "podContainerState OBJECT ORDINAL NAME", "The state (Running, Waiting or Terminated) of container NAME in the pod with that ordinal; \"\" when either is absent.", "{{ podContainerState .children.statefulset 2 \"postgres\" }}", "Waiting"),

        // ── warnings ─────────────────────────────────────────────────────────────────────────────────────────
        N("hasWarnings", Warnings, 1, 1, "hasWarnings OBJECT", "Whether `_warnings` (enrich: [events]) has a Warning event.", "{{ hasWarnings .children.deployment }} {{ hasWarnings .children.service }}", "true false"),
        N("warningCount", Warnings, 1, 1, "warningCount OBJECT", "The number of Warning events in `_warnings`.", "{{ warningCount .children.deployment }}", "2"),
        N("firstWarning", Warnings, 1, 1, "firstWarning OBJECT", "The message of the first Warning event; \"\" when there is none.", "{{ firstWarning .children.deployment }}", "Back-off restarting failed container web"),
        N("warningMessages", Warnings, 1, 1, "warningMessages OBJECT", "The Warning events' messages, comma-separated.", "{{ warningMessages .children.deployment }}", "Back-off restarting failed container web, Readiness probe failed"),
        N("warningReasons", Warnings, 1, 1, "warningReasons OBJECT", "The Warning events' reasons, comma-separated (repeats kept, as upstream's code does).", "{{ warningReasons .children.deployment }}", "BackOff, Unhealthy"),

        // ── hpa ──────────────────────────────────────────────────────────────────────────────────────────────
        N("hpaCurrentReplicas", Hpa, 1, 1, "hpaCurrentReplicas HPA", "status.currentReplicas; 0 when absent.", "{{ hpaCurrentReplicas .children.hpa }}", "3"),
        N("hpaDesiredReplicas", Hpa, 1, 1, "hpaDesiredReplicas HPA", "status.desiredReplicas; 0 when absent.", "{{ hpaDesiredReplicas .children.hpa }}", "5"),
        N("hpaMinReplicas", Hpa, 1, 1, "hpaMinReplicas HPA", "spec.minReplicas; 1 (Kubernetes' default) when absent or 0.", "{{ hpaMinReplicas .children.hpa }} {{ hpaMinReplicas .children.service }}", "2 1"),
        N("hpaMaxReplicas", Hpa, 1, 1, "hpaMaxReplicas HPA", "spec.maxReplicas; 0 when absent.", "{{ hpaMaxReplicas .children.hpa }}", "10"),
        N("hpaScaling", Hpa, 1, 1, "hpaScaling HPA", "Whether the ScalingActive condition is True and currentReplicas differs from desiredReplicas (a scale is under way).", "{{ hpaScaling .children.hpa }}", "true"),
        N("hpaScalingActive", Hpa, 1, 1, "hpaScalingActive HPA", "Whether the ScalingActive condition is True (the metric can be read and scaling is allowed).", "{{ hpaScalingActive .children.hpa }}", "true"),
        N("hpaAbleToScale", Hpa, 1, 1, "hpaAbleToScale HPA", "Whether the AbleToScale condition is True (the scale target exists and is reachable).", "{{ hpaAbleToScale .children.hpa }}", "true"),
        N("hpaScalingLimited", Hpa, 1, 1, "hpaScalingLimited HPA", "Whether the ScalingLimited condition is True (the desired count was clamped to the min or max).", "{{ hpaScalingLimited .children.hpa }}", "false"),
        N("hpaAtMax", Hpa, 1, 1, "hpaAtMax HPA", "Whether currentReplicas has reached spec.maxReplicas (false when the max is unset).", "{{ hpaAtMax .children.hpa }}", "false"),
        N("hpaScaleTargetName", Hpa, 1, 1, "hpaScaleTargetName HPA", "The scaled resource's name, from `_scaleTarget` (enrich: [hpa]).", "{{ hpaScaleTargetName .children.hpa }}", "shop"),
        N("hpaScaleTargetKind", Hpa, 1, 1, "hpaScaleTargetKind HPA", "The scaled resource's kind, from `_scaleTarget` (enrich: [hpa]).", "{{ hpaScaleTargetKind .children.hpa }}", "Deployment"),
        N("hpaMetricTypes", Hpa, 1, 1, "hpaMetricTypes HPA", "The types of the current metrics in `_currentMetrics` (enrich: [hpa]), comma-separated.", "{{ hpaMetricTypes .children.hpa }}", "Resource, External"),

        // ── ingress ──────────────────────────────────────────────────────────────────────────────────────────
        N("ingressReady", Ingress, 1, 1, "ingressReady INGRESS", "Whether status.loadBalancer.ingress[0] has an ip or a hostname.", "{{ ingressReady .children.ingress }}", "true"),
        N("ingressHost", Ingress, 1, 1, "ingressHost INGRESS", "status.loadBalancer.ingress[0].hostname; \"\" while provisioning.", "{{ ingressHost .children.ingress }}", "shop-lb.example.net"),
        N("ingressIP", Ingress, 1, 1, "ingressIP INGRESS", "status.loadBalancer.ingress[0].ip; \"\" while provisioning.", "{{ ingressIP .children.ingress }}", "34.120.1.2"),
        N("ingressClassName", Ingress, 1, 1, "ingressClassName INGRESS", "spec.ingressClassName; \"\" when unset.", "{{ ingressClassName .children.ingress }}", "nginx"),
        N("ingressRules", Ingress, 1, 1, "ingressRules INGRESS", "The hosts of spec.rules (catch-all rules without one left out), comma-separated.", "{{ ingressRules .children.ingress }}", "shop.example.com, www.shop.example.com"),
        N("ingressTLSHosts", Ingress, 1, 1, "ingressTLSHosts INGRESS", "The distinct hosts of spec.tls, comma-separated.", "{{ ingressTLSHosts .children.ingress }}", "shop.example.com, www.shop.example.com"),
        N("ingressLoadBalancerIPs", Ingress, 1, 1, "ingressLoadBalancerIPs INGRESS", "Every load-balancer IP and hostname in `_loadBalancerIPs` (enrich: [ingress]), comma-separated.", "{{ ingressLoadBalancerIPs .children.ingress }}", "34.120.1.2, shop-lb.example.net"),
        N("ingressTLSSecretCount", Ingress, 1, 1, "ingressTLSSecretCount INGRESS", "The number of TLS Secrets in `_tlsSecrets` (enrich: [ingress]).", "{{ ingressTLSSecretCount .children.ingress }}", "1"),

        // ── pvc ──────────────────────────────────────────────────────────────────────────────────────────────
        N("pvcBound", Pvc, 1, 1, "pvcBound PVC", "Whether status.phase is Bound.", "{{ pvcBound .children.pvc }}", "true"),
        N("pvcPhase", Pvc, 1, 1, "pvcPhase PVC", "status.phase (Pending, Bound, Released, Lost); \"\" before it is set.", "{{ pvcPhase .children.pvc }}", "Bound"),
        N("pvcCapacity", Pvc, 1, 1, "pvcCapacity PVC", "The requested size, spec.resources.requests.storage.", "{{ pvcCapacity .children.pvc }}", "10Gi"),
        N("pvcStorageClass", Pvc, 1, 1, "pvcStorageClass PVC", "spec.storageClassName; \"\" when unset (the cluster default applies).", "{{ pvcStorageClass .children.pvc }}", "gp3"),
        N("pvcAccessModes", Pvc, 1, 1, "pvcAccessModes PVC", "spec.accessModes, comma-separated.", "{{ pvcAccessModes .children.pvc }}", "ReadWriteOnce"),
        N("pvcProvisioner", Pvc, 1, 1, "pvcProvisioner PVC", "The `pv.kubernetes.io/provisioned-by` annotation of the bound PersistentVolume in `_pv` (enrich: [pvc]); \"\" while unbound.", "{{ pvcProvisioner .children.pvc }}", "ebs.csi.aws.com"),
        N("pvcVolumeMode", Pvc, 1, 1, "pvcVolumeMode PVC", "The volumeMode (Filesystem or Block) of the bound PersistentVolume in `_pv` (enrich: [pvc]).", "{{ pvcVolumeMode .children.pvc }}", "Filesystem"),
        N("pvcStorageClassProvisioner", Pvc, 1, 1, "pvcStorageClassProvisioner PVC", "The provisioner of the StorageClass in `_storageClass` (enrich: [storageclass]).", "{{ pvcStorageClassProvisioner .children.pvc }}", "ebs.csi.aws.com"),
        N("pvcStorageClassReclaimPolicy", Pvc, 1, 1, "pvcStorageClassReclaimPolicy PVC", "The reclaimPolicy (Delete or Retain) of the StorageClass in `_storageClass` (enrich: [storageclass]); spec.reclaimPolicy is read too.", "{{ pvcStorageClassReclaimPolicy .children.pvc }}", "Retain"),

        // ── node ─────────────────────────────────────────────────────────────────────────────────────────────
        N("nodeReady", Node, 1, 1, "nodeReady NODE", "Whether the Node's Ready condition is True.", "{{ nodeReady .children.node }}", "true"),
        N("nodeAllocatableCPU", Node, 1, 1, "nodeAllocatableCPU NODE", "status.allocatable.cpu; \"\" when absent.", "{{ nodeAllocatableCPU .children.node }}", "3920m"),
        N("nodeAllocatableMemory", Node, 1, 1, "nodeAllocatableMemory NODE", "status.allocatable.memory; \"\" when absent.", "{{ nodeAllocatableMemory .children.node }}", "15032020Ki"),
        N("nodeCondition", Node, 2, 2, "nodeCondition NODE TYPE", "The status (True, False, Unknown) of the first condition of TYPE; \"\" when there is none.", "{{ nodeCondition .children.node \"MemoryPressure\" }}", "False"),
        N("nodeTaints", Node, 1, 1, "nodeTaints NODE", "The keys of spec.taints, comma-separated.", "{{ nodeTaints .children.node }}", "dedicated"),
        N("podNodeName", Node, 1, 1, "podNodeName POD", "The name of the Pod's node, from `_node` (enrich: [node]).", "{{ podNodeName .children.pod }}", "node-a"),
        N("podNodeZone", Node, 1, 1, "podNodeZone POD", "The node's `topology.kubernetes.io/zone`, from `_node` (enrich: [node]).", "{{ podNodeZone .children.pod }}", "us-east-2a"),
        N("podNodeRegion", Node, 1, 1, "podNodeRegion POD", "The node's `topology.kubernetes.io/region`, from `_node` (enrich: [node]).", "{{ podNodeRegion .children.pod }}", "us-east-2"),
        N("podNodeInstanceType", Node, 1, 1, "podNodeInstanceType POD", "The node's `node.kubernetes.io/instance-type`, from `_node` (enrich: [node]).", "{{ podNodeInstanceType .children.pod }}", "t3.medium"),

        // ── statefulset ──────────────────────────────────────────────────────────────────────────────────────
        N("statefulSetCurrentRevision", StatefulSet, 1, 1, "statefulSetCurrentRevision STATEFULSET", "status.currentRevision, the revision of the running pods; \"\" before the first rollout.", "{{ statefulSetCurrentRevision .children.statefulset }}", "shop-db-6d8f4b9c5"),
        N("statefulSetUpdateRevision", StatefulSet, 1, 1, "statefulSetUpdateRevision STATEFULSET", "status.updateRevision, the revision being rolled out (the current one once done).", "{{ statefulSetUpdateRevision .children.statefulset }}", "shop-db-7a2c1d4f8"),
        N("statefulSetPVCCount", StatefulSet, 1, 1, "statefulSetPVCCount STATEFULSET", "The number of PVCs in `_pvcs` (enrich: [pvcs]).", "{{ statefulSetPVCCount .children.statefulset }}", "3"),

        // ── replicaset ───────────────────────────────────────────────────────────────────────────────────────
        N("replicaSetOwnerName", ReplicaSet, 1, 1, "replicaSetOwnerName REPLICASET", "The controller's name, from `_owner` (enrich: [owner]).", "{{ replicaSetOwnerName .children.replicaset }}", "shop"),
        N("replicaSetOwnerKind", ReplicaSet, 1, 1, "replicaSetOwnerKind REPLICASET", "The controller's kind, from `_owner` (enrich: [owner]).", "{{ replicaSetOwnerKind .children.replicaset }}", "Deployment"),
        N("deploymentReplicaSetCount", ReplicaSet, 1, 1, "deploymentReplicaSetCount DEPLOYMENT", "The number of ReplicaSets in `_replicaSets` (enrich: [replicasets]), scaled-down ones kept for rollback included.", "{{ deploymentReplicaSetCount .children.deployment }}", "2"),
        N("deploymentReplicaSets", ReplicaSet, 1, 1, "deploymentReplicaSets DEPLOYMENT", "The names of the ReplicaSets in `_replicaSets` (enrich: [replicasets]), as a list.", "{{ join (deploymentReplicaSets .children.deployment) \",\" }}", "shop-7d9f8,shop-5c6b4"),
        N("oldDeploymentReplicaSets", ReplicaSet, 1, 1, "oldDeploymentReplicaSets DEPLOYMENT", "The names of the ReplicaSets other than status.currentReplicaSet, as a list; empty while that is unset.", "{{ oldDeploymentReplicaSets .children.deployment }}", "[shop-5c6b4]"),

        // ── domain ───────────────────────────────────────────────────────────────────────────────────────────
        N("domainHost", Domain, 1, 1, "domainHost VALUE", "A URL-ish string without surrounding white space, an `https://` or `http://` prefix or a trailing `/`; \"\" for anything but a string.", "{{ domainHost \"https://acme.example.com/\" }}", "acme.example.com"),
        N("domainBare", Domain, 1, 1, "domainBare VALUE", "domainHost without a leading `www.`.", "{{ domainBare \"https://www.acme.com/\" }}", "acme.com"),

        // ── validation ───────────────────────────────────────────────────────────────────────────────────────
        N("isValidEmail", Validation, 1, 1, "isValidEmail S", "Whether the text is one bare email address (`user@example.com`; no display name, comment or quoted local part), as Go's net/mail reads it.", "{{ isValidEmail .spec.ownerEmail }} {{ isValidEmail \"Team <team@myorg.io>\" }}", "true false"),
        N("isValidGitRepository", Validation, 1, 1, "isValidGitRepository S", "Whether the text looks like a git remote: an `https://`, `http://`, `git://` or `ssh://` URL, or `user@host:path` (a shape check; nothing is dialled).", "{{ isValidGitRepository .spec.repoURL }}", "true"),
        N("isValidURL", Validation, 1, 1, "isValidURL S", "Whether the text is an absolute http or https URL with a host, as Go's url.ParseRequestURI reads it.", "{{ isValidURL .spec.webhookUrl }} {{ isValidURL \"ftp://example.com\" }}", "true false"),
        N("isValidImageRef", Validation, 1, 1, "isValidImageRef S", "Whether the text looks like a container image reference: optional registry (and port), lower-case repository path, optional `:tag` or `@digest`.", "{{ isValidImageRef .spec.image }} {{ isValidImageRef \"MyOrg/App\" }}", "true false"),
        N("isValidJSON", Validation, 1, 1, "isValidJSON S", "Whether the text is one well-formed JSON value.", "{{ isValidJSON `{\"app\": \"shop\"}` }} {{ isValidJSON \"{not json\" }}", "true false"),
        N("isValidPort", Validation, 1, 1, "isValidPort S", "Whether the text is a decimal integer (optionally signed) from 1 to 65535.", "{{ isValidPort \"8080\" }} {{ isValidPort \"70000\" }}", "true false"),

        // ── kubevalidation ───────────────────────────────────────────────────────────────────────────────────
        N("isValidLabelValue", KubeValidation, 1, 1, "isValidLabelValue S", "Whether the text is a Kubernetes label value: empty, or up to 63 alphanumerics, `-`, `_` and `.` starting and ending alphanumeric.", "{{ isValidLabelValue (index .metadata.labels \"tier\") }} {{ isValidLabelValue \"-web\" }}", "true false"),
        N("isValidLabelKey", KubeValidation, 1, 1, "isValidLabelKey S", "Whether the text is a Kubernetes label key: `[prefix/]name`, a name as a label value but not empty, and a DNS-1123 subdomain prefix.", "{{ isValidLabelKey \"platform.example.com/tier\" }} {{ isValidLabelKey \"bad key\" }}", "true false"),
        N("isValidAnnotationKey", KubeValidation, 1, 1, "isValidAnnotationKey S", "Whether the text is a Kubernetes annotation key (the same format as a label key).", "{{ isValidAnnotationKey \"orkestra.orkspace.io/serve-target\" }}", "true"),
        N("isDNS1123Subdomain", KubeValidation, 1, 1, "isDNS1123Subdomain S", "Whether the text is a DNS-1123 subdomain (lower-case alphanumerics and `-` in `.`-separated labels, at most 253 characters), the format of most object names.", "{{ isDNS1123Subdomain .spec.domain }} {{ isDNS1123Subdomain \"My_App\" }}", "true false"),

        // ── serve ────────────────────────────────────────────────────────────────────────────────────────────
        N("getServeTarget", Serve, 1, 1, "getServeTarget OBJECT", "The gateway's `orkestra.orkspace.io/serve-target` annotation; \"\" when absent.", "{{ getServeTarget . }}", "webapp"),
        N("getServeAlias", Serve, 1, 1, "getServeAlias OBJECT", "The `orkestra.orkspace.io/serve-alias` annotation; \"\" when the primary target was used.", "{{ getServeAlias . }}", "public"),
        N("getServeSource", Serve, 1, 1, "getServeSource OBJECT", "The `orkestra.orkspace.io/serve-source` annotation (github, gitlab, …); \"\" for direct gateway calls.", "[{{ getServeSource . }}]", "[]"),
        N("hasServeTarget", Serve, 1, 1, "hasServeTarget OBJECT", "Whether the serve-target annotation is set.", "{{ hasServeTarget . }}", "true"),
        N("hasServeAlias", Serve, 1, 1, "hasServeAlias OBJECT", "Whether the serve-alias annotation is set.", "{{ hasServeAlias . }}", "true"),
        N("hasServeSource", Serve, 1, 1, "hasServeSource OBJECT", "Whether the serve-source annotation is set.", "{{ hasServeSource . }}", "false"),
        N("isDirectApply", Serve, 1, 1, "isDirectApply OBJECT", "Whether none of the three serve annotations is set (the object did not come through the gateway).", "{{ isDirectApply . }} {{ isDirectApply .children.service }}", "false true"),

        // ── prometheus ───────────────────────────────────────────────────────────────────────────────────────
        N("promValue", Prometheus, 1, 1, "promValue RESULT", "The `result` of a Prometheus external call (the scalar, or the first series' value); \"\" when absent.", "{{ promValue .external.errorRate }}", "0.25"),
        N("promSum", Prometheus, 1, 1, "promSum RESULT", "The sum of every series' value, as a string; \"\" when there is none.", "{{ promSum .external.errorRate }}", "0.75"),
        N("promMax", Prometheus, 1, 1, "promMax RESULT", "The largest series value, as a string; \"\" when there is none.", "{{ promMax .external.errorRate }}", "0.5"),
        N("promAboveThreshold", Prometheus, 2, 2, "promAboveThreshold RESULT THRESHOLD", "\"true\" when promValue is above THRESHOLD (a number or numeric string), else \"false\".", "{{ promAboveThreshold .external.errorRate 0.1 }}", "true"),
        N("promBelowThreshold", Prometheus, 2, 2, "promBelowThreshold RESULT THRESHOLD", "\"true\" when promValue is below THRESHOLD, else \"false\".", "{{ promBelowThreshold .external.errorRate \"0.1\" }}", "false"),
        N("promSeriesCount", Prometheus, 1, 1, "promSeriesCount RESULT", "The number of series, as a string.", "{{ promSeriesCount .external.errorRate }}", "2"),
        N("promLabelValues", Prometheus, 2, 2, "promLabelValues RESULT LABEL", "The values of LABEL across the series, comma-separated.", "{{ promLabelValues .external.errorRate \"pod\" }}", "shop-a,shop-b"),

        // ── builtin (Go's text/template) ─────────────────────────────────────────────────────────────────────
        N("and", Builtin, 1, Any, "and A B...", "The first empty argument, or the last one; stops evaluating at the first empty one.", "{{ and .spec.image .spec.replicas }}", "3"),
        N("or", Builtin, 1, Any, "or A B...", "The first non-empty argument, or the last one; stops evaluating at the first non-empty one.", "{{ or .spec.missing \"fallback\" }}", "fallback"),
        N("not", Builtin, 1, 1, "not A", "The boolean negation of the argument's truth.", "{{ not .spec.debug }}", "true"),
        N("index", Builtin, 1, Any, "index ITEM KEY...", "The element of a list, map or string at each key in turn; fails out of range.", "{{ index .spec.regions 1 }}", "eu-west-1"),
        N("slice", Builtin, 1, Any, "slice ITEM LOW HIGH", "The part of a list or string from LOW to HIGH.", "{{ slice .spec.regions 1 }}", "[eu-west-1]"),
        N("print", Builtin, 0, Any, "print ARGS...", "The arguments printed as fmt.Sprint does (spaces between operands when neither is a string).", "{{ print \"n=\" 1 2 }}", "n=1 2"),
        N("printf", Builtin, 1, Any, "printf FORMAT ARGS...", "The arguments formatted as fmt.Sprintf does.", "{{ printf \"%s-%03d\" .metadata.name 7 }}", "shop-007"),
        N("println", Builtin, 0, Any, "println ARGS...", "The arguments printed as fmt.Sprintln does (spaces between all, newline at the end).", "{{ println \"a\" \"b\" }}", "a b"),
        N("html", Builtin, 0, Any, "html ARGS...", "The printed arguments escaped for HTML.", "{{ html \"<b>\" }}", "&lt;b&gt;"),
        N("js", Builtin, 0, Any, "js ARGS...", "The printed arguments escaped for JavaScript.", "{{ js \"it's\" }}", "it\\'s"),
        N("urlquery", Builtin, 0, Any, "urlquery ARGS...", "The printed arguments escaped for a URL query.", "{{ urlquery \"a b&c\" }}", "a+b%26c"),
        N("eq", Builtin, 1, Any, "eq A B...", "Whether A equals any of the others (basic types only).", "{{ eq .status.phase \"Pending\" \"Running\" }}", "true"),
        N("ne", Builtin, 2, 2, "ne A B", "Whether A differs from B.", "{{ ne .metadata.name \"shop\" }}", "false"),
        N("lt", Builtin, 2, 2, "lt A B", "Whether A < B (same basic kind).", "{{ lt 1 2 }}", "true"),
        N("le", Builtin, 2, 2, "le A B", "Whether A <= B.", "{{ le 2 2 }}", "true"),
        N("gt", Builtin, 2, 2, "gt A B", "Whether A > B; JSON numbers are floats, so compare them with floats.", "{{ gt .spec.replicas 2.0 }}", "true"),
        N("ge", Builtin, 2, 2, "ge A B", "Whether A >= B.", "{{ ge \"b\" \"a\" }}", "true"),
    };

    private static readonly Dictionary<string, NoteInfo> ByName = Index(All);

    /// <summary>The domains in documentation order.</summary>
    public static IReadOnlyList<string> Domains { get; } = All.Select(n => n.Domain).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The entry named <paramref name="name"/>, or null when no function has that name.</summary>
    public static NoteInfo? Find(string name) => ByName.TryGetValue(name, out var info) ? info : null;

    private static NoteInfo N(string name, string domain, int min, int max, string signature, string description, string example, string output) =>
        new(name, domain, min, max, signature, description, example, output);

    private static Dictionary<string, NoteInfo> Index(IReadOnlyList<NoteInfo> all)
    {
        var byName = new Dictionary<string, NoteInfo>(all.Count, StringComparer.Ordinal);
        foreach (var info in all)
        {
            byName.Add(info.Name, info);
        }

        return byName;
    }
}
