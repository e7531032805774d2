// Hostile or broken input: each bad connection is closed (or answered with a Kafka error code)
// and the broker keeps serving everyone else. Bad configuration stops the start with a message
// that names the key.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiVersionsApi } from '../../protocol/generated/api/18-api-versions.js';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { readResponseFrame, writeRequestFrame } from '../../protocol/registry.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { runCli } from '../helpers/broker-process.js';
import { startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ overrides: { 'socket.request.max.bytes': '1048576' } });
});

afterAll(async () => {
  await cluster?.stop();
});

function frame(payload: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}

async function stillServes(): Promise<void> {
  const client = await RawClient.connect(cluster.bootstrapServers);
  const res = await client.request(MetadataApi, 12, { topics: null, allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
  expect(res.brokers).toHaveLength(1);
  client.close();
}

/** Sends bytes and expects the broker to close the connection without answering. */
async function expectClosed(bytes: Buffer): Promise<void> {
  const client = await RawClient.connect(cluster.bootstrapServers);
  const answer = client.send(bytes).then(() => 'answered', () => 'closed');
  await client.closed();
  expect(await answer).toBe('closed');
}

describe('malformed frames', () => {
  it('closes a connection that sends garbage', async () => {
    await expectClosed(frame(Buffer.from('this is not a kafka request at all')));
    await stillServes();
  });

  it('closes a connection whose frame is larger than socket.request.max.bytes', async () => {
    const size = Buffer.alloc(4);
    size.writeInt32BE(64 * 1024 * 1024);
    await expectClosed(size);
    await stillServes();
  });

  it('closes a connection with a negative frame size', async () => {
    await expectClosed(Buffer.from([0xff, 0xff, 0xff, 0xf0]));
    await stillServes();
  });

  it('closes a connection whose request body is truncated', async () => {
    const whole = Buffer.concat(writeRequestFrame(MetadataApi, 12, 1, 'x', { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'some-topic' }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false }));
    const cut = whole.subarray(4, whole.length - 6);
    await expectClosed(frame(cut));
    await stillServes();
  });

  it('survives a client that disconnects in the middle of a frame', async () => {
    const socket = net.connect(Number(cluster.bootstrapServers.split(':')[1]), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.end(Buffer.from([0, 0, 1, 0, 0, 3, 0]));
    await new Promise((r) => socket.once('close', r));
    await stillServes();
  });
});

describe('unknown APIs and versions', () => {
  it('closes the connection on an unknown API key', async () => {
    const header = Buffer.alloc(10);
    header.writeInt16BE(9999, 0);
    header.writeInt16BE(0, 2);
    header.writeInt32BE(7, 4);
    header.writeInt16BE(-1, 8);
    await expectClosed(frame(header));
    await stillServes();
  });

  it('closes the connection on an unsupported version of an API', async () => {
    const bytes = Buffer.concat(writeRequestFrame(MetadataApi, 12, 1, 'x', MetadataApi.defaultRequest()));
    bytes.writeInt16BE(99, 6);
    await expectClosed(bytes);
    await stillServes();
  });

  it('answers an ApiVersions version it does not know with UNSUPPORTED_VERSION in the v0 layout', async () => {
    const client = await RawClient.connect(cluster.bootstrapServers);
    const bytes = Buffer.concat(writeRequestFrame(ApiVersionsApi, 3, 5, 'x', ApiVersionsApi.defaultRequest()));
    bytes.writeInt16BE(77, 6);
    const res = readResponseFrame(ApiVersionsApi, 0, await client.send(bytes));
    expect(res.correlationId).toBe(5);
    expect(res.body.errorCode).toBe(35);
    expect(res.body.apiKeys).toEqual([{ apiKey: 18, minVersion: 0, maxVersion: 4 }]);
    client.close();
  });
});

describe('bad configuration', () => {
  it('stops the start and names the key of an invalid value', async () => {
    const r = await runCli(['start', '--ephemeral', '--port', '0', '--override', 'num.partitions=many']);
    // A usage error (exit 2), as a bad flag is; 1 is for failures at run time.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/num\.partitions/);
  });

  it('refuses an override that is not key=value', async () => {
    const r = await runCli(['start', '--ephemeral', '--port', '0', '--override', 'nonsense']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/key=value/);
  });

  it('refuses unknown flags', async () => {
    const r = await runCli(['start', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-such-flag/);
  });
});
