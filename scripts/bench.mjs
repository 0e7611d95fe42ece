// Prints the site's performance figures; the README records them. Nothing here asserts:
// targets are compared and reported, so a slow machine gives slow numbers, not a red build.
//
//   npm run build && npm run bench
//   BENCH_PORT=4700 npm run bench   # servers on 4700-4704 instead of 4600-4604
//
// 1. JavaScript a lesson page loads before the reader interacts (real Chromium; gzip bytes).
// 2. The readiness checklist: time from a keystroke to the re-validated checklist, and the
//    lint work itself, with the site's own Dockerfile, .dockerignore, compose file and manifest.
// 3. Labs through the server runtime: time from "Start app" to the app's first log line in the
//    page, and the JavaScript a lab page loads (gzip), at load and once the terminal has loaded.
// 4. Throughput of the site server on a lesson page and a hashed asset, side by side with nginx
//    (same build, the cross-origin and base security headers, one worker) and Node static servers
//    (sirv, http-server), with wrk.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './chromium.mjs';

const SITE = path.resolve('dist/site');
const SERVER = path.resolve('dist/server/main.js');
const JS_BUDGET_KB = 15;
const TARGET_RATIO_TO_NODE = 1.5;
const DURATION = process.env.BENCH_DURATION ?? '8s';
/** The site server for the page measurements listens here; the throughput runs use the next four ports. */
const BASE_PORT = Number(process.env.BENCH_PORT ?? 4600);

if (!existsSync(SERVER) || !existsSync(SITE)) {
  console.error('bench: run `npm run build` first (dist/server/main.js and dist/site are missing)');
  process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(url, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

function lessonPages() {
  const lessons = path.join(SITE, 'lessons');
  return readdirSync(lessons, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(lessons, entry.name, 'index.html')))
    .map((entry) => `/lessons/${entry.name}/`);
}

function launchBrowser() {
  return chromium.launch(CHROMIUM_LAUNCH);
}

const median = (values) => [...values].filter((value) => !Number.isNaN(value)).sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measureChecklist(baseUrl) {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const scripts = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  });
  await page.goto(`${baseUrl}/lessons/checklist/`, { waitUntil: 'networkidle' });
  const atLoad = scripts.length;
  const files = {
    dockerfile: readFileSync('Dockerfile', 'utf8'),
    dockerignore: readFileSync('.dockerignore', 'utf8'),
    compose: readFileSync('compose.yaml', 'utf8'),
    kubernetes: readFileSync('deploy/k8s/deployment.yaml', 'utf8'),
  };
  // The rules engine as the page fetches it: the Dockerfile engine first, the YAML part once a compose file arrives.
  const validations = async () => Number(await page.locator('shipshape-checklist').getAttribute('data-validated') ?? 0);
  const fill = async (kind) => {
    const before = await validations();
    await page.fill(`#checklist-${kind}`, files[kind]);
    await page.waitForFunction((count) => Number(document.querySelector('shipshape-checklist')?.dataset.validated ?? 0) > count, before);
    await page.waitForLoadState('networkidle');
  };
  await fill('dockerfile');
  await fill('dockerignore');
  const dockerEngine = await scriptBytes(scripts.slice(atLoad));
  await fill('compose');
  await fill('kubernetes');
  const fullEngine = await scriptBytes(scripts.slice(atLoad));
  const samples = await page.evaluate(async () => {
    const element = document.querySelector('shipshape-checklist');
    const area = document.querySelector('#checklist-dockerfile');
    const results = [];
    for (let i = 0; i < 60; i += 1) {
      const validated = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          observer.disconnect();
          resolve();
        });
        observer.observe(element, { attributes: true, attributeFilter: ['data-validated'] });
      });
      const started = performance.now();
      area.value += i % 2 ? '\n' : '#';
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await validated;
      results.push({ latency: performance.now() - started, work: Number(element.dataset.validateMs) });
    }
    return results.slice(10);
  });
  await browser.close();
  return {
    latency: median(samples.map((s) => s.latency)),
    work: median(samples.map((s) => s.work)),
    worst: Math.max(...samples.map((s) => s.work)),
    dockerEngine: dockerEngine / 1024,
    fullEngine: fullEngine / 1024,
  };
}

const LAB_JS_BUDGET_KB = 300;

async function scriptBytes(scripts) {
  let bytes = 0;
  // Level 9, as scripts/precompress.mjs stores the .gz files the server sends.
  for (const response of scripts) bytes += gzipSync(await response.body().catch(() => Buffer.alloc(0)), { level: 9 }).length;
  return bytes;
}

async function useServerRuntime(page) {
  await page.getByRole('button', { name: 'Use the course server instead' }).click();
  await page.getByRole('status', { name: 'Lab runtime' }).filter({ hasText: 'course server' }).waitFor();
}

