// The kraftling command. Thin: parses flags and calls into src/cluster or a tool module.
// Flags are parsed with node:util's parseArgs rather than yargs: yargs alone takes longer to load
// than the whole broker takes to become ready, and start-up time is a product feature here.
import { parseArgs } from 'node:util';
import { commands, usage } from './commands.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === '--version' || name === '-v') return commands.version!.run({}, []);
  const command = commands[name];
  if (!command) {
    process.stderr.write(`kraftling: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`kraftling ${name}: ${(err as Error).message}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  return command.run(parsed.values as Record<string, unknown>, parsed.positionals);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (err: Error & { code?: string }) => {
    process.stderr.write(`kraftling: ${err.message}\n`);
    process.exitCode = 1;
  },
);
