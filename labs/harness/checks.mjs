// @ts-check
/**
 * Lab checks: pure functions over a scenario result (and, for file labs, rule findings
 * supplied by the caller). Browser-safe, so the lab UI and CI run the same code.
 * The report shape is versioned (CHECK_REPORT_VERSION).
 */
import { ACCEPTABLE_OUTCOMES, FAILED_OUTCOMES, PROTOCOL_VERSION } from './protocol.mjs';

/** @typedef {import('./protocol.mjs').ScenarioResult} ScenarioResult */
/** @typedef {import('./protocol.mjs').Outcome} Outcome */

export const CHECK_REPORT_VERSION = 1;

export const CHECK_KINDS = /** @type {const} */ ([
  'noFailedRequests',
  'logOrder',
  'logAbsent',
  'logCount',
  'exitCode',
  'exitWithinGrace',
  'readinessFlippedBeforeClose',
  'httpResponse',
  'execExitCode',
  'rules',
]);

/** @typedef {typeof CHECK_KINDS[number]} CheckKind */
/** @typedef {'error' | 'warning' | 'info'} RuleSeverity */

/**
 * @typedef {object} RuleFinding
 * The part of a rules-engine finding (src/rules) that checks read.
 * @property {string} ruleId
 * @property {RuleSeverity} severity
 * @property {string} message
 * @property {number} [line]
 */

/**
 * @typedef {object} NoFailedRequestsParams
 * @property {number} [minOk] fewer successful requests than this fails (default 1), so
 *   an app that never served anything cannot pass
 */
/**
 * @typedef {object} LogOrderParams
 * @property {string[]} lines substrings that must appear in the app's output in this order
 */
/**
 * @typedef {object} LogAbsentParams
 * @property {string[]} lines substrings none of which may appear in the app's output
 */
/**
 * @typedef {object} LogCountParams
 * @property {string} includes the substring that marks the lines to count
 * @property {number} min fewer such lines than this fails
 */
/** @typedef {{ code?: number }} ExitCodeParams code defaults to 0 */
/**
 * @typedef {object} HttpResponseParams
 * @property {string} probe name of a probe in the scenario plan
 * @property {number} [status]
 * @property {string} [bodyIncludes]
 * @property {Record<string, string>} [headers] expected values; names are case-insensitive
 */
/**
 * @typedef {object} ExecExitCodeParams
 * @property {string} probe name of an exec probe in the scenario plan
 * @property {number} [code] expected exit code (default 0)
 */
/**
 * @typedef {object} RulesParams
 * @property {string[]} [ruleIds] only these rules count (default: all)
 * @property {RuleSeverity[]} [severities] findings of these severities fail (default: error)
 */

/**
 * @typedef {{ id: string, message?: string, hint?: string }} CheckCommon
 * message: shown when the check fails, in the lab's words; hint: how to go on.
 */
/**
 * @typedef {CheckCommon & (
 *   { kind: 'noFailedRequests', params?: NoFailedRequestsParams }
 *   | { kind: 'logOrder', params: LogOrderParams }
 *   | { kind: 'logAbsent', params: LogAbsentParams }
 *   | { kind: 'logCount', params: LogCountParams }
 *   | { kind: 'exitCode', params?: ExitCodeParams }
 *   | { kind: 'exitWithinGrace', params?: Record<string, never> }
 *   | { kind: 'readinessFlippedBeforeClose', params?: Record<string, never> }
 *   | { kind: 'httpResponse', params: HttpResponseParams }
 *   | { kind: 'execExitCode', params: ExecExitCodeParams }
 *   | { kind: 'rules', params?: RulesParams }
 * )} CheckDefinition
 */

/**
 * @typedef {object} CheckContext
 * @property {ScenarioResult | null} result null when no scenario ran (file labs, or not yet)
 * @property {(params: RulesParams) => ReadonlyArray<RuleFinding>} [lint] the rules
 *   engine run over the learner's current files; required by `rules` checks
 */

/**
 * @typedef {object} CheckResult
 * @property {string} id
 * @property {CheckKind} kind
 * @property {'pass' | 'fail'} status
 * @property {string} message on failure the check's own message when it has one,
 *   otherwise the same text as `details`
 * @property {string} details what the evaluator found, in plain words
 * @property {string | null} hint only when the check fails
 */

/**
 * @typedef {object} CheckReport
 * @property {number} version CHECK_REPORT_VERSION
 * @property {'pass' | 'fail'} status pass when every check passed
 * @property {CheckResult[]} checks in the order given
 */

