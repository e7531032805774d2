// Every simulated message goes through the generated codecs at their highest version, as the
// runtime will send it, so the core only ever sees what survives the wire. Vote's PreVote flag has
// no field before Vote v2, so it is carried across by hand until the spec has it.
import type { ApiDefinition } from '../../protocol/definition.js';
import { FetchApi } from '../../protocol/generated/api/01-fetch.js';
import { VoteApi } from '../../protocol/generated/api/52-vote.js';
import { BeginQuorumEpochApi } from '../../protocol/generated/api/53-begin-quorum-epoch.js';
import { EndQuorumEpochApi } from '../../protocol/generated/api/54-end-quorum-epoch.js';
import { FetchSnapshotApi } from '../../protocol/generated/api/59-fetch-snapshot.js';
import { Reader } from '../../protocol/primitives/reader.js';
import { Writer } from '../../protocol/primitives/writer.js';
import type { RaftRequestBody, RaftResponseBody } from '../../src/raft/messages.js';

const APIS: Record<number, ApiDefinition> = { 1: FetchApi, 52: VoteApi, 53: BeginQuorumEpochApi, 54: EndQuorumEpochApi, 59: FetchSnapshotApi };

function roundTrip<T>(write: (w: Writer, v: T, version: number) => void, read: (r: Reader, version: number) => T, body: T, version: number): T {
  const w = new Writer();
  write(w, body, version);
  const r = new Reader(w.toBuffer());
  const decoded = read(r, version);
  if (r.remaining !== 0) throw new Error(`${r.remaining} bytes left after decoding`);
  return decoded;
}

export function requestOverWire(message: RaftRequestBody): RaftRequestBody {
  const api = APIS[message.apiKey]!;
  const body = roundTrip(api.writeRequest, api.readRequest, message.body, api.maxStableVersion);
  return { apiKey: message.apiKey, body } as RaftRequestBody;
}

export function responseOverWire(message: RaftResponseBody): RaftResponseBody {
  const api = APIS[message.apiKey]!;
  return { apiKey: message.apiKey, body: roundTrip(api.writeResponse, api.readResponse, message.body, api.maxStableVersion) } as RaftResponseBody;
}
