// Delegation tokens on the controller, with a virtual clock: expiry and max lifetime as Kafka's
// DelegationTokenControlManager computes them, renewals capped at the max timestamp, expiry
// immediate for a negative period, the periodic sweep of lapsed tokens, and the HMAC Kafka gives.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { createDelegationToken, expireDelegationToken, renewDelegationToken, sweepExpiredTokens } from '../../../src/controller/delegation-tokens.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import type { MetadataRecord } from '../../../src/metadata/records.js';
import { applyRecords } from '../../helpers/metadata-images.js';
import { controllerEnv } from './harness.js';

const env = controllerEnv({ 'delegation.token.secret.key': 'k', 'delegation.token.expiry.time.ms': '1000', 'delegation.token.max.lifetime.ms': '5000' });
const req = { ownerPrincipalType: 'User', ownerPrincipalName: 'alice', renewers: [{ principalType: 'User', principalName: 'bob' }], maxLifetimeMs: -1 };
const apply = (image: MetadataImage, records: MetadataRecord[]) => applyRecords(image, records);

describe('delegation tokens on the controller', () => {
  it('creates a token with Kafka HMAC, expiry and max lifetime', () => {
    const { records, response } = createDelegationToken(env, EMPTY_IMAGE, req, 10_000);
    expect(response).toMatchObject({ errorCode: ErrorCode.NONE, issueTimestampMs: 10_000, expiryTimestampMs: 11_000, maxTimestampMs: 15_000 });
    expect(response.hmac).toEqual(createHmac('sha512', 'k').update(response.tokenId).digest());
    const image = apply(EMPTY_IMAGE, records);
    expect(image.delegationTokens.get(response.tokenId)).toMatchObject({ owner: 'User:alice', renewers: ['User:bob'] });
    // A shorter max lifetime asked for wins; the expiry never passes it.
    expect(createDelegationToken(env, EMPTY_IMAGE, { ...req, maxLifetimeMs: 500 }, 0).response).toMatchObject({ expiryTimestampMs: 500, maxTimestampMs: 500 });
  });

  it('renews up to the max timestamp, expires, and sweeps lapsed tokens', () => {
    const created = createDelegationToken(env, EMPTY_IMAGE, req, 0);
    let image = apply(EMPTY_IMAGE, created.records);
    const hmac = created.response.hmac;
    const renewed = renewDelegationToken(env, image, { hmac, renewPeriodMs: 10_000 }, 900);
    expect(renewed.response).toMatchObject({ errorCode: ErrorCode.NONE, expiryTimestampMs: 5000 });
    image = apply(image, renewed.records);
    expect(renewDelegationToken(env, image, { hmac, renewPeriodMs: 1 }, 6000).response.errorCode).toBe(ErrorCode.DELEGATION_TOKEN_EXPIRED);
    expect(renewDelegationToken(env, image, { hmac: Buffer.alloc(64), renewPeriodMs: 1 }, 0).response.errorCode).toBe(ErrorCode.DELEGATION_TOKEN_NOT_FOUND);
    expect(sweepExpiredTokens(image, 4000)).toEqual([]);
    expect(apply(image, sweepExpiredTokens(image, 6000)).delegationTokens.size).toBe(0);
    const expired = expireDelegationToken(env, image, { hmac, expiryTimePeriodMs: -1 }, 1000);
    expect(apply(image, expired.records).delegationTokens.size).toBe(0);
  });

  it('is disabled without a secret key', () => {
    expect(createDelegationToken(controllerEnv(), EMPTY_IMAGE, req, 0).response.errorCode).toBe(ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED);
  });
});
