import { readdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/** Every page of the build: lessons, labs, rule pages, the landing page and the 404 page. */
const pages = readdirSync('dist/site', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.html') && !file.startsWith('pagefind'))
  .map((file) => '/' + file.replace(/index\.html$/, ''))
  .sort();

test('the landing page says what the course is and lists the lessons', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dockerizing Node.js Applications for Production');
  await expect(page.getByText('For Node.js developers')).toBeVisible();
  const lessons = page.getByRole('region', { name: 'Lessons' }).getByRole('listitem');
  await expect(lessons.first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Choosing a Node.js base image' }).first()).toBeVisible();
});

test('a lesson renders with highlighted Dockerfile samples and is cross-origin isolated', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  await page.goto('/lessons/base-images/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choosing a Node.js base image');
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
  // Expressive Code renders shiki tokens as coloured spans inside the code block.
  const code = page.locator('.expressive-code pre').first();
  await expect(code).toContainText('FROM');
  const colours = await code.locator('span[style*="--0"]').evaluateAll((spans) =>
    new Set(spans.map((span) => getComputedStyle(span).color)).size,
  );
  expect(colours).toBeGreaterThan(1);
  expect(violations.filter((text) => /Content Security Policy|Refused to/.test(text))).toEqual([]);
});

test('search loads on demand and finds the lesson by a key term', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(requested.some((url) => url.includes('/pagefind/'))).toBe(false);

  await page.getByRole('button', { name: 'Search' }).click();
  const input = page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' });
  await expect(input).toBeFocused();
  await input.fill('musl');
  const result = page.getByRole('dialog', { name: 'Search' }).getByRole('link', { name: /Choosing a Node.js base image/ }).first();
  await expect(result).toBeVisible();
  await result.click();
  await expect(page).toHaveURL(/\/lessons\/base-images\//);
});

test('search opens from the keyboard', async ({ page }) => {
  await page.goto('/lessons/base-images/');
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Search' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Search' })).toBeHidden();
});

for (const path of pages) {
  test(`axe finds no serious or critical violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    // Expressive Code makes code blocks that scroll sideways focusable from a script after load,
    // so keyboard users can scroll them; audit the page as a reader gets it, after that ran.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
    );
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

test('a page served by the production server carries the isolation headers', async ({ request }) => {
  const res = await request.get('/lessons/base-images/');
  expect(res.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(res.headers()['content-security-policy']).toContain("default-src 'self'");
});
