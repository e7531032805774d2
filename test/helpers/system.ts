// Facts about the test machine that decide whether a test can run (a missing system package is
// skipped locally; CI installs it).
import { execFileSync } from 'node:child_process';

export function which(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Debian's python3 with a module importable, for librdkafka and kafka-python clients. */
export function pythonHas(module: string): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
