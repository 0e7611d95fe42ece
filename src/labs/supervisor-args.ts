import { SUPERVISOR_FILE } from './bundle.js';
import type { LabApp } from './manifest.js';

/** The supervisor's command line for a lab app, the same in every runtime but for the port. */
export function supervisorArgs(app: LabApp, appDir: string, port: number): string[] {
  return [
    SUPERVISOR_FILE,
    '--entry', app.entry,
    '--port', String(port),
    '--cwd', appDir,
    '--host', '127.0.0.1',
    ...(app.readinessPath ? ['--readiness', app.readinessPath] : []),
    ...(app.command ? ['--', ...app.command] : []),
  ];
}
