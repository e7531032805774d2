// BrokerServices for one node: what its handlers see of it.
import type { ApiVersion } from '../../protocol/generated/api/18-api-versions.js';
import type { BrokerServices, ControllerChannel } from '../broker/services.js';
import { supportedApis } from '../broker/registry.js';
import type { ServerConfig } from '../config/server-config.js';
import type { QuorumController } from '../controller/quorum-controller.js';
import type { MetadataImage } from '../metadata/image.js';
import type { ReplicaManager } from '../replication/replica-manager.js';
import type { LocalControllerChannel } from './controller-channel.js';
import type { MetadataPublisher } from './metadata-publisher.js';
import type { MetadataQuorum } from './metadata-quorum.js';
import { ProducerIdBlocks } from './producer-id-blocks.js';
import type { GroupCoordinatorAccess } from '../coordinator/access.js';

export interface NodeServicesOptions {
  nodeId: number;
  clusterId: string;
  config: ServerConfig;
  nowMs: () => number;
  publisher: MetadataPublisher;
  quorum: MetadataQuorum;
  channel: LocalControllerChannel;
  controller: QuorumController;
  replicas: ReplicaManager;
  groups: GroupCoordinatorAccess;
}

export class NodeServices implements BrokerServices {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly config: ServerConfig;
  readonly controller: ControllerChannel;
  readonly replicas: ReplicaManager;
  readonly groups: GroupCoordinatorAccess;
  private readonly apis: ApiVersion[] = supportedApis();
  private readonly producerIds: ProducerIdBlocks;

  constructor(private readonly o: NodeServicesOptions) {
    this.nodeId = o.nodeId;
    this.clusterId = o.clusterId;
    this.config = o.config;
    this.controller = o.channel;
    this.replicas = o.replicas;
    this.groups = o.groups;
    this.producerIds = new ProducerIdBlocks(o.nodeId, o.controller, o.channel, () => o.publisher.image);
  }

  nowMs(): number {
    return this.o.nowMs();
  }

  image(): MetadataImage {
    return this.o.publisher.image;
  }

  controllerId(): number {
    return this.o.quorum.leader().leaderId;
  }

  supportedApis(): ApiVersion[] {
    return this.apis;
  }

  nextProducerId(): Promise<number> {
    return this.producerIds.next();
  }
}
