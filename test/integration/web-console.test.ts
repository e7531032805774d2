// The web console in a real headless Chromium against a three-node in-process cluster: the page
// loads, lists a topic kafkajs produced to and browses its records (key, headers, JSON value),
// shows a consumer group's lag move as records arrive, and after the active controller is killed
// from the page's own button, shows the new controller the quorum elects.
// Skipped when Debian's chromium package is absent (CI installs it). With KRAFTLING_CONSOLE_SCREENSHOT
// set to a path, the page is saved there as a PNG (docs/console.png was made that way).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { CHROMIUM, HeadlessChromium, type Page } from '../helpers/headless-chromium.js';
import { retry } from '../helpers/retry.js';

let cluster: Cluster;
let browser: HeadlessChromium;
let page: Page;

describe.skipIf(!CHROMIUM)('web console in headless Chromium (skipped: no chromium package)', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 3, http: '127.0.0.1:0' });
    browser = HeadlessChromium.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  it('loads and shows a topic kafkajs produced to, with its records', async () => {
    const producer = kafkaClient(cluster).producer();
    await producer.connect();
    await producer.send({
      topic: 'console-orders', acks: -1,
      messages: Array.from({ length: 10 }, (_, i) => ({ key: `order-${i}`, value: JSON.stringify({ id: i, item: 'widget' }), headers: { source: 'kafkajs' } })),
    });
    await producer.disconnect();
    page = await browser.open(`http://${cluster.httpAddress}/`);
    await page.waitFor('document.querySelector(\'tr[data-topic="console-orders"]\')', 30_000, 'the topic row');
    await page.evaluate(`(() => { const s = document.getElementById('r-topic'); s.value = 'console-orders';
      document.getElementById('r-format').value = 'json'; document.querySelector('#browse button').click(); })()`);
    const records = await page.waitFor<string>(`(() => { const t = document.getElementById('records').textContent; return t.includes('order-9') && t; })()`, 30_000, 'the records');
    expect(records).toContain('source=kafkajs');
    expect(records).toContain('{"id":9,"item":"widget"}');
    // The partitions table shows leader and ISR of the selected topic.
    await page.evaluate('document.querySelector(\'tr[data-topic="console-orders"]\').click()');
    const partitions = await page.waitFor<string>('(() => { const t = document.getElementById("partitions").textContent; return t.includes("high watermark") && t; })()');
    expect(document(partitions)).toMatch(/leader/);
  });

  it('shows a consumer group\'s lag move as records arrive', async () => {
    const kafka = kafkaClient(cluster);
    const consumer = kafka.consumer({ groupId: 'console-readers' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'console-orders', fromBeginning: true });
    let seen = 0;
    await consumer.run({ autoCommitInterval: 50, eachMessage: async () => void seen++ });
    await retry(async () => expect(seen).toBe(10), 30_000, 100);
    const lag = 'document.querySelector(\'h3[data-group="console-readers"] .lag\')?.textContent';
    await page.waitFor(`${lag} === '0'`, 30_000, 'lag 0');
    await consumer.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'console-orders', acks: -1, messages: Array.from({ length: 7 }, (_, i) => ({ key: `late-${i}`, value: 'late' })) });
    await producer.disconnect();
    await page.waitFor(`${lag} === '7'`, 30_000, 'lag 7');
    const shot = process.env.KRAFTLING_CONSOLE_SCREENSHOT;
    if (shot) fs.writeFileSync(shot, await page.screenshot());
  });

  it('shows the new controller after the old one is killed from the page', async () => {
    const controllerText = 'document.getElementById("controller")?.textContent ?? ""';
    const before = await page.waitFor<string>(`(${controllerText}).match(/node (\\d+)/)?.[1]`, 30_000, 'an active controller');
    await page.evaluate(`document.querySelector('button[data-node="${before}"][data-action="kill"]').click()`);
    const after = await page.waitFor<string>(
      `(() => { const m = (${controllerText}).match(/node (\\d+)/); return m && m[1] !== '${before}' && m[1]; })()`, 30_000, 'a new controller');
    expect(after).not.toBe(before);
    expect(cluster.nodes.find((n) => n.nodeId === Number(before))!.view.state).toBe('stopped');
    const row = await page.waitFor<string>(`(() => { const r = document.querySelector('tr[data-node-row="${before}"]'); return r && r.textContent.includes('down') && r.textContent; })()`);
    expect(row).toContain('stopped');
  });
});

/** Collapses whitespace, for matching table text. */
function document(text: string): string {
  return text.replace(/\s+/g, ' ');
}
