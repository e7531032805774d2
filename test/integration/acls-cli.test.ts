// `kraftling acls` end to end: kafka-acls' flags against a running broker, over the Kafka protocol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { runCli } from '../helpers/broker-process.js';
import { startCluster } from '../helpers/cluster.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ overrides: { 'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer', 'allow.everyone.if.no.acl.found': 'true' } });
});
afterAll(async () => {
  await cluster?.stop();
});

describe('kraftling acls', () => {
  it('adds, lists and removes ACLs as kafka-acls does', async () => {
    const bs = ['--bootstrap-server', cluster.bootstrapServers];
    const added = await runCli(['acls', ...bs, '--add', '--allow-principal', 'User:alice', '--operation', 'Read', '--operation', 'Write', '--topic', 'orders']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Adding ACLs for resource `ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`:');
    expect(added.stdout).toContain('(principal=User:alice, host=*, operation=WRITE, permissionType=ALLOW)');

    const consumer = await runCli(['acls', ...bs, '--add', '--consumer', '--allow-principal', 'User:bob', '--topic', 'pay-', '--group', 'pay-', '--resource-pattern-type', 'prefixed']);
    expect(consumer.code).toBe(0);

    const listed = await runCli(['acls', ...bs, '--list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Current ACLs for resource `ResourcePattern(resourceType=GROUP, name=pay-, patternType=PREFIXED)`:');
    expect(listed.stdout).toContain('(principal=User:bob, host=*, operation=READ, permissionType=ALLOW)');

    const removed = await runCli(['acls', ...bs, '--remove', '--force', '--allow-principal', 'User:alice', '--operation', 'Read', '--topic', 'orders']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed (principal=User:alice, host=*, operation=READ, permissionType=ALLOW)');

    const left = await runCli(['acls', ...bs, '--list', '--topic', 'orders']);
    expect(left.stdout).toContain('operation=WRITE');
    expect(left.stdout).not.toContain('operation=READ');

    const bad = await runCli(['acls', ...bs, '--add', '--allow-principal', 'alice', '--topic', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must look like User:name');
  }, 120_000);
});
