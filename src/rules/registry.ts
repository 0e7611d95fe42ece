import { composeRules } from './compose/rules.js';
import { dockerfileRules } from './dockerfile/rules.js';
import { dockerignoreRules } from './dockerignore/rules.js';
import { kubernetesRules } from './kubernetes/rules.js';
import type { DocumentKind, Rule } from './types.js';

/** Every rule with its documentation, in id order. Ids are public and never reused. */
export const rules: readonly Rule[] = [...dockerfileRules, ...dockerignoreRules, ...composeRules, ...kubernetesRules].map(([check, docs]) => ({ ...check, ...docs() }));

const byId = new Map(rules.map((rule) => [rule.id, rule]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id.toUpperCase());
}

/** The rules about one kind of file, e.g. for a checklist section. */
export function rulesFor(kind: DocumentKind): Rule[] {
  return rules.filter((rule) => rule.appliesTo === kind);
}
