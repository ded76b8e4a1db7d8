// Browser tests of the operator console, run by ConsoleBrowserTest against a relay it started.
// Debian's chromium through playwright-core (no browser download); a fresh user-data-dir per run.
// Every flow asserts what the operator sees; the Java test then checks the relay's side.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, readFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error('missing environment variable ' + name);
  return value;
};
const BASE = env('CONSOLE_URL');
const A = env('RESELLER_A');
const A_NAME = env('RESELLER_A_NAME');
const B = env('RESELLER_B');
const C = env('RESELLER_C');
const SHOTS = env('SCREENSHOTS');
mkdirSync(SHOTS, { recursive: true });
const results = { timings: {} };

function check(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + message);
}

async function text(page, selector) {
  return (await page.locator(selector).textContent()) || '';
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
}

async function login(page, name, password) {
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.locator('#app').waitFor({ state: 'visible' });
}

async function timedLoad(page, label, ready) {
  // A full reload (same site, so the SameSite=Strict session cookie goes along) of the screen's URL.
  await page.evaluate((hash) => { location.hash = hash; }, label);
  const started = Date.now();
  await page.reload();
  await page.locator(ready).first().waitFor();
  const ms = Date.now() - started;
  results.timings[label] = ms;
  return ms;
}

// A site of its own (localhost is another site than 127.0.0.1): its page posts a forged form to the relay.
const evil = createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end('<!DOCTYPE html><form id="f" method="POST" enctype="text/plain" action="' + BASE + '/v1/admin/resellers/'
    + C + '/suspend"><input name=\'{"reason":"forged","x":"\' value=\'"}\'></form><script>document.getElementById("f").submit()</script>');
});
await new Promise((resolve) => evil.listen(0, '127.0.0.1', resolve));
const EVIL = 'http://localhost:' + evil.address().port + '/';

const profile = mkdtempSync(join(tmpdir(), 'tqc-console-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
  locale: 'ko-KR',
  timezoneId: 'Asia/Seoul'
});
context.setDefaultTimeout(10000);
const page = context.pages()[0] || await context.newPage();
const offOrigin = [];
const cspViolations = [];
page.on('request', (r) => { if (!/^(blob:|data:|about:)/.test(r.url()) && !r.url().startsWith(BASE)) offOrigin.push(r.url()); });
page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) cspViolations.push(m.text()); });
page.on('pageerror', (e) => cspViolations.push('page error: ' + e.message));

