// The one command that replays a chaos round: same seed, same length.

export function replayCommandFor(seed: number, durationMs: number): string {
  return `npm run chaos -- --rounds 1 --seed ${seed} --duration-ms ${durationMs}`;
}
