/**
 * Runs `task` every `intervalMs`, never two runs at once in this process (a slow run makes the
 * next tick skip). The tasks themselves must be safe with other processes running them too.
 * stop() waits for a run in progress, so the database is not closed under it.
 */
export function startPeriodic(task: () => Promise<unknown>, intervalMs: number, log: (err: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= task()
      .then(() => undefined, log)
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
