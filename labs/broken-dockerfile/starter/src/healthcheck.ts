// Run by the container's HEALTHCHECK: exit 0 when the app answers /health, 1 otherwise.
// Slim images have no curl or wget; Node's own fetch does the job.
const port = process.env.PORT ?? '3000';

fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) }).then(
  (response) => {
    process.exitCode = response.ok ? 0 : 1;
  },
  () => {
    process.exitCode = 1;
  },
);