/** @typedef {{ pass: boolean, details: string }} Verdict */

/**
 * @param {ReadonlyArray<CheckDefinition>} checks
 * @param {CheckContext} context
 * @returns {CheckReport}
 */
export function evaluateChecks(checks, context) {
  const results = checks.map((check) => evaluateCheck(check, context));
  return {
    version: CHECK_REPORT_VERSION,
    status: results.every((r) => r.status === 'pass') ? 'pass' : 'fail',
    checks: results,
  };
}

/**
 * @param {CheckDefinition} check
 * @param {CheckContext} context
 * @returns {CheckResult}
 */
export function evaluateCheck(check, context) {
  const verdict = judge(check, context);
  return {
    id: check.id,
    kind: check.kind,
    status: verdict.pass ? 'pass' : 'fail',
    message: verdict.pass ? verdict.details : (check.message ?? verdict.details),
    details: verdict.details,
    hint: verdict.pass ? null : (check.hint ?? null),
  };
}

/**
 * @param {CheckDefinition} check
 * @param {CheckContext} context
 * @returns {Verdict}
 */
function judge(check, context) {
  if (check.kind === 'rules') {
    if (!context.lint) return fail('Rule findings are not available here, so the files could not be checked.');
    return rulesPass(context.lint(check.params ?? {}), check.params);
  }
  const { result } = context;
  if (result === null) return fail('There is no scenario result yet: run the scenario first.');
  if (result.protocolVersion !== PROTOCOL_VERSION) {
    return fail(`The result uses harness protocol ${result.protocolVersion}; these checks read ${PROTOCOL_VERSION}.`);
  }
  if (result.error !== null) return fail(`The scenario could not run: ${result.error}`);
  switch (check.kind) {
    case 'noFailedRequests':
      return noFailedRequests(result, check.params);
    case 'logOrder':
      return logOrder(result, check.params);
    case 'logAbsent':
      return logAbsent(result, check.params);
    case 'logCount':
      return logCount(result, check.params);
    case 'exitCode':
      return exitCode(result, check.params);
    case 'exitWithinGrace':
      return exitWithinGrace(result);
    case 'readinessFlippedBeforeClose':
      return readinessFlippedBeforeClose(result);
    case 'httpResponse':
      return httpResponse(result, check.params);
    case 'execExitCode':
      return execExitCode(result, check.params);
  }
}

/** How each outcome reads in a sentence about N requests. */
const OUTCOME_PHRASES = /** @type {const} */ ({
  ok: 'succeeded',
  non2xx: 'answered with a non-2xx status',
  acceptedReset: 'cut off after the app had accepted them',
  refusedBeforeReady503: 'refused before readiness returned 503',
  timeout: 'got no response in time',
  otherError: 'failed with another client error',
  retrySafeReset: 'hit the retry-safe keep-alive race',
  refusedAfterReady503: 'refused after readiness returned 503',
});

/**
 * @param {ScenarioResult} result
 * @param {NoFailedRequestsParams} [params]
 * @returns {Verdict}
 */
export function noFailedRequests(result, params = {}) {
  const { counts, total, failed } = result.requests;
  const minOk = params.minOk ?? 1;
  if (failed > 0) {
    const reasons = describeCounts(counts, FAILED_OUTCOMES);
    return fail(`${failed} of ${total} requests failed: ${reasons}.`);
  }
  if (counts.ok < minOk) {
    return fail(`Only ${plural(counts.ok, 'request', 'requests')} succeeded; at least ${minOk} must, or nothing was tested.`);
  }
  const tolerated = describeCounts(counts, ACCEPTABLE_OUTCOMES);
  return pass(`No request failed: ${counts.ok} succeeded${tolerated ? `; acceptable: ${tolerated}` : ''}.`);
}

/**
 * @param {ScenarioResult['requests']['counts']} counts
 * @param {ReadonlyArray<Outcome>} outcomes
 * @returns {string}
 */
function describeCounts(counts, outcomes) {
  return outcomes
    .filter((outcome) => counts[outcome] > 0)
    .map((outcome) => `${counts[outcome]} ${OUTCOME_PHRASES[outcome]}`)
    .join(', ');
}

/**
 * @param {ScenarioResult} result
 * @param {LogOrderParams} params
 * @returns {Verdict}
 */
