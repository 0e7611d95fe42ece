import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { codeFences, type CodeFence } from './code-fences.js';

/**
 * The .dockerignore lesson shows `shipshape lint` output for its own .dockerignore with `*.json`
 * added as line 26, next to the multi-stage lesson's Dockerfile. This runs the CLI on exactly
 * that project, so the output printed in the lesson is what the CLI prints.
 */

function fences(lesson: string): CodeFence[] {
  return codeFences(readFileSync(path.resolve('content/lessons', lesson), 'utf8'));
}

describe('the shipshape lint output shown in the .dockerignore lesson', () => {
  it('is what the CLI prints for the lessons’ own Dockerfile and .dockerignore', async () => {
    const dockerignore = fences('dockerignore.mdx').find((fence) => fence.meta.title === '.dockerignore');
    const shown = fences('dockerignore.mdx').find((fence) => fence.code.startsWith('$ shipshape lint'));
    const dockerfile = fences('multi-stage-builds.mdx').find((fence) => fence.meta.title === 'Dockerfile');
    expect(dockerignore && shown && dockerfile).toBeTruthy();
    expect(dockerignore!.code.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '')).toHaveLength(25);

    const directory = await mkdtemp(path.join(tmpdir(), 'shipshape-lesson-'));
    try {
      await writeFile(path.join(directory, 'Dockerfile'), dockerfile!.code);
      await writeFile(path.join(directory, '.dockerignore'), `${dockerignore!.code.replace(/\n?$/, '\n')}*.json\n`);
      let stdout = '';
      const code = await runCli(['lint', '.'], {
        cwd: directory,
        env: {},
        stdout: { write: (text: string) => (stdout += text), isTTY: false },
        stderr: { write: () => undefined },
      });
      expect(code).toBe(1);
      const printed = stdout.split('\n').map((line) => line.trimEnd());
      // Every line the lesson shows, but the prompt and the lesson's own note in parentheses, is printed.
      const lines = shown!.code.split('\n').filter((line) => line !== '' && !line.startsWith('$ ') && !line.trim().startsWith('('));
      for (const line of lines) expect(printed, line).toContain(line.trimEnd());
      // The note stands for the other two findings.
      expect(printed.filter((line) => line.endsWith('DI003'))).toEqual([
        expect.stringContaining('excludes package.json'),
        expect.stringContaining('excludes package-lock.json, which the Dockerfile copies on line 4'),
        expect.stringContaining('excludes tsconfig.json, which the Dockerfile copies on line 9'),
      ]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
