// `kraftling certs`: a self-signed CA and certificates it signs, for TLS listeners on a developer's
// machine. An existing CA in the directory is reused, so new node or client certificates chain to
// the one clients already trust. Prints the server.properties lines that use them.
import fs from 'node:fs';
import path from 'node:path';
import { createCa, issueCertificate, type Issued } from '../src/cluster/certificates.js';

export async function runCerts(values: Record<string, unknown>): Promise<number> {
  const dir = (values.dir as string | undefined) ?? path.join('.kraftling', 'certs');
  const hosts = (values.host as string[] | undefined) ?? ['localhost', '127.0.0.1', '::1'];
  const clients = (values.client as string[] | undefined) ?? [];
  fs.mkdirSync(dir, { recursive: true });
  const caCert = path.join(dir, 'ca.pem');
  const caKey = path.join(dir, 'ca-key.pem');
  let ca: Issued;
  if (fs.existsSync(caCert) && fs.existsSync(caKey)) ca = { cert: fs.readFileSync(caCert, 'utf8'), key: fs.readFileSync(caKey, 'utf8') };
  else {
    ca = createCa();
    fs.writeFileSync(caCert, ca.cert);
    fs.writeFileSync(caKey, ca.key, { mode: 0o600 });
  }
  const write = (name: string, issued: Issued): string => {
    const file = path.join(dir, `${name}.pem`);
    // Key and chain in one PEM file: what ssl.keystore.type=PEM with ssl.keystore.location reads.
    fs.writeFileSync(file, issued.key + issued.cert + ca.cert, { mode: 0o600 });
    return file;
  };
  const node = write('node', issueCertificate(ca, { commonName: hosts[0] ?? 'localhost', hosts }));
  const clientFiles = clients.map((c) => write(c, issueCertificate(ca, { commonName: c })));
  process.stdout.write([
    `Wrote ${[caCert, node, ...clientFiles].join(', ')}`,
    '',
    '# server.properties',
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${path.resolve(node)}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${path.resolve(caCert)}`,
    '',
  ].join('\n'));
  return 0;
}
