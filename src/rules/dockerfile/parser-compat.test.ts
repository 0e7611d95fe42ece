import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../index.js';

describe('the Dockerfile parser without Node globals', () => {
  it('parses when Buffer does not exist, as in a browser', () => {
    const buffer = globalThis.Buffer;
    // @ts-expect-error -- removed on purpose to stand in for a browser
    delete globalThis.Buffer;
    try {
      const ids = lintDockerfile('\uFEFFFROM node:22\n').map((finding) => finding.ruleId);
      expect(ids).not.toContain('DF018');
      expect(ids).toContain('DF001');
    } finally {
      globalThis.Buffer = buffer;
    }
  });
});
