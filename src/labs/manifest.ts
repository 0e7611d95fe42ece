/**
 * The lab manifest (`labs/<slug>/lab.json`): its schema, the rules that tie its fields
 * together, and errors that name the lab and the field. Browser-safe: file-system
 * rules (files present, solution differs from starter) live in load-lab.ts.
 *
 * Limits and defaults come from the harness protocol, so a manifest's scenario is
 * always a plan the supervisor accepts as it is.
 */
import { z } from 'zod';
import { DEFAULT_EXEC_TIMEOUT_MS, DEFAULT_SCENARIO_PLAN, LIMITS, isExecCommand, isRequestPath } from '../../labs/harness/protocol.mjs';
import type { AppOptions, ScenarioPlan } from '../../labs/harness/protocol.mjs';
import { CHECK_KINDS } from '../../labs/harness/checks.mjs';
import type { CheckDefinition } from '../../labs/harness/checks.mjs';

/** The longest a lab's scenario may be planned to run (issue 6: at most 15 s each). */
export const MAX_SCENARIO_MS = 15_000;

/** Check kinds that read a scenario result; the others (rules) read files. */
const RESULT_CHECK_KINDS = new Set<string>(CHECK_KINDS.filter((kind) => kind !== 'rules'));

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens, e.g. "sigterm-drain"');

/** A path inside the lab: relative, forward slashes, no "." or ".." segments. */
export function isLabFilePath(value: string): boolean {
  return (
    value.length > 0 &&
    !value.startsWith('/') &&
    !/[\\\0]/.test(value) &&
    value.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  );
}

const labFilePath = z
  .string()
  .refine(isLabFilePath, 'Must be a relative path inside the lab, with "/" separators and no "." or ".." segments');

const requestPath = z
  .string()
  .refine(isRequestPath, `Must start with "/" and hold only printable ASCII (at most ${LIMITS.maxPathLength} characters)`);

const defaults = DEFAULT_SCENARIO_PLAN;

const scenarioSchema = z
  .object({
    users: z
      .number()
      .int()
      .min(1)
      .max(LIMITS.maxUsers)
      .default(defaults.users)
      .describe('Concurrent virtual users, each sending one request after another on its own keep-alive socket.'),
    durationMs: z
      .number()
      .int()
      .min(LIMITS.minDurationMs)
      .max(LIMITS.maxDurationMs)
      .default(defaults.durationMs)
      .describe(
        'How long the load runs, from the moment the app answers HTTP. It goes on after the app exits, as traffic ' +
          'from a load balancer would. For a lab about an app that never finishes, make it outlast sigtermAfterMs + graceMs.',
      ),
    path: requestPath.default(defaults.path).describe('The path the load requests (GET).'),
    keepAlive: z
      .boolean()
      .default(defaults.keepAlive)
      .describe('Reuse sockets between requests; false sends `Connection: close` on every request.'),
    sigtermAfterMs: z
      .number()
      .int()
      .min(0)
      .default(defaults.sigtermAfterMs)
      .describe('When the harness sends SIGTERM to the app, in ms after it started answering HTTP.'),
    graceMs: z
      .number()
      .int()
      .min(LIMITS.minGraceMs)
      .max(LIMITS.maxGraceMs)
      .default(defaults.graceMs)
      .describe('Time from SIGTERM to SIGKILL of the whole process group, like terminationGracePeriodSeconds.'),
    requestTimeoutMs: z
      .number()
      .int()
      .min(LIMITS.minRequestTimeoutMs)
      .max(LIMITS.maxRequestTimeoutMs)
      .default(defaults.requestTimeoutMs)
      .describe('A request without a complete response by then counts as a timeout (a failure).'),
    readinessPollMs: z
      .number()
      .int()
      .min(LIMITS.minReadinessPollMs)
      .max(LIMITS.maxReadinessPollMs)
      .default(defaults.readinessPollMs)
      .describe('How often the readiness path is polled. A drain delay shorter than this cannot be seen.'),
    startTimeoutMs: z
      .number()
      .int()
      .min(LIMITS.minStartTimeoutMs)
      .max(LIMITS.maxStartTimeoutMs)
      .default(defaults.startTimeoutMs)
      .describe('How long the app may take to answer HTTP after it is started.'),
    silentClient: z
      .object({
        mode: z
          .enum(['nothing', 'partialHeaders'])
          .describe('"nothing": connect and send no byte; "partialHeaders": send headers without the final blank line.'),
        afterMs: z.number().int().min(0).describe('When it connects, in ms after the app started answering HTTP.'),
      })
      .strict()
      .nullable()
      .default(null)
      .describe('A client that connects and never finishes a request: it keeps server.close() pending.'),
    probes: z
      .array(
        z
          .object({
            name: z.string().min(1).describe('Unique name; httpResponse checks refer to it.'),
            path: requestPath.describe('The path to GET.'),
            afterMs: z.number().int().min(0).describe('When to send it, in ms after the app started answering HTTP.'),
          })
          .strict(),
      )
      .max(LIMITS.maxProbes)
      .default([])
      .describe('Single GET requests at set times, recorded with status, headers and body.'),
    execProbes: z
      .array(
        z
          .object({
            name: z.string().min(1).describe('Unique name; execExitCode checks refer to it.'),
            command: z
              .array(z.string())
              .refine(
                isExecCommand,
                `Must be 1 to ${LIMITS.maxExecArgs} non-empty strings without NUL, at most ${LIMITS.maxExecArgLength} characters each`,
              )
              .describe('Program and arguments, exec form: no shell. E.g. the HEALTHCHECK of the lab’s Dockerfile.'),
            afterMs: z.number().int().min(0).describe('When to run it, in ms after the app started answering HTTP.'),
            timeoutMs: z
              .number()
              .int()
              .min(LIMITS.minExecTimeoutMs)
              .max(LIMITS.maxExecTimeoutMs)
              .default(DEFAULT_EXEC_TIMEOUT_MS)
              .describe('Killed, and recorded as timed out, if it runs longer.'),
          })
          .strict(),
      )
      .max(LIMITS.maxExecProbes)
      .default([])
      .describe('Commands run in the app’s folder and environment at set times, recorded with exit code and output.'),
  })
  .strict();

