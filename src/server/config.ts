/**
 * Server configuration, read only from the environment and validated once at start.
 * A bad value stops the process with a message that names the variable, so a typo in a
 * deployment manifest fails loudly instead of running with a surprising default.
 */

export type LabRuntimeMode = 'webcontainer' | 'server';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ServerConfig {
  port: number;
  host: string;
  shutdownDrainMs: number;
  shutdownTimeoutMs: number;
  logLevel: LogLevel;
  labRuntime: LabRuntimeMode;
  /** Server runtime only: concurrent lab sessions, and how long one may last. */
  labMaxSessions: number;
  labSessionMs: number;
  webcontainerClientId: string | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly value: string,
    expected: string,
  ) {
    super(`Invalid ${variable}=${JSON.stringify(value)}: expected ${expected}.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(name, raw, `a whole number from ${min} to ${max}`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, raw, `one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function host(env: Env): string {
  const raw = env.HOST;
  if (raw === undefined || raw === '') return '127.0.0.1';
  // A host name or an IPv4/IPv6 literal; anything with spaces, slashes or a scheme is a mistake.
  if (!/^[A-Za-z0-9.:-]+$/.test(raw) || raw.length > 253) {
    throw new ConfigError('HOST', raw, 'a host name or IP address such as 0.0.0.0 or ::');
  }
  return raw;
}

function clientId(env: Env): string | undefined {
  const raw = env.WEBCONTAINER_CLIENT_ID;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) {
    throw new ConfigError('WEBCONTAINER_CLIENT_ID', raw, 'the client id from StackBlitz (letters, digits, _ and -)');
  }
  return raw;
}

export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env): ServerConfig {
  return {
    port: integer(env, 'PORT', 4321, 1, 65535),
    host: host(env),
    shutdownDrainMs: integer(env, 'SHUTDOWN_DRAIN_MS', 3000, 0, 600_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 5000, 100, 600_000),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    labRuntime: oneOf(env, 'SHIPSHAPE_LAB_RUNTIME', 'webcontainer', ['webcontainer', 'server'] as const),
    labMaxSessions: integer(env, 'SHIPSHAPE_LAB_MAX_SESSIONS', 8, 1, 256),
    labSessionMs: integer(env, 'SHIPSHAPE_LAB_SESSION_MS', 900_000, 10_000, 86_400_000),
    webcontainerClientId: clientId(env),
  };
}
