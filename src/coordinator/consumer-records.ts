// The consumer group records of __consumer_offsets in Kafka's formats (key versions 3-8), and their
// replay. A group is rebuilt from its latest records: group epoch (3), member subscription (5),
// target assignment epoch (6) and per-member target (7), and each member's current assignment (8).
// Key 4 (subscribed topic metadata, which Kafka 4 no longer writes) is read past, not written.
import { Reader } from '../../protocol/primitives/reader.js';
import { Writer } from '../../protocol/primitives/writer.js';
import { readConsumerGroupMetadataKey, writeConsumerGroupMetadataKey } from '../../protocol/generated/data/consumer-group-metadata-key.js';
import { readConsumerGroupMetadataValue, writeConsumerGroupMetadataValue } from '../../protocol/generated/data/consumer-group-metadata-value.js';
import { readConsumerGroupMemberMetadataKey, writeConsumerGroupMemberMetadataKey } from '../../protocol/generated/data/consumer-group-member-metadata-key.js';
import {
  readConsumerGroupMemberMetadataValue, writeConsumerGroupMemberMetadataValue,
} from '../../protocol/generated/data/consumer-group-member-metadata-value.js';
import {
  readConsumerGroupTargetAssignmentMetadataKey, writeConsumerGroupTargetAssignmentMetadataKey,
} from '../../protocol/generated/data/consumer-group-target-assignment-metadata-key.js';
import {
  readConsumerGroupTargetAssignmentMetadataValue, writeConsumerGroupTargetAssignmentMetadataValue,
} from '../../protocol/generated/data/consumer-group-target-assignment-metadata-value.js';
import {
  readConsumerGroupTargetAssignmentMemberKey, writeConsumerGroupTargetAssignmentMemberKey,
} from '../../protocol/generated/data/consumer-group-target-assignment-member-key.js';
import {
  readConsumerGroupTargetAssignmentMemberValue, writeConsumerGroupTargetAssignmentMemberValue,
} from '../../protocol/generated/data/consumer-group-target-assignment-member-value.js';
import {
  readConsumerGroupCurrentMemberAssignmentKey, writeConsumerGroupCurrentMemberAssignmentKey,
} from '../../protocol/generated/data/consumer-group-current-member-assignment-key.js';
import {
  readConsumerGroupCurrentMemberAssignmentValue, writeConsumerGroupCurrentMemberAssignmentValue,
} from '../../protocol/generated/data/consumer-group-current-member-assignment-value.js';
import { EMPTY_ASSIGNMENT, fromWire, toWire, type Assignment } from './consumer-assignment.js';
import { ConsumerGroup, newMember, type ConsumerMember } from './consumer-group.js';
import type { CoordinatorRecord } from './records.js';

const GROUP_KEY = 3;
const PARTITION_METADATA_KEY = 4;
const MEMBER_KEY = 5;
const TARGET_METADATA_KEY = 6;
const TARGET_MEMBER_KEY = 7;
const CURRENT_ASSIGNMENT_KEY = 8;
const VALUE_VERSION = 0;

function encode<T>(version: number, v: T, write: (w: Writer, v: T, version: number) => void): Buffer {
  const w = new Writer(64);
  w.int16(version);
  write(w, v, version);
  return w.toBuffer();
}

function decode<T>(buf: Buffer, read: (r: Reader, version: number) => T): T {
  const r = new Reader(buf);
  return read(r, r.int16());
}

const groupKey = (groupId: string): Buffer => encode(GROUP_KEY, { groupId }, writeConsumerGroupMetadataKey);
const memberKey = (groupId: string, memberId: string): Buffer => encode(MEMBER_KEY, { groupId, memberId }, writeConsumerGroupMemberMetadataKey);
const targetKey = (groupId: string): Buffer => encode(TARGET_METADATA_KEY, { groupId }, writeConsumerGroupTargetAssignmentMetadataKey);
const targetMemberKey = (groupId: string, memberId: string): Buffer =>
  encode(TARGET_MEMBER_KEY, { groupId, memberId }, writeConsumerGroupTargetAssignmentMemberKey);
const currentKey = (groupId: string, memberId: string): Buffer =>
  encode(CURRENT_ASSIGNMENT_KEY, { groupId, memberId }, writeConsumerGroupCurrentMemberAssignmentKey);

export function groupEpochRecord(groupId: string, epoch: number): CoordinatorRecord {
  return { key: groupKey(groupId), value: encode(VALUE_VERSION, { epoch }, writeConsumerGroupMetadataValue) };
}

export function memberRecord(groupId: string, m: ConsumerMember): CoordinatorRecord {
  return {
    key: memberKey(groupId, m.memberId),
    value: encode(VALUE_VERSION, {
      instanceId: m.instanceId, rackId: m.rackId, clientId: m.clientId, clientHost: m.clientHost,
      subscribedTopicNames: [...m.subscribedTopicNames], subscribedTopicRegex: m.subscribedTopicRegex,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs, serverAssignor: m.serverAssignor, classicMemberMetadata: m.classic,
    }, writeConsumerGroupMemberMetadataValue),
  };
}

