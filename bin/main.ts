// The kraftling command line: picks the command, parses its flags, runs it. Separate from
// bin/kraftling.ts (which runs it on process.argv) so tests can call it in-process.
import { parseArgs } from 'node:util';
import { commands, usage } from './commands.js';
import { suggestion, UsageError } from './usage.js';

/** Runs one command line; resolves with the exit code, or -1 for a command that keeps running. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === '--version' || name === '-v') return commands.version!.run({}, []);
  const command = commands[name];
  if (!command) {
    process.stderr.write(`kraftling: unknown command "${name}"${suggestion(name, Object.keys(commands))}; \`kraftling --help\` lists them\n`);
    return 2;
  }
  let parsed;
  try {
    const args = optionalValues(negativeValues(rest, command.options), command.optionalValues ?? []);
    parsed = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`kraftling ${name}: ${flagError(err as Error, command.options)}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(parsed.values as Record<string, unknown>, parsed.positionals);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`kraftling ${name}: ${err.message}\n`);
    return 2;
  }
}

/** `--time -1` as `--time=-1`: Kafka's tools take negative numbers as values (`--time -2`,
 * `--offset -1`), which parseArgs would read as flags. */
function negativeValues(args: string[], options: Record<string, { type: string }>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg.startsWith('--') && options[arg.slice(2)]?.type === 'string' && next !== undefined && /^-\d+$/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** `--state` followed by nothing or by another flag as `--state=`: a flag whose value is optional. */
function optionalValues(args: string[], names: readonly string[]): string[] {
  return args.map((arg, i) => {
    const next = args[i + 1];
    return arg.startsWith('--') && names.includes(arg.slice(2)) && (next === undefined || next.startsWith('-')) ? `${arg}=` : arg;
  });
}

/** parseArgs' message, shortened to one line, with the nearest known flag for an unknown one. */
function flagError(err: Error, options: Record<string, { short?: string }>): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(err.message);
  if (unknown) {
    const names = Object.entries(options).flatMap(([long, o]) => [`--${long}`, ...(o.short ? [`-${o.short}`] : [])]);
    return `unknown option ${unknown[1]}${suggestion(unknown[1]!, names)}; --help lists the options`;
  }
  return err.message.split('\n')[0]!;
}
