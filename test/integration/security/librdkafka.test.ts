// librdkafka clients on secured listeners: python3 confluent-kafka with SASL_SSL SCRAM-SHA-256 and
// with OAUTHBEARER unsecured JWS tokens, and kcat over SSL with a client certificate (ssl.client.auth
// required). Each skips with one line when its package is absent (.ci/run installs them).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { startCluster } from '../../helpers/cluster.js';
import { alterScramUser, listenerAddress, tlsFixture } from '../../helpers/security.js';
import { pythonHas, which } from '../../helpers/system.js';

const run = promisify(execFile);
const PROGRAM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'librdkafka_secure.py');
const hasPython = pythonHas('confluent_kafka');
const hasKcat = which('kcat');

function skipLine(what: string, present: boolean): boolean {
  if (!present) {
    it(`finds ${what} (required when CI=true)`, () => {
      if (process.env.CI === 'true') expect.fail(`${what} is missing: .ci/run installs it`);
      console.log(`${what} not found: skipped`);
    });
  }
  return present;
}

describe('librdkafka on secured listeners', () => {
  const tls = tlsFixture();
  const caFile = path.join(tls.dir, 'ca.pem');
  let cluster: Cluster;
  beforeAll(async () => {
    fs.writeFileSync(path.join(tls.dir, 'client.crt'), tls.clientCert.cert);
    fs.writeFileSync(path.join(tls.dir, 'client.key'), tls.clientCert.key);
    cluster = await startCluster({
      overrides: {
        listeners: 'PLAINTEXT://127.0.0.1:0,SASL_SSL://127.0.0.1:0,SSL://127.0.0.1:0',
        'sasl.enabled.mechanisms': 'SCRAM-SHA-256,OAUTHBEARER',
        ...tls.keys('sasl_ssl'),
        ...tls.keys('ssl'),
        'listener.name.ssl.ssl.client.auth': 'required',
      },
    });
    await alterScramUser(listenerAddress(cluster, 'PLAINTEXT'), 'alice', 'alice-secret', 'SCRAM-SHA-256');
  });
  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tls.dir, { recursive: true, force: true });
  });

  const python = async (topic: string, settings: Record<string, unknown>) => {
    const { stdout } = await run('/usr/bin/python3', [PROGRAM, listenerAddress(cluster, 'SASL_SSL'), topic, '20', JSON.stringify(settings)], { timeout: 240_000 });
    return stdout.trim();
  };

  describe.runIf(skipLine('python3 confluent_kafka', hasPython))('python confluent-kafka', () => {
    it('SASL_SSL with SCRAM-SHA-256', async () => {
      expect(await python('rd-scram', {
        'security.protocol': 'SASL_SSL', 'sasl.mechanisms': 'SCRAM-SHA-256', 'sasl.username': 'alice', 'sasl.password': 'alice-secret',
        'ssl.ca.location': caFile,
      })).toBe('ok 20');
    }, 250_000);

    it('SASL_SSL with OAUTHBEARER unsecured tokens', async () => {
      expect(await python('rd-oauth', {
        'security.protocol': 'SASL_SSL', 'sasl.mechanisms': 'OAUTHBEARER', 'sasl.oauthbearer.config': 'principal=alice',
        'enable.sasl.oauthbearer.unsecure.jwt': true, 'ssl.ca.location': caFile,
      })).toBe('ok 20');
    }, 250_000);

    it('a wrong SCRAM password fails the client, not the broker', async () => {
      await expect(python('rd-bad', {
        'security.protocol': 'SASL_SSL', 'sasl.mechanisms': 'SCRAM-SHA-256', 'sasl.username': 'alice', 'sasl.password': 'nope',
        'ssl.ca.location': caFile, 'message.timeout.ms': 3000,
      })).rejects.toThrow(/Authentication|SASL/i);
    }, 250_000);
  });

  describe.runIf(skipLine('kcat', hasKcat))('kcat', () => {
    it('produces and consumes over SSL with a client certificate', async () => {
      const ssl = ['-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${caFile}`,
        '-X', `ssl.certificate.location=${path.join(tls.dir, 'client.crt')}`, '-X', `ssl.key.location=${path.join(tls.dir, 'client.key')}`];
      const broker = ['-b', listenerAddress(cluster, 'SSL')];
      const producer = execFile('kcat', [...broker, ...ssl, '-P', '-t', 'kcat-ssl'], { timeout: 60_000 });
      producer.stdin!.end('one\ntwo\nthree\n');
      await new Promise<void>((resolve, reject) => producer.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kcat exited ${code}`)))));
      const { stdout } = await run('kcat', [...broker, ...ssl, '-C', '-t', 'kcat-ssl', '-o', 'beginning', '-c', '3', '-e'], { timeout: 60_000 });
      expect(stdout.trim().split('\n')).toEqual(['one', 'two', 'three']);
    }, 130_000);

    it('refuses an SSL client without a certificate when ssl.client.auth=required', async () => {
      const result = await run('kcat', ['-b', listenerAddress(cluster, 'SSL'), '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${caFile}`,
        '-L', '-m', '5'], { timeout: 60_000 }).then(() => 'listed', (err: Error) => err.message);
      expect(result).not.toBe('listed');
    }, 70_000);
  });
});
