// AlterPartition on the controller with KIP-903 broker epochs: an ISR member whose broker epoch is
// not its current registration's (a restarted broker, known by its previous incarnation's progress),
// or who is fenced or shutting down, is refused with INELIGIBLE_REPLICA and nothing is written.
import { describe, expect, it } from 'vitest';
import type { AlterPartitionRequest } from '../../../protocol/generated/api/56-alter-partition.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { alterPartition } from '../../../src/controller/alter-partition.js';
import { EMPTY_IMAGE, RECOVERED, RECOVERING, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { applyRecords, topicIdOf, topicRecords } from '../../helpers/metadata-images.js';

const env = { config: ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) }), random: () => 0.5 };

const broker = (id: number) => record(MetadataRecordType.REGISTER_BROKER, {
  brokerId: id, isMigratingZkBroker: false, incarnationId: 'AAAAAAAAAAAAAAAAAAAAAw', brokerEpoch: 10 + id,
  endPoints: [{ name: 'PLAINTEXT', host: 'localhost', port: 9090 + id, securityProtocol: 0 }], features: [],
  rack: null, fenced: true, inControlledShutdown: false, logDirs: [],
});

/** Brokers 1-3 registered at epochs 11-13 and unfenced; t-0 on [1, 2, 3] led by 1 with ISR [1, 2]. */
function image(): MetadataImage {
  return applyRecords(EMPTY_IMAGE, [
    broker(1), broker(2), broker(3),
    ...[1, 2, 3].map((id) => record(MetadataRecordType.UNFENCE_BROKER, { id, epoch: 10 + id })),
    ...topicRecords('t', 1, () => [1, 2, 3]),
    record(MetadataRecordType.PARTITION_CHANGE, {
      partitionId: 0, topicId: topicIdOf('t'), isr: [1, 2], leader: -2, replicas: null, removingReplicas: null, addingReplicas: null,
      leaderRecoveryState: -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
    }),
  ]);
}

function expand(member3Epoch: number): AlterPartitionRequest {
  return {
    brokerId: 1, brokerEpoch: 11,
    topics: [{ topicName: 't', topicId: topicIdOf('t'), partitions: [{
      partitionIndex: 0, leaderEpoch: 0, partitionEpoch: 1, leaderRecoveryState: 0, newIsr: [],
      newIsrWithEpochs: [{ brokerId: 1, brokerEpoch: 11 }, { brokerId: 2, brokerEpoch: 12 }, { brokerId: 3, brokerEpoch: member3Epoch }],
    }] }],
  };
}

const errorOf = (img: MetadataImage, req: AlterPartitionRequest) => {
  const result = alterPartition(env, img, req);
  return { code: result.response.topics[0]?.partitions[0]?.errorCode, records: result.records.length };
};

describe('AlterPartition with broker epochs', () => {
  it('admits a member at its current broker epoch', () => {
    expect(errorOf(image(), expand(13))).toEqual({ code: ErrorCode.NONE, records: 1 });
  });

  it('refuses a member known by a previous incarnation (stale broker epoch)', () => {
    expect(errorOf(image(), expand(9))).toEqual({ code: ErrorCode.INELIGIBLE_REPLICA, records: 0 });
  });

  it('refuses a fenced member or one in controlled shutdown', () => {
    const fenced = applyRecords(image(), [record(MetadataRecordType.FENCE_BROKER, { id: 3, epoch: 13 })]);
    expect(errorOf(fenced, expand(13))).toEqual({ code: ErrorCode.INELIGIBLE_REPLICA, records: 0 });
    const stopping = applyRecords(image(), [record(MetadataRecordType.BROKER_REGISTRATION_CHANGE, {
      brokerId: 3, brokerEpoch: 13, fenced: 0, inControlledShutdown: 1, logDirs: [],
    })]);
    expect(errorOf(stopping, expand(13))).toEqual({ code: ErrorCode.INELIGIBLE_REPLICA, records: 0 });
  });
});

describe('AlterPartition after an unclean election (KIP-704)', () => {
  /** t-0 led by 1 alone, RECOVERING (as an unclean election leaves it). */
  function recovering(): MetadataImage {
    return applyRecords(image(), [record(MetadataRecordType.PARTITION_CHANGE, {
      partitionId: 0, topicId: topicIdOf('t'), isr: [1], leader: -2, replicas: null, removingReplicas: null, addingReplicas: null,
      leaderRecoveryState: RECOVERING, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
    })]);
  }

  function request(isr: number[], leaderRecoveryState: number, partitionEpoch: number): AlterPartitionRequest {
    return {
      brokerId: 1, brokerEpoch: 11,
      topics: [{ topicName: 't', topicId: topicIdOf('t'), partitions: [{
        partitionIndex: 0, leaderEpoch: 0, partitionEpoch, leaderRecoveryState, newIsr: [],
        newIsrWithEpochs: isr.map((id) => ({ brokerId: id, brokerEpoch: 10 + id })),
      }] }],
    };
  }

  it('refuses to grow the ISR of a leader that says it is still recovering', () => {
    expect(errorOf(recovering(), request([1, 2], RECOVERING, 2))).toEqual({ code: ErrorCode.INVALID_REQUEST, records: 0 });
  });

  it('records RECOVERED with the leader\'s first ISR change, and refuses to go back', () => {
    const result = alterPartition(env, recovering(), request([1, 2], RECOVERED, 2));
    expect(result.response.topics[0]!.partitions[0]).toMatchObject({ errorCode: ErrorCode.NONE, isr: [1, 2], leaderRecoveryState: RECOVERED });
    expect(result.records[0]!.data).toMatchObject({ isr: [1, 2], leaderRecoveryState: RECOVERED });
    const recovered = applyRecords(recovering(), result.records);
    expect(recovered.topicsByName.get('t')!.partitions[0]!.leaderRecoveryState).toBe(RECOVERED);
    expect(errorOf(recovered, request([1], RECOVERING, 3))).toEqual({ code: ErrorCode.INVALID_REQUEST, records: 0 });
  });

  it('leaves the recovery state out of a change that does not touch it', () => {
    const result = alterPartition(env, image(), request([1, 2, 3], RECOVERED, 1));
    expect(result.records[0]!.data).toMatchObject({ leaderRecoveryState: -1 });
  });
});
