// The Chromium that the browser tests and the benchmark drive, and how they launch it.
// Debian's Chromium is the default, since Playwright cannot download its own browsers on
// machines without general internet access; CHROMIUM_PATH points elsewhere, or is set empty to
// use Playwright's own browser.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch options for Playwright's chromium: headless in a container, with no background traffic. */
export const CHROMIUM_LAUNCH = {
  executablePath: CHROMIUM_PATH || undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};
