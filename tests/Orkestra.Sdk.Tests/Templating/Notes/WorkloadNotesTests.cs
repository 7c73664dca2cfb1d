using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The replica, service, container and job notes.</summary>
public class WorkloadNotesTests
{
    private const string Data = """
        {
          "deployment": { "spec": { "replicas": 3 }, "status": { "readyReplicas": 3, "availableReplicas": 2, "updatedReplicas": 3 } },
          "zero": { "spec": { "replicas": 0 }, "status": {} },
          "noSpec": { "status": { "readyReplicas": 1 } },
          "nullReplicas": { "spec": { "replicas": null } },
          "rolling": { "spec": { "replicas": 3 }, "status": { "readyReplicas": 3, "updatedReplicas": 1 } },
          "service": {
            "spec": { "clusterIP": "10.96.0.1", "ports": [ { "port": 80, "nodePort": 31234 }, { "port": 443, "nodePort": 31235 } ] },
            "status": { "loadBalancer": { "ingress": [ { "ip": "34.1.2.3" }, { "hostname": "x" } ] } }
          },
          "pending": { "spec": { "ports": [ { "port": 80 } ] }, "status": { "loadBalancer": {} } },
          "aws": { "status": { "loadBalancer": { "ingress": [ { "hostname": "abc.elb.amazonaws.com" } ] } } },
          "endpoints": { "subsets": [ { "notReadyAddresses": [ { "ip": "10.0.0.9" } ] }, { "addresses": [ { "ip": "10.0.0.1" } ] } ] },
          "noEndpoints": { "subsets": [ { "addresses": [] } ] },
          "statusEndpoints": { "status": { "subsets": [ { "addresses": [ { "ip": "10.0.0.2" } ] } ] } },
          "slice": { "endpoints": [ { "addresses": [ "10.0.0.1" ], "conditions": { "ready": false } }, { "addresses": [], "conditions": { "ready": true } }, { "addresses": [ "10.0.0.2" ], "conditions": { "ready": true } } ] },
          "notReadySlice": { "endpoints": [ { "addresses": [ "10.0.0.1" ], "conditions": { "ready": false } }, { "addresses": [ "10.0.0.3" ] } ], "subsets": [ { "addresses": [ { "ip": "10.0.0.2" } ] } ] },
          "enriched": {
            "_endpoints": [ { "ip": "10.0.0.1", "port": 8080, "ready": false }, { "ip": "", "port": 80, "ready": true }, 3, { "ip": "10.0.0.2", "port": "9090", "ready": "true" } ],
            "_backingPods": [ { "name": "web-a" }, { "name": "" }, "x", { "name": "web-b" } ]
          },
          "notReadyEndpoints": { "_endpoints": [ { "ip": "10.0.0.1", "ready": false } ] },
          "app": { "spec": { "template": { "spec": { "containers": [
            {
              "name": "app", "image": "nginx:1.25",
              "env": [ { "name": "APP_ENV", "value": "production" }, { "name": "SECRET", "valueFrom": { "secretKeyRef": { "name": "s" } } } ],
              "ports": [ { "name": "http", "containerPort": 8080 }, { "name": "metrics", "containerPort": 9090 } ]
            },
            { "name": "sidecar", "image": "envoy:1" }
          ] } } } },
          "mesh": { "spec": { "template": { "spec": { "containers": [
            { "ports": [ { "containerPort": 8080 }, { "containerPort": 9090 } ] },
            { "ports": [ { "containerPort": 15001 }, { "name": "admin", "containerPort": 15000 }, { "containerPort": 15020 } ] }
          ] } } } },
          "pod": { "spec": { "containers": [ { "image": "busybox" } ] } },
          "cronjob": { "spec": { "jobTemplate": { "spec": { "template": { "spec": { "containers": [ { "image": "alpine" } ] } } } } } },
          "succeeded": { "status": { "succeeded": 1 } },
          "failing": { "status": { "failed": 2, "active": 1 } },
          "fresh": {}
        }
        """;

