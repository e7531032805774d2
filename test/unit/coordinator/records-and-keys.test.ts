import { describe, expect, it } from 'vitest';
import { checkTopicConfig } from '../../../src/config/effective.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { internalTopicToCreate } from '../../../src/coordinator/internal-topics.js';
import { EMPTY_IMAGE, type MetadataImage, type TopicState } from '../../../src/metadata/image.js';
import { coordinatorPartition, javaStringHashCode, partitionsLedBy } from '../../../src/coordinator/coordinator-key.js';
import {
  decodeRecord, groupMetadataRecord, groupTombstone, offsetCommitRecord, offsetTombstone,
} from '../../../src/coordinator/records.js';
import { DeadlineTimers } from '../../../src/coordinator/timers.js';

describe('coordinator partition', () => {
  it('matches Java String.hashCode', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('a')).toBe(97);
    expect(javaStringHashCode('hello')).toBe(99162322);
    expect(javaStringHashCode('Aa')).toBe(javaStringHashCode('BB'));
    // Values printed by a JVM ("s.hashCode()").
    expect(javaStringHashCode('console-consumer-12345')).toBe(158455506);
    expect(javaStringHashCode('my-group')).toBe(-1906497762);
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(javaStringHashCode('é✓')).toBe(17226);
    expect(javaStringHashCode('😀x')).toBe(54959989); // UTF-16 code units, surrogates included
  });

  it('is Utils.abs(hashCode) % partitions, with MIN_VALUE mapping to 0', () => {
    expect(coordinatorPartition('console-consumer-12345', 50)).toBe(6);
    expect(coordinatorPartition('my-group', 50)).toBe(12);
    expect(coordinatorPartition('polygenelubricants', 50)).toBe(0);
    expect(coordinatorPartition('hello', 50)).toBe(22);
  });

  it('lists the partitions a node leads', () => {
    const partitions = [0, 1, 2].map((partitionId) => ({
      partitionId, topicId: 'x', replicas: [1, 2], isr: [1, 2], leader: partitionId === 1 ? 2 : 1,
      leaderEpoch: partitionId + 5, partitionEpoch: 0, leaderRecoveryState: 0,
    }));
    const topic: TopicState = { name: '__consumer_offsets', topicId: 'x', partitions };
    const image: MetadataImage = { ...EMPTY_IMAGE, topicsByName: new Map([[topic.name, topic]]) };
    expect([...partitionsLedBy(image, '__consumer_offsets', 1)]).toEqual([[0, 5], [2, 7]]);
    expect(partitionsLedBy(EMPTY_IMAGE, '__consumer_offsets', 1).size).toBe(0);
  });
});

describe('internal topics', () => {
  it('are created compacted, with valid configs and no more replicas than live brokers', () => {
    const config = ServerConfig.resolve({ profile: 'kafka' });
    for (const name of ['__consumer_offsets', '__transaction_state']) {
      const t = internalTopicToCreate(config, name, 2)!;
      expect(t).toMatchObject({ name, numPartitions: 50, replicationFactor: 2 });
      expect(t.configs).toContainEqual({ name: 'cleanup.policy', value: 'compact' });
      for (const c of t.configs) expect(checkTopicConfig(c.name, c.value)).toBeNull();
    }
    expect(internalTopicToCreate(config, '__transaction_state', 1)!.configs).toContainEqual({ name: 'min.insync.replicas', value: '1' });
    expect(internalTopicToCreate(config, '__consumer_offsets', 0)).toBeNull();
  });
});

describe('__consumer_offsets records', () => {
  it('writes Kafka key bytes: int16 version then the key struct', () => {
    const r = offsetTombstone('g', 't', 3);
    expect(r.key.toString('hex')).toBe('0001' + '000167' + '000174' + '00000003');
    expect(r.value).toBeNull();
    expect(groupTombstone('g').key.toString('hex')).toBe('0002' + '000167');
  });

  it('writes offset value v3, or v1 when it carries an expiry', () => {
    const plain = offsetCommitRecord('g', 't', 0, { offset: 5, leaderEpoch: 2, metadata: 'm', commitTimestamp: 100, expireTimestamp: -1 });
    expect(plain.value!.readInt16BE(0)).toBe(3);
    const expiring = offsetCommitRecord('g', 't', 0, { offset: 5, leaderEpoch: -1, metadata: '', commitTimestamp: 100, expireTimestamp: 200 });
    expect(expiring.value!.readInt16BE(0)).toBe(1);
    expect(decodeRecord(plain)).toEqual({
      type: 'offset', groupId: 'g', topic: 't', partition: 0,
      value: { offset: 5, leaderEpoch: 2, metadata: 'm', commitTimestamp: 100, expireTimestamp: -1 },
    });
    expect(decodeRecord(expiring)).toMatchObject({ value: { expireTimestamp: 200, leaderEpoch: -1 } });
  });

  it('round-trips group metadata value v3', () => {
    const value = {
      protocolType: 'consumer', generation: 7, protocol: 'range', leader: 'm1', currentStateTimestamp: 1234,
      members: [{
        memberId: 'm1', groupInstanceId: 'i1', clientId: 'c', clientHost: '/10.0.0.1', rebalanceTimeout: 300000,
        sessionTimeout: 45000, subscription: Buffer.from([1, 2]), assignment: Buffer.from([3]),
      }],
    };
    const r = groupMetadataRecord('grp', value);
    expect(r.value!.readInt16BE(0)).toBe(3);
    expect(decodeRecord(r)).toEqual({ type: 'group', groupId: 'grp', value });
  });

  it('leaves the records of newer group protocols alone', () => {
    expect(decodeRecord({ key: Buffer.from('0003000167', 'hex'), value: Buffer.from([0, 0]) })).toEqual({ type: 'other' });
  });
});

describe('DeadlineTimers', () => {
  it('fires due actions in deadline order, replaces rescheduled keys and skips cancelled ones', () => {
    const t = new DeadlineTimers();
    const fired: string[] = [];
    t.schedule('a', 30, () => fired.push('a'));
    t.schedule('b', 10, () => fired.push('b'));
    t.schedule('c', 10, () => fired.push('c'));
    t.schedule('b', 40, () => fired.push('b2'));
    t.schedule('d', 5, () => fired.push('d'));
    t.cancel('d');
    expect(t.nextDeadlineMs()).toBe(10);
    t.expire(30);
    expect(fired).toEqual(['c', 'a']);
    expect(t.nextDeadlineMs()).toBe(40);
  });

  it('runs actions that due actions schedule for now', () => {
    const t = new DeadlineTimers();
    const fired: number[] = [];
    t.schedule('x', 1, (now) => {
      fired.push(now);
      t.schedule('y', now, () => fired.push(-1));
    });
    t.expire(3);
    expect(fired).toEqual([3, -1]);
    expect(t.nextDeadlineMs()).toBeNull();
  });
});
