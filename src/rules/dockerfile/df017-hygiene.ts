import { From } from 'dockerfile-ast';
import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { assignments, copyArguments, toSpan, type DockerInstruction } from './document.js';
import { isUrl } from './node-project.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

const isSelfConsistent = (word: string) => word === word.toUpperCase() || word === word.toLowerCase();

/** ADD does more than COPY (URLs, auto-extracting archives); for plain files it only surprises. */
function addCouldBeCopy(instruction: DockerInstruction): boolean {
  if (instruction.keyword !== 'ADD') return false;
  const { sources } = copyArguments(instruction);
  return sources.length > 0 && sources.every((source) => !isUrl(source.value) && !/\.(?:tar|tgz|tar\.(?:gz|bz2|xz|zst))$/i.test(source.value));
}

function casingViolations(instructions: readonly DockerInstruction[]): Violation[] {
  let lower = 0;
  let upper = 0;
  for (const { written } of instructions) {
    if (!isSelfConsistent(written)) continue;
    if (written === written.toLowerCase()) lower++;
    else upper++;
  }
  const preferLower = lower > upper;
  const violations: Violation[] = [];
  for (const instruction of instructions) {
    const expected = preferLower ? instruction.written.toLowerCase() : instruction.written.toUpperCase();
    if (instruction.written !== expected) {
      violations.push({
        span: instruction.keywordSpan,
        message: `Write ${instruction.written} as ${expected}, like the rest of this Dockerfile.`,
        fix: { ...instruction.keywordSpan, text: expected },
      });
    }
    const as = instruction.ast instanceof From ? instruction.ast.getArguments()[1] : undefined;
    if (as && as.getValue().toLowerCase() === 'as') {
      const wanted = instruction.written === instruction.written.toLowerCase() ? 'as' : 'AS';
      if (as.getValue() !== wanted) {
        const span = toSpan(as.getRange());
        violations.push({ span, message: `Write "${as.getValue()}" as "${wanted}" to match the casing of ${instruction.written}.`, fix: { ...span, text: wanted } });
      }
    }
  }
  return violations;
}

export const df017Docs = (): RuleDocs => ({
  rationale: `Small habits that keep a Dockerfile predictable:

- **COPY, not ADD**, for local files. \`ADD\` also downloads URLs and unpacks archives, so \`ADD app.tar.gz /app\` silently extracts it; use it only when you want exactly that.
- **Absolute WORKDIR.** A relative \`WORKDIR app\` depends on every earlier \`WORKDIR\`, including the base image's.
- **One CMD and one ENTRYPOINT per stage.** Only the last takes effect; the others mislead readers.
- **Consistent casing**, all instructions uppercase (or all lowercase), with \`AS\` in the same case as \`FROM\`.
- **\`ENV key=value\`**, not the legacy \`ENV key value\`, which cannot set two variables and reads ambiguously.
- **No MAINTAINER**: it is deprecated; use \`LABEL org.opencontainers.image.authors=…\`.`,
  anchors: [
    'hadolint DL3020',
    'hadolint DL3000',
    'hadolint DL4003',
    'hadolint DL4004',
    'hadolint DL4000',
    'Trivy DS-0005',
    'Trivy DS-0009',
    'Trivy DS-0016',
    'BuildKit WorkdirRelativePath',
    'BuildKit MultipleInstructionsDisallowed',
    'BuildKit ConsistentInstructionCasing',
    'BuildKit FromAsCasing',
    'BuildKit LegacyKeyValueFormat',
    'BuildKit MaintainerDeprecated',
  ],
  examples: {
    good: [
      GOOD_DOCKERFILE.replace('ENV NODE_ENV=production', 'LABEL org.opencontainers.image.authors="course@example.com"\nENV NODE_ENV=production'),
    ],
    bad: [
      'FROM node:22.23.3-slim\nADD package.json /app/\n',
      'FROM node:22.23.3-slim\nWORKDIR app\n',
      'FROM node:22.23.3-slim\nCMD ["node", "a.js"]\nCMD ["node", "b.js"]\n',
      'FROM node:22.23.3-slim as build\nrun npm ci\n',
      'FROM node:22.23.3-slim\nENV NODE_ENV production\n',
      'FROM node:22.23.3-slim\nMAINTAINER someone@example.com\n',
    ],
  },
});

export const df017: RuleCheck = {
  id: 'DF017',
  title: 'Dockerfile hygiene: COPY over ADD, absolute WORKDIR, one CMD, consistent syntax',
  severity: 'warning',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    if (!dockerfile) return [];
    const violations = casingViolations(dockerfile.instructions);
    for (const instruction of dockerfile.instructions) {
      if (addCouldBeCopy(instruction)) {
        const text = instruction.written === instruction.written.toLowerCase() ? 'copy' : 'COPY';
        violations.push({ span: instruction.keywordSpan, message: 'Use COPY for local files: ADD also fetches URLs and unpacks archives.', fix: { ...instruction.keywordSpan, text } });
      }
      if (instruction.keyword === 'WORKDIR') {
        const path = instruction.args.text.trim();
        if (path !== '' && !path.startsWith('/') && !path.startsWith('$')) {
          violations.push({ span: instruction.args.span(0, instruction.args.text.length), message: `Use an absolute path, e.g. WORKDIR /${path.replace(/^\.\//, '')}: a relative WORKDIR depends on the ones before it.` });
        }
      }
      if (instruction.keyword === 'MAINTAINER') {
        const text = `LABEL org.opencontainers.image.authors=${JSON.stringify(instruction.args.text.trim())}`;
        violations.push({ span: instruction.span, message: `MAINTAINER is deprecated: write ${text}.`, fix: { ...instruction.span, text } });
      }
      if (instruction.keyword === 'ENV') {
        for (const { name, value, legacy, nameSpan, valueSpan } of assignments(instruction)) {
          if (!legacy || value === null || !valueSpan) continue;
          const violation: Violation = { span: nameSpan, message: `Write ENV ${name}=…: the "ENV key value" form is legacy and easy to misread.` };
          if (!/["'\\]/.test(value)) {
            const span = { line: nameSpan.line, column: nameSpan.column, endLine: valueSpan.endLine, endColumn: valueSpan.endColumn };
            violation.fix = { ...span, text: `${name}=${/\s/.test(value) ? `"${value}"` : value}` };
          }
          violations.push(violation);
        }
      }
    }
    for (const stage of dockerfile.stages) {
      for (const keyword of ['CMD', 'ENTRYPOINT']) {
        const all = stage.instructions.filter((instruction) => instruction.keyword === keyword);
        const effective = all.pop();
        for (const ignored of all) {
          violations.push({ span: ignored.span, message: `Only the last ${keyword} of a stage takes effect (line ${effective?.span.line}): remove this one.` });
        }
      }
    }
    return violations;
  },
};
