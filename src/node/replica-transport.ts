// Follower fetches to partition leaders, over the leaders' broker listener (the first one in
// `listeners` unless inter.broker.listener.name says otherwise), with the generated codecs.
import { FetchApi, type FetchRequest, type FetchResponse } from '../../protocol/generated/api/01-fetch.js';
import { brokerEndpoint } from '../broker/cluster-view.js';
import type { MetadataImage } from '../metadata/image.js';
import type { FetchTransport } from '../replication/replica-fetcher.js';
import type { PeerClient } from './peer-client.js';

/** Fetch v15: the first to carry the follower's broker epoch (KIP-903's replica_state). From v13 on
 * topics go by id, which the fetcher takes from each partition's state and matches answers by. */
const FETCH_VERSION = 15;

export class PeerFetchTransport implements FetchTransport {
  /** How to give back the buffer each answer in use was read into. */
  private readonly lent = new WeakMap<FetchResponse, () => void>();

  constructor(
    private readonly peers: PeerClient,
    private readonly image: () => MetadataImage,
    private readonly listenerName: string,
    private readonly requestTimeoutMs: number,
  ) {}

  async fetch(leaderId: number, req: FetchRequest): Promise<FetchResponse> {
    const leader = brokerEndpoint(this.image(), leaderId, this.listenerName);
    if (!leader) throw new Error(`broker ${leaderId} has no ${this.listenerName} endpoint`);
    const { body, release } = await this.peers.requestLent(leader, FetchApi, FETCH_VERSION, req, req.maxWaitMs + this.requestTimeoutMs);
    this.lent.set(body, release);
    return body;
  }

  release(res: FetchResponse): void {
    this.lent.get(res)?.();
    this.lent.delete(res);
  }
}
