// The active controller's view only moves forward (see also quorum-controller.test.ts). The
// runtime activates it with the newest committed image while older images may still be on their
// way to it through the image listeners; such a late, older image must not roll the controller
// back, or it would forget what a previous controller committed (a topic created twice).
import { describe, expect, it } from 'vitest';
import { CreateTopicsApi, type CreateTopicsRequest, type CreateTopicsResponse } from '../../../protocol/generated/api/19-create-topics.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { QuorumController } from '../../../src/controller/quorum-controller.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { applyRecords, topicRecords } from '../../helpers/metadata-images.js';

const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });

const liveBroker = (id: number) => [
  record(MetadataRecordType.REGISTER_BROKER, {
    brokerId: id, isMigratingZkBroker: false, incarnationId: 'AAAAAAAAAAAAAAAAAAAAAw', brokerEpoch: id,
    endPoints: [{ name: 'PLAINTEXT', host: 'localhost', port: 9090 + id, securityProtocol: 0 }], features: [],
    rack: null, fenced: true, inControlledShutdown: false, logDirs: [],
  }),
  record(MetadataRecordType.UNFENCE_BROKER, { id, epoch: id }),
];

const createOrders: CreateTopicsRequest = {
  topics: [{ name: 'orders', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
  timeoutMs: 1000, validateOnly: false,
};

function createTopic(controller: QuorumController): CreateTopicsResponse {
  return controller.handle(CreateTopicsApi, createOrders, 0).response;
}

describe('QuorumController images', () => {
  // Committed by a previous controller: the broker, then the topic.
  const withBroker = applyRecords(EMPTY_IMAGE, liveBroker(1));
  const withTopic = applyRecords(withBroker, topicRecords('orders', 1, () => [1]));

  it('ignores a committed image older than the one it was activated with', () => {
    const controller = new QuorumController({ config, random: () => 0.5 }, 'cluster');
    controller.activate(withTopic, 0);
    controller.committedTo(withBroker);
    expect(controller.image.offset).toBe(withTopic.offset);
    expect(controller.image.topicsByName.has('orders')).toBe(true);
  });

  it('never lets two CreateTopics for one name both succeed across a late commit callback', () => {
    const controller = new QuorumController({ config, random: () => 0.5 }, 'cluster');
    controller.activate(withTopic, 0);
    controller.committedTo(withBroker);
    const res = createTopic(controller);
    expect(res.topics[0]!.errorCode).toBe(ErrorCode.TOPIC_ALREADY_EXISTS);
  });

  it('is not rolled back by an activation with an image older than one it has already seen committed', () => {
    const controller = new QuorumController({ config, random: () => 0.5 }, 'cluster');
    controller.committedTo(withTopic);
    controller.activate(withBroker, 0);
    expect(controller.image.offset).toBe(withTopic.offset);
    expect(createTopic(controller).topics[0]!.errorCode).toBe(ErrorCode.TOPIC_ALREADY_EXISTS);
  });

  it('keeps proposals it made after activation when an older image arrives, and drops them once committed', () => {
    const controller = new QuorumController({ config, random: () => 0.5 }, 'cluster');
    controller.activate(withBroker, 0);
    const first = controller.handle(CreateTopicsApi, createOrders, 0);
    expect(first.response.topics[0]!.errorCode).toBe(ErrorCode.NONE);
    controller.appended(withBroker.offset + first.records.length);
    controller.committedTo(applyRecords(EMPTY_IMAGE, liveBroker(1).slice(0, 1)));
    expect(createTopic(controller).topics[0]!.errorCode).toBe(ErrorCode.TOPIC_ALREADY_EXISTS);
    const committed = applyRecords(withBroker, first.records);
    controller.committedTo(committed);
    expect(controller.image.offset).toBe(committed.offset);
    expect(createTopic(controller).topics[0]!.errorCode).toBe(ErrorCode.TOPIC_ALREADY_EXISTS);
  });
});
