// Self-signed certificates for local TLS: a CA, and node or client certificates it signs, as PEM.
// ECDSA P-256 keys and SHA-256 signatures; subjectAltName lists the host names and addresses a
// client may use, so host-name checking (ssl.endpoint.identification.algorithm=https) passes.
// For local development and tests only: keys are written unencrypted.
import { X509Certificate, createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import net from 'node:net';
import { bitString, boolean, children, explicit, implicit, octetString, oid, sequence, set, time, unsignedInteger, utf8String } from './der.js';

export interface Issued {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#8, unencrypted). */
  key: string;
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const DAY_MS = 86_400_000;

export interface CertificateRequest {
  /** Common name (CN) of the subject. */
  commonName: string;
  organization?: string;
  /** DNS names and IP addresses for subjectAltName. */
  hosts?: readonly string[];
  validDays?: number;
}

/** A self-signed CA certificate. */
export function createCa(commonName = 'kraftling local CA', validDays = 3650): Issued {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = distinguishedName(commonName, 'kraftling');
  const extensions = [
    extension('2.5.29.19', true, sequence(boolean(true))),
    extension('2.5.29.15', true, bitString(Buffer.from([0x06]), 1)), // keyCertSign, cRLSign
    extension('2.5.29.14', false, octetString(keyId(spki))),
  ];
  return issue({ subject: name, issuer: name, spki, extensions, validDays, signer: privateKey, subjectKey: privateKey });
}

/** A certificate for a node (server and client use) or a client, signed by the CA. */
export function issueCertificate(ca: Issued, req: CertificateRequest): Issued {
  const caKey = createPrivateKey(ca.key);
  const caCert = new X509Certificate(ca.cert);
  const caSpki = caCert.publicKey.export({ type: 'spki', format: 'der' });
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const extensions = [
    extension('2.5.29.19', true, sequence()),
    extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)), // digitalSignature
    extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
    extension('2.5.29.14', false, octetString(keyId(spki))),
    extension('2.5.29.35', false, sequence(implicit(0, keyId(caSpki)))),
  ];
  const hosts = req.hosts ?? [];
  if (hosts.length > 0) {
    extensions.push(extension('2.5.29.17', false, sequence(...hosts.map((h) => (net.isIP(h) ? implicit(7, ipBytes(h)) : implicit(2, Buffer.from(h)))))));
  }
  return issue({
    subject: distinguishedName(req.commonName, req.organization), issuer: caSubjectDer(caCert.raw), spki, extensions,
    validDays: req.validDays ?? 825, signer: caKey, subjectKey: privateKey,
  });
}

function issue(o: { subject: Buffer; issuer: Buffer; spki: Buffer; extensions: Buffer[]; validDays: number; signer: KeyObject; subjectKey: KeyObject }): Issued {
  const now = Date.now();
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(serial),
    ECDSA_WITH_SHA256,
    o.issuer,
    sequence(time(new Date(now - DAY_MS)), time(new Date(now + o.validDays * DAY_MS))),
    o.subject,
    o.spki,
    explicit(3, sequence(...o.extensions)),
  );
  const signature = sign('sha256', tbs, o.signer);
  const der = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
  return { cert: pem('CERTIFICATE', der), key: o.subjectKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

/** The subject Name of a certificate, byte for byte: the issuer of what it signs. */
function caSubjectDer(certDer: Buffer): Buffer {
  const tbs = children(certDer)[0]!;
  const fields = children(tbs);
  // [0] version, serial, signature algorithm, issuer, validity, subject
  return fields[fields[0]![0] === 0xa0 ? 5 : 4]!;
}

function distinguishedName(commonName: string, organization?: string): Buffer {
  const rdn = (type: string, value: string) => set(sequence(oid(type), utf8String(value)));
  return organization ? sequence(rdn('2.5.4.10', organization), rdn('2.5.4.3', commonName)) : sequence(rdn('2.5.4.3', commonName));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

/** RFC 5280's key identifier method 1 would hash only the key bits; any stable hash serves. */
function keyId(spki: Buffer): Buffer {
  return createHash('sha1').update(spki).digest();
}

function ipBytes(ip: string): Buffer {
  if (net.isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  const full = ip.includes('::') ? expandV6(ip) : ip.split(':');
  return Buffer.concat(full.map((g) => Buffer.from(g.padStart(4, '0'), 'hex')));
}

function expandV6(ip: string): string[] {
  const [head, tail] = ip.split('::') as [string, string];
  const h = head === '' ? [] : head.split(':');
  const t = tail === '' ? [] : tail.split(':');
  return [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
}

function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
