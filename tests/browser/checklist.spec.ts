import { expect, test } from '@playwright/test';

const BROKEN = `FROM node:latest
WORKDIR /app
COPY . .
RUN npm install
CMD npm start
`;

test('the checklist judges a pasted Dockerfile live and turns green when it is fixed', async ({ page }) => {
  await page.goto('/lessons/checklist/');
  const dockerfile = page.getByRole('textbox', { name: 'Dockerfile', exact: true });
  await dockerfile.fill(BROKEN);

  const item = (id: string) => page.locator(`li[data-rule="${id}"]`);
  await expect(item('DF001')).toHaveAttribute('data-state', 'fail');
  await expect(item('DF001')).toContainText('line 1');
  await expect(item('DF006')).toHaveAttribute('data-state', 'fail');
  await expect(item('DF009')).toHaveAttribute('data-state', 'fail');
  await expect(page.getByRole('status').filter({ hasText: /failed/ })).toBeVisible();

  // Fix one line: the exact pin makes DF001 pass while the others still fail.
  await dockerfile.fill(BROKEN.replace('node:latest', 'node:22.23.3-slim'));
  await expect(item('DF001')).toHaveAttribute('data-state', 'pass');
  await expect(item('DF006')).toHaveAttribute('data-state', 'fail');

  // What was pasted survives a reload.
  await page.reload();
  await expect(dockerfile).toHaveValue(/node:22\.23\.3-slim/);
  await expect(item('DF001')).toHaveAttribute('data-state', 'pass');
});

test('the checklist shows every rule before anything is pasted, without running any rules code', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto('/lessons/checklist/');
  await expect(page.locator('li[data-rule]')).toHaveCount(await page.locator('li[data-rule]').count());
  expect(await page.locator('li[data-rule]').count()).toBeGreaterThan(25);
  await expect(page.locator('li[data-rule="DF008"]')).toHaveAttribute('data-state', 'unchecked');
  await page.waitForLoadState('networkidle');
  const before = scripts.length;
  await page.getByRole('textbox', { name: 'Dockerfile', exact: true }).fill('FROM node:22\n');
  await expect(page.locator('li[data-rule="DF001"]')).toHaveAttribute('data-state', 'fail');
  expect(scripts.length).toBeGreaterThan(before);
});
