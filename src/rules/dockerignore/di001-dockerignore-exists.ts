import { START_OF_FILE } from '../text.js';
import type { RuleCheck, RuleDocs } from '../types.js';

export const di001Docs = (): RuleDocs => ({
  rationale: `\`docker build .\` sends the whole directory to the builder as the build context before the first instruction runs. Without a \`.dockerignore\` that includes \`node_modules\` (hundreds of megabytes, built for your laptop's platform), \`.git\`, and \`.env\` files with real credentials. Every one of them then reaches the image through \`COPY . .\`, and every change to any of them invalidates the cache.

A \`.dockerignore\` in the root of the build context (or \`<Dockerfile name>.dockerignore\` next to a Dockerfile with another name) keeps them out. An empty one does nothing, so it counts as missing.`,
  anchors: [],
  examples: {
    good: ['node_modules\n.git\n.env\n.env.*\ndist\ntests\n'],
    bad: ['', '# nothing excluded yet\n'],
    context: { dockerfile: 'FROM node:22.23.3-slim\n' },
  },
});

export const di001: RuleCheck = {
  id: 'DI001',
  title: 'A .dockerignore sits next to the Dockerfile',
  severity: 'error',
  appliesTo: 'dockerignore',
  check({ dockerfile, dockerignore }) {
    if (!dockerignore) {
      return dockerfile
        ? [{ span: START_OF_FILE, document: 'dockerfile', message: 'There is no .dockerignore, so node_modules, .git and .env files are sent to the builder: add one next to the Dockerfile.' }]
        : [];
    }
    if (dockerignore.entries.length > 0) return [];
    return [{ span: START_OF_FILE, message: 'This .dockerignore has no patterns, so the whole directory is sent to the builder: list node_modules, .git, .env and build output.' }];
  },
};
