// What a listener's security protocol asks for, from Kafka's keys: the protocol from
// listener.security.protocol.map, TLS server options from the ssl.* keys (PEM files or inline PEM,
// PKCS12 files), an SSL listener's ssl.principal.mapping.rules, and the SASL mechanisms with their
// user sources. Every key can be given per listener as listener.name.<listener, lower case>.<key>,
// which wins over the plain key; JAAS entries per mechanism as
// listener.name.<listener>.<mechanism, lower case>.sasl.jaas.config.
import fs from 'node:fs';
import type tls from 'node:tls';
import { oauthBearerServer } from '../broker/sasl/oauthbearer.js';
import { parseJaasConfig, plainUsers } from '../broker/sasl/jaas.js';
import { plainServer } from '../broker/sasl/plain.js';
import { scramLookup, scramMechanism, scramServer } from '../broker/sasl/scram.js';
import { tokenCredentials } from '../broker/token-credentials.js';
import type { SaslListenerConfig } from '../broker/sasl/session.js';
import { parsePrincipalRules, type PrincipalNameMapper } from '../broker/ssl-principal-rules.js';
import { ConfigError, splitList } from '../config/definition.js';
import type { ServerConfig } from '../config/server-config.js';
import type { MetadataImage } from '../metadata/image.js';
import type { PeerSecurity } from './peer-client.js';
import { saslClient } from './sasl-client.js';

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
const PROTOCOLS: readonly string[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];
export const SASL_MECHANISMS: readonly string[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'];

export function securityProtocol(config: ServerConfig, listenerName: string): SecurityProtocol {
  for (const entry of config.list('listener.security.protocol.map')) {
    const [name, protocol] = entry.split(':');
    if (name?.toUpperCase() !== listenerName.toUpperCase()) continue;
    const p = (protocol ?? '').toUpperCase();
    if (!PROTOCOLS.includes(p)) throw new ConfigError('listener.security.protocol.map', `${protocol} is not one of ${PROTOCOLS.join(', ')}`);
    return p as SecurityProtocol;
  }
  throw new ConfigError('listener.security.protocol.map', `has no security protocol for listener ${listenerName}`);
}

/** A key's value for one listener: listener.name.<name>.<key> first, then <key>. */
export function listenerSetting(config: ServerConfig, listenerName: string, key: string): string | null {
  return config.get(`listener.name.${listenerName.toLowerCase()}.${key}`) ?? config.get(key);
}

/** The listener follower brokers fetch on: inter.broker.listener.name, else the first broker listener. */
export function interBrokerListenerName(config: ServerConfig): string {
  const controllerNames = new Set(config.controllerListenerNames);
  return config.get('inter.broker.listener.name') ?? config.listeners.find((l) => !controllerNames.has(l.name))?.name ?? 'PLAINTEXT';
}

export function usesTls(p: SecurityProtocol): boolean {
  return p === 'SSL' || p === 'SASL_SSL';
}

export function usesSasl(p: SecurityProtocol): boolean {
  return p === 'SASL_PLAINTEXT' || p === 'SASL_SSL';
}

/** The certificate, key and trusted CAs of a listener (shared by its server and our clients). */
export function tlsMaterial(config: ServerConfig, listenerName: string): tls.SecureContextOptions {
  const get = (key: string) => listenerSetting(config, listenerName, key);
  const out: tls.SecureContextOptions = {};
  const keystoreType = (get('ssl.keystore.type') ?? 'JKS').toUpperCase();
  const keystoreFile = get('ssl.keystore.location');
  const inlineKey = get('ssl.keystore.key');
  if (inlineKey !== null) {
    out.key = inlineKey;
    out.cert = get('ssl.keystore.certificate.chain') ?? undefined;
  } else if (keystoreFile !== null) {
    if (keystoreType === 'PEM') {
      // One PEM file with the private key and the certificate chain; OpenSSL picks each block.
      const pem = readFile('ssl.keystore.location', keystoreFile);
      out.key = pem;
      out.cert = pem;
    } else if (keystoreType === 'PKCS12') {
      out.pfx = fs.readFileSync(keystoreFile);
      out.passphrase = get('ssl.keystore.password') ?? undefined;
    } else {
      throw new ConfigError('ssl.keystore.type', `${keystoreType} keystores are not read by kraftling; use PEM or PKCS12`);
    }
  }
  const keyPassword = get('ssl.key.password');
  if (keyPassword !== null && out.pfx === undefined) out.passphrase = keyPassword;
  const trustInline = get('ssl.truststore.certificates');
  const trustFile = get('ssl.truststore.location');
  if (trustInline !== null) out.ca = trustInline;
  else if (trustFile !== null) {
    if ((get('ssl.truststore.type') ?? 'JKS').toUpperCase() !== 'PEM') {
      throw new ConfigError('ssl.truststore.type', 'kraftling reads PEM truststores only');
    }
    out.ca = readFile('ssl.truststore.location', trustFile);
  }
  return out;
}

/**
 * An SSL listener's ssl.principal.mapping.rules (listener-prefixed or not), or undefined for
 * DEFAULT alone (the subject is the name). Rules that do not parse fail the start.
 */
export function principalRules(config: ServerConfig, listenerName: string): PrincipalNameMapper | undefined {
  const rules = listenerSetting(config, listenerName, 'ssl.principal.mapping.rules');
  if (rules === null || rules.trim() === 'DEFAULT') return undefined;
  try {
    return parsePrincipalRules(rules);
  } catch (err) {
    throw new ConfigError('ssl.principal.mapping.rules', `listener ${listenerName}: ${(err as Error).message}`);
  }
}

export function serverTlsOptions(config: ServerConfig, listenerName: string): tls.TlsOptions {
  const material = tlsMaterial(config, listenerName);
  if (material.key === undefined && material.pfx === undefined) {
    throw new ConfigError(`listener.name.${listenerName.toLowerCase()}.ssl.keystore.location`, `listener ${listenerName} uses TLS but has no keystore`);
  }
  const clientAuth = listenerSetting(config, listenerName, 'ssl.client.auth') ?? 'none';
  return {
    ...material,
    requestCert: clientAuth !== 'none',
    // "requested": a client without a certificate is let in (as ANONYMOUS).
    rejectUnauthorized: clientAuth === 'required',
  };
}

export function saslListenerConfig(config: ServerConfig, listenerName: string, image: () => MetadataImage): SaslListenerConfig {
  const mechanisms = splitList(listenerSetting(config, listenerName, 'sasl.enabled.mechanisms') ?? '');
  const unsupported = mechanisms.filter((m) => !SASL_MECHANISMS.includes(m));
  if (unsupported.length > 0 || mechanisms.length === 0) {
    throw new ConfigError('sasl.enabled.mechanisms', `listener ${listenerName}: ${unsupported.join(', ') || 'none'} not supported; kraftling serves ${SASL_MECHANISMS.join(', ')}`);
  }
  const jaas = (mechanism: string) => {
    const text = listenerSetting(config, listenerName, `${mechanism.toLowerCase()}.sasl.jaas.config`) ?? listenerSetting(config, listenerName, 'sasl.jaas.config');
    return text === null ? null : parseJaasConfig(text);
  };
  const plain = mechanisms.includes('PLAIN') ? jaas('PLAIN') : null;
  if (mechanisms.includes('PLAIN') && plain === null) {
    throw new ConfigError(`listener.name.${listenerName.toLowerCase()}.plain.sasl.jaas.config`, 'PLAIN needs a PlainLoginModule entry with user_<name>="<password>" options');
  }
  const passwords = plain === null ? new Map<string, string>() : plainUsers(plain);
  const oauth = mechanisms.includes('OAUTHBEARER') ? jaas('OAUTHBEARER') : null;
  const oauthOptions = {
    principalClaimName: oauth?.options.get('unsecuredValidatorPrincipalClaimName') ?? 'sub',
    allowableClockSkewMs: Number(oauth?.options.get('unsecuredValidatorAllowableClockSkewMs') ?? '0'),
  };
  return {
    mechanisms,
    reauthMs: Number(listenerSetting(config, listenerName, 'connections.max.reauth.ms') ?? '0'),
    create(mechanism) {
      if (mechanism === 'PLAIN') return plainServer(passwords);
      if (mechanism === 'OAUTHBEARER') return oauthBearerServer(oauthOptions);
      const scram = scramMechanism(mechanism);
      if (scram === undefined) return null;
      const users = scramLookup((user) => image().scramCredentials.get(user)?.get(scram.type));
      // tokenauth=true: the user name is a delegation token id (the runtime owns the clock).
      return scramServer(scram.hash, (user, extensions) => extensions.get('tokenauth') === 'true'
        ? tokenCredentials(image(), user, config.get('delegation.token.secret.key'), scram.hash, Date.now())
        : users(user, extensions));
    },
  };
}

function readFile(key: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(key, `cannot read ${file}: ${(err as Error).message}`);
  }
}

