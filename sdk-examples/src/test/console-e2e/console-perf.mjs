// Page-load timings of the operator console at scale, run by sdk-bench's ConsoleScale against a
// relay it seeded (1,000 resellers, 1,000,000 audited batches by default). Debian's chromium through
// playwright-core. For each screen: a full reload of its URL (or, for a reseller's page, the click
// that opens it) until its data is on the screen; RUNS runs each, after one warm-up.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error('missing environment variable ' + name);
  return value;
};
const BASE = env('CONSOLE_URL');
const RUNS = Number(process.env.RUNS || 5);
const results = { runs: RUNS, timings: {}, navigation: {} };

const profile = mkdtempSync(join(tmpdir(), 'tqc-console-perf-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul'
});
context.setDefaultTimeout(30000);
const page = context.pages()[0] || await context.newPage();

function summary(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], all: list };
}

async function reload(label, hash, ready) {
  const list = [];
  const nav = [];
  for (let i = 0; i <= RUNS; i++) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    const started = Date.now();
    await page.reload();
    await page.locator(ready).first().waitFor();
    const ms = Date.now() - started;
    const timing = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return n ? Math.round(n.loadEventEnd - n.startTime) : -1;
    });
    if (i > 0) { list.push(ms); nav.push(timing); } // the first run warms the JIT and the page cache
  }
  results.timings[label] = summary(list);
  results.navigation[label] = summary(nav);
}

try {
  await page.goto(BASE + '/console/');
  await page.fill('#login-name', env('OPERATOR_NAME'));
  await page.fill('#login-password', env('OPERATOR_PASSWORD'));
  await page.click('#login-submit');
  await page.locator('#app').waitFor({ state: 'visible' });

  await reload('dashboard', 'dashboard', '#dash-near-quota tbody tr');
  await reload('resellerSearch', 'resellers', '#reseller-results tbody tr');
  await reload('caseList', 'cases', '#case-list tbody tr[data-id]');

  // A reseller's page: search it by id, then open it (history, keys, cases, sanctions, quota, recent batches).
  const id = env('RESELLER');
  const open = [];
  await page.evaluate(() => { location.hash = 'resellers'; });
  await page.reload();
  await page.locator('#reseller-results tbody tr').first().waitFor();
  for (let i = 0; i <= RUNS; i++) {
    await page.fill('#reseller-query', id);
    await page.click('#reseller-search');
    await page.waitForFunction((rid) => document.querySelectorAll('#reseller-results tbody tr').length === 1
      && document.querySelector('#reseller-results tbody tr').dataset.id === rid, id);
    await page.evaluate(() => { document.getElementById('reseller-detail').hidden = true; clearBatches(); function clearBatches() { const b = document.querySelector('#detail-batches tbody'); while (b.firstChild) b.removeChild(b.firstChild); } });
    const started = Date.now();
    await page.click('#reseller-results tbody tr .open-reseller');
    await page.locator('#detail-batches tbody tr').first().waitFor();
    if (i > 0) open.push(Date.now() - started);
  }
  results.timings.resellerPage = summary(open);
  results.batchesShown = await page.locator('#detail-batches tbody tr').count();
  results.ok = true;
} catch (e) {
  results.ok = false;
  results.error = String(e && e.stack || e);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(results));
process.exit(results.ok ? 0 : 1);
