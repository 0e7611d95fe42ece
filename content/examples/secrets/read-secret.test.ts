import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSecret } from './read-secret.mjs';

/** The secrets lesson shows read-secret.mjs; these tests hold it to what the lesson says. */

const here = path.dirname(fileURLToPath(import.meta.url));

describe('readSecret', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shipshape-secret-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the file that NAME_FILE points to, without the trailing line break', async () => {
    const file = path.join(dir, 'db_password');
    await writeFile(file, 'correct horse battery staple\n');
    expect(readSecret('DB_PASSWORD', { DB_PASSWORD_FILE: file })).toBe('correct horse battery staple');
  });

  it('keeps other whitespace, which may belong to the secret', async () => {
    const file = path.join(dir, 'token');
    await writeFile(file, '  spaced  \r\n');
    expect(readSecret('TOKEN', { TOKEN_FILE: file })).toBe('  spaced  ');
  });

  it('falls back to the variable itself', () => {
    expect(readSecret('DB_PASSWORD', { DB_PASSWORD: 'from-env' })).toBe('from-env');
  });

  it('refuses to start without the secret, or with two sources', async () => {
    expect(() => readSecret('DB_PASSWORD', {})).toThrow(/Missing secret: set DB_PASSWORD_FILE/);
    expect(() => readSecret('DB_PASSWORD', { DB_PASSWORD: '' })).toThrow(/Missing secret/);
    const file = path.join(dir, 'db_password');
    await writeFile(file, 'x');
    expect(() => readSecret('DB_PASSWORD', { DB_PASSWORD_FILE: file, DB_PASSWORD: 'y' })).toThrow(/not both/);
  });

  it('reports a file that is not there', () => {
    expect(() => readSecret('DB_PASSWORD', { DB_PASSWORD_FILE: path.join(dir, 'missing') })).toThrow(/ENOENT/);
  });

  it('reads process.env by default, in a real process', async () => {
    const file = path.join(dir, 'api_key');
    await writeFile(file, 'k-123\n');
    const script = `import { readSecret } from ${JSON.stringify(pathToFileURL(path.join(here, 'read-secret.mjs')).href)};
process.stdout.write(readSecret('API_KEY'));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, API_KEY_FILE: file },
    });
    expect(stdout).toBe('k-123');
  });
});
