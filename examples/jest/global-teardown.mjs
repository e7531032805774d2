export default async function globalTeardown() {
  await globalThis.__KRAFTLING__?.stop();
}
