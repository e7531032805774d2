// Fencing a broker moves its leaderships and takes it out of every ISR but the ones it is the last
// member of; those records leave the ISR unnamed (unchanged), as Kafka's PartitionChangeBuilder does.
// A new incarnation of a still unfenced broker loses its leaderships the same way, unless it names
// the broker epoch it shut down cleanly under (KIP-966): then it keeps them. Unregistering a broker
// moves them as fencing does, then drops its registration.
import { describe, expect, it } from 'vitest';
import { defaultBrokerRegistrationRequest } from '../../../protocol/generated/api/62-broker-registration.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { brokerHeartbeat, fenceBroker, registerBroker, unregisterBroker } from '../../../src/controller/brokers.js';
import { MetadataRecordType, type MetadataRecord } from '../../../src/metadata/records.js';
import { applyRecords, partitionOf, world } from './harness.js';

const changesOf = (records: MetadataRecord[]) => records.filter((r) => r.type === MetadataRecordType.PARTITION_CHANGE);

describe('fenceBroker', () => {
  it('moves leadership to another ISR member, and leaves a partition whose last ISR member it is leaderless with its ISR unnamed', () => {
    const image = world(2, 't', (p) => (p === 0 ? [1] : [1, 2]), 2);
    const records = fenceBroker(image, 1);
    const changes = records.filter((r): r is Extract<MetadataRecord, { type: MetadataRecordType.PARTITION_CHANGE }> => r.type === MetadataRecordType.PARTITION_CHANGE);
    expect(changes.map((r) => [r.data.partitionId, r.data.leader, r.data.isr])).toEqual([[0, -1, null], [1, 2, [2]]]);
    const after = applyRecords(image, records);
    expect(partitionOf(after, 't', 0)).toMatchObject({ leader: -1, isr: [1], leaderEpoch: 1 });
    expect(partitionOf(after, 't', 1)).toMatchObject({ leader: 2, isr: [2], leaderEpoch: 1 });
    expect(after.brokers.get(1)!.fenced).toBe(true);
  });
});

describe('unregisterBroker', () => {
  it('takes the broker out of every ISR and leadership, as fencing does, then drops its registration; an unknown id is refused', () => {
    const image = world(2, 't', (p) => (p === 0 ? [1] : [1, 2]), 2);
    const result = unregisterBroker(image, { brokerId: 1 });
    expect(result.response).toEqual({ throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null });
    expect(result.records.at(-1)).toMatchObject({ type: MetadataRecordType.UNREGISTER_BROKER, data: { brokerId: 1, brokerEpoch: image.brokers.get(1)!.epoch } });
    const after = applyRecords(image, result.records);
    expect(after.brokers.has(1)).toBe(false);
    expect(partitionOf(after, 't', 1)).toMatchObject({ leader: 2, isr: [2] });
    expect(partitionOf(after, 't', 0)).toMatchObject({ leader: -1, isr: [1] });
    expect(unregisterBroker(after, { brokerId: 1 })).toMatchObject({ records: [], response: { errorCode: ErrorCode.BROKER_ID_NOT_REGISTERED } });
  });
});

describe('registerBroker of a new incarnation of an unfenced broker', () => {
  // Broker 1 (epoch 11 in the harness) leads t-0 alone and t-1 with broker 2 in the ISR.
  const image = world(2, 't', (p) => (p === 0 ? [1] : [1, 2]), 2);
  const reregister = (previousBrokerEpoch: number) => registerBroker(image, 'c', {
    ...defaultBrokerRegistrationRequest(), clusterId: 'c', brokerId: 1, incarnationId: 'AAAAAAAAAAAAAAAAAAAAAw', previousBrokerEpoch,
  }, 40, () => false);

  it('after a crash (no previous epoch, or another one), moves its leaderships as fencing does; unfencing takes the leaderless ones back', () => {
    for (const previous of [-1, 10, 12]) {
      const result = reregister(previous);
      expect(result.response).toMatchObject({ errorCode: ErrorCode.NONE, brokerEpoch: 40 });
      expect(changesOf(result.records).map((r) => [r.data.partitionId, r.data.leader])).toEqual([[0, -1], [1, 2]]);
      const registered = applyRecords(image, result.records);
      expect(partitionOf(registered, 't', 0)).toMatchObject({ leader: -1, leaderEpoch: 1 });
      const unfenced = brokerHeartbeat(registered, { req: { brokerId: 1, brokerEpoch: 40, currentMetadataOffset: 100, wantFence: false, wantShutDown: false, offlineLogDirs: [] }, registeredAt: 100 });
      expect(changesOf(unfenced.records).map((r) => [r.data.partitionId, r.data.leader])).toEqual([[0, 1]]);
      expect(partitionOf(applyRecords(registered, unfenced.records), 't', 0)).toMatchObject({ leader: 1, leaderEpoch: 2 });
    }
  });

  it('after a clean shutdown under its current epoch, keeps its leaderships and their epochs: no partition changes', () => {
    const result = reregister(11);
    expect(result.response).toMatchObject({ errorCode: ErrorCode.NONE, brokerEpoch: 40 });
    expect(changesOf(result.records)).toEqual([]);
    const registered = applyRecords(image, result.records);
    expect(registered.brokers.get(1)).toMatchObject({ epoch: 40, fenced: true });
    expect(partitionOf(registered, 't', 0)).toMatchObject({ leader: 1, leaderEpoch: 0 });
    const unfenced = brokerHeartbeat(registered, { req: { brokerId: 1, brokerEpoch: 40, currentMetadataOffset: 100, wantFence: false, wantShutDown: false, offlineLogDirs: [] }, registeredAt: 100 });
    expect(changesOf(unfenced.records)).toEqual([]);
    expect(applyRecords(registered, unfenced.records).brokers.get(1)!.fenced).toBe(false);
  });
});
