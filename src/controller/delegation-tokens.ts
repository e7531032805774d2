// Delegation tokens on the active controller, as Kafka's DelegationTokenControlManager: create
// writes a DelegationTokenRecord (a random token id; expiry = now + delegation.token.expiry.time.ms,
// capped by the max lifetime), renew moves the expiry (never past the max timestamp), expire with
// a period <= 0 removes the token (RemoveDelegationTokenRecord), else shortens its life. The broker
// has already checked who may do this (owner, renewers, CREATE_TOKENS) against its image.
import type { CreateDelegationTokenRequest, CreateDelegationTokenResponse } from '../../protocol/generated/api/38-create-delegation-token.js';
import type { RenewDelegationTokenRequest, RenewDelegationTokenResponse } from '../../protocol/generated/api/39-renew-delegation-token.js';
import type { ExpireDelegationTokenRequest, ExpireDelegationTokenResponse } from '../../protocol/generated/api/40-expire-delegation-token.js';
import { ErrorCode } from '../../protocol/errors.js';
import { tokenByHmac, tokenHmac, type DelegationTokenState } from '../metadata/delegation-tokens.js';
import type { MetadataImage } from '../metadata/image.js';
import { MetadataRecordType, record } from '../metadata/records.js';
import { newTopicId, type ControllerEnv, type ControllerResult } from './env.js';

function secretKey(env: ControllerEnv): string | null {
  return env.config.get('delegation.token.secret.key');
}

export function createDelegationToken(env: ControllerEnv, image: MetadataImage, req: CreateDelegationTokenRequest, nowMs: number): ControllerResult<CreateDelegationTokenResponse> {
  const key = secretKey(env);
  const owner = { type: req.ownerPrincipalType ?? 'User', name: req.ownerPrincipalName ?? '' };
  const base: CreateDelegationTokenResponse = {
    errorCode: ErrorCode.NONE, principalType: owner.type, principalName: owner.name, tokenRequesterPrincipalType: owner.type,
    tokenRequesterPrincipalName: owner.name, issueTimestampMs: -1, expiryTimestampMs: -1, maxTimestampMs: -1, tokenId: '', hmac: Buffer.alloc(0), throttleTimeMs: 0,
  };
  if (key === null) return { records: [], response: { ...base, errorCode: ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED } };
  const maxLifetimeMs = Number(env.config.get('delegation.token.max.lifetime.ms'));
  const maxTimestamp = nowMs + (req.maxLifetimeMs > 0 ? Math.min(req.maxLifetimeMs, maxLifetimeMs) : maxLifetimeMs);
  const expiry = Math.min(nowMs + Number(env.config.get('delegation.token.expiry.time.ms')), maxTimestamp);
  const tokenId = newTopicId(env.random, image);
  const data = {
    owner: `${owner.type}:${owner.name}`, requester: `${owner.type}:${owner.name}`,
    renewers: req.renewers.map((r) => `${r.principalType}:${r.principalName}`),
    issueTimestamp: nowMs, maxTimestamp, expirationTimestamp: expiry, tokenId,
  };
  return {
    records: [record(MetadataRecordType.DELEGATION_TOKEN, data)],
    response: { ...base, issueTimestampMs: nowMs, expiryTimestampMs: expiry, maxTimestampMs: maxTimestamp, tokenId, hmac: tokenHmac(tokenId, key) },
  };
}

export function renewDelegationToken(env: ControllerEnv, image: MetadataImage, req: RenewDelegationTokenRequest, nowMs: number): ControllerResult<RenewDelegationTokenResponse> {
  const found = findLive(env, image, req.hmac, nowMs);
  if ('errorCode' in found) return { records: [], response: { ...found, expiryTimestampMs: -1, throttleTimeMs: 0 } };
  const t = found.token;
  const period = req.renewPeriodMs < 0 ? Number(env.config.get('delegation.token.expiry.time.ms')) : req.renewPeriodMs;
  const expiry = Math.min(nowMs + period, t.maxTimestamp);
  return {
    records: [record(MetadataRecordType.DELEGATION_TOKEN, { ...t, renewers: [...t.renewers], expirationTimestamp: expiry })],
    response: { errorCode: ErrorCode.NONE, expiryTimestampMs: expiry, throttleTimeMs: 0 },
  };
}

export function expireDelegationToken(env: ControllerEnv, image: MetadataImage, req: ExpireDelegationTokenRequest, nowMs: number): ControllerResult<ExpireDelegationTokenResponse> {
  const found = findLive(env, image, req.hmac, nowMs);
  if ('errorCode' in found) return { records: [], response: { ...found, expiryTimestampMs: -1, throttleTimeMs: 0 } };
  const t = found.token;
  if (req.expiryTimePeriodMs < 0) {
    return { records: [record(MetadataRecordType.REMOVE_DELEGATION_TOKEN, { tokenId: t.tokenId })], response: { errorCode: ErrorCode.NONE, expiryTimestampMs: nowMs, throttleTimeMs: 0 } };
  }
  const expiry = Math.min(nowMs + req.expiryTimePeriodMs, t.maxTimestamp);
  return {
    records: [record(MetadataRecordType.DELEGATION_TOKEN, { ...t, renewers: [...t.renewers], expirationTimestamp: expiry })],
    response: { errorCode: ErrorCode.NONE, expiryTimestampMs: expiry, throttleTimeMs: 0 },
  };
}

function findLive(env: ControllerEnv, image: MetadataImage, hmac: Buffer, nowMs: number): { errorCode: number } | { token: DelegationTokenState } {
  const key = secretKey(env);
  if (key === null) return { errorCode: ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED };
  const token = tokenByHmac(image, hmac, key);
  if (!token) return { errorCode: ErrorCode.DELEGATION_TOKEN_NOT_FOUND };
  if (token.expirationTimestamp < nowMs) return { errorCode: ErrorCode.DELEGATION_TOKEN_EXPIRED };
  return { token };
}

/** Kafka's sweepExpiredDelegationTokens: a RemoveDelegationTokenRecord for each lapsed token. */
export function sweepExpiredTokens(image: MetadataImage, nowMs: number) {
  return [...image.delegationTokens.values()]
    .filter((t) => t.expirationTimestamp < nowMs)
    .map((t) => record(MetadataRecordType.REMOVE_DELEGATION_TOKEN, { tokenId: t.tokenId }));
}
