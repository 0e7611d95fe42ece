/**
 * What a secret looks like, by name and by value. Names follow BuildKit's SecretsUsedInArgOrEnv
 * check: a secret word delimited by `_` or the ends of the name, unless the name also says it is
 * public. Values are recognised by the formats of common credentials.
 */

const SECRET_NAME = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED_NAME = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !ALLOWED_NAME.test(name);
}

const SECRET_VALUES: Array<[RegExp, string]> = [
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key ID'],
  [/\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/, 'a GitHub token'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm access token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/, 'a JSON Web Token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  // Bounded repetitions keep this linear on long values.
  [/\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/:@]{1,256}:[^\s/@$]{1,256}@/i, 'a URL with a password in it'],
];

/** Describes the credential a value contains, or undefined when it looks like none. */
export function secretValueKind(value: string): string | undefined {
  return SECRET_VALUES.find(([pattern]) => pattern.test(value))?.[1];
}

/** A value that only refers to other variables (`$TOKEN`, `${TOKEN}`) holds no literal secret. */
export function isVariableReference(value: string): boolean {
  return /^\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(value.trim());
}
