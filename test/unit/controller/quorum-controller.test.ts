// The active controller's image only moves forward: an image published before activation but
// delivered after it must not roll the controller back.
import { expect, it } from 'vitest';
import type { CreateTopicsRequest, CreateTopicsResponse } from '../../../protocol/generated/api/19-create-topics.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { QuorumController } from '../../../src/controller/quorum-controller.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { applyRecords } from '../../helpers/metadata-images.js';

const CREATE_TOPICS = 19;

function createTopic(name: string): CreateTopicsRequest {
  return {
    topics: [{ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 1000, validateOnly: false,
  } as CreateTopicsRequest;
}

function errorOf(result: { response: unknown }): number {
  return (result.response as CreateTopicsResponse).topics[0]!.errorCode;
}

it('ignores a committed image older than the one it was activated with', () => {
  const config = ServerConfig.resolve({ profile: 'kafka', overrides: new Map() });
  const controller = new QuorumController({ config, random: () => 0.5 }, 'cluster');
  const broker = record(MetadataRecordType.REGISTER_BROKER, {
    brokerId: 1, isMigratingZkBroker: false, incarnationId: 'AAAAAAAAAAAAAAAAAAAAAB', brokerEpoch: 5,
    endPoints: [], features: [], rack: null, fenced: false, inControlledShutdown: false, logDirs: [],
  });
  const older = applyRecords(EMPTY_IMAGE, [broker]);
  controller.activate(older, 0);
  const first = controller.handle(CREATE_TOPICS, createTopic('orders'), 0);
  expect(errorOf(first)).toBe(ErrorCode.NONE);
  const newer = applyRecords(older, first.records);
  controller.appended(newer.offset);
  // The commit of the topic is seen first (say, the node was re-elected with it built), then an
  // image published earlier arrives late through the queue.
  controller.committedTo(newer);
  controller.committedTo(older);
  expect(controller.image.topicsByName.has('orders')).toBe(true);
  expect(errorOf(controller.handle(CREATE_TOPICS, createTopic('orders'), 0))).toBe(ErrorCode.TOPIC_ALREADY_EXISTS);
});
