// How each API's request, as our generated value, is handed to kafkajs's request encoder. Each
// mapping may first adjust the value to what kafkajs can express; the adjusted value is what our
// decoder must return. Notes on kafkajs's quirks sit with the API they concern.
import { KafkajsEncoder, summarise, type Message } from './kafkajs.js';

type Obj = Record<string, any>;

export interface RequestMapping {
  /** kafkajs folder under src/protocol/requests. */
  dir: string;
  key: number;
  args: (v: Obj, version: number) => unknown;
}

/** kafkajs's writeNullableArray sends an empty array as null (-1). */
const emptyIsNull = <T>(a: T[] | null): T[] | null => (a === null || a.length === 0 ? null : a);

function produce(v: Obj): unknown {
  const topicData = v.topicData.map((t: Obj) => ({
    topic: t.name,
    partitions: t.partitionData.map((p: Obj, i: number) => {
      // kafkajs builds the record batch (or, before v3, the message set) from messages itself;
      // our decoded `records` is then read back with kafkajs's own decoders.
      const messages: Message[] = [{ key: `k${i}`, value: `v${p.index}-é` }, { key: null, value: 'x' }];
      p.records = summarise(messages);
      return { partition: p.index, messages };
    }),
  }));
  return { acks: v.acks, timeout: v.timeoutMs, transactionalId: v.transactionalId, topicData };
}

function fetch(v: Obj): unknown {
  return {
    replicaId: v.replicaId, maxWaitTime: v.maxWaitMs, minBytes: v.minBytes, maxBytes: v.maxBytes,
    isolationLevel: v.isolationLevel, sessionId: v.sessionId, sessionEpoch: v.sessionEpoch, rackId: v.rackId,
    topics: v.topics.map((t: Obj) => ({
      topic: t.topic,
      partitions: t.partitions.map((p: Obj) => ({
        partition: p.partition, currentLeaderEpoch: p.currentLeaderEpoch, fetchOffset: p.fetchOffset,
        logStartOffset: p.logStartOffset, maxBytes: p.partitionMaxBytes,
      })),
    })),
    forgottenTopics: v.forgottenTopicsData.map((t: Obj) => ({ topic: t.topic, partitions: t.partitions })),
  };
}

const topicsOf = (v: Obj, partition: (p: Obj) => unknown): unknown =>
  v.topics.map((t: Obj) => ({ topic: t.name, partitions: t.partitions.map(partition) }));

const aclFilter = (f: Obj): Obj => ({
  resourceType: f.resourceTypeFilter, resourceName: f.resourceNameFilter, resourcePatternType: f.patternTypeFilter,
  principal: f.principalFilter, host: f.hostFilter, operation: f.operation, permissionType: f.permissionType,
});

