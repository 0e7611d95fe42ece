// Makes sure the browser tests have a Chromium to drive. Playwright cannot download its own
// browsers on machines without general internet access, so the tests use the system Chromium
// (CHROMIUM_PATH, default /usr/bin/chromium). On Debian as root it is installed when missing;
// anywhere else a missing browser is explained, not guessed at.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH as executable } from './chromium.mjs';
if (executable === '' || existsSync(executable)) process.exit(0);

const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && executable === '/usr/bin/chromium';
if (!canInstall) {
  console.error(
    `Chromium not found at ${executable}. Install it (Debian/Ubuntu: apt-get install chromium), ` +
      'point CHROMIUM_PATH at a Chromium or Chrome binary, or set CHROMIUM_PATH= (empty) to use ' +
      "Playwright's own browser after `npx playwright install chromium`.",
  );
  process.exit(1);
}

console.log('Installing Debian chromium for the browser tests…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-liberation'], { stdio: 'inherit', env });
