import { composeChecks } from './compose/rules.js';
import { dockerfileChecks } from './dockerfile/rules.js';
import { dockerignoreChecks } from './dockerignore/rules.js';
import { kubernetesChecks } from './kubernetes/rules.js';
import type { DocumentKind, RuleCheck } from './types.js';

/** Every rule's check, in id order: what the engine runs, without the documentation. */
export const checks: readonly RuleCheck[] = [...dockerfileChecks, ...dockerignoreChecks, ...composeChecks, ...kubernetesChecks];

/** The checks about one kind of file. */
export function checksFor(kind: DocumentKind): RuleCheck[] {
  return checks.filter((check) => check.appliesTo === kind);
}