export function targetEpochRecord(groupId: string, assignmentEpoch: number): CoordinatorRecord {
  return { key: targetKey(groupId), value: encode(VALUE_VERSION, { assignmentEpoch }, writeConsumerGroupTargetAssignmentMetadataValue) };
}

export function targetMemberRecord(groupId: string, memberId: string, target: Assignment): CoordinatorRecord {
  return {
    key: targetMemberKey(groupId, memberId),
    value: encode(VALUE_VERSION, { topicPartitions: toWire(target) }, writeConsumerGroupTargetAssignmentMemberValue),
  };
}

export function currentAssignmentRecord(groupId: string, m: ConsumerMember): CoordinatorRecord {
  return {
    key: currentKey(groupId, m.memberId),
    value: encode(VALUE_VERSION, {
      memberEpoch: m.memberEpoch, previousMemberEpoch: m.previousMemberEpoch, state: m.state,
      assignedPartitions: toWire(m.assigned), partitionsPendingRevocation: toWire(m.pendingRevocation),
    }, writeConsumerGroupCurrentMemberAssignmentValue),
  };
}

/** What Kafka writes when a member goes: its current assignment, its target, then its subscription. */
export function memberTombstones(groupId: string, memberId: string): CoordinatorRecord[] {
  return [
    { key: currentKey(groupId, memberId), value: null },
    { key: targetMemberKey(groupId, memberId), value: null },
    { key: memberKey(groupId, memberId), value: null },
  ];
}

/** An empty group's removal (conversion to classic, DeleteGroups): target epoch, then group epoch. */
export function groupTombstones(groupId: string): CoordinatorRecord[] {
  return [{ key: targetKey(groupId), value: null }, { key: groupKey(groupId), value: null }];
}

export function isConsumerGroupRecord(record: CoordinatorRecord): boolean {
  const version = record.key.length >= 2 ? record.key.readInt16BE(0) : -1;
  return version >= GROUP_KEY && version <= CURRENT_ASSIGNMENT_KEY;
}

/** Applies one consumer group record in log order; throws DecodeError on malformed bytes. */
export function replayConsumerRecord(groups: Map<string, ConsumerGroup>, record: CoordinatorRecord): void {
  const kr = new Reader(record.key);
  const version = kr.int16();
  const v = record.value;
  const group = (groupId: string): ConsumerGroup => {
    let g = groups.get(groupId);
    if (!g) groups.set(groupId, (g = new ConsumerGroup(groupId)));
    return g;
  };
  const member = (g: ConsumerGroup, memberId: string): ConsumerMember => g.members.get(memberId) ?? newMember(memberId);
  switch (version) {
    case GROUP_KEY: {
      const { groupId } = readConsumerGroupMetadataKey(kr, version);
      if (v === null) groups.delete(groupId);
      else group(groupId).groupEpoch = decode(v, readConsumerGroupMetadataValue).epoch;
      return;
    }
    case PARTITION_METADATA_KEY:
      return;
    case MEMBER_KEY: {
      const { groupId, memberId } = readConsumerGroupMemberMetadataKey(kr, version);
      const g = group(groupId);
      if (v === null) return g.remove(memberId);
      const d = decode(v, readConsumerGroupMemberMetadataValue);
      g.put({
        ...member(g, memberId), instanceId: d.instanceId, rackId: d.rackId, clientId: d.clientId, clientHost: d.clientHost,
        subscribedTopicNames: d.subscribedTopicNames, subscribedTopicRegex: d.subscribedTopicRegex,
        rebalanceTimeoutMs: d.rebalanceTimeoutMs, serverAssignor: d.serverAssignor, classic: d.classicMemberMetadata,
      });
      return;
    }
    case TARGET_METADATA_KEY: {
      const { groupId } = readConsumerGroupTargetAssignmentMetadataKey(kr, version);
      if (v !== null) group(groupId).assignmentEpoch = decode(v, readConsumerGroupTargetAssignmentMetadataValue).assignmentEpoch;
      return;
    }
    case TARGET_MEMBER_KEY: {
      const { groupId, memberId } = readConsumerGroupTargetAssignmentMemberKey(kr, version);
      if (v === null) group(groupId).targets.delete(memberId);
      else group(groupId).targets.set(memberId, fromWire(decode(v, readConsumerGroupTargetAssignmentMemberValue).topicPartitions));
      return;
    }
    case CURRENT_ASSIGNMENT_KEY: {
      const { groupId, memberId } = readConsumerGroupCurrentMemberAssignmentKey(kr, version);
      const g = group(groupId);
      const m = member(g, memberId);
      if (v === null) {
        if (g.members.has(memberId)) g.put({ ...m, assigned: EMPTY_ASSIGNMENT, pendingRevocation: EMPTY_ASSIGNMENT });
        return;
      }
      const d = decode(v, readConsumerGroupCurrentMemberAssignmentValue);
      g.put({
        ...m, memberEpoch: d.memberEpoch, previousMemberEpoch: d.previousMemberEpoch, state: d.state,
        assigned: fromWire(d.assignedPartitions), pendingRevocation: fromWire(d.partitionsPendingRevocation),
      });
      return;
    }
  }
}
