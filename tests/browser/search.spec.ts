import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/** A term a learner would search for, and the lesson that must come up for it. */
const KEY_TERMS: Record<string, string> = {
  'base-images': 'musl',
  'multi-stage-builds': 'devDependencies',
  'non-root-user': 'non-root user',
  'health-checks': 'liveness',
  dockerignore: 'dockerignore',
  secrets: 'secrets',
  'layer-caching': 'cache mount',
  compose: 'depends_on',
  'ci-cd': 'dive',
  'graceful-shutdown': 'preStop',
  'pid1-and-signals': 'tini',
  'process-hygiene': 'unhandledRejection',
  checklist: 'readiness checklist',
  summary: 'summary',
};

test('every lesson of the syllabus exists and has a search term', () => {
  const lessons = readdirSync('content/lessons').map((file) => file.replace(/\.mdx?$/, '')).sort();
  expect(lessons).toEqual(Object.keys(KEY_TERMS).sort());
});

for (const [lesson, term] of Object.entries(KEY_TERMS)) {
  test(`search finds the ${lesson} lesson for "${term}"`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.getByRole('textbox', { name: 'Search' }).fill(term);
    await expect(dialog.locator(`a[href^="/lessons/${lesson}/"]`).first()).toBeVisible({ timeout: 10_000 });
  });
}
