import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { inheritedInstructions, type DockerInstruction } from './document.js';
import { contextSources, isDependencyInstall, isManifest, packageCommands } from './node-project.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

export const df005Docs = (): RuleDocs => ({
  rationale: `Docker reuses a layer from its cache only while every input of every step before it is unchanged. When \`COPY . .\` comes before \`npm ci\`, any edit to any file invalidates the install, and every build downloads and installs every dependency again.

Copy what the install reads first (\`package.json\` and the lockfile, plus \`.npmrc\`, workspace manifests or a proxy's CA certificate if you need them), install, and only then copy the rest of the sources. Dependencies then reinstall only when the manifests change, which is rare.`,
  anchors: [],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: [
      'FROM node:22.23.3-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n',
      'FROM node:22.23.3-slim AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY src ./src\nRUN npm ci\n',
    ],
  },
});

export const df005: RuleCheck = {
  id: 'DF005',
  title: 'Package manifests are copied and installed before the sources',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const violations: Violation[] = [];
    const reported = new Set<DockerInstruction>();
    for (const stage of dockerfile?.stages ?? []) {
      // COPYs of more than manifests, waiting for the install they would invalidate.
      let pending: Array<{ copy: DockerInstruction; sources: string[] }> = [];
      for (const instruction of inheritedInstructions(stage)) {
        if (instruction.stage === stage && packageCommands(instruction).some(isDependencyInstall)) {
          for (const { copy, sources } of pending) {
            reported.add(copy);
            violations.push({
              span: copy.span,
              message: `This COPY brings in ${sources.map((s) => `"${s}"`).join(', ')} before the dependency install on line ${instruction.span.line}, so any change to those files reinstalls every dependency: copy package.json and the lockfile, install, then copy the rest.`,
            });
          }
          pending = [];
          continue;
        }
        if (reported.has(instruction)) continue;
        // A CA certificate may come first too: npm needs it to reach the registry through a proxy.
        const sources = contextSources(instruction)
          .map((source) => source.value)
          .filter((source) => !isManifest(source) && !/\.(?:pem|crt|cer)$/.test(source));
        if (sources.length > 0) pending.push({ copy: instruction, sources });
      }
    }
    return violations;
  },
};
