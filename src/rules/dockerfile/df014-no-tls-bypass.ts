import type { RuleCheck, RuleDocs, Violation } from '../types.js';
import { assignments, shellCommands } from './document.js';
import { baseName } from './node-project.js';
import { programIndex, type ShellWord } from './shell-words.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

/** Variable settings that switch certificate checks off. */
function disablesVerification(name: string, value: string): boolean {
  const normalized = value.replace(/^['"]|['"]$/g, '').toLowerCase();
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED') return normalized === '0';
  if (name.toLowerCase() === 'npm_config_strict_ssl') return normalized === 'false';
  if (name === 'GIT_SSL_NO_VERIFY') return normalized !== '' && normalized !== '0' && normalized !== 'false';
  return false;
}

/** The word of a shell command that turns certificate checks off, if any. */
function bypassIn(words: ShellWord[]): ShellWord | undefined {
  const at = programIndex(words);
  for (const word of words.slice(0, at)) {
    const [name = '', value = ''] = word.value.split('=', 2);
    if (disablesVerification(name, value)) return word;
  }
  const program = baseName(words[at]?.value ?? '');
  const rest = words.slice(at + 1);
  const values = rest.map((word) => word.value.toLowerCase());
  if (program === 'curl') return rest.find((word) => word.value === '--insecure' || /^-[A-Za-z]*k[A-Za-z]*$/.test(word.value));
  if (program === 'wget') return rest.find((word) => word.value === '--no-check-certificate');
  if (program === 'git') return rest.find((word, i) => /^http\.sslverify$/i.test(word.value) && values[i + 1] === 'false');
  return rest.find((_, i) => {
    const value = values[i] ?? '';
    return value === '--strict-ssl=false' || /strict-ssl\s*=\s*false/.test(value) || (value === 'strict-ssl' && values[i + 1] === 'false');
  });
}

export const df014Docs = (): RuleDocs => ({
  rationale: `\`NODE_TLS_REJECT_UNAUTHORIZED=0\` makes every HTTPS connection the app opens accept any certificate, so anyone on the network path can read and change the traffic, database credentials included; Node prints a warning and carries on. \`npm config set strict-ssl false\`, \`curl -k\` and \`wget --no-check-certificate\` do the same to the build: a tampered package or download is installed without complaint.

These usually appear to get past a corporate proxy that re-signs TLS traffic. Trust that proxy's CA certificate instead: copy it into the image and point \`NODE_EXTRA_CA_CERTS\` (for Node and npm) at it, or add it to the system store with \`update-ca-certificates\`.`,
  anchors: ['Checkov CKV2_DOCKER_6', 'Checkov CKV2_DOCKER_12', 'Checkov CKV2_DOCKER_13', 'Checkov CKV2_DOCKER_2', 'Checkov CKV2_DOCKER_3'],
  examples: {
    good: [
      GOOD_DOCKERFILE.replace(
        'COPY package.json package-lock.json ./\n',
        'COPY package.json package-lock.json ./\nCOPY certs/corporate-ca.pem /usr/local/share/ca-certificates/corporate-ca.crt\nENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/corporate-ca.crt\n',
      ),
    ],
    bad: [
      'FROM node:22.23.3-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n',
      'FROM node:22.23.3-slim\nRUN npm config set strict-ssl false && npm ci\n',
      'FROM node:22.23.3-slim\nRUN curl -fsSLk https://example.com/install.sh -o /tmp/install.sh\n',
    ],
  },
});

export const df014: RuleCheck = {
  id: 'DF014',
  title: 'TLS certificate checks stay on',
  severity: 'error',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const violations: Violation[] = [];
    const message = 'This turns TLS certificate checks off, so traffic can be read and altered in transit: trust your proxy\'s CA instead (NODE_EXTRA_CA_CERTS, or update-ca-certificates).';
    for (const instruction of dockerfile?.instructions ?? []) {
      if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
        for (const { name, value, nameSpan } of assignments(instruction)) if (value !== null && disablesVerification(name, value)) violations.push({ span: nameSpan, message });
      } else if (instruction.keyword === 'RUN') {
        for (const words of shellCommands(instruction)) {
          const word = bypassIn(words);
          if (word) violations.push({ span: instruction.args.span(word.start, word.end), message });
        }
      }
    }
    return violations;
  },
};
