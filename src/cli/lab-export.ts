/**
 * `shipshape lab export <slug> <dir> [--solution]`: writes a runnable copy of a lab, so a
 * learner can take it home. The lab's files (the starter, or the starter with the solution
 * applied), the harness in .harness/ (the same supervisor the course runs in the browser and in
 * CI), and a README.md on how to run both; then prints the command that starts the app.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HARNESS_DIR, type HarnessBundle, type LabBundle } from '../labs/bundle.js';
import { supervisorArgs } from '../labs/supervisor-args.js';
import { writeLabFiles } from '../labs/write-lab-files.js';
import { UsageError, type CliIo, type Command } from './io.js';
import { openLabCatalogue } from './lab-catalogue.js';

const HELP = `Usage: shipshape lab export <slug> <dir> [--solution]

Writes a runnable copy of a course lab into <dir>, which must be new or empty: the lab's files
as the lab starts (or, with --solution, as its solution has them), the lab harness in
<dir>/${HARNESS_DIR}/, and a README.md on how to run them. Prints the command that starts the
lab's app. Lab apps use Node built-ins only: there is nothing to install.

Options:
      --solution  export the solution instead of the starter
  -h, --help      show this help

Exit status: 0 when the lab was written, 2 for a usage error, an unknown lab or a folder that
is not empty.
`;

const README_FILE = 'README.md';

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        solution: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === undefined || subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (subcommand !== 'export') throw new UsageError(`unknown lab command "${subcommand}" (try shipshape lab --help)`);
  const { values, positionals } = options(rest);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const [slug, dirArgument, ...extra] = positionals;
  if (slug === undefined || dirArgument === undefined || extra.length > 0) {
    throw new UsageError('lab export takes a lab and a folder: shipshape lab export <slug> <dir> [--solution]');
  }

  const labs = await openLabCatalogue();
  const lab = await labs.lab(slug);
  if (!lab) throw new UsageError(`unknown lab "${slug}"; the labs are: ${(await labs.slugs()).join(', ')}`);
  const dir = path.resolve(io.cwd, dirArgument);
  await prepareEmptyFolder(dir);

  const files = values.solution ? { ...lab.starter, ...lab.solution } : lab.starter;
  const startCommand = appStartCommand(lab, dir);
  await writeLabFiles(dir, exportedFiles(lab, files, await labs.harness(), values.solution));

  const variant = values.solution ? 'the solution of' : 'the starter of';
  io.stdout.write(`Exported ${variant} lab "${slug}" (${lab.manifest.title}) to ${dir}.\n`);
  if (startCommand) io.stdout.write(`Start its app with:\n\n  ${startCommand}\n\n`);
  else io.stdout.write(`It has no app to start: its files are judged by the rules, so run shipshape lint ${shellQuote(dir)}\n\n`);
  io.stdout.write(`${path.join(dir, README_FILE)} explains how to run the lab's scenario with the harness.\n`);
  return 0;
}

export const labCommand: Command = {
  summary: 'take a lab home: shipshape lab export <slug> <dir> [--solution]',
  run,
};

async function prepareEmptyFolder(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      await mkdir(dir, { recursive: true });
      return;
    }
    if (code === 'ENOTDIR') throw new UsageError(`${dir} is a file, not a folder`);
    throw new UsageError(`cannot read ${dir}: ${(error as Error).message}`);
  }
  if (entries.length > 0) throw new UsageError(`${dir} is not empty; export into a new or empty folder`);
}

/** Every file of the export by its path inside the folder. */
function exportedFiles(lab: LabBundle, labFiles: Record<string, string>, harness: HarnessBundle, solution: boolean): Record<string, string> {
  const exported: Record<string, string> = {};
  for (const [file, content] of Object.entries(harness.files)) exported[`${HARNESS_DIR}/${file}`] = content;
  for (const [file, content] of Object.entries(labFiles)) {
    // Lab files never carry these names (instructions live beside starter/, not in it).
    if (file === README_FILE || file.startsWith(`${HARNESS_DIR}/`)) {
      throw new Error(`lab "${lab.manifest.slug}" has a file ${file}, which the export writes itself`);
    }
    exported[file] = content;
  }
  exported[README_FILE] = readme(lab, solution);
  return exported;
}

/** The lab app's command line, exec form: `node <entry>`, or the manifest's own command. */
function appCommand(lab: LabBundle): string[] | null {
  const { app } = lab.manifest;
  if (!app) return null;
  return app.command ?? ['node', app.entry];
}

function appStartCommand(lab: LabBundle, dir: string): string | null {
  const command = appCommand(lab);
  if (!command || !lab.manifest.app) return null;
  return `cd ${shellQuote(dir)} && PORT=${lab.manifest.app.port} ${command.map(shellQuote).join(' ')}`;
}

function readme(lab: LabBundle, solution: boolean): string {
  const { manifest } = lab;
  const { app, scenario } = manifest;
  const command = appCommand(lab);
  const lines = [
    `# ${manifest.title}`,
    '',
    manifest.summary,
    '',
    `This folder holds ${solution ? 'the solution' : 'the starting point'} of lab ${manifest.order} of the Shipshape course`,
    `("Dockerizing Node.js Applications for Production"), exported by \`shipshape lab export\`. The`,
    `instructions are on the lab's page of the course site, \`/labs/${manifest.slug}/\`.`,
    '',
    `Files to edit: ${manifest.files.editable.map((file) => `\`${file}\``).join(', ')}.`,
  ];
  if (manifest.files.readOnly.length > 0) {
    lines.push(`Files the lab keeps as they are: ${manifest.files.readOnly.map((file) => `\`${file}\``).join(', ')}.`);
  }
  if (!app || !command) {
    lines.push('', '## Check the files', '', 'This lab has no app to run. Check its files with the course rules:', '', '    shipshape lint .', '');
    return lines.join('\n');
  }
  const readiness = app.readinessPath ? `; its readiness path is \`${app.readinessPath}\`` : '';
  const supervisor = ['node', ...supervisorArgs(app, '.', app.port)].map(shellQuote).join(' ');
  lines.push(
    '',
    '## Run the app',
    '',
    `    PORT=${app.port} ${command.map(shellQuote).join(' ')}`,
    '',
    `It listens on the port in \`PORT\`${readiness}.`,
    'Stop it with Ctrl-C, or send it the signal an orchestrator sends: `kill -TERM <pid>`.',
    'It needs Node 20 or later and nothing else.',
    '',
    '## Run it the way the course does',
    '',
    `\`${HARNESS_DIR}/\` holds the lab harness: a supervisor that starts the app, sends it load and`,
    'signals, and reports what happened as JSON lines. Start it from this folder:',
    '',
    `    ${supervisor}`,
    '',
    'and type commands, one JSON object per line:',
    '',
    '    {"type":"start"}',
    `    {"type":"load","users":10,"durationMs":4000,"path":"${scenario?.path ?? '/'}"}`,
    '    {"type":"sigterm"}',
    '    {"type":"stop"}',
  );
  if (scenario) {
    lines.push(
      '',
      "The whole run that the lab's checks judge is one command, sent while the app is stopped. Its",
      "last event, `result`, counts every request by outcome and holds the app's log lines and exit:",
      '',
      `    ${JSON.stringify({ type: 'scenario', ...scenario })}`,
    );
  }
  lines.push('', 'The supervisor stops the app when its input ends (Ctrl-D).', '');
  return lines.join('\n');
}

/** Quotes a word for a POSIX shell when it needs it. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
