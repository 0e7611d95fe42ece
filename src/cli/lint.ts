import { parseArgs } from 'node:util';
import { COMPOSE_OVERRIDE_CHECKS } from '../rules/compose/rules.js';
import { discover } from './discover.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import { formatText } from './format/text.js';
import { UsageError, type CliIo, type Command } from './io.js';
import { lintDirectories } from './lint-files.js';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/** The course site that explains each rule; instructors host it, so it can be pointed elsewhere. */
const DEFAULT_DOCS_URL = 'http://localhost:8080';

const HELP = `Usage: shipshape lint [paths…] [options]

Checks Dockerfiles, .dockerignore files, compose files and Kubernetes manifests against the
course's production rules. A directory (the default is .) means its Dockerfile(s) (Dockerfile,
*.Dockerfile, Dockerfile.*), .dockerignore and compose file (compose.yaml, docker-compose.yml…);
name Kubernetes manifests and other files directly. An override file (compose.override.yaml)
is checked only for what it sets (${[...COMPOSE_OVERRIDE_CHECKS].join(', ')}): the rest comes from the file
Compose merges it into.

Options:
  -f, --format <text|json|sarif>  output format (default: text)
      --docs-url <url>            where the course site explains each rule
                                  (default: $SHIPSHAPE_DOCS_URL or ${DEFAULT_DOCS_URL})
  -h, --help                      show this help

Exit status: 0 when there is no error-severity finding, 1 when there is, 2 for a usage error
or a path that cannot be read.
`;

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        'docs-url': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = options(args);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (use text, json or sarif)`);
  const docsBase = (values['docs-url'] ?? io.env.SHIPSHAPE_DOCS_URL ?? DEFAULT_DOCS_URL).replace(/\/+$/, '');
  const reports = lintDirectories(await discover(positionals.length > 0 ? positionals : ['.'], io.cwd));
  if (format === 'json') io.stdout.write(formatJson(reports));
  else if (format === 'sarif') io.stdout.write(formatSarif(reports, docsBase));
  else {
    // https://no-color.org: any non-empty NO_COLOR turns colours off.
    const color = io.stdout.isTTY === true && !io.env.NO_COLOR;
    io.stdout.write(formatText(reports, { color, docsBase }));
  }
  return reports.some(({ findings }) => findings.some((finding) => finding.severity === 'error')) ? 1 : 0;
}

export const lintCommand: Command = {
  summary: 'check Dockerfiles, .dockerignore, compose files and Kubernetes manifests',
  run,
};
