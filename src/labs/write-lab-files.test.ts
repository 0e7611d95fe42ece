import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeLabFiles } from './write-lab-files.js';

let root: string;
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeLabFiles', () => {
  it('writes every file, creating the folders on its path', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'shipshape-write-lab-files-'));
    await writeLabFiles(path.join(root, 'lab'), { 'server.mjs': 'a', 'lib/db/pool.mjs': 'b' });
    expect(await readFile(path.join(root, 'lab/server.mjs'), 'utf8')).toBe('a');
    expect(await readFile(path.join(root, 'lab/lib/db/pool.mjs'), 'utf8')).toBe('b');
  });

  it('refuses a path that leaves the folder, and writes nothing there', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'shipshape-write-lab-files-'));
    const folder = path.join(root, 'lab');
    await expect(writeLabFiles(folder, { '../escaped.mjs': 'x' })).rejects.toThrow(`../escaped.mjs would be written outside ${folder}`);
    await expect(writeLabFiles(folder, { '/etc/shipshape.mjs': 'x' })).rejects.toThrow('would be written outside');
    expect(await readdir(root)).toEqual([]);
  });
});
