import { cleanPath } from '../dockerignore/pattern-matcher.js';
import { copyArguments, environmentAt, findStage, flag, inheritedInstructions, workdirAt, type DockerInstruction, type Stage } from './document.js';
import { isDependencyInstall, isNpmPrune, packageCommands, type PackageCommand } from './node-project.js';
import { programIndex, type ShellWord } from './shell-words.js';

/** The RUN that produced a stage's node_modules, and the COPY --from that carried it, if any. */
export interface DependencyOrigin {
  run: DockerInstruction;
  /** The install or prune command inside the RUN. */
  command: PackageCommand;
  copy?: DockerInstruction;
}

function coversNodeModules(copy: DockerInstruction, nodeModules: string): boolean {
  return copyArguments(copy).sources.some((source) => {
    const path = cleanPath(`/${source.value}`);
    return path === nodeModules || path.endsWith('/node_modules') || nodeModules.startsWith(path === '/' ? '/' : `${path}/`);
  });
}

/**
 * Follows a stage's node_modules back to the command that created it: the last install or prune
 * in the stage (or a stage it builds on), or, when a later COPY --from brings node_modules in
 * from another stage, the command that created that stage's copy.
 */
export function dependencyOrigin(stage: Stage, stages: readonly Stage[], depth = 0): DependencyOrigin | undefined {
  if (depth > stages.length) return undefined;
  const instructions = inheritedInstructions(stage);
  for (let i = instructions.length - 1; i >= 0; i--) {
    const instruction = instructions[i] as DockerInstruction;
    const command = packageCommands(instruction)
      .filter((c) => isDependencyInstall(c) || isNpmPrune(c))
      .pop();
    if (command) return { run: instruction, command };
    const from = instruction.keyword === 'COPY' ? flag(instruction, 'from')?.value : undefined;
    const source = from ? findStage(stages.slice(0, stage.index), from) : undefined;
    if (!source) continue;
    const inner = dependencyOrigin(source, stages, depth + 1);
    if (inner && coversNodeModules(instruction, cleanPath(`${workdirAt(inner.run)}/node_modules`))) return { ...inner, copy: inner.copy ?? instruction };
  }
  return undefined;
}

export type DependencyScope = { scope: 'production' } | { scope: 'deprecated-flag'; word: ShellWord } | { scope: 'all' };

/** Whether the command leaves devDependencies out, judged from its flags and its environment. */
export function dependencyScope(origin: DependencyOrigin): DependencyScope {
  const { words, program } = origin.command;
  const environment = environmentAt(origin.run);
  for (const word of words.slice(0, programIndex(words))) {
    const [name = '', value = ''] = word.value.split('=', 2);
    environment.set(name, value);
  }
  const values = words.map((word) => word.value);
  const has = (...flags: string[]) => values.some((value) => flags.includes(value));
  if (has('--include=dev')) return { scope: 'all' };
  const omitsDev = has('--omit=dev') || values.some((value, i) => value === '--omit' && values[i + 1] === 'dev');
  // npm, yarn 1 and pnpm all leave devDependencies out when NODE_ENV is production.
  const productionEnvironment =
    environment.get('NODE_ENV') === 'production' || environment.get('NPM_CONFIG_OMIT') === 'dev' || environment.get('npm_config_omit') === 'dev';
  if (program === 'npm') {
    if (omitsDev || productionEnvironment) return { scope: 'production' };
    const deprecated = words.find((word) => ['--production', '--only=prod', '--only=production'].includes(word.value));
    return deprecated ? { scope: 'deprecated-flag', word: deprecated } : { scope: 'all' };
  }
  if (program === 'yarn') return has('--production') || productionEnvironment ? { scope: 'production' } : { scope: 'all' };
  return has('--prod', '-P', '--production') || productionEnvironment ? { scope: 'production' } : { scope: 'all' };
}