/**
 * From a click on "Start app" to the app's first log line in the terminal a learner watches
 * (xterm's rows, not the screen-reader mirror, which is throttled to one update a second). Each
 * sample is a fresh page, so the terminal starts empty and its lazy load is included.
 */
async function measureStartLatency(browser, baseUrl, samples) {
  const context = await browser.newContext();
  await context.route('**/stackblitz.com/**', (route) => route.abort());
  const latencies = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const page = await context.newPage();
    // keep-alive-trap's app writes its log lines at once (sigterm-drain's batches them for a second on purpose).
    await page.goto(`${baseUrl}/labs/keep-alive-trap/`, { waitUntil: 'networkidle' });
    await useServerRuntime(page);
    await page.getByRole('button', { name: 'Start app' }).and(page.locator(':enabled')).waitFor();
    latencies.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const started = performance.now();
            const observer = new MutationObserver(() => {
              if (document.querySelector('.lab-terminal')?.textContent?.includes('"listening"')) {
                observer.disconnect();
                resolve(performance.now() - started);
              }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            setTimeout(() => resolve(Number.NaN), 15_000);
            [...document.querySelectorAll('button')].find((button) => button.textContent.trim() === 'Start app').click();
          }),
      ),
    );
    await page.close();
  }
  await context.close();
  return latencies;
}

async function measureLabs(baseUrl) {
  const browser = await launchBrowser();
  const labs = readdirSync('labs').filter((name) => existsSync(`labs/${name}/lab.json`));
  const rows = [];
  for (const slug of labs) {
    const manifest = JSON.parse(readFileSync(`labs/${slug}/lab.json`, 'utf8'));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route('**/stackblitz.com/**', (route) => route.abort());
    const scripts = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response);
    });
    await page.goto(`${baseUrl}/labs/${slug}/`, { waitUntil: 'networkidle' });
    const atLoad = await scriptBytes(scripts);
    if (manifest.app) {
      await useServerRuntime(page);
      await page.getByRole('button', { name: 'Start app' }).click();
      await page.locator('.lab-terminal-host .xterm').waitFor({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
    }
    rows.push({ slug, atLoad: atLoad / 1024, afterRun: (await scriptBytes(scripts)) / 1024 });
    await context.close();
  }
  const latencies = await measureStartLatency(browser, baseUrl, 10);
  await browser.close();
  return { rows, startMedian: median(latencies), startRuns: latencies.filter((value) => !Number.isNaN(value)).length };
}

async function measureJavaScript(baseUrl) {
  const browser = await launchBrowser();
  const rows = [];
  for (const pagePath of ['/', ...lessonPages()]) {
    const page = await browser.newPage();
    const scripts = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response);
    });
    await page.goto(baseUrl + pagePath, { waitUntil: 'networkidle' });
    await sleep(500); // idle callbacks (Starlight's own search would load here)
    let bytes = 0;
    for (const response of scripts) bytes += gzipSync(await response.body()).length;
    const inline = await page.$$eval('script:not([src])', (nodes) => nodes.map((node) => node.textContent ?? '').join(''));
    bytes += gzipSync(inline).length;
    rows.push({ page: pagePath, files: scripts.length, kB: bytes / 1024 });
    await page.close();
  }
  await browser.close();
  return rows;
}

function start(command, args, env = {}) {
  const child = spawn(command, args, { stdio: 'ignore', env: { ...process.env, ...env } });
  return child;
}

function nginxConfig(port, dir) {
  const headers = [
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Embedder-Policy', 'require-corp'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
  ].map(([name, value]) => `add_header ${name} "${value}" always;`).join('\n      ');
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  gzip_static on;
  etag on;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${SITE};
    location /_astro/ {
      ${headers}
      add_header Cache-Control "public, max-age=31536000, immutable" always;
    }
    location / {
      ${headers}
      add_header Cache-Control "no-cache" always;
      try_files $uri $uri/index.html =404;
    }
  }
}
`;
}

function wrk(url) {
  const output = execFileSync('wrk', ['-t1', '-c32', `-d${DURATION}`, '-H', 'Accept-Encoding: gzip', url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  return { rps, non2xx };
}

async function measureThroughput(pagePath, assetPath) {
  const work = mkdtempSync(path.join(tmpdir(), 'shipshape-bench-'));
  const servers = [
    { name: 'shipshape (node:http, in memory)', port: BASE_PORT + 1, start: () => start(process.execPath, [SERVER], { PORT: String(BASE_PORT + 1), LOG_LEVEL: 'info', SHUTDOWN_DRAIN_MS: '0' }) },
    { name: 'nginx (1 worker, gzip_static)', port: BASE_PORT + 2, start: () => {
      writeFileSync(path.join(work, 'nginx.conf'), nginxConfig(BASE_PORT + 2, work));
      return start('nginx', ['-c', path.join(work, 'nginx.conf'), '-e', path.join(work, 'error.log')]);
    } },
    { name: 'sirv-cli (Node)', port: BASE_PORT + 3, node: true, start: () => start(process.execPath, ['node_modules/sirv-cli/bin.js', SITE, '--port', String(BASE_PORT + 3), '--host', '127.0.0.1', '--etag', '--quiet', '--maxage', '31536000', '--immutable']) },
    { name: 'http-server (Node)', port: BASE_PORT + 4, node: true, start: () => start(process.execPath, ['node_modules/http-server/bin/http-server', SITE, '-p', String(BASE_PORT + 4), '-a', '127.0.0.1', '--gzip', '-s', '-c-1']) },
  ];
  const results = [];
  for (const server of servers) {
    const child = server.start();
    try {
      await waitFor(`http://127.0.0.1:${server.port}${assetPath}`);
      wrk(`http://127.0.0.1:${server.port}${pagePath}`); // warm-up
      const page = wrk(`http://127.0.0.1:${server.port}${pagePath}`);
      const asset = wrk(`http://127.0.0.1:${server.port}${assetPath}`);
      results.push({ ...server, page, asset });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  return results;
}

