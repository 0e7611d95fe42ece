import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { inheritedInstructions, type DockerInstruction, type InstructionFlag } from './document.js';
import { isDependencyInstall, packageCommands } from './node-project.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

/** The RUN's cache mount for npm's cache, if it has one. */
function npmCacheMount(instruction: DockerInstruction): InstructionFlag | undefined {
  return instruction.flags.find(({ name, options }) => {
    if (name !== 'mount') return false;
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? '';
    return options.get('type') === 'cache' && /(?:^|\/)\.npm\/?$|npm[-_]?cache/.test(target);
  });
}

export const df007Docs = (): RuleDocs => ({
  rationale: `When the install layer has to be rebuilt (a dependency changed), npm downloads every package again unless its cache survives between builds. A cache mount keeps npm's cache (\`~/.npm\`, which is \`/root/.npm\` for root) on the build machine across builds without putting it in any layer:

\`\`\`dockerfile
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
\`\`\`

The image stays the same size (nothing is written into the layer) and rebuilds only download what changed. If the install runs as another user, point \`target\` at that user's \`~/.npm\` and give the mount to that user with \`uid=\` and \`gid=\`: a cache mount belongs to root otherwise, and npm running as \`node\` cannot write to it (\`--mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000\` on the official images).`,
  anchors: [],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: [
      'FROM node:22.23.3-slim\nUSER node\nWORKDIR /home/node/app\nCOPY --chown=node:node package.json package-lock.json ./\nRUN --mount=type=cache,target=/home/node/.npm npm ci --omit=dev\n',
      'FROM node:22.23.3-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n',
    ],
  },
});

/** A user whose home and ids are known, so the cache mount for npm running as it can be written out. */
interface KnownUser {
  home: string;
  /** The mount options that give the cache to the user; none for root, which owns a mount anyway. */
  ids?: string;
}

const ROOT: KnownUser = { home: '/root' };
const NODE: KnownUser = { home: '/home/node', ids: 'uid=1000,gid=1000' };
/** root, and `node` (uid 1000) of the official Node images, by name or uid. */
const KNOWN_USERS = new Map<string, KnownUser>([['root', ROOT], ['0', ROOT], ['node', NODE], ['1000', NODE]]);

function cacheMountFor({ home, ids }: KnownUser): string {
  return `--mount=type=cache,target=${home}/.npm${ids ? `,${ids}` : ''}`;
}

export const df007: RuleCheck = {
  id: 'DF007',
  title: 'npm ci uses a BuildKit cache mount for the npm cache',
  severity: 'warning',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const violations: Violation[] = [];
    for (const stage of dockerfile?.stages ?? []) {
      // Who runs each RUN decides where npm's cache lives, so follow USER through the stage's lineage.
      let user = 'root';
      for (const instruction of inheritedInstructions(stage)) {
        if (instruction.keyword === 'USER') user = instruction.args.text.trim().split(':')[0] ?? '';
        if (instruction.stage !== stage) continue;
        if (!packageCommands(instruction).some((command) => command.program === 'npm' && isDependencyInstall(command))) continue;
        const known = KNOWN_USERS.get(user);
        const existing = npmCacheMount(instruction);
        if (existing && known !== ROOT && !existing.options.has('uid')) {
          violations.push({
            span: existing.span,
            message: `This cache mount belongs to root, so npm running as ${user} cannot write to it: add uid= and gid= of ${user}${known?.ids ? ` (${known.ids})` : ''}.`,
          });
        }
        if (existing) continue;
        const mount = known && cacheMountFor(known);
        const violation: Violation = {
          span: instruction.keywordSpan,
          message: mount
            ? `Add a cache mount so npm keeps its downloads between builds: RUN ${mount} npm ci …`
            : `Add a cache mount so npm keeps its downloads between builds, at ${user}'s ~/.npm and owned by it (the mount is root's otherwise, and npm cannot write to it): RUN --mount=type=cache,target=<home of ${user}>/.npm,uid=<its uid>,gid=<its gid> npm ci …`,
        };
        if (mount) {
          const { endLine, endColumn } = instruction.keywordSpan;
          violation.fix = { line: endLine, column: endColumn, endLine, endColumn, text: ` ${mount}` };
        }
        violations.push(violation);
      }
    }
    return violations;
  },
};
