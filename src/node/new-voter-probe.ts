// Kafka's AddVoterHandler asks the new voter, over the endpoint the request names, for its
// ApiVersions before it appends anything: an endpoint the leader cannot reach, or a node that
// cannot serve the finalized kraft.version, is refused then rather than added as a voter that
// could never take part. The range it answers goes into the VotersRecord.
import { ApiVersionsApi } from '../../protocol/generated/api/18-api-versions.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { PeerClient } from './peer-client.js';

export type ProbeResult =
  | { ok: true; range: { min: number; max: number } }
  | { ok: false; errorCode: number; errorMessage: string };

/** Asks `voterId` at one of its `listeners` for its kraft.version range and checks `finalized` is in it. */
export async function probeNewVoter(peers: PeerClient, voterId: number, listeners: readonly { name: string; host: string; port: number }[],
  finalized: number, timeoutMs: number): Promise<ProbeResult> {
  const endpoint = listeners[0];
  if (endpoint === undefined) return { ok: false, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `node ${voterId} has no endpoints` };
  let res;
  try {
    res = await peers.request(endpoint, ApiVersionsApi, 3, { clientSoftwareName: 'kraftling', clientSoftwareVersion: '1' }, timeoutMs);
  } catch (err) {
    return { ok: false, errorCode: ErrorCode.REQUEST_TIMED_OUT, errorMessage: `node ${voterId} at ${endpoint.host}:${endpoint.port} did not answer ApiVersions: ${(err as Error).message}` };
  }
  const feature = res.supportedFeatures.find((f) => f.name === 'kraft.version');
  const range = { min: feature?.minVersion ?? 0, max: feature?.maxVersion ?? 0 };
  if (finalized < range.min || finalized > range.max) {
    return { ok: false, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `node ${voterId} supports kraft.version [${range.min}, ${range.max}], not the finalized ${finalized}` };
  }
  return { ok: true, range };
}