export function logOrder(result, params) {
  let from = 0;
  /** @type {string | null} */
  let previous = null;
  for (const expected of params.lines) {
    const index = result.logs.findIndex((entry, i) => i >= from && entry.line.includes(expected));
    if (index === -1) {
      const anywhere = result.logs.some((entry) => entry.line.includes(expected));
      if (!anywhere) return fail(`"${expected}" never appeared in the app's output.`);
      return fail(`"${expected}" appeared, but not after "${previous}".`);
    }
    from = index + 1;
    previous = expected;
  }
  return pass(`The app logged all ${params.lines.length} expected lines in order.`);
}

/** A log line quoted in a verdict is cut to this length. */
const QUOTED_LINE_LENGTH = 200;

/**
 * @param {string} line
 * @returns {string}
 */
function quoteLine(line) {
  return line.length > QUOTED_LINE_LENGTH ? `${line.slice(0, QUOTED_LINE_LENGTH)}…` : line;
}

/**
 * @param {ScenarioResult} result
 * @param {LogAbsentParams} params
 * @returns {Verdict}
 */
export function logAbsent(result, params) {
  for (const unwanted of params.lines) {
    const entry = result.logs.find((e) => e.line.includes(unwanted));
    if (entry) {
      return fail(`"${unwanted}" appeared in the app's output at ${entry.t} ms: ${quoteLine(entry.line)}`);
    }
  }
  const listed = params.lines.map((line) => `"${line}"`).join(', ');
  // Lines beyond the harness's cap were not kept, so their absence proves nothing.
  if (result.logsDropped > 0) {
    return fail(`The harness kept only part of the output (${result.logsDropped} lines dropped), so it cannot tell whether ${listed} appeared.`);
  }
  return pass(`The app's output never contained ${listed}.`);
}

/**
 * @param {ScenarioResult} result
 * @param {LogCountParams} params
 * @returns {Verdict}
 */
export function logCount(result, params) {
  const { includes, min } = params;
  const count = result.logs.filter((entry) => entry.line.includes(includes)).length;
  const counted = `The app's output has ${plural(count, 'line', 'lines')} with "${includes}"`;
  if (count >= min) return pass(`${counted}, at least ${min} as expected.`);
  // Lines beyond the harness's cap were not kept, so they could not be counted.
  const dropped = result.logsDropped > 0 ? ` The harness kept only part of the output (${result.logsDropped} lines dropped).` : '';
  return fail(`${counted}; expected at least ${min}, so ${min - count} are missing.${dropped}`);
}

/**
 * @param {ScenarioResult} result
 * @param {ExitCodeParams} [params]
 * @returns {Verdict}
 */
export function exitCode(result, params = {}) {
  const expected = params.code ?? 0;
  const { exit } = result;
  if (exit === null) return fail('The app never exited.');
  if (exit.signal !== null) {
    const why = exit.killedAfterGrace ? ' when the grace period ran out' : '';
    return fail(`The app was ended by ${exit.signal}${why}; it did not exit with code ${expected}.`);
  }
  if (exit.code !== expected) return fail(`The app exited with code ${exit.code}; expected ${expected}.`);
  return pass(`The app exited with code ${expected}.`);
}

/**
 * @param {ScenarioResult} result
 * @returns {Verdict}
 */
export function exitWithinGrace(result) {
  const { exit, sigtermAt } = result;
  const { graceMs } = result.plan;
  if (sigtermAt === null) {
    return fail(exit ? `The app exited at ${exit.t} ms, before SIGTERM was sent.` : 'SIGTERM was never sent.');
  }
  if (exit === null) return fail('The app never exited.');
  if (exit.killedAfterGrace) {
    return fail(`The app was still running ${graceMs} ms after SIGTERM, so it was killed with SIGKILL.`);
  }
  const shutdownMs = exit.t - sigtermAt;
  if (shutdownMs > graceMs) return fail(`The app took ${shutdownMs} ms to exit; the grace period is ${graceMs} ms.`);
  return pass(`The app exited ${shutdownMs} ms after SIGTERM, within the ${graceMs} ms grace period.`);
}

/**
 * Readiness must return 503 after SIGTERM while the app still listens, and no new
 * connection may be refused before that: otherwise a load balancer was still sending
 * traffic to a closed port.
 * @param {ScenarioResult} result
 * @returns {Verdict}
 */
