// Injected error answers must be valid responses at every version a client may speak: each broker
// API's error response encodes and decodes, and carries the code where a client looks for it.
import { describe, expect, it } from 'vitest';
import { ProduceApi } from '../../../protocol/generated/api/00-produce.js';
import { FetchApi } from '../../../protocol/generated/api/01-fetch.js';
import { MetadataApi } from '../../../protocol/generated/api/03-metadata.js';
import { FindCoordinatorApi } from '../../../protocol/generated/api/10-find-coordinator.js';
import { JoinGroupApi } from '../../../protocol/generated/api/11-join-group.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { readResponseFrame, writeResponseFrame } from '../../../protocol/registry.js';
import { errorResponse } from '../../../src/broker/error-responses.js';
import { handlerFor, supportedApis } from '../../../src/broker/registry.js';

const CODE = ErrorCode.NOT_LEADER_OR_FOLLOWER;

/** Encodes then decodes the error response, as the client would read it. */
function roundTrip(apiKey: number, version: number, req: unknown): any {
  const def = handlerFor(apiKey)!.api;
  const frame = Buffer.concat(writeResponseFrame(def, version, 7, errorResponse(def, req, CODE, version)));
  return readResponseFrame(def, version, frame.subarray(4)).body;
}

describe('errorResponse', () => {
  it('encodes and decodes for every broker API at every served version', () => {
    for (const api of supportedApis('broker')) {
      const def = handlerFor(api.apiKey)!.api;
      for (let v = api.minVersion; v <= api.maxVersion; v++) {
        expect(() => roundTrip(api.apiKey, v, def.defaultRequest()), `${def.name} v${v}`).not.toThrow();
      }
    }
  });

  it('Produce and Fetch: every partition asked for carries the error', () => {
    const produce = { ...ProduceApi.defaultRequest(), topicData: [{ name: 'orders', partitionData: [{ index: 2, records: null }, { index: 5, records: null }] }] };
    for (const v of [3, 9, 11]) {
      const res = roundTrip(ProduceApi.key, v, produce);
      expect(res.responses[0].partitionResponses.map((p: any) => [p.index, p.errorCode])).toEqual([[2, CODE], [5, CODE]]);
    }
    const fetch = { ...FetchApi.defaultRequest(), topics: [{ topic: 'orders', topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [{ partition: 1, currentLeaderEpoch: -1, fetchOffset: 0, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1, replicaDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA' }] }] };
    for (const v of [4, 11, 13]) {
      const res = roundTrip(FetchApi.key, v, fetch);
      expect(res.responses[0].partitions[0]).toMatchObject({ partitionIndex: 1, errorCode: CODE });
    }
  });

  it('Metadata: each named topic carries it; FindCoordinator and JoinGroup at the top (and per key from v4)', () => {
    const metadata = { ...MetadataApi.defaultRequest(), topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'orders' }] };
    expect(roundTrip(MetadataApi.key, 9, metadata).topics.map((t: any) => [t.name, t.errorCode])).toEqual([['orders', CODE]]);
    expect(roundTrip(FindCoordinatorApi.key, 2, { ...FindCoordinatorApi.defaultRequest(), key: 'g' }).errorCode).toBe(CODE);
    const v4 = roundTrip(FindCoordinatorApi.key, 4, { ...FindCoordinatorApi.defaultRequest(), coordinatorKeys: ['g'] });
    expect(v4.coordinators.map((c: any) => [c.key, c.errorCode])).toEqual([['g', CODE]]);
    expect(roundTrip(JoinGroupApi.key, 5, JoinGroupApi.defaultRequest()).errorCode).toBe(CODE);
  });
});
