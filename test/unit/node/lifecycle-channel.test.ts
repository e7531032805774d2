// A broker's heartbeats go to the active controller on a connection of their own, apart from the
// requests it forwards (Kafka's "heartbeat" and "forwarding" channels). Answers come in request
// order on a connection, and a request's time-out closes its connection: a heartbeat sent behind a
// large CreateTopics waited for it, timed out, and took the CreateTopics down with it, which was
// then sent again and found its topics already created. Here a controller (a TCP stand-in) takes
// 600 ms to answer CreateTopics and never answers a heartbeat: the heartbeat times out, and the
// CreateTopics is answered on its first and only attempt.
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { CreateTopicsApi } from '../../../protocol/generated/api/19-create-topics.js';
import { DescribeQuorumApi } from '../../../protocol/generated/api/55-describe-quorum.js';
import { BrokerHeartbeatApi } from '../../../protocol/generated/api/63-broker-heartbeat.js';
import { readRequestFrame, writeResponseFrame } from '../../../protocol/registry.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { QuorumController } from '../../../src/controller/quorum-controller.js';
import type { MetadataQuorum } from '../../../src/kraft/metadata-quorum.js';
import { ControllerClient } from '../../../src/node/controller-client.js';
import { MetadataPublisher } from '../../../src/node/metadata-publisher.js';
import { PeerClient } from '../../../src/node/peer-client.js';

const CREATE_ANSWER_MS = 600;
const HEARTBEAT_TIMEOUT_MS = 200;

/** The active controller's listener: counts CreateTopics requests, answers them late, and
 * answers DescribeQuorum at once (high watermark 0: nothing to catch up on). */
async function slowController(): Promise<{ port: number; creates: () => number; close: () => void }> {
  let creates = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const frame = pending.subarray(4, 4 + pending.readInt32BE(0));
        pending = pending.subarray(4 + frame.length);
        const { header } = readRequestFrame(frame);
        const { requestApiKey: key, requestApiVersion: version, correlationId } = header;
        if (key === CreateTopicsApi.key) {
          creates++;
          setTimeout(() => socket.destroyed || socket.write(Buffer.concat(writeResponseFrame(CreateTopicsApi, version, correlationId, { ...CreateTopicsApi.defaultResponse(), topics: [] }))), CREATE_ANSWER_MS);
        } else if (key === DescribeQuorumApi.key) {
          socket.write(Buffer.concat(writeResponseFrame(DescribeQuorumApi, version, correlationId, { ...DescribeQuorumApi.defaultResponse(), topics: [] })));
        }
        // A heartbeat is never answered.
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    creates: () => creates,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

it('does not let a heartbeat\'s time-out fail a forwarded request in flight', async () => {
  const server = await slowController();
  const peers = new PeerClient('test-forwarding');
  const lifecyclePeers = new PeerClient('test-heartbeat');
  closers.push(server.close, () => peers.close(), () => lifecyclePeers.close());
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
  const quorum = { leader: () => ({ leaderId: 2, epoch: 1 }), addressOf: () => ({ host: '127.0.0.1', port: server.port }) } as unknown as MetadataQuorum;
  const client = new ControllerClient({
    nodeId: 1, controller: new QuorumController({ config, random: () => 0.5 }, 'cluster'), quorum,
    publisher: new MetadataPublisher(() => undefined), peers, lifecyclePeers, nowMs: () => Date.now(), timeoutMs: 5_000,
  });
  closers.push(() => client.stop());

  const create = client.call(CreateTopicsApi, 7, { topics: [], timeoutMs: 5_000, validateOnly: false });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const heartbeat = await client.call(BrokerHeartbeatApi, 1,
    { brokerId: 1, brokerEpoch: 5, currentMetadataOffset: 0, wantFence: false, wantShutDown: false, offlineLogDirs: [] }, HEARTBEAT_TIMEOUT_MS);
  expect(heartbeat.errorCode).not.toBe(0);

  expect((await create).topics).toEqual([]);
  expect(server.creates()).toBe(1);
});