export function readinessFlippedBeforeClose(result) {
  const { sigtermAt, exit } = result;
  if (sigtermAt === null) return fail('SIGTERM was never sent, so readiness could not flip.');
  const flippedAt = result.timings.readinessFlippedAt;
  if (flippedAt === null) {
    const seen = result.readiness.filter((o) => o.t >= sigtermAt).map((o) => String(o.status));
    const statuses = seen.length > 0 ? ` (after SIGTERM it was: ${[...new Set(seen)].join(', ')})` : '';
    return fail(`Readiness never returned 503 after SIGTERM${statuses}.`);
  }
  const closedFirst = result.readiness.some((o) => o.t >= sigtermAt && o.t < flippedAt && o.status === 'unreachable');
  if (closedFirst || (exit !== null && exit.t < flippedAt)) {
    return fail('The app stopped listening before readiness returned 503.');
  }
  const refused = result.requests.counts.refusedBeforeReady503;
  if (refused > 0) return fail(`${plural(refused, 'connection was', 'connections were')} refused before readiness returned 503.`);
  return pass(`Readiness returned 503 ${flippedAt - sigtermAt} ms after SIGTERM, while the app still listened.`);
}

/**
 * @param {ScenarioResult} result
 * @param {HttpResponseParams} params
 * @returns {Verdict}
 */
export function httpResponse(result, params) {
  const probe = result.probes.find((p) => p.name === params.probe);
  if (!probe) return fail(`The scenario sent no probe named "${params.probe}".`);
  const request = `GET ${probe.path}`;
  if (probe.status === null) return fail(`${request} got no response (${probe.error}).`);
  if (params.status !== undefined && probe.status !== params.status) {
    return fail(`${request} answered ${probe.status}; expected ${params.status}.`);
  }
  if (params.bodyIncludes !== undefined && !probe.body.includes(params.bodyIncludes)) {
    return fail(`The answer to ${request} does not contain "${params.bodyIncludes}".`);
  }
  for (const [name, expected] of Object.entries(params.headers ?? {})) {
    const actual = probe.headers[name.toLowerCase()];
    if (actual === undefined) return fail(`The answer to ${request} has no ${name} header; expected "${expected}".`);
    if (actual.toLowerCase() !== expected.toLowerCase()) {
      return fail(`The answer to ${request} has ${name}: ${actual}; expected "${expected}".`);
    }
  }
  return pass(`${request} answered ${probe.status} as expected.`);
}

/**
 * @param {ScenarioResult} result
 * @param {ExecExitCodeParams} params
 * @returns {Verdict}
 */
export function execExitCode(result, params) {
  const expected = params.code ?? 0;
  const probe = result.execProbes.find((p) => p.name === params.probe);
  if (!probe) return fail(`The scenario ran no exec probe named "${params.probe}".`);
  const command = `\`${probe.command.join(' ')}\``;
  const output = probe.output.trim().replace(/\s+/g, ' ');
  const said = output === '' ? '' : ` Its output: ${quoteLine(output)}`;
  if (probe.error !== null) return fail(`${command} gave no exit code: ${probe.error}.${said}`);
  if (probe.exitCode !== expected) {
    const ended = probe.signal !== null ? `was ended by ${probe.signal}` : `exited with ${probe.exitCode}`;
    return fail(`${command} ${ended}; expected exit code ${expected}.${said}`);
  }
  return pass(`${command} exited with ${expected} as expected, after ${probe.durationMs} ms.`);
}

/**
 * @param {ReadonlyArray<RuleFinding>} findings
 * @param {RulesParams} [params]
 * @returns {Verdict}
 */
export function rulesPass(findings, params = {}) {
  const severities = params.severities ?? ['error'];
  const ruleIds = params.ruleIds;
  const blocking = findings.filter(
    (f) => severities.includes(f.severity) && (ruleIds === undefined || ruleIds.includes(f.ruleId)),
  );
  const scope = ruleIds ? `rules ${ruleIds.join(', ')}` : 'the rules';
  if (blocking.length === 0) return pass(`No ${severities.join(' or ')} findings from ${scope}.`);
  const shown = blocking.slice(0, 3).map((f) => `${f.ruleId}${f.line ? ` (line ${f.line})` : ''}: ${f.message}`);
  const more = blocking.length > shown.length ? `; and ${blocking.length - shown.length} more` : '';
  return fail(`${plural(blocking.length, 'finding', 'findings')} from ${scope}: ${shown.join('; ')}${more}`);
}

/**
 * @param {number} count
 * @param {string} one
 * @param {string} many
 */
function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * @param {string} details
 * @returns {Verdict}
 */
function pass(details) {
  return { pass: true, details };
}

/**
 * @param {string} details
 * @returns {Verdict}
 */
function fail(details) {
  return { pass: false, details };
}
