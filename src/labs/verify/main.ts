/**
 * `npm run labs:verify [slug…] [--repeat <n>]`: verifies every lab (or the named ones) through
 * real processes and exits 1 if any run is not as its manifest declares. `--repeat` runs each
 * lab n times, to show that a lab is not flaky. Bundled and started by scripts/labs-verify.mjs.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MANIFEST_FILE, loadLab, loadLabs, type LoadedLab } from '../load-lab.js';
import { formatLabLine, formatProblems, formatRepeatSummary } from './report.js';
import { isVerified, verifyLab, type LabVerification } from './verify-lab.js';

const MAX_REPEAT = 100;

interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Returns the exit code: 0 all as declared, 1 a mismatch, 2 a usage error, 130 interrupted. */
export async function main(args: string[], { labsDir, stdout, stderr }: Output & { labsDir: string }): Promise<number> {
  let options;
  try {
    options = readOptions(args);
  } catch (error) {
    stderr.write(`labs:verify: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }

  let selected: LoadedLab[];
  try {
    // Named labs are loaded on their own, so one lab can be verified while another is half-written.
    selected = options.slugs.length > 0 ? await loadNamedLabs(labsDir, options.slugs) : await loadLabs(labsDir);
  } catch (error) {
    if (error instanceof UnknownLabError) {
      stderr.write(`labs:verify: ${error.message}\n`);
      return 2;
    }
    stderr.write(`labs:verify: the labs could not be loaded:\n${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (selected.length === 0) {
    stderr.write(`labs:verify: there are no labs in ${labsDir}\n`);
    return 1;
  }

  // Ctrl-C ends the scenario in progress; the harness kills the app and its temp folder goes.
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  const width = Math.max(...selected.map((lab) => lab.manifest.slug.length));
  const runs: LabVerification[] = [];
  try {
    for (let round = 1; round <= options.repeat; round += 1) {
      const prefix = options.repeat > 1 ? `#${String(round).padStart(String(options.repeat).length)}  ` : '';
      for (const lab of selected) {
        const verification = await verifyLab(lab, interrupt.signal);
        runs.push(verification);
        stdout.write(`${prefix}${formatLabLine(verification, width)}\n`);
        for (const line of formatProblems(verification)) stdout.write(`${line}\n`);
      }
    }
  } catch (error) {
    if (!interrupt.signal.aborted) throw error;
    stderr.write('labs:verify: interrupted\n');
    return 130;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }

  if (options.repeat > 1) {
    stdout.write('\n');
    for (const line of formatRepeatSummary(runs, width)) stdout.write(`${line}\n`);
  }
  const failed = runs.filter((run) => !(isVerified(run.starter) && isVerified(run.solution))).length;
  if (failed > 0) {
    stdout.write(`\n${failed} of ${runs.length} lab runs were not as their manifests declare.\n`);
    return 1;
  }
  return 0;
}

class UnknownLabError extends Error {}

async function loadNamedLabs(labsDir: string, slugs: string[]): Promise<LoadedLab[]> {
  const entries = await readdir(labsDir, { withFileTypes: true });
  const known = entries.filter((entry) => entry.isDirectory() && existsSync(path.join(labsDir, entry.name, MANIFEST_FILE)));
  const names = known.map((entry) => entry.name).sort();
  const unknown = slugs.filter((slug) => !names.includes(slug));
  if (unknown.length > 0) throw new UnknownLabError(`no lab named ${unknown.join(', ')}; the labs are: ${names.join(', ')}`);
  return Promise.all(slugs.map((slug) => loadLab(path.join(labsDir, slug))));
}

function readOptions(args: string[]): { slugs: string[]; repeat: number } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { repeat: { type: 'string', default: '1' } },
  });
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > MAX_REPEAT) {
    throw new Error(`--repeat must be a whole number from 1 to ${MAX_REPEAT}, not "${values.repeat}"`);
  }
  return { slugs: positionals, repeat };
}
