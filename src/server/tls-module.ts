// node:tls, loaded on first use: it costs about three megabytes of resident memory, and most brokers
// (every plaintext one) never open a TLS socket.
import { createRequire } from 'node:module';
import type tlsModule from 'node:tls';

let tls: typeof tlsModule | undefined;

export function loadTls(): typeof tlsModule {
  return (tls ??= createRequire(import.meta.url)('node:tls') as typeof tlsModule);
}
