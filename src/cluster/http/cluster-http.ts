// Binds the HTTP listener to an in-process cluster: the nodes it reads, and the controls the
// console offers. Kill is a crash (KraftlingNode.kill: nothing flushed, connections dropped);
// restart starts a new node on the same config and data directory, as a restarted process would.
// Isolating a node (cutting its network without stopping it) needs the cluster's fault-injection
// API; until the cluster offers one, the console does not show that control.
import type { Logger } from '../../node/logger.js';
import type { KraftlingNode } from '../../node/node.js';
import { HttpListener, type HttpTarget, type NodeControls } from './http-listener.js';

export interface ClusterHandle {
  readonly clusterId: string;
  /** The cluster's node list; restart replaces an entry in place. */
  readonly nodes: KraftlingNode[];
}

export function startClusterHttp(address: string, cluster: ClusterHandle, log: Logger): Promise<HttpListener> {
  const controls: NodeControls = {
    kill: async (nodeId) => {
      const node = cluster.nodes.find((n) => n.nodeId === nodeId)!;
      node.kill();
      log.warn({ node: nodeId }, 'node killed from the web console');
    },
    restart: async (nodeId) => {
      const i = cluster.nodes.findIndex((n) => n.nodeId === nodeId);
      const old = cluster.nodes[i]!;
      if (old.view.state !== 'stopped') await old.stop();
      const fresh = old.successor();
      cluster.nodes[i] = fresh;
      log.warn({ node: nodeId }, 'node restarted from the web console');
      await fresh.start();
    },
  };
  const target: HttpTarget = {
    get clusterId() {
      return cluster.clusterId;
    },
    nodes: () => cluster.nodes.map((n) => n.view),
    controls,
  };
  return HttpListener.start(address, target, log.child({ component: 'http' }));
}