/**
 * How this node's own clients reach a listener of another node: Raft, registration and forwarded
 * requests use the controller listener (sasl.mechanism.controller.protocol), replica fetches the
 * inter-broker listener (sasl.mechanism.inter.broker.protocol). As in Kafka, they use the
 * listener's own ssl.* keys (truststore, and keystore for client certificates) and the
 * `username`/`password` options of the listener's JAAS entry for that mechanism.
 */
export function peerSecurity(config: ServerConfig, listenerName: string, traffic: 'controller' | 'broker'): PeerSecurity {
  const protocol = securityProtocol(config, listenerName);
  const out: PeerSecurity = {};
  if (usesTls(protocol)) {
    const material = tlsMaterial(config, listenerName);
    const checkHost = (listenerSetting(config, listenerName, 'ssl.endpoint.identification.algorithm') ?? 'https') !== '';
    out.tls = { ...material, ...(checkHost ? {} : { checkServerIdentity: () => undefined }) };
  }
  if (usesSasl(protocol)) {
    const key = traffic === 'controller' ? 'sasl.mechanism.controller.protocol' : 'sasl.mechanism.inter.broker.protocol';
    const mechanism = config.get(key) ?? 'GSSAPI';
    const text = listenerSetting(config, listenerName, `${mechanism.toLowerCase()}.sasl.jaas.config`) ?? listenerSetting(config, listenerName, 'sasl.jaas.config');
    const options = text === null ? undefined : parseJaasConfig(text).options;
    const username = options?.get('username');
    const password = options?.get('password');
    if (!['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'].includes(mechanism) || username === undefined || password === undefined) {
      throw new ConfigError(key, `listener ${listenerName} carries ${traffic} traffic over ${protocol}: set ${key} to PLAIN or SCRAM-SHA-256/512 ` +
        `and username="..." password="..." in listener.name.${listenerName.toLowerCase()}.${mechanism.toLowerCase()}.sasl.jaas.config`);
    }
    out.authenticate = saslClient(mechanism, username, password);
  }
  return out;
}
