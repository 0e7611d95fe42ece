import { readFileSync } from 'node:fs';

/**
 * Reads the secret NAME once, at startup: from the file NAME_FILE points to
 * (a Docker, Compose or Kubernetes secret mounted as a file), else from NAME.
 * Throws rather than let the app start with an empty password.
 */
export function readSecret(name, env = process.env) {
  const file = env[`${name}_FILE`];
  const value = env[name];
  if (file && value) throw new Error(`Set ${name}_FILE or ${name}, not both`);
  if (file) {
    // Drop the one line break that editors and `echo` add. Keep other
    // whitespace: it may be part of the secret.
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  }
  if (value) return value;
  throw new Error(`Missing secret: set ${name}_FILE (a file path) or ${name}`);
}
