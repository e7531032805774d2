// A call through the controller client while no controller is active waits for one: it tries
// again when the node's controller becomes active or the quorum's leader changes (the runtime
// says so with leaderChanged), not only when its retry pause ends; and an elected controller not
// yet active holds another broker's request until it is, for at most a pause. At a node's start the broker
// registers before its own controller is active; sleeping out the pause was a quarter of a
// one-node start. Fake timers: a call that resolves without time advancing did not sleep.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CreateTopicsApi } from '../../../protocol/generated/api/19-create-topics.js';
import { BrokerHeartbeatApi } from '../../../protocol/generated/api/63-broker-heartbeat.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { QuorumController } from '../../../src/controller/quorum-controller.js';
import type { MetadataQuorum } from '../../../src/kraft/metadata-quorum.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { ControllerClient } from '../../../src/node/controller-client.js';
import { MetadataPublisher } from '../../../src/node/metadata-publisher.js';
import type { PeerClient } from '../../../src/node/peer-client.js';

const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
const request = { topics: [], timeoutMs: 1000, validateOnly: false };

/** This node leads the quorum; its proposals commit at once. The peers are never asked. */
function client(): { client: ControllerClient; controller: QuorumController } {
  const controller = new QuorumController({ config, random: () => 0.5 }, 'cluster');
  let offset = -1;
  const quorum = {
    leader: () => ({ leaderId: 1, epoch: 1 }),
    addressOf: () => undefined,
    propose: (records: unknown[]) => ({ lastOffset: (offset += records.length), committed: Promise.resolve() }),
  } as unknown as MetadataQuorum;
  const c = new ControllerClient({
    nodeId: 1, controller, quorum, publisher: new MetadataPublisher(() => undefined), peers: {} as PeerClient,
    nowMs: () => Date.now(), timeoutMs: 30_000,
  });
  return { client: c, controller };
}

/** Settles what is ready without moving the fake clock. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('ControllerClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers a call made before its controller is active as soon as it is, without waiting out the retry pause', async () => {
    const { client: c, controller } = client();
    let answered = false;
    const call = c.call(CreateTopicsApi, 7, request).then((res) => {
      answered = true;
      return res;
    });
    await settle();
    expect(answered).toBe(false);
    controller.activate(EMPTY_IMAGE, 0);
    c.leaderChanged();
    await settle();
    expect(answered).toBe(true);
    expect((await call).topics).toEqual([]);
  });

  it('still tries again after the pause when no leader change comes', async () => {
    const { client: c, controller } = client();
    const call = c.call(CreateTopicsApi, 7, request);
    await settle();
    controller.activate(EMPTY_IMAGE, 0);
    await vi.advanceTimersByTimeAsync(25);
    expect((await call).topics).toEqual([]);
  });

  it('leaves no timer behind once a forwarded call is answered and this broker caught up', async () => {
    const controller = new QuorumController({ config, random: () => 0.5 }, 'cluster');
    const quorum = { leader: () => ({ leaderId: 2, epoch: 1 }), addressOf: () => ({ host: 'localhost', port: 9093 }) } as unknown as MetadataQuorum;
    // The active controller answers, then says its high watermark is 0: nothing to catch up on.
    const peers = {
      request: async (_voter: unknown, api: { name: string }) =>
        (api.name === 'DescribeQuorum' ? { topics: [{ partitions: [{ highWatermark: 0 }] }] } : { throttleTimeMs: 0, topics: [] }),
    } as unknown as PeerClient;
    const c = new ControllerClient({
      nodeId: 1, controller, quorum, publisher: new MetadataPublisher(() => undefined), peers, nowMs: () => Date.now(), timeoutMs: 30_000,
    });
    expect((await c.call(CreateTopicsApi, 7, request)).topics).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  // A heartbeat answered by a controller that vanishes right after: the call still ends within its
  // time-out (half a broker session), or the broker sends no heartbeat meanwhile and the next
  // controller fences it.
  describe('a forwarded call answered just before its controller vanished ends by its own time-out', () => {
    const heartbeat = { brokerId: 1, brokerEpoch: 5, currentMetadataOffset: 0, wantFence: false, wantShutDown: false, offlineLogDirs: [] };
    const answer = { throttleTimeMs: 0, errorCode: 0, isCaughtUp: true, isFenced: false, shouldShutDown: false };

    function forwarding(describeQuorum: (timeoutMs: number) => Promise<unknown>): ControllerClient {
      const controller = new QuorumController({ config, random: () => 0.5 }, 'cluster');
      const quorum = { leader: () => ({ leaderId: 2, epoch: 1 }), addressOf: () => ({ host: 'localhost', port: 9093 }) } as unknown as MetadataQuorum;
      const peers = {
        request: async (_voter: unknown, api: { name: string }, _version: number, _body: unknown, timeoutMs: number) =>
          (api.name === 'DescribeQuorum' ? describeQuorum(timeoutMs) : answer),
      } as unknown as PeerClient;
      return new ControllerClient({
        nodeId: 1, controller, quorum, publisher: new MetadataPublisher(() => undefined), peers, nowMs: () => Date.now(), timeoutMs: 30_000,
      });
    }

    async function endsBy(c: ControllerClient, ms: number): Promise<void> {
      let res: unknown;
      void c.call(BrokerHeartbeatApi, 1, heartbeat, ms).then((r) => { res = r; });
      await vi.advanceTimersByTimeAsync(ms);
      expect(res).toEqual(answer);
    }

    it('when the high watermark question is lost on the way (it fails at its time-out, as a lost peer request does)', async () => {
      const lost = (timeoutMs: number) => new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), timeoutMs));
      await endsBy(forwarding(lost), 750);
    });

    it('when this broker\'s image is behind the high watermark and stays so', async () => {
      await endsBy(forwarding(async () => ({ topics: [{ partitions: [{ highWatermark: 100 }] }] })), 750);
    });
  });

  it('holds a request from another broker while this elected controller activates, and refuses it if that takes longer than a pause', async () => {
    const { client: c, controller } = client();
    let answer: { topics: unknown[] } | undefined;
    void c.callLocal(CreateTopicsApi, request).then((res) => { answer = res; });
    await settle();
    expect(answer).toBeUndefined();
    controller.activate(EMPTY_IMAGE, 0);
    c.leaderChanged();
    await settle();
    expect(answer?.topics).toEqual([]);
    controller.deactivate();
    const refused = c.callLocal(CreateTopicsApi, { ...request, topics: [{ name: 't', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }] });
    await vi.advanceTimersByTimeAsync(25);
    expect((await refused).topics[0]!.errorCode).toBe(ErrorCode.NOT_CONTROLLER);
  });

  it('gives up a waiting call at once when stopped', async () => {
    const { client: c } = client();
    const call = c.call(CreateTopicsApi, 7, { ...request, topics: [{ name: 't', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }] });
    await settle();
    c.stop();
    await settle();
    expect((await call).topics[0]!.errorCode).toBe(ErrorCode.NOT_CONTROLLER);
  });
});
