// Follower fetches to partition leaders, over the leaders' broker listener (the first one in
// `listeners` unless inter.broker.listener.name says otherwise), with the generated codecs.
import { FetchApi, type FetchRequest, type FetchResponse } from '../../protocol/generated/api/01-fetch.js';
import { brokerEndpoint } from '../broker/cluster-view.js';
import type { MetadataImage } from '../metadata/image.js';
import type { FetchTransport } from '../replication/replica-fetcher.js';
import type { PeerClient } from './peer-client.js';

/** Fetch v15: the first to carry the follower's broker epoch (KIP-903's replica_state). From v13 on
 * topics go by id: a request without ids gets them from the image here, and the response's names
 * are filled in (an incremental fetch's answer may name topics its request did not). */
const FETCH_VERSION = 15;
const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

export class PeerFetchTransport implements FetchTransport {
  constructor(
    private readonly peers: PeerClient,
    private readonly image: () => MetadataImage,
    private readonly listenerName: string,
    private readonly requestTimeoutMs: number,
  ) {}

  fetch(leaderId: number, req: FetchRequest): Promise<FetchResponse> {
    const leader = brokerEndpoint(this.image(), leaderId, this.listenerName);
    if (!leader) return Promise.reject(new Error(`broker ${leaderId} has no ${this.listenerName} endpoint`));
    const image = this.image();
    const idOf = (topic: string, topicId: string): string => topicId !== ZERO_UUID ? topicId : image.topicsByName.get(topic)?.topicId ?? topicId;
    const byId: FetchRequest = {
      ...req,
      topics: req.topics.map((t) => ({ ...t, topicId: idOf(t.topic, t.topicId) })),
      forgottenTopicsData: req.forgottenTopicsData.map((t) => ({ ...t, topicId: idOf(t.topic, t.topicId) })),
    };
    const names = new Map([...byId.topics, ...byId.forgottenTopicsData].map((t) => [t.topicId, t.topic]));
    return this.peers.request(leader, FetchApi, FETCH_VERSION, byId, req.maxWaitMs + this.requestTimeoutMs)
      .then((res) => ({
        ...res,
        responses: res.responses.map((t) => ({ ...t, topic: names.get(t.topicId) ?? this.image().topicsById.get(t.topicId)?.name ?? t.topic })),
      }));
  }
}
