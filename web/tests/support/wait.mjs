// Waiting on conditions with a deadline, never a fixed sleep.

const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it returns a truthy value (which is returned) or the deadline passes. */
export async function waitUntil(condition, { timeoutMs = 10_000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await tick(intervalMs);
  }
}
