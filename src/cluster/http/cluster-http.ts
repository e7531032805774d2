// Binds the HTTP listener to an in-process cluster: the nodes it reads, and the controls the
// console offers. Kill is a crash (KraftlingNode.kill: nothing flushed, connections dropped);
// restart starts a new node on the same config, ports and data directory, as a restarted process
// would; isolate cuts the node off the others (Raft, heartbeats, replication) while clients still
// reach it, and heal restores its links. All are the embedded API's own (Cluster.kill,
// Cluster.restart, cluster.faults); injected errors and hooks are left to code and the control
// endpoint.
import type { Logger } from '../../logger.js';
import type { KraftlingNode } from '../../node/node.js';
import { HttpListener, type HttpTarget, type NodeControls } from './http-listener.js';

export interface ClusterHandle {
  readonly clusterId: string;
  readonly nodes: readonly KraftlingNode[];
  /** The embedded API's node controls (Cluster.kill / Cluster.restart): same ports, same files. */
  kill(nodeId: number): void;
  restart(nodeId: number): Promise<void>;
  readonly faults: { isolate(nodeId: number): void; heal(nodeId?: number): void };
}

export function startClusterHttp(address: string, cluster: ClusterHandle, log: Logger): Promise<HttpListener> {
  const controls: NodeControls = {
    kill: async (nodeId) => {
      cluster.kill(nodeId);
      log.warn({ node: nodeId }, 'node killed from the web console');
    },
    restart: async (nodeId) => {
      log.warn({ node: nodeId }, 'node restarted from the web console');
      await cluster.restart(nodeId);
    },
    isolate: async (nodeId) => {
      cluster.faults.isolate(nodeId);
      log.warn({ node: nodeId }, 'node isolated from the others from the web console');
    },
    heal: async (nodeId) => {
      cluster.faults.heal(nodeId);
      log.warn({ node: nodeId }, 'node links healed from the web console');
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