const checkText = {
  id: slug.describe('Unique within the lab; starterFails refers to it.'),
  message: z.string().min(1).describe('Shown when the check fails: what went wrong, in the lab’s words.'),
  hint: z.string().min(1).describe('Shown when the check fails: a nudge that teaches without giving the solution away.'),
};
const noParams = z.object({}).strict().optional();

const checkSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...checkText,
      kind: z.literal('noFailedRequests').describe('No request failed (see the classification in the harness README).'),
      params: z
        .object({ minOk: z.number().int().min(1).optional().describe('Successful requests needed (default 1).') })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      ...checkText,
      kind: z.literal('logOrder').describe('The app logged these substrings in this order.'),
      params: z.object({ lines: z.array(z.string().min(1)).min(1).describe('Substrings, in order.') }).strict(),
    })
    .strict(),
  z
    .object({
      ...checkText,
      kind: z.literal('logAbsent').describe('None of these substrings appeared in the app’s output (e.g. a SIGKILL its supervisor logs).'),
      params: z.object({ lines: z.array(z.string().min(1)).min(1).describe('Substrings that must not appear.') }).strict(),
    })
    .strict(),
  z
    .object({
      ...checkText,
      kind: z.literal('logCount').describe('At least `min` lines of the app’s output contain a substring.'),
      params: z
        .object({
          includes: z.string().min(1).describe('The substring that marks the lines to count.'),
          min: z.number().int().min(1).describe('Fewer lines than this fail the check.'),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...checkText,
      kind: z.literal('exitCode').describe('The app exited with this code (not by a signal).'),
      params: z
        .object({ code: z.number().int().min(0).max(255).optional().describe('Expected code (default 0).') })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      ...checkText,
      kind: z.literal('exitWithinGrace').describe('The app exited after SIGTERM and before the grace period ran out.'),
      params: noParams,
    })
    .strict(),
  z
    .object({
      ...checkText,
      kind: z
        .literal('readinessFlippedBeforeClose')
        .describe('After SIGTERM, readiness returned 503 while the app still listened and before any refusal.'),
      params: noParams,
    })
    .strict(),
  z
    .object({
      ...checkText,
      kind: z.literal('httpResponse').describe('A probe of the scenario got the expected response.'),
      params: z
        .object({
          probe: z.string().min(1).describe('The name of a probe in scenario.probes.'),
          status: z.number().int().min(100).max(599).optional(),
          bodyIncludes: z.string().min(1).optional(),
          headers: z.record(z.string()).optional().describe('Expected header values; names are case-insensitive.'),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...checkText,
      kind: z.literal('execExitCode').describe('An exec probe of the scenario exited with the expected code.'),
      params: z
        .object({
          probe: z.string().min(1).describe('The name of a probe in scenario.execProbes.'),
          code: z.number().int().min(0).max(255).optional().describe('Expected exit code (default 0).'),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...checkText,
      kind: z.literal('rules').describe('The rules engine reports no blocking finding on the lab’s files.'),
      params: z
        .object({
          ruleIds: z.array(z.string().min(1)).min(1).optional().describe('Only these rules count (default: all).'),
          severities: z
            .array(z.enum(['error', 'warning', 'info']))
            .min(1)
            .optional()
            .describe('Findings of these severities fail the check (default: error).'),
        })
        .strict()
        .optional(),
    })
    .strict(),
]);

export const labManifestSchema = z
  .object({
    slug: slug.describe('The lab’s id and URL segment; equals its folder name under labs/.'),
    title: z.string().min(1).max(80).describe('Shown as the lab’s heading.'),
    summary: z.string().min(1).max(300).describe('One or two sentences for lists and link previews.'),
    order: z.number().int().min(1).describe('Position in the course; unique across labs.'),
    lesson: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/, 'Use the lesson’s slug, e.g. "lessons/graceful-shutdown"')
      .describe('The lesson the lab belongs to, as its slug under content/.'),
    instructions: labFilePath.default('README.md').describe('The instructions file, relative to the lab folder.'),
    files: z
      .object({
        editable: z.array(labFilePath).min(1).describe('Files under starter/ the learner edits.'),
        readOnly: z.array(labFilePath).default([]).describe('Files under starter/ shown but not editable.'),
      })
      .strict()
      .describe('Every file under starter/, each listed exactly once.'),
    app: z
      .object({
        entry: labFilePath.describe('The app’s entry file, run as `node <entry>`; one of the listed files.'),
        command: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe('Exec-form command that replaces `node <entry>`, for labs about wrappers (e.g. ["npm", "start"]).'),
        port: z.number().int().min(1024).max(65535).describe('The port the app listens on; it gets it as PORT.'),
        readinessPath: requestPath.optional().describe('Polled during runs; a 503 takes the app out of rotation.'),
      })
      .strict()
      .optional()
      .describe('How to run the lab’s app. File-only labs have none.'),
    scenario: scenarioSchema.optional().describe('The run that checks judge. Needed by every check but rules.'),
    checks: z.array(checkSchema).min(1).describe('Evaluated in order; all must pass for the lab to be done.'),
    starterFails: z
      .array(z.string())
      .min(1)
      .describe('Ids of the checks the starter must fail (and only these); CI verifies it.'),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

    const checkIds = new Set<string>();
    manifest.checks.forEach((check, index) => {
      if (checkIds.has(check.id)) issue(['checks', index, 'id'], `Repeats the check id "${check.id}"`);
      checkIds.add(check.id);
    });
    const failing = new Set<string>();
    manifest.starterFails.forEach((id, index) => {
      if (!checkIds.has(id)) issue(['starterFails', index], `No check has the id "${id}"`);
      if (failing.has(id)) issue(['starterFails', index], `Repeats "${id}"`);
      failing.add(id);
    });

    const listed = new Set<string>();
    for (const group of ['editable', 'readOnly'] as const) {
      manifest.files[group].forEach((file, index) => {
        if (listed.has(file)) issue(['files', group, index], `"${file}" is listed twice`);
        listed.add(file);
      });
    }

    const { app, scenario } = manifest;
    if (app && !listed.has(app.entry)) issue(['app', 'entry'], `"${app.entry}" is not in files.editable or files.readOnly`);
    if (scenario && !app) issue(['scenario'], 'A scenario needs an app to run');
    if (scenario) refineScenario(scenario, issue);

    manifest.checks.forEach((check, index) => {
      if (RESULT_CHECK_KINDS.has(check.kind) && !(app && scenario)) {
        issue(['checks', index, 'kind'], `A ${check.kind} check needs an app and a scenario`);
      }
      if (check.kind === 'readinessFlippedBeforeClose' && app && !app.readinessPath) {
        issue(['checks', index, 'kind'], 'A readinessFlippedBeforeClose check needs app.readinessPath');
      }
      if (check.kind === 'httpResponse' && !scenario?.probes.some((probe) => probe.name === check.params.probe)) {
        issue(['checks', index, 'params', 'probe'], `No probe named "${check.params.probe}" in scenario.probes`);
      }
      if (check.kind === 'execExitCode' && !scenario?.execProbes.some((probe) => probe.name === check.params.probe)) {
        issue(['checks', index, 'params', 'probe'], `No exec probe named "${check.params.probe}" in scenario.execProbes`);
      }
    });
  });

type Issue = (path: (string | number)[], message: string) => void;

function refineScenario(scenario: ScenarioPlan, issue: Issue) {
  const { durationMs, sigtermAfterMs, graceMs } = scenario;
  if (sigtermAfterMs > durationMs) {
    issue(['scenario', 'sigtermAfterMs'], `Must not be later than durationMs (${durationMs}): SIGTERM comes during the load`);
  }
  const plannedMs = Math.max(durationMs, sigtermAfterMs + graceMs);
  if (plannedMs > MAX_SCENARIO_MS) {
    issue(['scenario'], `Planned to run ${plannedMs} ms (the longer of durationMs and sigtermAfterMs + graceMs); the limit is ${MAX_SCENARIO_MS} ms`);
  }
  if (scenario.silentClient && scenario.silentClient.afterMs > durationMs) {
    issue(['scenario', 'silentClient', 'afterMs'], `Must not be later than durationMs (${durationMs})`);
  }
  const names = new Set<string>();
  scenario.probes.forEach((probe, index) => {
    if (names.has(probe.name)) issue(['scenario', 'probes', index, 'name'], `Repeats the probe name "${probe.name}"`);
    names.add(probe.name);
    if (probe.afterMs > durationMs) {
      issue(['scenario', 'probes', index, 'afterMs'], `Must not be later than durationMs (${durationMs})`);
    }
  });
  const execNames = new Set<string>();
  scenario.execProbes.forEach((probe, index) => {
    if (execNames.has(probe.name)) issue(['scenario', 'execProbes', index, 'name'], `Repeats the exec probe name "${probe.name}"`);
    execNames.add(probe.name);
    if (probe.afterMs > durationMs) {
      issue(['scenario', 'execProbes', index, 'afterMs'], `Must not be later than durationMs (${durationMs})`);
    }
  });
}

export type LabManifest = z.output<typeof labManifestSchema>;
export type LabCheck = LabManifest['checks'][number];
export type LabApp = NonNullable<LabManifest['app']>;

// Compile-time proof that a manifest feeds the harness as it is: its checks are check
// definitions, its scenario is a plan, and its app plus a cwd is the app to run.
type Holds<T extends true> = T;
type ManifestFitsHarness = Holds<
  LabCheck extends CheckDefinition
    ? ScenarioPlan extends NonNullable<LabManifest['scenario']>
      ? NonNullable<LabManifest['scenario']> extends ScenarioPlan
        ? LabApp & { cwd: string } extends AppOptions
          ? true
          : false
        : false
      : false
    : false
>;

export interface ManifestIssue {
  /** Where in lab.json (or the lab folder) the problem is, e.g. `checks[2].params.lines`. */
  path: string;
  message: string;
}

export class LabManifestError extends Error {
  constructor(
    readonly lab: string,
    readonly issues: ManifestIssue[],
  ) {
    super(`Lab "${lab}" is invalid:\n${issues.map((i) => `  - ${i.path || '(manifest)'}: ${i.message}`).join('\n')}`);
    this.name = 'LabManifestError';
  }
}

/** `['checks', 2, 'params']` → `checks[2].params` */
export function formatIssuePath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    '',
  );
}

/**
 * Validates a parsed lab.json and returns it with defaults applied.
 * @throws {LabManifestError} naming the lab and every invalid field
 */
export function validateManifest(value: unknown, labName: string): LabManifest {
  const parsed = labManifestSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new LabManifestError(
    labName,
    parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })),
  );
}
