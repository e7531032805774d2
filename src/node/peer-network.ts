// Network faults between the nodes of one in-process cluster: a request from one node to another
// over a blocked link is dropped (it fails only when its timeout passes, as on a partitioned
// network). Every peer request (Raft, broker registration and heartbeats, AlterPartition, replica
// fetches) goes through PeerClient, which asks here first; with no link blocked that is one check.
export class PeerNetwork {
  /** "host:port" of every listener of every node, to the node's id. */
  private readonly owners = new Map<string, number>();
  /** Blocked directed links, "from>to". */
  private readonly blocked = new Set<string>();

  register(nodeId: number, addresses: readonly { host: string; port: number }[]): void {
    for (const a of addresses) this.owners.set(`${a.host}:${a.port}`, nodeId);
  }

  /** Requests from `fromId` to `toId` are dropped from now on. */
  block(fromId: number, toId: number): void {
    this.blocked.add(`${fromId}>${toId}`);
  }

  unblock(fromId: number, toId: number): void {
    this.blocked.delete(`${fromId}>${toId}`);
  }

  clear(): void {
    this.blocked.clear();
  }

  isBlocked(fromId: number, toId: number): boolean {
    return this.blocked.has(`${fromId}>${toId}`);
  }

  /** Whether `id` is cut off from every other node of `ids` (in one direction or both). */
  isCutOff(id: number, ids: readonly number[]): boolean {
    if (this.blocked.size === 0) return false;
    const others = ids.filter((other) => other !== id);
    return others.length > 0 && others.every((other) => this.isBlocked(id, other) || this.isBlocked(other, id));
  }

  /** Whether a request from node `fromId` to host:port is dropped. */
  dropped(fromId: number, host: string, port: number): boolean {
    if (this.blocked.size === 0) return false;
    const toId = this.owners.get(`${host}:${port}`);
    return toId !== undefined && this.blocked.has(`${fromId}>${toId}`);
  }
}
