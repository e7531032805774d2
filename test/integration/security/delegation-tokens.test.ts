// Delegation tokens end to end: alice (SASL PLAIN) creates one, authenticates with it over SCRAM
// (tokenauth=true) as herself, renews, describes and expires it; tokens are refused over PLAINTEXT
// and over a token connection; without delegation.token.secret.key they are disabled; a restart
// keeps them (they are metadata records).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CreateDelegationTokenApi } from '../../../protocol/generated/api/38-create-delegation-token.js';
import { RenewDelegationTokenApi } from '../../../protocol/generated/api/39-renew-delegation-token.js';
import { ExpireDelegationTokenApi } from '../../../protocol/generated/api/40-expire-delegation-token.js';
import { DescribeDelegationTokenApi } from '../../../protocol/generated/api/41-describe-delegation-token.js';
import { ProduceApi } from '../../../protocol/generated/api/00-produce.js';
import { ErrorCode } from '../../../protocol/errors.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../../helpers/cluster.js';
import { RawClient } from '../../helpers/raw-client.js';
import { ACLS_ANONYMOUS_SUPER_USER, listenerAddress, saslPlaintextOverrides } from '../../helpers/security.js';
import { plainClient, scramTokenClient } from '../../helpers/sasl-client.js';

const JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret" user_bob="bob-secret";';
const overrides = (secret: boolean): Record<string, string> => ({
  ...saslPlaintextOverrides(JAAS, 'PLAIN,SCRAM-SHA-256'),
  ...ACLS_ANONYMOUS_SUPER_USER,
  ...(secret ? { 'delegation.token.secret.key': 'a-secret-for-tests' } : {}),
});
const create = (client: RawClient, renewers: string[] = []) => client.request(CreateDelegationTokenApi, 3, {
  ownerPrincipalType: null, ownerPrincipalName: null, renewers: renewers.map((principalName) => ({ principalType: 'User', principalName })), maxLifetimeMs: -1,
});
const produce = (client: RawClient, topic: string) => client.request(ProduceApi, 9, {
  transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: null }] }],
}).then((r) => r.responses[0]!.partitionResponses[0]!.errorCode);

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function secured(dataDir?: string, clusterId?: string, secret = true): Promise<Cluster> {
  const cluster = await startCluster({ overrides: overrides(secret), ...(dataDir ? { dataDir, ephemeral: false } : {}), ...(clusterId ? { clusterId } : {}) });
  cleanups.push(() => cluster.stop());
  return cluster;
}

describe('delegation tokens', () => {
  it('are created, used over SCRAM as their owner, renewed, described, expired, and kept across a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-tokens-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await secured(dataDir);
    const admin = kafkaClient(listenerAddress(first, 'PLAINTEXT')).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'alice-only' }] });
    await admin.createAcls({ acl: [{ resourceType: 2, resourceName: 'alice-only', resourcePatternType: 3, principal: 'User:alice', host: '*', operation: 4, permissionType: 3 }] });
    await admin.disconnect();
    const sasl = listenerAddress(first, 'SASL_PLAINTEXT');

    // Not over PLAINTEXT (User:ANONYMOUS).
    const anonymous = await RawClient.connect(listenerAddress(first, 'PLAINTEXT'));
    expect((await create(anonymous)).errorCode).toBe(ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED);
    anonymous.close();

    const alice = await plainClient(sasl, 'alice', 'alice-secret');
    const token = await create(alice, ['bob']);
    expect(token).toMatchObject({ errorCode: ErrorCode.NONE, principalName: 'alice', tokenRequesterPrincipalName: 'alice' });
    expect(token.hmac.length).toBe(64);
    const password = token.hmac.toString('base64');

    const asToken = await scramTokenClient(sasl, token.tokenId, password);
    // Past authorization as alice (an empty produce is then INVALID_RECORD); bob is refused below.
    expect(await produce(asToken, 'alice-only')).toBe(ErrorCode.INVALID_RECORD);
    expect((await create(asToken)).errorCode).toBe(ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED);
    asToken.close();
    await expect(scramTokenClient(sasl, token.tokenId, 'wrong')).rejects.toThrow(/SCRAM failed/);

    const bob = await plainClient(sasl, 'bob', 'bob-secret');
    expect(await produce(bob, 'alice-only')).toBe(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
    const renewed = await bob.request(RenewDelegationTokenApi, 2, { hmac: token.hmac, renewPeriodMs: 1000 });
    expect(renewed.errorCode).toBe(ErrorCode.NONE);
    expect(renewed.expiryTimestampMs).toBeLessThan(token.expiryTimestampMs);
    const described = await bob.request(DescribeDelegationTokenApi, 3, { owners: null });
    expect(described.tokens.map((t) => [t.tokenId, t.principalName, t.renewers.map((r) => r.principalName)])).toEqual([[token.tokenId, 'alice', ['bob']]]);
    bob.close();
    alice.close();
    await first.stop();

    // After a restart the token is still there (and still authenticates) until alice expires it.
    const second = await secured(dataDir, first.clusterId);
    const sasl2 = listenerAddress(second, 'SASL_PLAINTEXT');
    const alice2 = await plainClient(sasl2, 'alice', 'alice-secret');
    const renewedAgain = await alice2.request(RenewDelegationTokenApi, 2, { hmac: token.hmac, renewPeriodMs: 3_600_000 });
    expect(renewedAgain.errorCode).toBe(ErrorCode.NONE);
    (await scramTokenClient(sasl2, token.tokenId, password)).close();
    expect((await alice2.request(ExpireDelegationTokenApi, 2, { hmac: token.hmac, expiryTimePeriodMs: -1 })).errorCode).toBe(ErrorCode.NONE);
    expect((await alice2.request(DescribeDelegationTokenApi, 3, { owners: null })).tokens).toEqual([]);
    expect((await alice2.request(RenewDelegationTokenApi, 2, { hmac: token.hmac, renewPeriodMs: 1000 })).errorCode).toBe(ErrorCode.DELEGATION_TOKEN_NOT_FOUND);
    await expect(scramTokenClient(sasl2, token.tokenId, password)).rejects.toThrow(/SCRAM failed/);
    alice2.close();
  });

  it('are disabled without delegation.token.secret.key', async () => {
    const cluster = await secured(undefined, undefined, false);
    const alice = await plainClient(listenerAddress(cluster, 'SASL_PLAINTEXT'), 'alice', 'alice-secret');
    expect((await create(alice)).errorCode).toBe(ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED);
    alice.close();
  });
});