    [Theory]
    [InlineData("{{ allReplicasReady .deployment }} {{ allReplicasReady .zero }} {{ allReplicasReady .noSpec }} {{ allReplicasReady .missing }}", "true true true false")]
    [InlineData("{{ desiredReplicas .deployment }} {{ desiredReplicas .zero }} {{ desiredReplicas .noSpec }} {{ desiredReplicas .missing }} {{ desiredReplicas .nullReplicas }}", "3 0 1 1 1")]
    [InlineData("{{ readyReplicas .deployment }} {{ availableReplicas .deployment }} {{ updatedReplicas .deployment }} {{ readyReplicas .missing }} {{ updatedReplicas .zero }}", "3 2 3 0 0")]
    [InlineData("{{ rolloutComplete .deployment }} {{ rolloutComplete .rolling }} {{ rolloutComplete .zero }} {{ allReplicasReady .rolling }}", "true false true true")]
    [InlineData("{{ printf \"%T\" (readyReplicas .deployment) }} {{ div (toFloat (readyReplicas .rolling)) (toFloat (desiredReplicas .rolling)) }}", "int 1")]
    [InlineData("{{ serviceClusterIP .service }} [{{ serviceClusterIP .pending }}][{{ serviceClusterIP .missing }}]", "10.96.0.1 [][]")]
    [InlineData("{{ serviceNodePort .service }} {{ serviceNodePort .pending }} {{ serviceNodePort .missing }}", "31234 0 0")]
    [InlineData("{{ serviceLoadBalancerIP .service }} [{{ serviceLoadBalancerIP .aws }}][{{ serviceLoadBalancerIP .pending }}]", "34.1.2.3 [][]")]
    [InlineData("{{ serviceLoadBalancerHost .aws }} [{{ serviceLoadBalancerHost .service }}][{{ serviceLoadBalancerHost .missing }}]", "abc.elb.amazonaws.com [][]")]
    [InlineData("{{ endpointsReady .endpoints }} {{ endpointsReady .statusEndpoints }} {{ endpointsReady .noEndpoints }} {{ endpointsReady .service }} {{ endpointsReady .missing }}", "true true false false false")]
    [InlineData("{{ containerImage .app 0 }} {{ containerImage .app 1 }} [{{ containerImage .app 2 }}][{{ containerImage .app -1 }}][{{ containerImage .missing 0 }}]", "nginx:1.25 envoy:1 [][][]")]
    [InlineData("{{ containerImage .pod 0 }} {{ containerImage .cronjob 0 }} {{ containerImage .app .missing }}", "busybox alpine nginx:1.25")]
    [InlineData("{{ containerEnv .app 0 \"APP_ENV\" }} [{{ containerEnv .app 0 \"SECRET\" }}][{{ containerEnv .app 0 \"NOPE\" }}][{{ containerEnv .app 1 \"APP_ENV\" }}]", "production [][][]")]
    [InlineData("{{ containerPort .app 0 8080 }} {{ containerPort .app 0 80 }} {{ containerPort .app 1 8080 }} {{ containerPort .app 0 \"8080\" }} {{ containerPort .missing 0 8080 }}", "true false false true false")]
    [InlineData("{{ containerPortByName .app 0 \"metrics\" }} {{ containerPortByName .app 0 \"x\" }} {{ containerPortByName .missing 0 \"http\" }}", "9090 0 0")]
    [InlineData("{{ containerPorts .app 0 }} [{{ containerPorts .app 1 }}][{{ containerPorts .missing 0 }}]", "8080,9090 [][]")]
    [InlineData("{{ containerCount .app }} {{ containerCount .pod }} {{ containerCount .missing }}", "2 1 0")]
    [InlineData("{{ jobSucceeded .succeeded }} {{ jobSucceeded .failing }} {{ jobFailed .failing }} {{ jobFailed .succeeded }} {{ jobActive .failing }} {{ jobActive .fresh }}", "true false true false true false")]
    [InlineData("{{ jobSucceeded .missing }} {{ jobFailed .missing }} {{ jobActive .missing }}", "false false false")]
    [InlineData("{{ endpointsReady .slice }} {{ endpointsReady .notReadySlice }}", "true false")]
    [InlineData("{{ hasEndpoints .enriched }} {{ hasEndpoints .notReadyEndpoints }} {{ hasEndpoints .service }} {{ hasEndpoints \"x\" }}", "true false false false")]
    [InlineData("{{ serviceEndpoints .enriched }} | {{ serviceEndpointCount .enriched }} | {{ serviceFirstEndpoint .enriched }} | {{ serviceFirstEndpoint .notReadyEndpoints }}", "10.0.0.1:8080, 10.0.0.2:9090 | 4 | 10.0.0.1:8080 | 10.0.0.1:0")]
    [InlineData("{{ backingPodCount .enriched }} {{ backingPodNames .enriched }} {{ backingPodCount .service }} [{{ backingPodNames 1 }}]", "4 web-a, web-b 0 []")]
    [InlineData("{{ containerImage .app }} {{ containerImage .pod }} [{{ containerImage .missing }}]", "nginx:1.25 busybox []")]
    [InlineData("{{ containerEnv .app \"APP_ENV\" }} {{ containerEnv .app \"APP_ENV\" 0 }} [{{ containerEnv .app \"APP_ENV\" 1 }}][{{ containerEnv .missing \"APP_ENV\" }}]", "production production [][]")]
    [InlineData("{{ containerPort .mesh }} {{ containerPort .mesh 1 }} {{ containerPort .mesh 2 }} {{ containerPort .app 1 }} {{ containerPort .missing }} {{ containerPort .mesh 1 15020 }}", "8080 15001 0 0 0 true")]
    [InlineData("{{ printf \"%T %T\" (containerPort .app) (containerPort .app 0 8080) }}", "int bool")]
    [InlineData("{{ hasContainerPort .app 0 8080 }} {{ hasContainerPort .mesh 1 15000 }} {{ hasContainerPort .mesh 0 15000 }} {{ hasContainerPort .app 5 8080 }} {{ hasContainerPort .missing 0 8080 }}", "true true false false false")]
    [InlineData("{{ containerPortByName .mesh 1 \"admin\" }} {{ containerPortByName .mesh 1 \"\" }} {{ containerPortByName .mesh 1 .missing }}", "15000 0 0")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ containerImage .app \"x\" }}", "error calling containerImage: wrong type for value; expected int; got string")]
    [InlineData("{{ containerPort .app 0 \"http\" }}", "expected int; got string")]
    [InlineData("{{ containerEnv .app 0 1 }}", "expected string; got int")]
    [InlineData("{{ containerEnv .app 0 }}", "error calling containerEnv: wrong type for value; expected string; got int")]
    [InlineData("{{ containerEnv .app \"APP_ENV\" \"0\" \"x\" }}", "wrong number of args for containerEnv")]
    [InlineData("{{ containerPort .app \"http\" }}", "expected int; got string")]
    [InlineData("{{ hasContainerPort .app 0 \"http\" }}", "error calling hasContainerPort: wrong type for value; expected int; got string")]
    [InlineData("{{ hasContainerPort .app \"x\" 8080 }}", "expected int; got string")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
