// Runs a background job every `intervalMs`, one run at a time: a tick that comes while the
// previous run is still busy is skipped rather than started alongside it.

export function createJobWorker({ name, intervalMs, job, logger }) {
  let timer = null;
  let running = null;

  function tick() {
    if (running) return;
    running = Promise.resolve()
      .then(job)
      .catch((error) => logger.error('job failed', { worker: name, error: error.message }))
      .finally(() => {
        running = null;
      });
  }

  return {
    start() {
      timer = setInterval(tick, intervalMs);
      logger.info('worker started', { worker: name, intervalMs });
    },

    // Schedules no more runs and resolves once the run in progress, if any, has finished.
    async stop() {
      clearInterval(timer);
      await running;
      logger.info('worker stopped', { worker: name });
    },
  };
}
