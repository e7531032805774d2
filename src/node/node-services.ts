// BrokerServices for one node: what its handlers see of it.
import type { Logger } from '../logger.js';
import type { ApiVersion } from '../../protocol/generated/api/18-api-versions.js';
import type { ListenerType } from '../broker/handler.js';
import type { BrokerServices, QuorumAccess } from '../broker/services.js';
import { supportedApis } from '../broker/registry.js';
import { ControllerMutationQuotaManager } from '../broker/controller-mutation-quota.js';
import { ClientQuotaManager } from '../broker/client-quota-manager.js';
import type { ServerConfig } from '../config/server-config.js';
import type { GroupCoordinatorAccess } from '../coordinator/access.js';
import type { TxnCoordinatorAccess } from '../coordinator/txn-access.js';
import type { MetadataImage } from '../metadata/image.js';
import type { ReplicaManager } from '../replication/replica-manager.js';
import type { ControllerClient } from './controller-client.js';
import type { MetadataPublisher } from './metadata-publisher.js';
import type { PeerClient } from './peer-client.js';
import { ProducerIdBlocks } from './producer-id-blocks.js';
import { quorumAccess } from './quorum-access.js';
import type { RaftQuorum } from '../kraft/raft-quorum.js';

export interface NodeServicesOptions {
  nodeId: number;
  clusterId: string;
  config: ServerConfig;
  nowMs: () => number;
  publisher: MetadataPublisher;
  quorum: RaftQuorum;
  peers: PeerClient;
  controller: ControllerClient;
  replicas: ReplicaManager;
  groups: GroupCoordinatorAccess;
  transactions: TxnCoordinatorAccess;
  /** See BrokerServices.aclsLoaded: the broker's catch-up after its start. */
  caughtUp: () => Promise<void> | undefined;
  /** The node's logger: its level is what the BROKER_LOGGER resource shows and changes. */
  log: Logger;
}

export class NodeServices implements BrokerServices {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly config: ServerConfig;
  readonly log: Logger;
  readonly controller: ControllerClient;
  readonly replicas: ReplicaManager;
  readonly groups: GroupCoordinatorAccess;
  readonly transactions: TxnCoordinatorAccess;
  readonly quorum: QuorumAccess;
  readonly quotas: { produce: ClientQuotaManager; fetch: ClientQuotaManager; request: ClientQuotaManager; mutation: ControllerMutationQuotaManager };
  private readonly apis: Record<ListenerType, ApiVersion[]> = { broker: supportedApis('broker'), controller: supportedApis('controller') };
  private readonly producerIds: ProducerIdBlocks;

  constructor(private readonly o: NodeServicesOptions) {
    this.nodeId = o.nodeId;
    this.clusterId = o.clusterId;
    this.config = o.config;
    this.log = o.log;
    this.controller = o.controller;
    this.replicas = o.replicas;
    this.groups = o.groups;
    this.transactions = o.transactions;
    const windows = { samples: o.config.int('quota.window.num'), windowMs: o.config.int('quota.window.size.seconds') * 1000 };
    this.quotas = {
      produce: new ClientQuotaManager('producer_byte_rate', windows), fetch: new ClientQuotaManager('consumer_byte_rate', windows),
      request: new ClientQuotaManager('request_percentage', windows), mutation: new ControllerMutationQuotaManager(windows),
    };
    this.producerIds = new ProducerIdBlocks(o.nodeId, o.controller, () => o.publisher.image);
    this.quorum = quorumAccess(o.quorum, o.peers, o.config, o.nodeId);
  }

  nowMs(): number {
    return this.o.nowMs();
  }

  image(): MetadataImage {
    return this.o.publisher.image;
  }

  aclsLoaded(): Promise<void> | undefined {
    return this.o.caughtUp();
  }

  controllerId(): number {
    const image = this.o.publisher.image;
    if (image.brokers.get(this.nodeId)?.fenced === false) return this.nodeId;
    for (const b of image.brokers.values()) if (!b.fenced) return b.id;
    return this.nodeId;
  }

  supportedApis(listenerType: ListenerType): ApiVersion[] {
    return this.apis[listenerType];
  }

  nextProducerId(): Promise<number> {
    return this.producerIds.next();
  }
}
