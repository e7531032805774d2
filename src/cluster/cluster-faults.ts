// Faults with real consequences for an in-process cluster: cut a node off from the others (Raft,
// registration, heartbeats, AlterPartition and replica fetches all cross these links), make a
// node answer chosen APIs with chosen errors, delay or intercept its client requests, drop its
// client connections. Links are cut at the nodes' peer clients; client faults at the broker
// listeners' dispatcher. Neither costs the normal path more than a null or size check.
import type { InterceptHook } from '../node/client-faults.js';
import type { KraftlingNode } from '../node/node.js';
import type { PeerNetwork } from '../node/peer-network.js';

export interface IsolateOptions {
  /**
   * 'both' (default): nothing crosses between this node and the others. 'outbound': this node's
   * requests to the others are dropped, theirs to it still arrive. 'inbound': the others'
   * requests to this node are dropped, its own still arrive.
   */
  direction?: 'both' | 'outbound' | 'inbound';
  /** 'keep' (default): clients still reach the node. 'drop': its client connections are closed,
   * and new ones are closed at their first request, until heal(). */
  clients?: 'keep' | 'drop';
}

export class ClusterFaults {
  constructor(
    private readonly network: PeerNetwork,
    private readonly nodeIds: () => number[],
    private readonly node: (id: number) => KraftlingNode,
    private readonly changed: () => void,
  ) {}

  isolate(id: number, options: IsolateOptions = {}): void {
    const direction = options.direction ?? 'both';
    for (const other of this.nodeIds()) {
      if (other === id) continue;
      if (direction !== 'inbound') this.network.block(id, other);
      if (direction !== 'outbound') this.network.block(other, id);
    }
    this.cutInFlight();
    if (options.clients === 'drop') {
      const node = this.node(id);
      node.faults.refuseClients = true;
      node.applyFaults();
      node.dropClientConnections();
    }
  }

  /** Cuts the link from one node to another only (requests from `fromId` to `toId` are dropped). */
  cutLink(fromId: number, toId: number): void {
    this.network.block(fromId, toId);
    this.cutInFlight();
  }

  /** Restores every link of `id` (every link at all without an id) and lets clients back in. */
  heal(id?: number): void {
    if (id === undefined) this.network.clear();
    for (const other of this.nodeIds()) {
      if (id === undefined || other === id) continue;
      this.network.unblock(id, other);
      this.network.unblock(other, id);
    }
    for (const nodeId of id === undefined ? this.nodeIds() : [id]) {
      const node = this.node(nodeId);
      node.faults.refuseClients = false;
      node.applyFaults();
    }
    // Requests lost while the link was cut would otherwise wait out their whole time-out.
    this.cutInFlight();
    this.changed();
  }

  /** The next requests of `apiKey` to node `id` get these error codes, one per request. */
  failRequests(id: number, apiKey: number, errorCodes: readonly number[]): void {
    const node = this.node(id);
    node.faults.pushErrors(apiKey, errorCodes);
    node.applyFaults();
  }

  /** Every request of `apiKey` to node `id` goes through `hook` first; null removes it. */
  intercept(id: number, apiKey: number, hook: InterceptHook | null): void {
    const node = this.node(id);
    node.faults.intercept(apiKey, hook);
    node.applyFaults();
  }

  /** Every client response of node `id` leaves `latencyMs` late (0 removes the latency). */
  setLatency(id: number, latencyMs: number): void {
    const node = this.node(id);
    node.faults.latencyMs = latencyMs;
    node.applyFaults();
  }

  dropConnections(id: number): void {
    this.node(id).dropClientConnections();
  }

  /** Removes every fault: links restored, client faults cleared on every node. */
  clear(): void {
    this.network.clear();
    this.cutInFlight();
    for (const id of this.nodeIds()) {
      const node = this.node(id);
      node.faults.clear();
      node.applyFaults();
    }
    this.changed();
  }

  /** Requests already on a connection that is now cut must not be answered: fail them all. */
  private cutInFlight(): void {
    for (const id of this.nodeIds()) this.node(id).resetPeerConnections();
  }
}