try {
  // ---- Login: a wrong password is refused with a clear message, then the operator logs in ----
  await page.goto(BASE + '/console/');
  await page.locator('#login').waitFor({ state: 'visible' });
  await shot(page, 'login-ko');
  await page.fill('#login-name', env('OPERATOR_NAME'));
  await page.fill('#login-password', 'wrong-password');
  await page.click('#login-submit');
  await page.locator('#login-error:has-text("unauthorized")').waitFor();
  check((await text(page, '#login-error')).includes('operator name or password wrong'), 'wrong password message');
  await login(page, env('OPERATOR_NAME'), env('OPERATOR_PASSWORD'));
  check((await text(page, '#whoami')).includes(env('OPERATOR_NAME')), 'operator name shown');
  const cookie = (await context.cookies()).find((c) => c.name === 'tqc_console');
  check(cookie && cookie.httpOnly && cookie.sameSite === 'Strict', 'session cookie HttpOnly, SameSite=Strict');
  check(await page.evaluate(() => document.cookie.includes('tqc_console')) === false, 'script cannot read the session cookie');

  // ---- Page load with the relay's resellers and audited batches ----
  results.timings.dashboardMs = await timedLoad(page, 'dashboard', '#dash-totals .card');
  await page.locator('#chart-hour canvas').waitFor();
  results.timings.resellersMs = await timedLoad(page, 'resellers', '#reseller-results tbody tr');
  results.resellerTotal = await text(page, '#reseller-total');
  await page.click('nav button[data-screen="dashboard"]');
  await page.locator('#dash-totals .card').first().waitFor();
  // Dashboard tiles: open cases, status-feed lag (one node: none), audit commit time, resellers near their quota.
  check(/^\d+/.test(await text(page, '#card-open-cases')), 'open cases tile: ' + await text(page, '#card-open-cases'));
  check((await text(page, '#card-audit-commit')).length > 0 && (await text(page, '#card-feed-lag')).length > 0, 'audit commit and feed lag tiles');
  await page.locator('#dash-near-quota tbody tr[data-id="' + C + '"]').waitFor();
  results.nearQuota = await text(page, '#dash-near-quota tbody tr[data-id="' + C + '"]');
  check(/%/.test(results.nearQuota), 'near-quota row shows the share: ' + results.nearQuota);
  results.auditCommit = await text(page, '#card-audit-commit');
  await shot(page, 'dashboard-ko');

  // ---- Find a reseller, suspend it with a reason (confirmation step) ----
  await page.click('nav button[data-screen="resellers"]');
  await page.fill('#reseller-query', A_NAME);
  await page.click('#reseller-search');
  await page.waitForFunction(() => document.querySelectorAll('#reseller-results tbody tr').length === 1);
  check(await page.locator('#reseller-results tbody tr[data-id="' + A + '"]').count() === 1, 'search by name finds the reseller');
  await page.click('#reseller-results tbody tr[data-id="' + A + '"] .open-reseller');
  await page.locator('#detail-id:has-text("' + A + '")').waitFor();
  await page.click('#do-suspend');
  check((await text(page, '#notice')).length > 0 && await page.locator('#confirm-box').isHidden(), 'a reason is required');
  await page.fill('#action-reason', '스팸 신고 다수 접수 (KISA-2026-0001)');
  await page.click('#do-suspend');
  await page.locator('#confirm-box').waitFor({ state: 'visible' });
  await page.click('#confirm-yes');
  await page.locator('#detail-status:has-text("SUSPENDED")').waitFor();
  // The reseller's recent batches: the one this test sent, newest first.
  await page.locator('#detail-batches tbody tr:has-text("' + env('RESELLER_A_BATCH') + '")').waitFor();
  check((await text(page, '#detail-batches tbody tr:first-child')).includes('accepted'), 'recent batch outcome');
  // ...and the one this node refused (memory only), with its reason code.
  await page.locator('#detail-refusals tbody tr:has-text("batch_count_mismatch")').waitFor();
  const lastHistory = await text(page, '#detail-history tbody tr:last-child');
  check(lastHistory.includes(env('OPERATOR_NAME')) && lastHistory.includes('KISA-2026-0001'), 'history shows who and why: ' + lastHistory);
  await shot(page, 'resellers-ko');

  // ---- A state change without the CSRF token (from the console's own page) is refused ----
  const noCsrf = await page.evaluate(async (id) => {
    const r = await fetch('/v1/admin/resellers/' + id + '/suspend', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"reason":"no csrf"}' });
    return { status: r.status, type: r.headers.get('Content-Type'), body: await r.json() };
  }, C);
  check(noCsrf.status === 401 && noCsrf.type.startsWith('application/problem+json') && /CSRF/.test(noCsrf.body.detail), 'missing CSRF refused: ' + JSON.stringify(noCsrf));
  results.noCsrf = noCsrf.body.code;

  // ---- Submit a report for the message the test sent; the traceback matches it ----
  await page.click('nav button[data-screen="reports"]');
  await page.fill('#report-recipient', env('REPORT_RECIPIENT'));
  await page.fill('#report-sender', env('REPORT_SENDER'));
  await page.fill('#report-text', env('REPORT_TEXT'));
  await page.fill('#report-reference', 'KISA-2026-0002');
  await page.click('#report-submit');
  await page.locator('#report-rank:has-text("exact")').waitFor();
  const match = await text(page, '#traceback-matches tbody tr:first-child');
  check(match.includes(B) && match.includes(env('REPORT_ORIGIN')) && match.includes(env('REPORT_BATCH')), 'traceback match: ' + match);
  await shot(page, 'reports-ko');

  // ---- The case list (filter by state and reseller), then confirm and sanction other than the ladder ----
  results.caseFromReport = await page.evaluate(() => document.getElementById('report-case').textContent);
  await page.click('nav button[data-screen="cases"]');
  await page.selectOption('#case-filter-state', 'open');
  await page.fill('#case-filter-reseller', B);
  await page.click('#case-list-load');
  await page.waitForFunction(() => document.querySelectorAll('#case-list tbody tr[data-id]').length === 1);
  check((await text(page, '#case-list tbody tr[data-id]')).includes(B), 'case list filtered to the reseller');
  await shot(page, 'case-list-ko');
  await page.click('#case-list tbody tr[data-id] .open-case');
  await page.locator('#case-state:has-text("open")').waitFor();
  await page.fill('#case-reason', '발송 기록과 일치');
  await page.click('#case-confirm');
  await page.locator('#case-state:has-text("confirmed")').waitFor();
  check((await text(page, '#case-proposal')).length > 0, 'the ladder proposal is shown');
  results.proposal = await text(page, '#case-proposal');
  // Another sanction than the ladder's: a reason is required.
  await page.fill('#case-reason', '');
  await page.selectOption('#sanction-kind', 'suspension');
  await page.fill('#sanction-days', '3');
  await page.click('#case-sanction');
  await page.locator('#notice:not([hidden])').waitFor();
  check(await page.locator('#case-state:has-text("confirmed")').count() === 1, 'no sanction without a reason');
  await page.fill('#case-reason', '악성 URL 포함, 사다리보다 무겁게 정지');
  await page.click('#case-sanction');
  await page.locator('#case-state:has-text("sanctioned")').waitFor();
  await page.locator('#sanction-result:has-text("suspension")').waitFor();
  results.sanction = await text(page, '#sanction-result');
  check(/20\d\d-\d\d-\d\dT/.test(results.sanction), 'a timed suspension shows its end: ' + results.sanction);
  const timeline = await text(page, '#case-history tbody');
  check(timeline.includes(env('OPERATOR_NAME')) && timeline.includes('ladder proposed'), 'case timeline names the operator and the ladder: ' + timeline);
  results.caseId = (await page.inputValue('#case-id'));
  await shot(page, 'cases-ko');

  // ---- Opt-outs and lists: counts, an opt-out, a sender-number list import and its version ----
  await page.click('nav button[data-screen="lists"]');
  await page.locator('#card-opt-outs').waitFor();
  const before = parseInt(await text(page, '#card-opt-outs b'), 10);
  await page.fill('#optout-advertiser', '테스트상점');
  await page.fill('#optout-number', '010-9999-0000');
  await page.click('#optout-submit');
  await page.locator('#card-opt-outs b:has-text("' + (before + 1) + '")').waitFor();
  await page.selectOption('#list-import-kind', 'terminated');
  await page.fill('#list-import-version', '2026-12-01');
  await page.setInputFiles('#list-import-file', { name: 'terminated.txt', mimeType: 'text/plain', buffer: Buffer.from('0311112222\n0311113333\nnot-a-number\n') });
  await page.click('#list-import-submit');
  await page.locator('#lists-current tbody tr[data-list="terminated"]:has-text("2026-12-01")').waitFor();
  const listRow = '#lists-current tbody tr[data-list="terminated"] ';
  results.list = { version: await text(page, listRow + 'td:nth-child(2)'), numbers: await text(page, listRow + 'td:nth-child(5)'),
    refused: await text(page, listRow + 'td:nth-child(6)') };
  check(results.list.version === '2026-12-01' && results.list.numbers === '2' && results.list.refused === '1',
    'list version and counts: ' + JSON.stringify(results.list));
  await shot(page, 'lists-ko');

  // ---- Export evidence, download it, verify the downloaded bundle; a tampered one fails ----
  await page.click('nav button[data-screen="evidence"]');
  await page.fill('#evidence-reseller', B);
  await page.click('#evidence-export');
  await page.locator('#evidence-download').waitFor({ state: 'visible' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#evidence-download')]);
  const bundlePath = await download.path();
  await page.setInputFiles('#evidence-file', bundlePath);
  await page.click('#evidence-verify');
  await page.locator('#evidence-result.ok').waitFor();
  results.evidence = await text(page, '#evidence-result');
  await shot(page, 'evidence-ko');
  const tampered = readFileSync(bundlePath, 'utf8').replace(env('REPORT_BATCH'), env('REPORT_BATCH').slice(0, -1) + 'x');
  await page.setInputFiles('#evidence-file', { name: 'tampered.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(tampered) });
  await page.click('#evidence-verify');
  await page.locator('#evidence-result.error').waitFor();

  // ---- English ----
  await page.click('#lang-toggle');
  await page.click('nav button[data-screen="dashboard"]');
  await page.locator('h2:has-text("Dashboard")').first().waitFor();
  await page.locator('#chart-hour canvas').waitFor();
  await page.locator('#card-audit-commit:has-text("Audit commit time")').waitFor();
  await shot(page, 'dashboard-en');
  // The other screens are drawn again in English (their data rows too).
  await page.click('nav button[data-screen="resellers"]');
  await page.locator('#reseller-total:has-text("found")').waitFor();
  await page.locator('#detail-facts:has-text("Sender numbers")').waitFor();
  await shot(page, 'resellers-en');
  await page.click('nav button[data-screen="cases"]');
  await page.locator('#case-counts:has-text("sanctioned")').waitFor();
  await page.locator('#sanction-result:has-text("Sanction applied")').waitFor();
  await shot(page, 'cases-en');
  await page.click('nav button[data-screen="evidence"]');
  await shot(page, 'evidence-en');
  await page.click('nav button[data-screen="reports"]');
  await shot(page, 'reports-en');
  await page.click('nav button[data-screen="lists"]');
  await page.locator('#lists-cards:has-text("Opted-out numbers")').waitFor();
  await page.locator('#lists-current tbody tr[data-list="terminated"]').waitFor();
  await shot(page, 'lists-en');

  // ---- A viewer reads but cannot suspend ----
  await page.click('#logout');
  await page.locator('#login').waitFor({ state: 'visible' });
  await shot(page, 'login-en');
  await login(page, env('VIEWER_NAME'), env('VIEWER_PASSWORD'));
  await page.click('nav button[data-screen="resellers"]');
  await page.fill('#reseller-query', C);
  await page.click('#reseller-search');
  await page.waitForFunction(() => document.querySelectorAll('#reseller-results tbody tr').length === 1);
  await page.click('#reseller-results tbody tr[data-id="' + C + '"] .open-reseller');
  await page.locator('#detail-id:has-text("' + C + '")').waitFor();
  await page.fill('#action-reason', 'viewer try');
  await page.click('#do-suspend');
  await page.click('#confirm-yes');
  await page.locator('#notice:has-text("scope_insufficient")').waitFor();
  check((await text(page, '#detail-status')) === 'ACTIVE', 'viewer did not change the status');
  await shot(page, 'viewer-refused-en');

  // ---- A forged cross-site POST (another site's page submits a form to the relay) is refused ----
  const forged = await context.newPage();
  const response = await forged.goto(EVIL);
  await forged.waitForURL(BASE + '/**');
  const forgedBody = await forged.locator('body').textContent();
  check(forgedBody.includes('"unauthorized"'), 'forged POST refused: ' + forgedBody);
  results.forged = JSON.parse(forgedBody).code;
  void response;
  await forged.close();

  // ---- Login rate limiting: after 5 failures an account is refused (429 rate_limited, Retry-After) ----
  await page.click('#logout');
  await page.locator('#login').waitFor({ state: 'visible' });
  for (let i = 0; i < 5; i++) {
    await page.fill('#login-name', 'mallory');
    await page.fill('#login-password', 'guess-' + i);
    await page.click('#login-submit');
    await page.locator('#login-error:has-text("unauthorized")').waitFor();
    await page.evaluate(() => { document.getElementById('login-error').textContent = ''; });
  }
  await page.fill('#login-password', 'guess-5');
  await page.click('#login-submit');
  await page.locator('#login-error:has-text("rate_limited")').waitFor();
  results.throttled = await text(page, '#login-error');
  const throttled = await page.evaluate(async () => {
    const r = await fetch('/console/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"mallory","password":"x"}' });
    return { status: r.status, retryAfter: r.headers.get('Retry-After'), type: r.headers.get('Content-Type') };
  });
  check(throttled.status === 429 && Number(throttled.retryAfter) > 0 && throttled.type.startsWith('application/problem+json'), 'throttled: ' + JSON.stringify(throttled));
  await shot(page, 'login-throttled-en');

  check(offOrigin.length === 0, 'network calls only to the relay: ' + offOrigin.join(', '));
  check(cspViolations.length === 0, 'no CSP violations or page errors: ' + cspViolations.join(' | '));
  results.ok = true;
} catch (e) {
  results.ok = false;
  results.error = String(e && e.stack || e);
  try { await shot(page, 'failure'); } catch (ignored) { /* the page may be gone */ }
} finally {
  await context.close();
  evil.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(results));
process.exit(results.ok ? 0 : 1);
