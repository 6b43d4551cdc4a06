/**
 * A background pass that never runs twice at once in this process: concurrent `tick()`s
 * share the pass that is running; `settle()` waits for it (orderly shutdown, tests).
 * Across processes, the jobs claim rows in the database instead.
 */
export interface SingleFlight<R> {
  tick(): Promise<R>;
  settle(): Promise<void>;
}

export function singleFlight<R>(pass: () => Promise<R>): SingleFlight<R> {
  let running: Promise<R> | null = null;
  return {
    tick() {
      if (!running) running = pass().finally(() => (running = null));
      return running;
    },
    async settle() {
      await running?.catch(() => undefined);
    },
  };
}
