import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

/** Splits `registry:5000/name:tag@sha256:…` into its name, tag and digest. */
export function parseImageReference(reference: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest = '', digest] = reference.split('@', 2);
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const parsed: { name: string; tag?: string; digest?: string } = { name: hasTag ? withoutDigest.slice(0, colon) : withoutDigest };
  if (hasTag) parsed.tag = withoutDigest.slice(colon + 1);
  if (digest !== undefined) parsed.digest = digest;
  return parsed;
}

/** A tag that names one release: a full `major.minor.patch` version, optionally with a variant. */
function isExactVersionTag(tag: string): boolean {
  return /^v?\d+\.\d+\.\d+(?:[-_.+][\w.-]*)?$/.test(tag);
}

export const df001Docs = (): RuleDocs => ({
  rationale: `A tag such as \`node:22-slim\` or \`node:latest\` moves: the same Dockerfile builds a different image next week, with a different Node.js and different system libraries, and a rebuild to fix one line can ship an untested runtime. Pin the full version, \`node:22.23.3-slim\`, or a digest, \`node:22.23.3-slim@sha256:…\`, and upgrade on purpose (a bot such as Renovate or Dependabot can open the pull request).

When the version comes from an \`ARG\` before \`FROM\`, give that ARG a pinned default, so a plain \`docker build\` is reproducible too. Stage names (\`FROM deps\`) and \`scratch\` are not images and need no pin.`,
  anchors: ['hadolint DL3006', 'hadolint DL3007', 'Trivy DS-0001', 'BuildKit UndefinedArgInFrom'],
  examples: {
    good: [
      `ARG NODE_VERSION=22.23.3\n${GOOD_DOCKERFILE.replaceAll('node:22.23.3-slim', 'node:${NODE_VERSION}-slim')}`,
    ],
    bad: ['FROM node\n', 'FROM node:latest\n', 'FROM node:22-slim\n', 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}-slim\n'],
  },
});

export const df001: RuleCheck = {
  id: 'DF001',
  title: 'Base images are pinned to an exact version or digest',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const violations: Violation[] = [];
    for (const stage of dockerfile?.stages ?? []) {
      // `${VERSION:-22}` falls back to its default when the ARG has no value, as Docker does.
      const image = stage.image.replace(/\$\{\w+:?-([^}]*)\}/g, '$1');
      if (stage.base || image === '' || image.toLowerCase() === 'scratch') continue;
      const { name, tag, digest } = parseImageReference(image);
      if (image.includes('$')) {
        violations.push({
          span: stage.imageSpan,
          message: `"${image}" is only known at build time: declare the ARG before FROM with a pinned default, e.g. ARG NODE_VERSION=22.23.3.`,
        });
      } else if (digest === undefined && (tag === undefined || !isExactVersionTag(tag))) {
        const what = tag === undefined ? 'has no tag, so it means :latest' : tag === 'latest' ? 'uses :latest' : `uses the moving tag :${tag}`;
        violations.push({
          span: stage.imageSpan,
          message: `${image} ${what}: pin an exact version such as ${name === 'node' ? 'node:22.23.3-slim' : `${name}:<major.minor.patch>`}, or a digest (@sha256:…).`,
        });
      }
    }
    return violations;
  },
};
