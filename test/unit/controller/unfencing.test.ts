// A fenced broker is unfenced once it has applied its own registration (Kafka's
// registerBrokerRecordOffset), not once it has applied everything committed at the moment of its
// heartbeat: that mark moves with every write, and a broker whose image trails the commits by a
// fetch did not catch it while metadata kept being written. A broker registered before this
// controller became active is caught up once it has applied what was committed at activation.
import { describe, expect, it } from 'vitest';
import { CreateTopicsApi } from '../../../protocol/generated/api/19-create-topics.js';
import { defaultBrokerRegistrationRequest } from '../../../protocol/generated/api/62-broker-registration.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { QuorumController } from '../../../src/controller/quorum-controller.js';
import type { MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType } from '../../../src/metadata/records.js';
import { applyRecords, brokerRecord, controllerEnv, fence, world } from './harness.js';

/** A controller whose random numbers differ from call to call: each new topic needs another id. */
function newController(): QuorumController {
  let n = 1;
  return new QuorumController({ ...controllerEnv(), random: () => (n = (n * 9301 + 49297) % 233280) / 233280 }, 'c');
}

const heartbeat = (brokerId: number, brokerEpoch: number, currentMetadataOffset: number) =>
  ({ brokerId, brokerEpoch, currentMetadataOffset, wantFence: false, wantShutDown: false, offlineLogDirs: [] });

/** Runs an operation as the runtime does: propose, append, commit. */
function commit(controller: QuorumController, image: MetadataImage, records: Parameters<typeof applyRecords>[1]): MetadataImage {
  const next = applyRecords(image, records);
  controller.appended(next.offset);
  controller.committedTo(next);
  return next;
}

/** Metadata written by others meanwhile: a topic created. */
function createTopic(controller: QuorumController, image: MetadataImage, name: string): MetadataImage {
  const result = controller.handle(CreateTopicsApi, {
    topics: [{ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 1000, validateOnly: false,
  }, 0);
  expect(result.response.topics[0]!.errorCode).toBe(ErrorCode.NONE);
  return commit(controller, image, result.records);
}

describe('unfencing a broker', () => {
  it('registered with this controller: once it has applied its registration, however much was written since', () => {
    const controller = newController();
    let image = world(1, 't', () => [1]);
    controller.activate(image, 0);
    const reg = controller.registerBroker({ ...defaultBrokerRegistrationRequest(), clusterId: 'c', brokerId: 2, incarnationId: 'AAAAAAAAAAAAAAAAAAAAAg' }, 0);
    expect(reg.response.errorCode).toBe(ErrorCode.NONE);
    image = commit(controller, image, reg.records);
    const registeredAt = image.offset;
    image = createTopic(controller, image, 'a');
    image = createTopic(controller, image, 'b');
    const epoch = reg.response.brokerEpoch;

    const behind = controller.brokerHeartbeat(heartbeat(2, epoch, registeredAt - 1), 0);
    expect(behind.response).toMatchObject({ errorCode: ErrorCode.NONE, isCaughtUp: false, isFenced: true });
    expect(behind.records).toEqual([]);

    const caughtUp = controller.brokerHeartbeat(heartbeat(2, epoch, registeredAt), 0);
    expect(caughtUp.response).toMatchObject({ errorCode: ErrorCode.NONE, isCaughtUp: true, isFenced: false });
    expect(caughtUp.records[0]).toMatchObject({ type: MetadataRecordType.UNFENCE_BROKER, data: { id: 2 } });
  });

  it('registered before this controller became active (fenced since): once it has applied what was committed at activation', () => {
    const controller = newController();
    let image = applyRecords(world(1, 't', () => [1]), [brokerRecord(2), fence(2)]);
    const activatedAt = image.offset;
    controller.activate(image, 0);
    image = createTopic(controller, image, 'a');
    expect(controller.brokerHeartbeat(heartbeat(2, 12, activatedAt - 1), 0).response).toMatchObject({ isCaughtUp: false, isFenced: true });
    expect(controller.brokerHeartbeat(heartbeat(2, 12, activatedAt), 0).response).toMatchObject({ isCaughtUp: true, isFenced: false });
  });
});
