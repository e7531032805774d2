// AlterUserScramCredentials on the active controller, as Kafka's ScramControlManager: each user
// may appear once per request (a second deletion or upsertion of the same user fails both with
// DUPLICATE_RESOURCE); an empty name is UNACCEPTABLE_CREDENTIAL, an unknown mechanism
// UNSUPPORTED_SASL_MECHANISM, iterations outside 4096..16384 UNACCEPTABLE_CREDENTIAL, deleting a
// credential that does not exist RESOURCE_NOT_FOUND. Accepted upsertions become
// UserScramCredentialRecords holding StoredKey and ServerKey (never the salted password).
import { ErrorCode } from '../../protocol/errors.js';
import type { AlterUserScramCredentialsRequest, AlterUserScramCredentialsResponse } from '../../protocol/generated/api/51-alter-user-scram-credentials.js';
import { SCRAM_MAX_ITERATIONS, SCRAM_MIN_ITERATIONS, scramCredential, scramMechanism } from '../broker/sasl/scram.js';
import type { MetadataImage } from '../metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';
import type { ControllerEnv, ControllerResult } from './env.js';

type Result = AlterUserScramCredentialsResponse['results'][number];
type Deletion = AlterUserScramCredentialsRequest['deletions'][number];
type Upsertion = AlterUserScramCredentialsRequest['upsertions'][number];

const DUPLICATE = 'A user credential cannot be altered twice in the same request';

export function alterUserScramCredentials(_env: ControllerEnv, image: MetadataImage, req: AlterUserScramCredentialsRequest):
  ControllerResult<AlterUserScramCredentialsResponse> {
  const deletions = new Map<string, Deletion>();
  const upsertions = new Map<string, Upsertion>();
  const errors = new Map<string, [number, string]>();
  for (const d of req.deletions) {
    if (errors.has(d.name)) continue;
    if (deletions.delete(d.name)) errors.set(d.name, [ErrorCode.DUPLICATE_RESOURCE, DUPLICATE]);
    else {
      const error = checkName(d.name, d.mechanism) ??
        (image.scramCredentials.get(d.name)?.has(d.mechanism) ? null : [ErrorCode.RESOURCE_NOT_FOUND, 'Attempt to delete a user credential that does not exist'] as [number, string]);
      if (error) errors.set(d.name, error);
      else deletions.set(d.name, d);
    }
  }
  for (const u of req.upsertions) {
    if (errors.has(u.name)) continue;
    if (deletions.delete(u.name) || upsertions.delete(u.name)) errors.set(u.name, [ErrorCode.DUPLICATE_RESOURCE, DUPLICATE]);
    else {
      const error = checkName(u.name, u.mechanism) ?? checkIterations(u.iterations);
      if (error) errors.set(u.name, error);
      else upsertions.set(u.name, u);
    }
  }
  const records: MetadataRecord[] = [];
  const results: Result[] = [];
  for (const d of deletions.values()) {
    records.push(record(MetadataRecordType.REMOVE_USER_SCRAM_CREDENTIAL, { name: d.name, mechanism: d.mechanism }));
    results.push({ user: d.name, errorCode: ErrorCode.NONE, errorMessage: null });
  }
  for (const u of upsertions.values()) {
    const c = scramCredential(scramMechanism(u.mechanism)!.hash, u.saltedPassword, u.salt, u.iterations);
    records.push(record(MetadataRecordType.USER_SCRAM_CREDENTIAL, { name: u.name, mechanism: u.mechanism, ...c }));
    results.push({ user: u.name, errorCode: ErrorCode.NONE, errorMessage: null });
  }
  for (const [user, [errorCode, errorMessage]] of errors) results.push({ user, errorCode, errorMessage });
  return { records, response: { throttleTimeMs: 0, results } };
}

function checkName(name: string, mechanism: number): [number, string] | null {
  if (name === '') return [ErrorCode.UNACCEPTABLE_CREDENTIAL, 'Username must not be empty'];
  if (scramMechanism(mechanism) === undefined) return [ErrorCode.UNSUPPORTED_SASL_MECHANISM, 'Unknown SCRAM mechanism'];
  return null;
}

function checkIterations(iterations: number): [number, string] | null {
  if (iterations < SCRAM_MIN_ITERATIONS) return [ErrorCode.UNACCEPTABLE_CREDENTIAL, 'Too few iterations'];
  if (iterations > SCRAM_MAX_ITERATIONS) return [ErrorCode.UNACCEPTABLE_CREDENTIAL, 'Too many iterations'];
  return null;
}
