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

const COMPOSE = `services:
  api:
    image: registry.example.com/api:1.4.2
    init: true
    mem_limit: 512m
    stop_grace_period: 30s
    environment:
      PORT: "8080"
    environment:
      LOG_LEVEL: info
`;

test('the checklist reads a pasted compose file and manifest with the YAML rules', async ({ page }) => {
  await page.goto('/lessons/checklist/');
  const item = (id: string) => page.locator(`li[data-rule="${id}"]`);
  const compose = page.getByRole('textbox', { name: 'Compose file', exact: true });

  // A duplicated key is invalid YAML: the YAML engine loads and says where the second one is.
  await compose.fill(COMPOSE);
  await expect(item('DC005')).toHaveAttribute('data-state', 'fail');
  await expect(item('DC005')).toContainText('line 9');
  await expect(item('DC002')).toHaveAttribute('data-state', 'pass');

  await compose.fill(COMPOSE.replace('    environment:\n      LOG_LEVEL: info\n', ''));
  await expect(item('DC005')).toHaveAttribute('data-state', 'pass');

  // A tab used for indentation is a syntax error with its own message.
  await compose.fill(COMPOSE.replace('    init: true', '\tinit: true'));
  await expect(item('DC005')).toHaveAttribute('data-state', 'fail');
  await expect(item('DC005')).toContainText(/Tabs are not allowed as indentation/);

  // A Deployment without probes fails KS001 at its container.
  const manifest = page.getByRole('textbox', { name: 'Kubernetes manifest', exact: true });
  await manifest.fill('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1.4.2\n');
  await expect(item('KS001')).toHaveAttribute('data-state', 'fail');
  await expect(item('KS006')).toHaveAttribute('data-state', 'pass');
});
