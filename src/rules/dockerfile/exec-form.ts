/**
 * The exec form of a shell-form command, when the conversion is mechanical: plain words with no
 * shell syntax, or a JSON array written with single quotes (a common slip that Docker silently
 * runs as a shell command). Returns undefined when the command needs a shell to mean what it says.
 */
export function toExecForm(shellText: string): string | undefined {
  const text = shellText.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text.replace(/'/g, '"'));
      if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((item) => typeof item === 'string')) return formatExec(parsed);
    } catch {
      return undefined;
    }
    return undefined;
  }
  if (!/^[\w@%+=:,./-]+(?:[ \t]+[\w@%+=:,./-]+)*$/.test(text)) return undefined;
  return formatExec(text.split(/[ \t]+/));
}

function formatExec(argv: readonly string[]): string {
  return `[${argv.map((arg) => JSON.stringify(arg)).join(', ')}]`;
}
