import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 4321,
      host: '127.0.0.1',
      shutdownDrainMs: 3000,
      shutdownTimeoutMs: 5000,
      logLevel: 'info',
      labRuntime: 'webcontainer',
      labMaxSessions: 8,
      labSessionMs: 900_000,
      webcontainerClientId: undefined,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      SHUTDOWN_DRAIN_MS: '0',
      SHUTDOWN_TIMEOUT_MS: '10000',
      LOG_LEVEL: 'DEBUG',
      SHIPSHAPE_LAB_RUNTIME: 'server',
      WEBCONTAINER_CLIENT_ID: 'wc_api_abc-123',
    });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', shutdownDrainMs: 0, shutdownTimeoutMs: 10000, logLevel: 'debug', labRuntime: 'server', webcontainerClientId: 'wc_api_abc-123' });
  });

  it.each([
    ['PORT', 'not-a-port'],
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['HOST', 'http://example.com'],
    ['SHUTDOWN_DRAIN_MS', '3s'],
    ['SHUTDOWN_TIMEOUT_MS', '50'],
    ['LOG_LEVEL', 'verbose'],
    ['SHIPSHAPE_LAB_RUNTIME', 'docker'],
    ['SHIPSHAPE_LAB_MAX_SESSIONS', '0'],
    ['SHIPSHAPE_LAB_SESSION_MS', '1000'],
    ['WEBCONTAINER_CLIENT_ID', 'has spaces'],
  ])('rejects %s=%s with an error naming the variable', (name, value) => {
    try {
      loadConfig({ [name]: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(name);
      expect((error as Error).message).toContain(name);
      expect((error as Error).message).toContain(JSON.stringify(value));
    }
  });
});
