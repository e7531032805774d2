// Columns padded to their widest cell, one space apart, as the Kafka tools print their tables.
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(' ').trimEnd()).join('\n') + '\n';
}

/** Topic-partition order, as Kafka's tools sort them: by topic name, then partition number (so
 * partition 10 follows 9, not 1). */
export function byTopicPartition(a: readonly [string, number], b: readonly [string, number]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
}
