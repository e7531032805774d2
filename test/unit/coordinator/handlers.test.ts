// The group and offset handlers over a real coordinator and a hand-made metadata image; every
// answer is also encoded in the version asked, to catch fields a version cannot carry.
import { ANONYMOUS } from '../../../src/broker/principal.js';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import type { ApiDefinition } from '../../../protocol/definition.js';
import type { CreateTopicsRequest } from '../../../protocol/generated/api/19-create-topics.js';
import { Writer } from '../../../protocol/primitives/writer.js';
import type { RequestContext } from '../../../src/broker/handler.js';
import type { BrokerServices } from '../../../src/broker/services.js';
import type { Handler } from '../../../src/broker/handler.js';
import { offsetCommitHandler } from '../../../src/broker/handlers/08-offset-commit.js';
import { offsetFetchHandler } from '../../../src/broker/handlers/09-offset-fetch.js';
import { findCoordinatorHandler } from '../../../src/broker/handlers/10-find-coordinator.js';
import { joinGroupHandler } from '../../../src/broker/handlers/11-join-group.js';
import { heartbeatHandler } from '../../../src/broker/handlers/12-heartbeat.js';
import { leaveGroupHandler } from '../../../src/broker/handlers/13-leave-group.js';
import { syncGroupHandler } from '../../../src/broker/handlers/14-sync-group.js';
import { describeGroupsHandler } from '../../../src/broker/handlers/15-describe-groups.js';
import { listGroupsHandler } from '../../../src/broker/handlers/16-list-groups.js';
import { deleteGroupsHandler } from '../../../src/broker/handlers/42-delete-groups.js';
import { offsetDeleteHandler } from '../../../src/broker/handlers/47-offset-delete.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { groupCoordinatorAccess } from '../../../src/coordinator/access.js';
import { coordinatorPartition } from '../../../src/coordinator/coordinator-key.js';
import { EMPTY_IMAGE, type BrokerState, type MetadataImage, type TopicState } from '../../../src/metadata/image.js';
import { Harness, joinRequest } from './harness.js';

function topic(name: string, partitions: number, leader: (p: number) => number): TopicState {
  return {
    name, topicId: `${name}-id`,
    partitions: Array.from({ length: partitions }, (_, partitionId) => ({
      partitionId, topicId: `${name}-id`, replicas: [1], isr: [1], leader: leader(partitionId), leaderEpoch: 0, partitionEpoch: 0, leaderRecoveryState: 0,
    })),
  };
}

function broker(id: number): BrokerState {
  return {
    id, epoch: 1, incarnationId: 'x', rack: null, fenced: false, inControlledShutdown: false, features: [],
    endpoints: [{ name: 'PLAINTEXT', host: `host${id}`, port: 9090 + id, securityProtocol: 0 }],
  };
}

class Broker {
  readonly h = new Harness();
  image: MetadataImage;
  readonly created: CreateTopicsRequest[] = [];
  readonly config = ServerConfig.resolve({ profile: 'dev' });

  constructor(topics: TopicState[] = [topic('t1', 2, () => 1)]) {
    this.image = { ...EMPTY_IMAGE, brokers: new Map([[1, broker(1)], [2, broker(2)]]), topicsByName: new Map(topics.map((t) => [t.name, t])) };
  }

  ctx(version: number): RequestContext {
    const services = {
      nodeId: 1, clusterId: 'c', config: this.config,
      nowMs: () => this.h.nowMs,
      image: () => this.image,
      controller: {
        call: async (_api: ApiDefinition, _version: number, req: CreateTopicsRequest) => {
          this.created.push(req);
          const t = req.topics[0]!;
          this.image = { ...this.image, topicsByName: new Map([...this.image.topicsByName, [t.name, topic(t.name, t.numPartitions, (p) => (p % 2) + 1)]]) };
          return { throttleTimeMs: 0, topics: [] };
        },
      },
      groups: groupCoordinatorAccess(this.h.coordinator),
    } as unknown as BrokerServices;
    return { header: { requestApiKey: 0, requestApiVersion: version, correlationId: 1, clientId: 'cli' }, version, listenerType: 'broker', listenerName: 'PLAINTEXT', connectionId: 1, clientHost: '/127.0.0.1', services,
      principal: ANONYMOUS, connection: { id: 1, listenerName: 'PLAINTEXT', remoteAddress: '127.0.0.1:1', clientHost: '/127.0.0.1', principal: ANONYMOUS } };
  }

