// Runs a kraftling command line in this process (bin/main.ts) with stdout and stderr captured:
// the tools' end-to-end tests run many commands, and a child process per command costs seconds.
import { main } from '../../bin/main.js';

let queue: Promise<unknown> = Promise.resolve();

/** One at a time: stdout and stderr are process-wide. */
export function runInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = queue.then(async () => {
    let stdout = '';
    let stderr = '';
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array) => { stdout += chunk.toString(); return true; }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => { stderr += chunk.toString(); return true; }) as typeof process.stderr.write;
    try {
      const code = await main(args).catch((e: Error) => {
        stderr += `kraftling: ${e.message}\n`;
        return 1;
      });
      return { code, stdout, stderr };
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
