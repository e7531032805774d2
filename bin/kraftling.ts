// The kraftling command. Thin: parses flags and calls into src/cluster or a tool module.
// Flags are parsed with node:util's parseArgs rather than yargs: yargs alone takes longer to load
// than the whole broker takes to become ready, and start-up time is a product feature here.
import { main } from './main.js';
import { watchStdout } from './stdout.js';

watchStdout();

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (err: Error & { code?: string }) => {
    process.stderr.write(`kraftling: ${err.message.split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
