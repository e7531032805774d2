// BrokerServices for one node: what its handlers see of it.
import type { ApiVersion } from '../../protocol/generated/api/18-api-versions.js';
import { DescribeQuorumApi, type DescribeQuorumResponse } from '../../protocol/generated/api/55-describe-quorum.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { ListenerType } from '../broker/handler.js';
import type { BrokerServices, QuorumAccess } from '../broker/services.js';
import { supportedApis } from '../broker/registry.js';
import { ControllerMutationQuotaManager } from '../broker/controller-mutation-quota.js';
import { ClientQuotaManager } from '../broker/client-quota-manager.js';
import type { ServerConfig, Voter } from '../config/server-config.js';
import type { GroupCoordinatorAccess } from '../coordinator/access.js';
import type { TxnCoordinatorAccess } from '../coordinator/txn-access.js';
import type { MetadataImage } from '../metadata/image.js';
import { METADATA_TOPIC } from '../raft/index.js';
import type { ReplicaManager } from '../replication/replica-manager.js';
import type { ControllerClient } from './controller-client.js';
import type { MetadataPublisher } from './metadata-publisher.js';
import type { PeerClient } from './peer-client.js';
import { ProducerIdBlocks } from './producer-id-blocks.js';
import type { RaftQuorum } from '../kraft/raft-quorum.js';

export interface NodeServicesOptions {
  nodeId: number;
  clusterId: string;
  config: ServerConfig;
  nowMs: () => number;
  publisher: MetadataPublisher;
  quorum: RaftQuorum;
  voters: readonly Voter[];
  peers: PeerClient;
  controller: ControllerClient;
  replicas: ReplicaManager;
  groups: GroupCoordinatorAccess;
  transactions: TxnCoordinatorAccess;
}

export class NodeServices implements BrokerServices {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly config: ServerConfig;
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
    this.quorum = {
      handleRequest: (apiKey, body) => o.quorum.handleRequest({ apiKey, body } as never),
      describe: () => this.describeQuorum(),
    };
  }

  nowMs(): number {
    return this.o.nowMs();
  }

  image(): MetadataImage {
    return this.o.publisher.image;
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

  /** The leader answers DescribeQuorum; any other node asks the leader, over its controller listener. */
  private async describeQuorum(): Promise<DescribeQuorumResponse> {
    const partition = this.o.quorum.describeQuorum();
    const leader = this.o.voters.find((v) => v.id === partition.leaderId);
    if (partition.errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER && leader && leader.id !== this.nodeId) {
      try {
        return await this.o.peers.request(leader, DescribeQuorumApi, 2, {
          topics: [{ topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] }],
        }, this.config.int('controller.quorum.request.timeout.ms'));
      } catch {
        // Answer with what this node knows: the leader, without the voters' progress.
      }
    }
    return {
      errorCode: ErrorCode.NONE, errorMessage: null,
      topics: [{ topicName: METADATA_TOPIC, partitions: [partition] }],
      nodes: this.o.voters.map((v) => ({ nodeId: v.id, listeners: [{ name: this.config.controllerListenerNames[0] ?? 'CONTROLLER', host: v.host, port: v.port }] })),
    };
  }
}
