/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

/** A failure that is the user's to fix (a bad option, an unreadable path): one line on stderr, exit code 2. */
export class UsageError extends Error {}

export interface Command {
  /** One line for the command list in `shipshape --help`. */
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}
