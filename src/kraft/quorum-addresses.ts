// Where the quorum's nodes are, for a node's Raft transport and forwarded requests: a voter's
// controller endpoint from the voter set in the log (or as a leader's Fetch response named it), a
// static voter's from controller.quorum.voters, and bootstrap servers as ids -2, -3, ... (Kafka's
// numbering). And the log line of a node whose applied metadata lags the leader.
import type { Logger } from '../logger.js';
import type { Voter } from '../config/server-config.js';
import type { RaftNode } from '../raft/index.js';

export interface AddressBook {
  staticVoters?: readonly Voter[];
  bootstrapServers?: readonly { host: string; port: number }[];
  /** controller.listener.names: which of a voter's endpoints to use. */
  listenerNames?: readonly string[];
}

export function addressOf(raft: RaftNode | undefined, book: AddressBook, nodeId: number): { host: string; port: number } | undefined {
  if (nodeId <= -2) return book.bootstrapServers?.[-2 - nodeId];
  const endpoints = raft?.endpointsOf(nodeId) ?? [];
  const names = book.listenerNames ?? [];
  const endpoint = endpoints.find((e) => names.includes(e.name)) ?? endpoints[0];
  if (endpoint !== undefined) return { host: endpoint.host, port: endpoint.port };
  const known = book.staticVoters?.find((v) => v.id === nodeId);
  return known && known.port > 0 ? known : undefined;
}

/** A node whose applied metadata is this many records behind the leader's high watermark says so
 * once, and again once it is back within CAUGHT_UP_RECORDS. */
const LAGGING_RECORDS = 1000;
const CAUGHT_UP_RECORDS = 100;

export class MetadataLag {
  private lagging = false;

  constructor(private readonly logger: Logger) {}

  /** `applied` is the last offset handed to the image; `leaderHighWatermark` what the leader reported. */
  note(applied: number, leaderHighWatermark: number): void {
    const lag = leaderHighWatermark - (applied + 1);
    if (!this.lagging && lag >= LAGGING_RECORDS) {
      this.lagging = true;
      this.logger.warn({ applied, leaderHighWatermark, lag }, 'the applied metadata lags the leader');
    } else if (this.lagging && lag <= CAUGHT_UP_RECORDS) {
      this.lagging = false;
      this.logger.info({ applied, lag }, 'the applied metadata caught up with the leader');
    }
  }
}
