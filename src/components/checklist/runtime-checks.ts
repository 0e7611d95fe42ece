/**
 * Checklist items that no static rule can prove: they need the built image or a running
 * container. Each says how to check it by hand; the course's own container test
 * (scripts/container-test.sh) checks all of them for the site's image.
 */
export interface RuntimeCheck {
  id: string;
  title: string;
  how: string;
  command: string;
}

export const runtimeChecks: readonly RuntimeCheck[] = [
  {
    id: 'RT001',
    title: 'The process runs as a non-root user',
    how: 'The user of PID 1 inside the running container is not root (uid 0).',
    command: 'docker top <container> -o user,pid,args',
  },
  {
    id: 'RT002',
    title: 'SIGTERM drains and exits 0, not 137',
    how: 'Stop the container under load: the exit code is 0 and no request fails. 137 means it was killed after the grace period.',
    command: "docker stop <container> && docker inspect <container> --format '{{.State.ExitCode}}'",
  },
  {
    id: 'RT003',
    title: 'Healthy within the start period',
    how: 'The HEALTHCHECK reports healthy before --start-period ends.',
    command: "docker inspect <container> --format '{{.State.Health.Status}}'",
  },
  {
    id: 'RT004',
    title: 'No sources, devDependencies or secrets in the image',
    how: 'The final image holds the build output and production node_modules only: no .ts sources, no test tools, no .env.',
    command: "docker run --rm --entrypoint sh <image> -c 'find / -name \"*.ts\" -not -name \"*.d.ts\" -o -name .env | head'",
  },
  {
    id: 'RT005',
    title: 'The image is as small as it should be',
    how: 'Look at the size of each layer; the app’s own layers should be a few megabytes to tens of megabytes.',
    command: 'docker history <image>',
  },
  {
    id: 'RT006',
    title: 'Logs reach stdout',
    how: 'Every log line appears in the container’s log stream, as JSON with a request id.',
    command: 'docker logs --tail 20 <container>',
  },
];
