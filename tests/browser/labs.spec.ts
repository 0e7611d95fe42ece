import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_RUNTIME_URL } from './servers.js';

/**
 * Labs in real Chromium. WebContainers can never boot on these machines (they load from
 * stackblitz.com), so these tests block that host and run every lab through the server runtime:
 * the same harness, as a real child process of the course server. They say nothing about how a
 * lab behaves inside a WebContainer.
 */

interface LabManifest {
  slug: string;
  app?: unknown;
  checks: unknown[];
}

const labs: LabManifest[] = readdirSync('labs')
  .filter((name) => existsSync(`labs/${name}/lab.json`))
  .map((name) => JSON.parse(readFileSync(`labs/${name}/lab.json`, 'utf8')) as LabManifest);

test.describe.configure({ timeout: 90_000 });

test.beforeEach(async ({ page }) => {
  await page.route('**/stackblitz.com/**', (route) => route.abort());
});

async function useServerRuntime(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use the course server instead' }).click();
  await expect(page.getByRole('status', { name: 'Lab runtime' })).toContainText('Running on the course server');
}

test('a full lab flow: start, load, SIGTERM, checks fail on the starter and pass with the solution', async ({ page }) => {
  await page.goto('/labs/sigterm-drain/');
  await useServerRuntime(page);

  await page.getByRole('button', { name: 'Start app' }).click();
  const output = page.getByRole('log', { name: 'App output as text' });
  await expect(output).toContainText('listening', { timeout: 15_000 });

  await page.getByRole('button', { name: 'Send load' }).click();
  const counters = page.getByRole('region', { name: 'Requests' });
  await expect(counters).toContainText('Load running');
  await expect.poll(async () => Number(await counters.locator('.lab-counter-ok dd').textContent()), { timeout: 10_000 }).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Send SIGTERM' }).click();
  await expect(output).toContainText('SIGTERM', { timeout: 10_000 });
  await expect(output).toContainText(/ended by SIGTERM|exited with code/, { timeout: 10_000 });

  const checks = page.getByRole('region', { name: 'Checks' });
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(checks).toContainText(/\d+ of \d+ checks pass\./, { timeout: 45_000 });
  await expect(checks.getByRole('listitem').filter({ hasText: 'Fail' }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('button', { name: 'Replace my files' }).click();
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(checks).toContainText(/All \d+ checks pass\./, { timeout: 45_000 });
  await expect(checks).toContainText('You completed this lab');

  // The solution's edits and the lab's completion survive a reload.
  const solutionLine = readFileSync('labs/sigterm-drain/solution/server.mjs', 'utf8').split('\n').find((line) => /SIGTERM/.test(line))!.trim();
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText(solutionLine.slice(0, 30));
  await expect(page.getByRole('region', { name: 'Checks' })).toContainText('You completed this lab');
  await page.goto('/');
  await expect(page.locator('li[data-lab="sigterm-drain"]').getByText('Done', { exact: true })).toBeVisible();
});

for (const lab of labs) {
  test(`lab ${lab.slug}: the starter fails its checks and the solution passes them all`, async ({ page }) => {
    await page.goto(`/labs/${lab.slug}/`);
    if (lab.app) await useServerRuntime(page);
    else await expect(page.getByRole('status', { name: 'Lab runtime' })).toContainText('none needed');

    const checks = page.getByRole('region', { name: 'Checks' });
    await page.getByRole('button', { name: 'Run checks' }).click();
    await expect(checks).toContainText(/\d+ of \d+ checks pass\./, { timeout: 45_000 });

    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.getByRole('button', { name: 'Replace my files' }).click();
    await page.getByRole('button', { name: 'Run checks' }).click();
    await expect(checks).toContainText(`All ${lab.checks.length} checks pass.`, { timeout: 45_000 });
  });
}

test('Reset lab asks first, and keeps the edits when the learner keeps editing', async ({ page }) => {
  await page.goto('/labs/broken-dockerfile/');
  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# my note');
  await page.getByRole('button', { name: 'Reset lab' }).click();
  await page.getByRole('button', { name: 'Keep editing' }).click();
  await expect(editor).toContainText('# my note');
  await page.getByRole('button', { name: 'Reset lab' }).click();
  await page.getByRole('button', { name: 'Discard my changes' }).click();
  await expect(editor).not.toContainText('# my note');
});

test('the Dockerfile lab marks findings inline and draws the stages from the learner’s file', async ({ page }) => {
  await page.goto('/labs/broken-dockerfile/');
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('heading', { name: 'Build stages' })).toBeVisible();
});

test('without WebContainers or the server runtime, the lab page explains why in plain words', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`${DEFAULT_RUNTIME_URL}/labs/sigterm-drain/`);
  const status = page.getByRole('status', { name: 'Lab runtime' });
  await expect(status).toContainText('starting WebContainers');
  await expect(status).toContainText('none', { timeout: 30_000 });
  await expect(page.getByText('SHIPSHAPE_LAB_RUNTIME=server')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start app' })).toBeDisabled();
  // Reading and editing still work.
  await expect(page.getByRole('heading', { name: 'Instructions' })).toBeVisible();
});

test('with the server runtime enabled, a lab falls back to it when WebContainers do not start', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/labs/keep-alive-trap/');
  const status = page.getByRole('status', { name: 'Lab runtime' });
  await expect(status).toContainText('Running on the course server', { timeout: 30_000 });
  await expect(status).toContainText('because');
});

test('the lab workspace is operable from the keyboard', async ({ page }) => {
  await page.goto('/labs/sigterm-drain/');
  await useServerRuntime(page);
  const start = page.getByRole('button', { name: 'Start app' });
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log', { name: 'App output as text' })).toContainText('listening', { timeout: 15_000 });
  // Tab moves focus out of the editor instead of trapping it.
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('.cm-editor') === null)).toBe(true);
});
