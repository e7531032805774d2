// `kraftling metadata-shell`: browse the metadata image offline, as kafka-metadata-shell does. The
// image is rebuilt the way a broker rebuilds it: the newest snapshot, then the log after it, record
// by record. It reads files only, so it works on a stopped node's directory (or a copy of a live
// one) and never goes around the controller.
//
//   kraftling metadata-shell --data-dir DIR [command]     DIR: a node's directory or its
//   kraftling metadata-shell --snapshot FILE [command]    __cluster_metadata-0 folder
//
// With a command it runs that one; otherwise it reads commands from stdin (a prompt on a terminal).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { decodeRecordBatches } from '../protocol/records/record-batch.js';
import { MetadataDelta } from '../src/metadata/delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../src/metadata/image.js';
import { decodeMetadataRecord, type AnyMetadataRecord } from '../src/metadata/records.js';
import { decodeSnapshot } from '../src/metadata/snapshot-format.js';
import { imageTree, lookup, naturalOrder, resolvePath, walk, type TreeNode } from './metadata-tree.js';

const METADATA_DIR = '__cluster_metadata-0';

function metadataDir(dir: string): string {
  if (path.basename(dir) === METADATA_DIR) return dir;
  const inside = path.join(dir, METADATA_DIR);
  if (fs.existsSync(inside)) return inside;
  throw new Error(`no ${METADATA_DIR} folder in ${dir}`);
}

function applyAll(delta: MetadataDelta, records: readonly AnyMetadataRecord[]): void {
  for (const r of records) delta.apply(r);
}

/** The image of a snapshot file alone, or of a metadata folder: its newest snapshot, then its log. */
export function loadImage(options: { snapshot?: string; dataDir?: string }): { image: MetadataImage; source: string } {
  const delta = new MetadataDelta(EMPTY_IMAGE);
  if (options.snapshot !== undefined) {
    applyAll(delta, decodeSnapshot(fs.readFileSync(options.snapshot)));
    const endOffset = Number(/^(\d+)-/.exec(path.basename(options.snapshot))?.[1] ?? 0);
    return { image: delta.finish(endOffset - 1, -1), source: options.snapshot };
  }
  const dir = metadataDir(options.dataDir!);
  const files = fs.readdirSync(dir).sort();
  const snapshot = files.filter((f) => f.endsWith('.checkpoint') && !f.includes('.part')).at(-1);
  let nextOffset = 0;
  let lastOffset = -1;
  let lastEpoch = -1;
  if (snapshot !== undefined) {
    applyAll(delta, decodeSnapshot(fs.readFileSync(path.join(dir, snapshot))));
    nextOffset = Number(snapshot.split('-')[0]);
    lastOffset = nextOffset - 1;
    lastEpoch = Number(snapshot.split('-')[1]!.split('.')[0]);
  }
  for (const segment of files.filter((f) => f.endsWith('.log'))) {
    for (const batch of decodeRecordBatches(fs.readFileSync(path.join(dir, segment)))) {
      if (batch.baseOffset + batch.lastOffsetDelta < nextOffset) continue;
      lastOffset = batch.baseOffset + batch.lastOffsetDelta;
      lastEpoch = batch.partitionLeaderEpoch;
      if (batch.isControl) continue;
      for (const r of batch.records) if (r.offset >= nextOffset && r.value !== null) delta.apply(decodeMetadataRecord(r.value));
    }
  }
  return { image: delta.finish(lastOffset, lastEpoch), source: dir };
}

const HELP = `commands:
  ls [path]      list a directory (or name a file)
  cat path...    print files
  tree [path]    print a directory and everything under it
  find [path]    print every path under a directory
  cd [path]      change directory (default /);  pwd  print it
  help           this text;  exit  leave
`;

class Shell {
  cwd = '/';
  constructor(private readonly root: TreeNode, private readonly out: (s: string) => void) {}

  private node(target: string): [string, TreeNode] {
    const p = resolvePath(this.cwd, target);
    const n = lookup(this.root, p);
    if (n === undefined) throw new Error(`${target}: no such file or directory`);
    return [p, n];
  }

  run(line: string): boolean {
    const [cmd, ...args] = line.trim().split(/\s+/).filter((w) => w !== '');
    if (cmd === undefined) return true;
    if (cmd === 'exit' || cmd === 'quit') return false;
    if (cmd === 'help') this.out(HELP);
    else if (cmd === 'pwd') this.out(`${this.cwd}\n`);
    else if (cmd === 'cd') this.cd(args[0] ?? '/');
    else if (cmd === 'ls') this.ls(args.length > 0 ? args : ['.']);
    else if (cmd === 'cat') for (const a of args) this.cat(a);
    else if (cmd === 'tree' || cmd === 'find') this.walk(cmd, args[0] ?? '.');
    else throw new Error(`unknown command "${cmd}" (try help)`);
    return true;
  }

  private cd(target: string): void {
    const [p, n] = this.node(target);
    if (!('dir' in n)) throw new Error(`${target}: not a directory`);
    this.cwd = p;
  }

  private ls(targets: string[]): void {
    for (const t of targets) {
      const [p, n] = this.node(t);
      if (!('dir' in n)) this.out(`${path.posix.basename(p)}\n`);
      else if (n.dir.size > 0) this.out(`${[...n.dir.keys()].sort(naturalOrder).join('\n')}\n`);
    }
  }

  private cat(target: string): void {
    const [, n] = this.node(target);
    if ('dir' in n) throw new Error(`${target}: is a directory`);
    this.out(`${n.file}\n`);
  }

  private walk(cmd: 'tree' | 'find', target: string): void {
    const [start, n] = this.node(target);
    walk(n, start, (p, node, depth) => {
      if (cmd === 'find') this.out(`${p}\n`);
      else this.out(`${'  '.repeat(depth)}${depth === 0 ? p : path.posix.basename(p)}${'file' in node ? `: ${node.file}` : ''}\n`);
    });
  }
}

export async function runMetadataShell(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const snapshot = values.snapshot as string | undefined;
  const dataDir = values['data-dir'] as string | undefined;
  if ((snapshot === undefined) === (dataDir === undefined)) {
    process.stderr.write('kraftling metadata-shell: give one of --snapshot FILE or --data-dir DIR\n');
    return 2;
  }
  let loaded;
  try {
    loaded = loadImage({ snapshot, dataDir });
  } catch (err) {
    process.stderr.write(`kraftling metadata-shell: ${(err as Error).message}\n`);
    return 1;
  }
  const shell = new Shell(imageTree(loaded.image), (s) => process.stdout.write(s));
  const exec = (line: string): { ok: boolean; more: boolean } => {
    try {
      return { ok: true, more: shell.run(line) };
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
      return { ok: false, more: true };
    }
  };
  if (positionals.length > 0) return exec(positionals.join(' ')).ok ? 0 : 1;
  const tty = process.stdin.isTTY === true;
  if (tty) process.stdout.write(`Loaded ${loaded.source} up to offset ${loaded.image.offset}. Type help for commands.\n`);
  const rl = readline.createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, prompt: '>> ', terminal: tty });
  let failed = false;
  if (tty) rl.prompt();
  for await (const line of rl) {
    const r = exec(line);
    failed ||= !r.ok;
    if (!r.more) break;
    if (tty) rl.prompt();
  }
  rl.close();
  return failed ? 1 : 0;
}
