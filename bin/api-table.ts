// `kraftling apis`: the APIs this broker serves, as a table (the README's table comes from here).
import { supportedApis } from '../src/broker/registry.js';
import { apiDefinition } from '../protocol/registry.js';

export function versionRange(min: number, max: number): string {
  return min === max ? String(min) : `${min}-${max}`;
}

export function apiTable(): string {
  const rows = supportedApis().map((a) => [String(a.apiKey), apiDefinition(a.apiKey)!.name, versionRange(a.minVersion, a.maxVersion)]);
  const header = ['key', 'api', 'versions'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