export const REQUEST_MAPPINGS: RequestMapping[] = [
  { dir: 'produce', key: 0, args: produce },
  { dir: 'fetch', key: 1, args: fetch },
  {
    dir: 'listOffsets', key: 2, args: (v) => ({
      replicaId: v.replicaId, isolationLevel: v.isolationLevel,
      topics: topicsOf(v, (p) => ({ partition: p.partitionIndex, timestamp: p.timestamp, maxNumOffsets: p.maxNumOffsets })),
    }),
  },
  {
    // v1+ topics go through writeNullableArray: an empty list is sent as null ("all topics").
    dir: 'metadata', key: 3, args: (v, n) => {
      if (n >= 1) v.topics = emptyIsNull(v.topics);
      return { topics: (v.topics ?? []).map((t: Obj) => t.name), allowAutoTopicCreation: v.allowAutoTopicCreation };
    },
  },
  {
    dir: 'offsetCommit', key: 8, args: (v) => ({
      groupId: v.groupId, groupGenerationId: v.generationIdOrMemberEpoch, memberId: v.memberId, retentionTime: v.retentionTimeMs,
      topics: topicsOf(v, (p) => ({
        partition: p.partitionIndex, offset: p.committedOffset, timestamp: p.commitTimestamp, metadata: p.committedMetadata,
      })),
    }),
  },
  {
    // v2 writes a plain array (no null); v3+ writeNullableArray turns an empty list into null.
    dir: 'offsetFetch', key: 9, args: (v, n) => {
      v.topics = n >= 3 ? emptyIsNull(v.topics) : v.topics ?? [];
      const topics = (v.topics ?? []).map((t: Obj) => ({ topic: t.name, partitions: t.partitionIndexes.map((p: number) => ({ partition: p })) }));
      return { groupId: v.groupId, topics };
    },
  },
  { dir: 'findCoordinator', key: 10, args: (v) => ({ groupId: v.key, coordinatorKey: v.key, coordinatorType: v.keyType }) },
  {
    dir: 'joinGroup', key: 11, args: (v) => ({
      groupId: v.groupId, sessionTimeout: v.sessionTimeoutMs, rebalanceTimeout: v.rebalanceTimeoutMs, memberId: v.memberId,
      groupInstanceId: v.groupInstanceId, protocolType: v.protocolType,
      groupProtocols: v.protocols.map((p: Obj) => ({ name: p.name, metadata: p.metadata })),
    }),
  },
  {
    dir: 'heartbeat', key: 12, args: (v) => ({
      groupId: v.groupId, groupGenerationId: v.generationId, memberId: v.memberId, groupInstanceId: v.groupInstanceId,
    }),
  },
  {
    dir: 'leaveGroup', key: 13, args: (v) => ({
      groupId: v.groupId, memberId: v.memberId,
      members: v.members.map((m: Obj) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId })),
    }),
  },
  {
    dir: 'syncGroup', key: 14, args: (v) => ({
      groupId: v.groupId, generationId: v.generationId, memberId: v.memberId, groupInstanceId: v.groupInstanceId,
      groupAssignment: v.assignments.map((a: Obj) => ({ memberId: a.memberId, memberAssignment: a.assignment })),
    }),
  },
  { dir: 'describeGroups', key: 15, args: (v) => ({ groupIds: v.groups }) },
  { dir: 'listGroups', key: 16, args: () => ({}) },
  { dir: 'saslHandshake', key: 17, args: (v) => ({ mechanism: v.mechanism }) },
  { dir: 'apiVersions', key: 18, args: () => ({}) },
  {
    dir: 'createTopics', key: 19, args: (v) => ({
      timeout: v.timeoutMs, validateOnly: v.validateOnly,
      topics: v.topics.map((t: Obj) => ({
        topic: t.name, numPartitions: t.numPartitions, replicationFactor: t.replicationFactor,
        replicaAssignment: t.assignments.map((a: Obj) => ({ partition: a.partitionIndex, replicas: a.brokerIds })),
        configEntries: t.configs.map((c: Obj) => ({ name: c.name, value: c.value })),
      })),
    }),
  },
  { dir: 'deleteTopics', key: 20, args: (v) => ({ topics: v.topicNames, timeout: v.timeoutMs }) },
  {
    dir: 'deleteRecords', key: 21, args: (v) => ({
      timeout: v.timeoutMs, topics: topicsOf(v, (p) => ({ partition: p.partitionIndex, offset: p.offset })),
    }),
  },
  { dir: 'initProducerId', key: 22, args: (v) => ({ transactionalId: v.transactionalId, transactionTimeout: v.transactionTimeoutMs }) },
  {
    dir: 'addPartitionsToTxn', key: 24, args: (v) => ({
      transactionalId: v.v3AndBelowTransactionalId, producerId: v.v3AndBelowProducerId, producerEpoch: v.v3AndBelowProducerEpoch,
      topics: v.v3AndBelowTopics.map((t: Obj) => ({ topic: t.name, partitions: t.partitions })),
    }),
  },
  { dir: 'addOffsetsToTxn', key: 25, args: (v) => ({ ...v }) },
  { dir: 'endTxn', key: 26, args: (v) => ({ ...v, transactionResult: v.committed }) },
  {
    dir: 'txnOffsetCommit', key: 28, args: (v) => ({
      transactionalId: v.transactionalId, groupId: v.groupId, producerId: v.producerId, producerEpoch: v.producerEpoch,
      topics: topicsOf(v, (p) => ({ partition: p.partitionIndex, offset: p.committedOffset, metadata: p.committedMetadata })),
    }),
  },
  { dir: 'describeAcls', key: 29, args: (v) => aclFilter(v) },
  { dir: 'createAcls', key: 30, args: (v) => ({ creations: v.creations }) },
  { dir: 'deleteAcls', key: 31, args: (v) => ({ filters: v.filters.map(aclFilter) }) },
  {
    // configNames go through writeNullableArray: an empty list is sent as null ("all keys").
    dir: 'describeConfigs', key: 32, args: (v) => {
      for (const r of v.resources) r.configurationKeys = emptyIsNull(r.configurationKeys);
      const resources = v.resources.map((r: Obj) => ({ type: r.resourceType, name: r.resourceName, configNames: r.configurationKeys ?? [] }));
      return { resources, includeSynonyms: v.includeSynonyms };
    },
  },
  {
    dir: 'alterConfigs', key: 33, args: (v) => ({
      validateOnly: v.validateOnly,
      resources: v.resources.map((r: Obj) => ({
        type: r.resourceType, name: r.resourceName, configEntries: r.configs.map((c: Obj) => ({ name: c.name, value: c.value })),
      })),
    }),
  },
  // kafkajs writes authBytes raw (writeBuffer): its SASL mechanisms hand it bytes already length-prefixed.
  { dir: 'saslAuthenticate', key: 36, args: (v) => ({ authBytes: encoded(v.authBytes) }) },
  {
    // Assignments go through writeNullableArray (empty -> null), and so does each assignment's
    // broker list, which Kafka does not declare nullable: our decoder reads that null as [].
    dir: 'createPartitions', key: 37, args: (v) => {
      for (const t of v.topics) t.assignments = emptyIsNull(t.assignments);
      const topicPartitions = v.topics.map((t: Obj) => ({
        topic: t.name, count: t.count, assignments: (t.assignments ?? []).map((a: Obj) => a.brokerIds),
      }));
      return { topicPartitions, timeout: v.timeoutMs, validateOnly: v.validateOnly };
    },
  },
  // The request factory takes the group ids as its only, positional argument.
  { dir: 'deleteGroups', key: 42, args: (v) => v.groupsNames },
  {
    // Flexible: kafkajs writes the request header's tagged fields as the body's first byte.
    // It cannot send a null replica list (a cancellation), so those become [].
    dir: 'alterPartitionReassignments', key: 45, args: (v) => {
      const topics = v.topics.map((t: Obj) => ({
        topic: t.name,
        partitionAssignment: t.partitions.map((p: Obj) => {
          p.replicas ??= [];
          return { partition: p.partitionIndex, replicas: p.replicas };
        }),
      }));
      return { topics, timeout: v.timeoutMs };
    },
  },
  {
    dir: 'listPartitionReassignments', key: 46, args: (v) => ({
      timeout: v.timeoutMs,
      topics: v.topics === null ? null : v.topics.map((t: Obj) => ({ topic: t.name, partitions: t.partitionIndexes })),
    }),
  },
];

function encoded(bytes: Buffer): Buffer {
  const e = new KafkajsEncoder();
  e.writeBytes(bytes);
  return e.buffer;
}