  /** Runs a handler, completes the coordinator's writes, and checks the answer encodes in that version. */
  async call<Req, Res>(h: Handler<Req, Res>, req: Req, version: number): Promise<Res> {
    const pending = h.handle(req, this.ctx(version)) as Res | Promise<Res>;
    await Promise.resolve();
    this.h.flush();
    const res = await pending;
    h.api.writeResponse(new Writer(), res, version);
    return res;
  }
}

describe('FindCoordinator', () => {
  it('creates __consumer_offsets on first use and answers with the partition leader', async () => {
    const b = new Broker();
    const res = await b.call(findCoordinatorHandler, { key: 'my-group', keyType: 0, coordinatorKeys: [] }, 3);
    expect(b.created[0]!.topics[0]).toMatchObject({
      name: '__consumer_offsets', numPartitions: 10, replicationFactor: 1,
      configs: expect.arrayContaining([{ name: 'cleanup.policy', value: 'compact' }]),
    });
    const leader = (coordinatorPartition('my-group', 10) % 2) + 1;
    expect(res).toMatchObject({ errorCode: ErrorCode.NONE, errorMessage: 'NONE', nodeId: leader, host: `host${leader}`, port: 9090 + leader });
    await b.call(findCoordinatorHandler, { key: 'other', keyType: 0, coordinatorKeys: [] }, 0);
    expect(b.created).toHaveLength(1);
  });

  it('batches keys from v4 and places transactional ids on __transaction_state', async () => {
    const b = new Broker();
    const res = await b.call(findCoordinatorHandler, { key: '', keyType: 1, coordinatorKeys: ['tx-a', 'tx-b'] }, 4);
    expect(b.created[0]!.topics[0]!.name).toBe('__transaction_state');
    expect(res.coordinators.map((c) => [c.key, c.errorCode])).toEqual([['tx-a', ErrorCode.NONE], ['tx-b', ErrorCode.NONE]]);
    const share = await b.call(findCoordinatorHandler, { key: '', keyType: 2, coordinatorKeys: ['s'] }, 6);
    expect(share.coordinators[0]!.errorCode).toBe(ErrorCode.INVALID_REQUEST);
  });

  it('answers COORDINATOR_NOT_AVAILABLE while the partition has no leader', async () => {
    const b = new Broker([topic('__consumer_offsets', 10, () => -1)]);
    const res = await b.call(findCoordinatorHandler, { key: 'g', keyType: 0, coordinatorKeys: [] }, 2);
    expect(res).toMatchObject({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, nodeId: -1, host: '', port: -1 });
    expect(b.created).toHaveLength(0);
  });
});

describe('group handlers', () => {
  it('run a member through JoinGroup v0 (rebalance timeout = session timeout), SyncGroup and Heartbeat', async () => {
    const b = new Broker();
    const joined = await b.call(joinGroupHandler, joinRequest({ groupId: 'g', rebalanceTimeoutMs: -1 }), 0);
    expect(joined).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, memberId: 'cli-uuid1' });
    const [described] = b.h.coordinator.describeGroups(['g'], b.h.ctx(0));
    expect(described!.members[0]!.clientId).toBe('cli');
    const synced = await b.call(syncGroupHandler, {
      groupId: 'g', generationId: 1, memberId: joined.memberId, groupInstanceId: null, protocolType: null, protocolName: null,
      assignments: [{ memberId: joined.memberId, assignment: Buffer.from('A') }],
    }, 0);
    expect(synced).toMatchObject({ errorCode: ErrorCode.NONE, assignment: Buffer.from('A') });
    const hb = await b.call(heartbeatHandler, { groupId: 'g', generationId: 1, memberId: joined.memberId, groupInstanceId: null }, 0);
    expect(hb.errorCode).toBe(ErrorCode.NONE);
    const v5 = await b.call(syncGroupHandler, {
      groupId: 'g', generationId: 1, memberId: joined.memberId, groupInstanceId: null, protocolType: null, protocolName: 'range', assignments: [],
    }, 5);
    expect(v5.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  });

  it('reports a v0-v2 LeaveGroup member error at the top level', async () => {
    const b = new Broker();
    await b.call(joinGroupHandler, joinRequest({ groupId: 'g' }), 3);
    const res = await b.call(leaveGroupHandler, { groupId: 'g', memberId: 'ghost', members: [] }, 1);
    expect(res).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.UNKNOWN_MEMBER_ID, members: [] });
  });

  it('lists, describes and deletes groups', async () => {
    const b = new Broker();
    await b.call(offsetCommitHandler, {
      groupId: 'simple', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
      topics: [{ name: 't1', partitions: [{ partitionIndex: 0, committedOffset: 3, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null }] }],
    }, 2);
    const listed = await b.call(listGroupsHandler, { statesFilter: ['EMPTY'], typesFilter: [] }, 4);
    expect(listed.groups.map((g) => g.groupId)).toEqual(['simple']);
    const described = await b.call(describeGroupsHandler, { groups: ['simple'], includeAuthorizedOperations: true }, 5);
    expect(described.groups[0]).toMatchObject({ groupState: 'Empty', authorizedOperations: 328 });
    const deleted = await b.call(deleteGroupsHandler, { groupsNames: ['simple'] }, 2);
    expect(deleted.results).toEqual([{ groupId: 'simple', errorCode: ErrorCode.NONE }]);
  });
});

