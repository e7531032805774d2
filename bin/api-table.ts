// `kraftling apis`: the APIs each listener serves, as tables (the README's tables come from here).
import { supportedApis } from '../src/broker/registry.js';
import type { ListenerType } from '../src/broker/handler.js';
import { apiDefinition } from '../protocol/registry.js';

export function versionRange(min: number, max: number): string {
  return min === max ? String(min) : `${min}-${max}`;
}

export function apiRows(listener: ListenerType): string[][] {
  return supportedApis(listener).map((a) => [String(a.apiKey), apiDefinition(a.apiKey)!.name, versionRange(a.minVersion, a.maxVersion)]);
}

function table(rows: string[][]): string {
  const header = ['key', 'api', 'versions'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function apiTable(): string {
  return `Broker listener (clients, follower brokers):\n${table(apiRows('broker'))}\nController listener (controller.listener.names):\n${table(apiRows('controller'))}`;
}
