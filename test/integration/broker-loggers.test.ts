// A broker's log level changed at run time through the BROKER_LOGGER config resource, as
// `kafka-configs --entity-type broker-loggers` changes Kafka's: `kraftling configs` against a
// two-node process sets node 1's root logger to DEBUG, after which a connection reset by its client
// gets node 1's debug line (it got none at INFO), while node 2 stays at INFO. Kafka's errors for
// an unknown logger, a bad level and removing root's level. The level is not persisted: after a
// SIGKILL and restart the node is back at its start-up level.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { runCli, startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { retry } from '../helpers/retry.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const newDataDir = tempDirs('kraftling-loggers-');
let brokers: BrokerProcess[] = [];
afterEach(() => {
  for (const b of brokers) b.child.kill('SIGKILL');
  brokers = [];
});

async function start(dataDir: string): Promise<BrokerProcess> {
  const broker = await startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--nodes', '2', '--log-level', 'info']);
  brokers.push(broker);
  return broker;
}

function loggers(bootstrap: string, node: number, ...args: string[]) {
  return runCli(['configs', '--bootstrap-server', bootstrap, '--entity-type', 'broker-loggers', '--entity-name', String(node), ...args]);
}

/** Opens a connection to the first node and resets it (RST), which the node logs at debug. */
async function resetConnection(bootstrap: string): Promise<void> {
  const [host, port] = bootstrap.split(',')[0]!.split(':') as [string, string];
  const socket = net.connect(Number(port), host);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.resetAndDestroy();
  // A round trip on another connection: the node has read the reset by the time it answers.
  const client = await RawClient.connect(bootstrap.split(',')[0]!);
  await client.request(MetadataApi, 12, { topics: [], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
  client.close();
}

const resets = (broker: BrokerProcess): string[] => broker.stderr().split('\n').filter((l) => l.includes('closing connection: socket error'));

describe('broker loggers', () => {
  it('change one node\'s log level at run time, with Kafka\'s checks, until it restarts', async () => {
    const dataDir = newDataDir();
    let broker = await start(dataDir);
    const describe1 = await loggers(broker.bootstrap, 1, '--describe');
    expect(describe1.stdout).toBe('Dynamic configs for broker-logger 1 are:\n  root=INFO source=DYNAMIC_BROKER_LOGGER_CONFIG\n');

    await resetConnection(broker.bootstrap);
    expect(resets(broker)).toEqual([]);
    expect((await loggers(broker.bootstrap, 1, '--alter', '--add-config', 'root=DEBUG')).stdout).toBe('Completed updating config for broker-logger 1.\n');
    expect(broker.stderr()).toContain('Updated the log level of root to DEBUG');
    await resetConnection(broker.bootstrap);
    await retry(async () => expect(resets(broker)).toHaveLength(1), 10_000, 50);
    expect(JSON.parse(resets(broker)[0]!)).toMatchObject({ level: 20, node: 1 });
    expect((await loggers(broker.bootstrap, 1, '--describe')).stdout).toContain('  root=DEBUG source=DYNAMIC_BROKER_LOGGER_CONFIG\n');
    expect((await loggers(broker.bootstrap, 2, '--describe')).stdout).toContain('  root=INFO source=DYNAMIC_BROKER_LOGGER_CONFIG\n');

    const unknown = await loggers(broker.bootstrap, 1, '--alter', '--add-config', 'kafka.server.ReplicaManager=DEBUG');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Logger kafka.server.ReplicaManager does not exist!');
    const level = await loggers(broker.bootstrap, 1, '--alter', '--add-config', 'root=LOUD');
    expect(level.stderr).toContain('Cannot set the log level of root to LOUD as it is not a supported log level. Valid log levels are DEBUG, ERROR, FATAL, INFO, TRACE, WARN');
    const removed = await loggers(broker.bootstrap, 1, '--alter', '--delete-config', 'root');
    expect(removed.stderr).toContain('INVALID_REQUEST');
    expect(removed.stderr).toContain('Removing the log level of the root logger is not allowed');

    broker.child.kill('SIGKILL');
    await broker.exited;
    broker = await start(dataDir);
    expect((await loggers(broker.bootstrap, 1, '--describe')).stdout).toBe(describe1.stdout);
  });
});
