import type { RuleCheck, RuleDocs } from '../types.js';
import { assignments, finalStage, inheritedInstructions } from './document.js';
import { GOOD_DOCKERFILE } from './example-dockerfile.js';

export const df013Docs = (): RuleDocs => ({
  rationale: `Many libraries switch behaviour on \`NODE_ENV\`: Express caches view templates and stops sending stack traces to clients, React and others drop development checks, and npm leaves devDependencies out. Node.js itself ignores the variable, so an image without it runs your dependencies in their slower, chattier development mode.

Set it in the final stage with \`ENV NODE_ENV=production\`. It is an image default, so a developer can still override it with \`docker run -e\`.`,
  anchors: [],
  examples: {
    good: [
      GOOD_DOCKERFILE,
    ],
    bad: ['FROM node:22.23.3-slim\nCMD ["node", "server.js"]\n', 'FROM node:22.23.3-slim\nENV NODE_ENV=development\n'],
  },
});

export const df013: RuleCheck = {
  id: 'DF013',
  title: 'The final stage sets NODE_ENV=production',
  severity: 'warning',
  appliesTo: 'dockerfile',
  check({ dockerfile }) {
    const last = dockerfile && finalStage(dockerfile);
    if (!dockerfile || !last) return [];
    const instructions = inheritedInstructions(last);
    const defaults = new Map<string, string>();
    let setting: ReturnType<typeof assignments>[number] | undefined;
    for (const instruction of instructions) {
      for (const assignment of assignments(instruction)) {
        if (instruction.keyword === 'ARG' && assignment.value !== null) defaults.set(assignment.name, assignment.value);
        if (instruction.keyword === 'ENV' && assignment.name === 'NODE_ENV') setting = assignment;
      }
    }
    if (!setting) {
      const line = last.from.span.endLine;
      const atEnd = line >= dockerfile.lines.lineCount;
      const at = atEnd
        ? { line, column: dockerfile.lines.lineText(line).length + 1 }
        : { line: line + 1, column: 1 };
      return [
        {
          span: last.from.span,
          message: 'Add ENV NODE_ENV=production to the final stage, so libraries run in production mode.',
          fix: { line: at.line, column: at.column, endLine: at.line, endColumn: at.column, text: atEnd ? '\nENV NODE_ENV=production' : 'ENV NODE_ENV=production\n' },
        },
      ];
    }
    const reference = /^\$\{?(\w+)\}?$/.exec(setting.value ?? '');
    const value = reference ? defaults.get(reference[1] ?? '') : setting.value;
    if (value === 'production') return [];
    const message = `NODE_ENV is "${setting.value ?? ''}" in the final image: set ENV NODE_ENV=production.`;
    const { valueSpan } = setting;
    return [valueSpan ? { span: valueSpan, message, fix: { ...valueSpan, text: 'production' } } : { span: setting.nameSpan, message }];
  },
};
