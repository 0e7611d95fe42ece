import { labCommand } from './lab-export.js';
import { lintCommand } from './lint.js';
import { UsageError, type CliIo, type Command } from './io.js';

/** Subcommands by name; each parses its own arguments. */
const COMMANDS: Record<string, Command> = {
  lint: lintCommand,
  lab: labCommand,
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const list = Object.entries(COMMANDS)
    .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
    .join('\n');
  return `Usage: shipshape <command> [options]\n\nCommands:\n${list}\n\nRun shipshape <command> --help for a command's options.\n`;
}

/** Runs the command line and returns the exit code: 0 success, 1 problems found, 2 usage error. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  try {
    if (name === undefined) throw new UsageError('missing command (try shipshape --help)');
    if (!command) throw new UsageError(`unknown command "${name}" (try shipshape --help)`);
    return await command.run(rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`shipshape: ${error.message}\n`);
    return 2;
  }
}
