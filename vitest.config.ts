import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/{unit,server,content,harness}/**/*.test.ts', 'labs/**/*.test.{ts,mjs}', 'content/examples/**/*.test.{ts,mjs}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
