import { expect, test } from '@playwright/test';

test('marking a lesson done shows on the landing page and survives a reload', async ({ page }) => {
  await page.goto('/lessons/base-images/');
  const button = page.getByRole('button', { name: 'Mark this lesson as done' });
  await button.click();
  await expect(page.getByRole('button', { name: 'Lesson done ✓' })).toHaveAttribute('aria-pressed', 'true');

  await page.goto('/');
  const item = page.locator('li[data-lesson="base-images"]');
  await expect(item.getByText('Done', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /1 of \d+ lessons/ })).toBeVisible();
  await page.reload();
  await expect(item.getByText('Done', { exact: true })).toBeVisible();
});

test('corrupted saved progress is reset with a visible notice, not a blank page', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('shipshape:progress', '{"version":1,"lessons":'));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'could not be read and was reset' })).toBeVisible();
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('shipshape:progress')!).version)).toBe(1);
});
