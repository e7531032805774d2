// Hand-checked frames (the annotated .hex files next to this test), compared byte for byte with
// what the registry and generated codecs write, and decoded back to the same values.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ApiDefinition } from '../../../protocol/definition.js';
import { ApiVersionsApi } from '../../../protocol/generated/api/18-api-versions.js';
import { FetchApi } from '../../../protocol/generated/api/01-fetch.js';
import { MetadataApi } from '../../../protocol/generated/api/03-metadata.js';
import { ProduceApi } from '../../../protocol/generated/api/00-produce.js';
import { readRequestFrame, readResponseFrame, writeRequestFrame, writeResponseFrame } from '../../../protocol/registry.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLIENT_ID = 'kraftling';
const ORDERS_ID = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex').toString('base64url');
const RECORDS = Buffer.from('deadbeef', 'hex');
const METADATA_VERSION = 'metadata.version';

/** The bytes of an annotated hex file: `#` starts a comment, whitespace is ignored. */
function golden(name: string): Buffer {
  const text = fs.readFileSync(path.join(here, name), 'utf8').replace(/#.*$/gm, '').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/.test(text)) throw new Error(`${name} is not hex`);
  return Buffer.from(text, 'hex');
}

interface Frame {
  file: string;
  def: ApiDefinition;
  version: number;
  correlationId: number;
  kind: 'request' | 'response';
  /** Fields that differ from the message's defaults. */
  body: Record<string, unknown>;
}

const apiKeys = [{ apiKey: 0, minVersion: 0, maxVersion: 11 }, { apiKey: 18, minVersion: 0, maxVersion: 4 }];
const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
const orders = (partitions: Record<string, unknown>[]): Record<string, unknown> => ({ topic: 'orders', topicId: ZERO_UUID, partitions });

const FRAMES: Frame[] = [
  { file: 'api-versions-v0-request.hex', def: ApiVersionsApi, version: 0, correlationId: 1, kind: 'request', body: {} },
  { file: 'api-versions-v0-response.hex', def: ApiVersionsApi, version: 0, correlationId: 1, kind: 'response', body: { apiKeys } },
  {
    file: 'api-versions-v3-request.hex', def: ApiVersionsApi, version: 3, correlationId: 2, kind: 'request',
    body: { clientSoftwareName: 'kraftling', clientSoftwareVersion: '0.1.0' },
  },
  {
    file: 'api-versions-v3-response.hex', def: ApiVersionsApi, version: 3, correlationId: 3, kind: 'response',
    body: {
      apiKeys,
      supportedFeatures: [{ name: METADATA_VERSION, minVersion: 1, maxVersion: 21 }],
      finalizedFeaturesEpoch: 5,
      finalizedFeatures: [{ name: METADATA_VERSION, maxVersionLevel: 21, minVersionLevel: 21 }],
    },
  },
  {
    file: 'metadata-v12-request.hex', def: MetadataApi, version: 12, correlationId: 4, kind: 'request',
    body: { topics: [{ topicId: ZERO_UUID, name: 'orders' }], allowAutoTopicCreation: true },
  },
  {
    file: 'metadata-v12-response.hex', def: MetadataApi, version: 12, correlationId: 5, kind: 'response',
    body: {
      brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }],
      clusterId: 'c1',
      controllerId: 1,
      topics: [{
        errorCode: 0, name: 'orders', topicId: ORDERS_ID, isInternal: false, topicAuthorizedOperations: -2147483648,
        partitions: [{
          errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 0, replicaNodes: [1], isrNodes: [1], offlineReplicas: [],
        }],
      }],
    },
  },
  {
    file: 'produce-v9-request.hex', def: ProduceApi, version: 9, correlationId: 6, kind: 'request',
    body: { transactionalId: null, acks: -1, timeoutMs: 30000, topicData: [{ name: 'orders', partitionData: [{ index: 0, records: RECORDS }] }] },
  },
  {
    file: 'produce-v9-response.hex', def: ProduceApi, version: 9, correlationId: 7, kind: 'response',
    body: {
      responses: [{
        name: 'orders',
        partitionResponses: [{
          index: 0, errorCode: 0, baseOffset: 42, logAppendTimeMs: -1, logStartOffset: 0, recordErrors: [], errorMessage: null,
          currentLeader: { leaderId: -1, leaderEpoch: -1 },
        }],
      }],
    },
  },
  {
    file: 'fetch-v12-request.hex', def: FetchApi, version: 12, correlationId: 11, kind: 'request',
    body: {
      clusterId: 'c1', replicaId: -1, maxWaitMs: 500, minBytes: 1, maxBytes: 0x7fffffff, isolationLevel: 1, sessionId: 0, sessionEpoch: -1,
      topics: [orders([{
        partition: 0, currentLeaderEpoch: 3, fetchOffset: 100, lastFetchedEpoch: 2, logStartOffset: -1, partitionMaxBytes: 1048576,
        replicaDirectoryId: ZERO_UUID,
      }])],
      forgottenTopicsData: [],
      rackId: '',
    },
  },
  {
    file: 'fetch-v12-response.hex', def: FetchApi, version: 12, correlationId: 13, kind: 'response',
    body: {
      throttleTimeMs: 0, errorCode: 0, sessionId: 7,
      responses: [orders([{
        partitionIndex: 0, errorCode: 0, highWatermark: 10, lastStableOffset: 10, logStartOffset: 0,
        divergingEpoch: { epoch: 1, endOffset: 5 },
        currentLeader: { leaderId: 1, leaderEpoch: 2 },
        snapshotId: { endOffset: -1, epoch: -1 },
        abortedTransactions: null, preferredReadReplica: -1, records: RECORDS,
      }])],
    },
  },
];

function valueOf(f: Frame): Record<string, unknown> {
  const base = f.kind === 'request' ? f.def.defaultRequest() : f.def.defaultResponse();
  return { ...base, ...f.body };
}

function write(f: Frame): Buffer {
  const buffers = f.kind === 'request'
    ? writeRequestFrame(f.def, f.version, f.correlationId, CLIENT_ID, valueOf(f))
    : writeResponseFrame(f.def, f.version, f.correlationId, valueOf(f));
  return Buffer.concat(buffers);
}

function read(f: Frame, bytes: Buffer): unknown {
  const frame = bytes.subarray(4);
  if (f.kind === 'response') {
    const { correlationId, body } = readResponseFrame(f.def, f.version, frame);
    expect(correlationId).toBe(f.correlationId);
    return body;
  }
  const { header, body, def } = readRequestFrame(frame);
  expect(def).toBe(f.def);
  expect(header).toMatchObject({ requestApiKey: f.def.key, requestApiVersion: f.version, correlationId: f.correlationId, clientId: CLIENT_ID });
  const decoded = f.def.readRequest(body, f.version);
  expect(body.remaining).toBe(0);
  return decoded;
}

describe('golden wire frames', () => {
  it.each(FRAMES.map((f) => [f.file, f] as const))('%s', (_file, f) => {
    const expected = golden(f.file);
    expect(expected.readInt32BE(0), 'size prefix').toBe(expected.length - 4);
    expect(write(f).toString('hex')).toBe(expected.toString('hex'));
    expect(read(f, expected)).toEqual(valueOf(f));
  });
});
