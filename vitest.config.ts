import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/{unit,server,content,harness}/**/*.test.ts', 'labs/**/*.test.{ts,mjs}', 'content/examples/**/*.test.{ts,mjs}'],
    // A lab's starter and solution are the learner's project, with tests of their own.
    exclude: ['**/node_modules/**', 'labs/*/starter/**', 'labs/*/solution/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
