// Group configs (KIP-848) end to end on a broker process: `kraftling configs --entity-type groups`
// sets a consumer group's own session timeout and heartbeat interval (IncrementalAlterConfigs on
// resource type GROUP) and describes them; raw-protocol members of that group are told its
// heartbeat interval and a silent one is fenced after its session timeout (far below the broker's
// 45 s), while another group keeps the broker's values. The configs are metadata records, so they
// hold after a SIGKILL and restart.
import { describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { ErrorCode } from '../../protocol/errors.js';
import { brokerProcesses, runCli } from '../helpers/broker-process.js';
import { RawConsumerMember } from '../helpers/kip848-raw-member.js';
import { retry } from '../helpers/retry.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const start = brokerProcesses();
const newDataDir = tempDirs('kraftling-group-configs-');
/** Bounds low enough for a group session timeout of seconds (Kafka's minimum is 45 s). */
const BOUNDS = ['-o', 'group.consumer.min.session.timeout.ms=1000', '-o', 'group.consumer.min.heartbeat.interval.ms=100'];

function configs(bootstrap: string, ...args: string[]) {
  return runCli(['configs', '--bootstrap-server', bootstrap, '--entity-type', 'groups', '--entity-name', 'fast', ...args]);
}

describe('group configs', () => {
  it('give a consumer group its own heartbeat interval and session timeout, kept across kill -9', async () => {
    const dataDir = newDataDir();
    let broker = await start(dataDir, BOUNDS);
    const admin = new Kafka({ clientId: 'group-configs', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'gc-in', numPartitions: 4 }], waitForLeaders: true });
    await admin.disconnect();

    const set = await configs(broker.bootstrap, '--alter', '--add-config', 'consumer.session.timeout.ms=2000,consumer.heartbeat.interval.ms=500');
    expect(set.stdout).toBe('Completed updating config for group fast.\n');
    const described = await configs(broker.bootstrap, '--describe');
    expect(described.stdout).toBe('Dynamic configs for group fast are:\n'
      + '  consumer.heartbeat.interval.ms=500 source=GROUP_CONFIG\n  consumer.session.timeout.ms=2000 source=GROUP_CONFIG\n');
    const bad = await configs(broker.bootstrap, '--alter', '--add-config', 'consumer.heartbeat.interval.ms=2000');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('consumer.session.timeout.ms must be greater than consumer.heartbeat.interval.ms');

    const members: RawConsumerMember[] = [];
    const member = (groupId: string, memberId: string): RawConsumerMember => {
      const m = new RawConsumerMember(broker.bootstrap, groupId, memberId, ['gc-in']);
      members.push(m);
      return m;
    };
    try {
      const a = member('fast', 'stays');
      const b = member('fast', 'goes-silent');
      const other = member('slow', 'other');
      await retry(async () => {
        for (const m of [a, b, other]) expect(await m.heartbeat()).toBe(ErrorCode.NONE);
        expect([a.ownedCount(), b.ownedCount()]).toEqual([2, 2]);
      }, 30_000, 50);
      expect([a.heartbeatIntervalMs, other.heartbeatIntervalMs]).toEqual([500, 5000]);
      // b stops; within the group's 2 s session (the broker's is 45 s) it is fenced and a owns all.
      await retry(async () => {
        expect(await a.heartbeat()).toBe(ErrorCode.NONE);
        expect(a.ownedCount()).toBe(4);
      }, 30_000, 100);
      expect(await b.heartbeat()).toBe(ErrorCode.UNKNOWN_MEMBER_ID);

      broker.child.kill('SIGKILL');
      await broker.exited;
      broker = await start(dataDir, BOUNDS);
      const after = member('fast', 'after-restart');
      await retry(async () => expect(await after.heartbeat()).toBe(ErrorCode.NONE), 30_000, 50);
      expect(after.heartbeatIntervalMs).toBe(500);
      expect((await configs(broker.bootstrap, '--describe')).stdout).toBe(described.stdout);
    } finally {
      for (const m of members) m.close();
    }
  });
});
