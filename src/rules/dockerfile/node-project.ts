import { copyArguments, flag, shellCommands, type DockerfileDocument, type DockerInstruction } from './document.js';
import { programIndex, type ShellWord } from './shell-words.js';

/** The last path segment, ignoring a trailing slash. */
export function baseName(path: string): string {
  return path.replace(/\/+$/, '').split('/').pop() ?? '';
}

/** Files that define dependencies: all `npm ci` needs, and all that may come before it. */
export function isManifest(path: string): boolean {
  return /^(?:package(?:-lock)?\.json|package\*\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(?:\.yml)?|\.yarn|patches)$/.test(baseName(path));
}

/** A COPY or ADD that reads the build context (not another stage or image). */
function copiesFromContext(instruction: DockerInstruction): boolean {
  return (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && flag(instruction, 'from') === undefined;
}

export function isUrl(source: string): boolean {
  return /^(?:https?|git):\/\/|^git@/.test(source);
}

/** The context paths a COPY or ADD reads (URLs and heredocs left out). */
export function contextSources(instruction: DockerInstruction) {
  if (!copiesFromContext(instruction)) return [];
  return copyArguments(instruction).sources.filter((source) => !isUrl(source.value));
}

const NPM_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);
const NPM_CI = new Set(['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean']);

/** A package-manager command found in a RUN: its words, and where the program and subcommand are. */
export interface PackageCommand {
  words: ShellWord[];
  program: 'npm' | 'yarn' | 'pnpm';
  /** The first word after the program that is not a flag, e.g. `ci`, `install`, `i`, `prune`. */
  subcommand: ShellWord | undefined;
  /** Words after the subcommand. */
  rest: ShellWord[];
}

export function packageCommands(instruction: DockerInstruction): PackageCommand[] {
  if (instruction.keyword !== 'RUN') return [];
  const found: PackageCommand[] = [];
  for (const words of shellCommands(instruction)) {
    const at = programIndex(words);
    const program = words[at]?.value;
    if (program !== 'npm' && program !== 'yarn' && program !== 'pnpm') continue;
    const sub = words.findIndex((word, i) => i > at && !word.value.startsWith('-'));
    found.push({ words, program, subcommand: words[sub], rest: sub < 0 ? [] : words.slice(sub + 1) });
  }
  return found;
}

const isNpmCi = (command: PackageCommand) => command.program === 'npm' && NPM_CI.has(command.subcommand?.value ?? '');

/** `npm install` of the project's own dependencies; `npm install -g pnpm` adds a tool instead. */
export const isNpmProjectInstall = (command: PackageCommand) =>
  command.program === 'npm' && NPM_INSTALL.has(command.subcommand?.value ?? '') && command.rest.every((word) => word.value.startsWith('-'));

export const isNpmPrune = (command: PackageCommand) => command.program === 'npm' && command.subcommand?.value === 'prune';

/** Installs the project's dependencies from its manifests, with any of the three package managers. */
export function isDependencyInstall(command: PackageCommand): boolean {
  const sub = command.subcommand?.value;
  if (command.program === 'npm') return isNpmCi(command) || isNpmProjectInstall(command);
  if (command.program === 'yarn') return sub === undefined || sub === 'install';
  return sub === 'install' || sub === 'i';
}

const BUILD_TOOLS = new Set(['tsc', 'esbuild', 'vite', 'webpack', 'rollup', 'swc', 'babel', 'tsup', 'ncc', 'next', 'nest', 'astro']);

/** Whether any stage compiles or bundles the app, which makes the raw sources unnecessary at run time. */
export function hasBuildStep(document: DockerfileDocument): boolean {
  return document.instructions.some(
    (instruction) =>
      instruction.keyword === 'RUN' &&
      shellCommands(instruction).some((words) => {
        let at = programIndex(words);
        if (words[at]?.value === 'npx') at++;
        const program = words[at]?.value ?? '';
        if (BUILD_TOOLS.has(program)) return true;
        if (!['npm', 'yarn', 'pnpm'].includes(program)) return false;
        const script = words[at + 1]?.value === 'run' ? words[at + 2]?.value : words[at + 1]?.value;
        return /build|compile|bundle/.test(script ?? '');
      }),
  );
}