describe('offset handlers', () => {
  const commit = (topics: [string, number][]) => ({
    groupId: 'g', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
    topics: [...new Set(topics.map(([t]) => t))].map((name) => ({
      name,
      partitions: topics.filter(([t]) => t === name).map(([, partitionIndex]) => ({
        partitionIndex, committedOffset: 10 + partitionIndex, committedLeaderEpoch: 4, commitTimestamp: -1, committedMetadata: 'm',
      })),
    })),
  });

  it('commits known partitions and answers UNKNOWN_TOPIC_OR_PARTITION for the rest', async () => {
    const b = new Broker();
    const res = await b.call(offsetCommitHandler, commit([['t1', 0], ['t1', 5], ['nope', 0]]), 8);
    expect(res.topics.map((t) => [t.name, t.partitions.map((p) => p.errorCode)])).toEqual([
      ['t1', [ErrorCode.NONE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]], ['nope', [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]],
    ]);
    const single = await b.call(offsetFetchHandler, { groupId: 'g', topics: [{ name: 't1', partitionIndexes: [0, 1] }], groups: [], requireStable: false }, 5);
    expect(single.topics[0]!.partitions.map((p) => [p.committedOffset, p.committedLeaderEpoch, p.metadata])).toEqual([[10, 4, 'm'], [-1, -1, '']]);
    const all = await b.call(offsetFetchHandler, { groupId: '', topics: [], requireStable: true, groups: [
      { groupId: 'g', memberId: null, memberEpoch: -1, topics: null }, { groupId: 'none', memberId: null, memberEpoch: -1, topics: null },
    ] }, 8);
    expect(all.groups.map((g) => [g.groupId, g.topics.length])).toEqual([['g', 1], ['none', 0]]);
  });

  it('puts group errors on every partition in OffsetFetch v1 and at the top level from v2', async () => {
    const b = new Broker();
    b.h.coordinator.unload(0, b.h.nowMs);
    const req = { groupId: 'g', topics: [{ name: 't1', partitionIndexes: [0] }], groups: [], requireStable: false };
    const v1 = await b.call(offsetFetchHandler, req, 1);
    expect(v1.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    const v2 = await b.call(offsetFetchHandler, req, 2);
    expect(v2).toMatchObject({ errorCode: ErrorCode.NOT_COORDINATOR, topics: [] });
  });

  it('deletes offsets of known partitions', async () => {
    const b = new Broker();
    await b.call(offsetCommitHandler, commit([['t1', 0]]), 8);
    const res = await b.call(offsetDeleteHandler, { groupId: 'g', topics: [{ name: 't1', partitions: [{ partitionIndex: 0 }, { partitionIndex: 9 }] }] }, 0);
    expect(res.topics[0]!.partitions.map((p) => p.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    expect(b.h.fetched('g', 't1', 0).offset).toBe(-1);
    const missing = await b.call(offsetDeleteHandler, { groupId: 'ghost', topics: [] }, 0);
    expect(missing).toEqual({ errorCode: ErrorCode.GROUP_ID_NOT_FOUND, throttleTimeMs: 0, topics: [] });
  });
});
