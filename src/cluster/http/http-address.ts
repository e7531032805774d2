// The HTTP listener's address syntax, apart from the listener itself: `kraftling start` checks
// --http with it before anything starts, without loading any HTTP code.

/** Parses `host:port` (`[::1]:8080` for IPv6, `:8080` for 127.0.0.1); port 0 picks a free one. */
export function parseHttpAddress(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new RangeError(`the HTTP listener takes host:port (port 0-65535, 0 picks a free one), got "${value}"`);
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}