const serverPort = BASE_PORT;
const site = start(process.execPath, [SERVER], { PORT: String(serverPort), LOG_LEVEL: 'warn', SHUTDOWN_DRAIN_MS: '0', SHIPSHAPE_LAB_RUNTIME: 'server' });
let jsRows;
let checklist;
let labs;
try {
  await waitFor(`http://127.0.0.1:${serverPort}/health`);
  jsRows = await measureJavaScript(`http://127.0.0.1:${serverPort}`);
  checklist = await measureChecklist(`http://127.0.0.1:${serverPort}`);
  labs = await measureLabs(`http://127.0.0.1:${serverPort}`);
} finally {
  site.kill('SIGTERM');
}

console.log(`\nJavaScript loaded before interaction (gzip; budget ${JS_BUDGET_KB} kB per lesson page)`);
for (const row of jsRows) {
  console.log(`  ${row.page.padEnd(40)} ${row.kB.toFixed(1).padStart(6)} kB in ${row.files} files ${row.kB <= JS_BUDGET_KB ? 'within budget' : 'OVER BUDGET'}`);
}

console.log('\nReadiness checklist with the four files of this repository (target: within one 16 ms frame)');
console.log(`  lint and render per keystroke: median ${checklist.work.toFixed(1)} ms, worst ${checklist.worst.toFixed(1)} ms`);
console.log(`  keystroke to updated checklist (includes waiting for the next frame): median ${checklist.latency.toFixed(1)} ms`);
console.log(`  rules engine fetched (gzip; target <= 60 kB): ${checklist.dockerEngine.toFixed(1)} kB for a Dockerfile and .dockerignore, ${checklist.fullEngine.toFixed(1)} kB once a compose file and manifest are added`);

console.log(`\nLabs through the server runtime (targets: first log line <= 500 ms median, <= ${LAB_JS_BUDGET_KB} kB JavaScript per lab page)`);
console.log(`  "Start app" to the app's first log line in the terminal: median ${labs.startMedian.toFixed(0)} ms over ${labs.startRuns} starts (keep-alive-trap, fresh page each)`);
for (const row of labs.rows) {
  const over = row.afterRun > LAB_JS_BUDGET_KB ? 'OVER BUDGET once the terminal loads' : 'within budget';
  console.log(`  ${row.slug.padEnd(20)} JavaScript ${row.atLoad.toFixed(1).padStart(6)} kB at load, ${row.afterRun.toFixed(1).padStart(6)} kB after a run  ${over}`);
}

const pagePath = lessonPages()[0];
const assetPath = '/_astro/' + readdirSync(path.join(SITE, '_astro')).filter((f) => f.endsWith('.css')).sort()[0];
console.log(`\nThroughput with wrk -t1 -c32 -d${DURATION}, Accept-Encoding: gzip (requests/s)`);
console.log(`  page: ${pagePath}   asset: ${assetPath}`);
const results = await measureThroughput(pagePath, assetPath);
for (const r of results) {
  console.log(`  ${r.name.padEnd(34)} page ${r.page.rps.toFixed(0).padStart(7)}   asset ${r.asset.rps.toFixed(0).padStart(7)}${r.page.non2xx + r.asset.non2xx ? `   (non-2xx: ${r.page.non2xx + r.asset.non2xx})` : ''}`);
}
const [ours, nginx, ...nodePeers] = results;
const fastestNode = (key) => Math.max(...nodePeers.map((peer) => peer[key].rps));
for (const key of ['page', 'asset']) {
  const toNode = ours[key].rps / fastestNode(key);
  const toNginx = ours[key].rps / nginx[key].rps;
  console.log(`  ${key}: ${toNode.toFixed(2)}x the fastest Node peer (target >= ${TARGET_RATIO_TO_NODE}), ${toNginx.toFixed(2)}x nginx`);
}
