// What handlers may use. The node runtime implements it; handlers stay free of sockets, timers and
// files, so they can run over in-memory bytes in tests.
import type { ApiDefinition } from '../../protocol/definition.js';
import type { ApiVersion } from '../../protocol/generated/api/18-api-versions.js';
import type { FetchRequest, FetchResponse } from '../../protocol/generated/api/01-fetch.js';
import type { VoteRequest, VoteResponse } from '../../protocol/generated/api/52-vote.js';
import type { BeginQuorumEpochRequest, BeginQuorumEpochResponse } from '../../protocol/generated/api/53-begin-quorum-epoch.js';
import type { EndQuorumEpochRequest, EndQuorumEpochResponse } from '../../protocol/generated/api/54-end-quorum-epoch.js';
import type { DescribeQuorumResponse } from '../../protocol/generated/api/55-describe-quorum.js';
import type { FetchSnapshotRequest, FetchSnapshotResponse } from '../../protocol/generated/api/59-fetch-snapshot.js';
import type { AddRaftVoterRequest, AddRaftVoterResponse } from '../../protocol/generated/api/80-add-raft-voter.js';
import type { RemoveRaftVoterRequest, RemoveRaftVoterResponse } from '../../protocol/generated/api/81-remove-raft-voter.js';
import type { UpdateRaftVoterRequest, UpdateRaftVoterResponse } from '../../protocol/generated/api/82-update-raft-voter.js';
import type { ListenerType } from './handler.js';
import type { ServerConfig } from '../config/server-config.js';
import type { Logger } from '../logger.js';
import type { MetadataImage } from '../metadata/image.js';
import type { ReplicaManager } from '../replication/replica-manager.js';
import type { GroupCoordinatorAccess } from '../coordinator/access.js';
import type { TxnCoordinatorAccess } from '../coordinator/txn-access.js';
import type { ControllerMutationQuotaManager } from './controller-mutation-quota.js';
import type { ClientQuotaManager } from './client-quota-manager.js';

export interface ControllerChannel {
  /**
   * Sends a metadata-changing request to the active controller (this node's, or forwarded to the
   * node that leads). Resolves once its records are committed and applied to this broker's image;
   * rejects only on an internal failure. NOT_CONTROLLER-style errors come back inside the response.
   */
  call<Req, Res>(api: ApiDefinition<Req, Res>, version: number, req: Req): Promise<Res>;
  /** The same on the controller listener: served by this node's controller, or NOT_CONTROLLER. */
  callLocal<Req, Res>(api: ApiDefinition<Req, Res>, req: Req): Promise<Res>;
}

/** The metadata quorum as the Raft and quorum APIs see it: one typed entry point per API. */
export interface QuorumAccess {
  vote(req: VoteRequest): Promise<VoteResponse>;
  beginQuorumEpoch(req: BeginQuorumEpochRequest): Promise<BeginQuorumEpochResponse>;
  endQuorumEpoch(req: EndQuorumEpochRequest): Promise<EndQuorumEpochResponse>;
  /** Fetch of __cluster_metadata by another controller (on the controller listener). */
  fetch(req: FetchRequest): Promise<FetchResponse>;
  fetchSnapshot(req: FetchSnapshotRequest): Promise<FetchSnapshotResponse>;
  /** DescribeQuorum's answer, from the leader (asked over the network when it is another node). */
  describe(): Promise<DescribeQuorumResponse>;
  /** KIP-853 voter changes: served by the leader (another node forwards), answered once committed. */
  addVoter(req: AddRaftVoterRequest): Promise<AddRaftVoterResponse>;
  removeVoter(req: RemoveRaftVoterRequest): Promise<RemoveRaftVoterResponse>;
  updateVoter(req: UpdateRaftVoterRequest): Promise<UpdateRaftVoterResponse>;
  /** The finalized kraft.version as this node's log says: 0 static voters, 1 dynamic (KIP-853).
   * The supported range is in features.ts (SUPPORTED_FEATURES). */
  kraftVersion(): number;
  /** Raises kraft.version on the leader (0 to 1: the static voters become a VotersRecord), or only
   * checks that it could; resolves once committed. NOT_LEADER_OR_FOLLOWER on any other node. */
  upgradeKraftVersion(level: number, validateOnly: boolean): Promise<{ errorCode: number; errorMessage: string | null }>;
  /** Whether this node leads the quorum. */
  isLeader(): boolean;
}

export interface BrokerServices {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly config: ServerConfig;
  /** This node's logger; the BROKER_LOGGER config resource reads and sets its level. */
  readonly log: Logger;
  nowMs(): number;
  /** This broker's metadata image: every committed record it has applied. */
  image(): MetadataImage;
  /**
   * undefined once this broker has caught up with the metadata log since its start, so its ACLs
   * are current; before, a promise that settles then. Absent: always current.
   */
  aclsLoaded?(): Promise<void> | undefined;
  /**
   * The controller id clients are told. As in Kafka's KRaft mode, a live broker (this one):
   * brokers forward controller requests, so a client sends admin requests to any broker and never
   * sees -1 while the quorum elects.
   */
  controllerId(): number;
  readonly controller: ControllerChannel;
  readonly quorum: QuorumAccess;
  /** The APIs and versions a listener serves (ApiVersions answers with these). */
  supportedApis(listenerType: ListenerType): ApiVersion[];
  readonly replicas: ReplicaManager;
  /** A producer id no other producer has: from this broker's block, reserving a new one when used up. */
  nextProducerId(): Promise<number>;
  /** The classic group coordinator of the __consumer_offsets partitions this broker leads. */
  readonly groups: GroupCoordinatorAccess;
  /** The transaction coordinator of the __transaction_state partitions this broker leads. */
  readonly transactions: TxnCoordinatorAccess;
  /** Client quotas (absent: nothing is throttled): byte rates, request time, controller mutations. */
  readonly quotas?: {
    produce: ClientQuotaManager; fetch: ClientQuotaManager; request?: ClientQuotaManager; mutation?: ControllerMutationQuotaManager;
  };
}
