// Runs an informer of the official Kubernetes JavaScript client (list + watch, re-listing after an error, as
// controllers do) on the configmaps of one namespace, and prints every event as one JSON line on stdout.
// Usage: node informer.mjs KUBECONFIG NAMESPACE
import * as k8s from '@kubernetes/client-node';

const [kubeconfig, namespace] = process.argv.slice(2);
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);
const api = kc.makeApiClient(k8s.CoreV1Api);
const informer = k8s.makeInformer(
  kc,
  `/api/v1/namespaces/${namespace}/configmaps`,
  () => api.listNamespacedConfigMap({ namespace }));

const print = (event) => console.log(JSON.stringify(event));
for (const type of ['add', 'update', 'delete']) {
  informer.on(type, (obj) => print({ type, name: obj.metadata?.name, resourceVersion: obj.metadata?.resourceVersion, data: obj.data ?? null }));
}
informer.on('connect', () => print({ type: 'connect' }));
informer.on('error', (err) => {
  // The informer stops on an error (a dropped watch, a refused connection); start it again, as a controller would.
  print({ type: 'error', message: String(err?.message ?? err) });
  setTimeout(() => informer.start().catch((e) => print({ type: 'error', message: String(e?.message ?? e) })), 250);
});
await informer.start();
print({ type: 'started' });
