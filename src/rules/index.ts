/**
 * The Shipshape rules engine: one registry of rules, used by the lessons (rule text and
 * examples), the readiness checklist and lab editor (live findings), and the `shipshape lint` CLI.
 * Pure TypeScript with no Node or DOM APIs, so the same module runs everywhere; browser code
 * imports `lint.ts`, the same engine without the documentation.
 */
export * from './lint.js';
export type { Rule, RuleCheck, RuleDocs, RuleExamples } from './types.js';
export { rules, getRule, rulesFor } from './registry.js';
export { checks } from './checks.js';
export { docsUrl, anchorUrl } from './docs.js';
