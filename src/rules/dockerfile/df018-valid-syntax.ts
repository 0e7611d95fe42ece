import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { commandForm } from './document.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

const KNOWN = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
const JSON_CAPABLE = new Set(['ADD', 'CMD', 'COPY', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME']);

export const df018Docs = (): RuleDocs => ({
  rationale: `Docker stops a build at the first line it cannot understand, so these mistakes cost a build round-trip each time: an unknown or misspelt instruction (\`COPPY\`, or a stray word left by a broken line continuation), an instruction with nothing after it, an instruction other than \`ARG\` before the first \`FROM\`, and a JSON array holding something other than strings (\`CMD ["node", 3000]\`). An empty Dockerfile cannot be built at all.`,
  anchors: ['hadolint DL3061'],
  examples: {
    good: [
      `ARG NODE_VERSION=22.23.3\n${GOOD_DOCKERFILE.replaceAll('node:22.23.3-slim', 'node:${NODE_VERSION}-slim')}`,
    ],
    bad: ['', 'WORKDIR /app\nFROM node:22.23.3-slim\n', 'FROM node:22.23.3-slim\nCOPPY . .\n', 'FROM node:22.23.3-slim\nRUN npm ci &&\n  npm run build\n', 'FROM node:22.23.3-slim\nCMD ["node", 3000]\n', 'FROM node:22.23.3-slim\nUSER\n'],
  },
});

export const df018: RuleCheck = {
  id: 'DF018',
  title: 'The Dockerfile parses: known instructions, arguments present, FROM first',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    if (!dockerfile) return [];
    const violations: Violation[] = [];
    if (dockerfile.instructions.length === 0) {
      return [{ span: { line: 1, column: 1, endLine: 1, endColumn: 1 }, message: 'The Dockerfile has no instructions: start it with FROM and a pinned image, e.g. FROM node:22.23.3-slim.' }];
    }
    let seenFrom = false;
    for (const instruction of dockerfile.instructions) {
      const { keyword } = instruction;
      if (!KNOWN.has(keyword)) {
        violations.push({
          span: instruction.keywordSpan,
          message: `"${instruction.written.slice(0, 40)}" is not a Dockerfile instruction, so the build stops here: fix the spelling, or the line continuation (\\ at the end of the previous line) that should have joined it.`,
        });
        continue;
      }
      if (keyword === 'FROM') seenFrom = true;
      else if (!seenFrom && keyword !== 'ARG') {
        violations.push({ span: instruction.keywordSpan, message: `${keyword} comes before the first FROM: only ARG may; move it below FROM.` });
      }
      const text = instruction.args.text;
      if (text.trim() === '') {
        violations.push({ span: instruction.span, message: `${keyword} needs arguments: complete it or remove the line.` });
      } else if (JSON_CAPABLE.has(keyword) && commandForm(text).form === 'not-strings') {
        violations.push({ span: instruction.args.span(0, text.length), message: `A JSON array in ${keyword} may only hold strings: quote every item, e.g. "3000".` });
      }
    }
    if (!seenFrom) {
      violations.push({ span: dockerfile.instructions[0]?.span ?? { line: 1, column: 1, endLine: 1, endColumn: 1 }, message: 'The Dockerfile has no FROM: start the build FROM a pinned image, e.g. FROM node:22.23.3-slim.' });
    }
    return violations;
  },
};
