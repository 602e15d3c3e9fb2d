// Drives the ops console in Debian's headless Chromium, as an operator would:
//   node console-e2e.mjs <console URL with ?token=> <screenshot.png>
// Sees both views' rows, forgets the token and is asked for it once, asks for a full re-import's estimate, confirms it, waits until the page shows the
// job succeeded, reconciles a view (drift table), checks a refusal is shown readably, takes a screenshot. Prints one line per step; exit 0 only when every step held.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, screenshot] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node console-e2e.mjs <console URL> <screenshot.png>');
  process.exit(2);
}
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const JOB_TIMEOUT_MS = 180_000;

const profile = mkdtempSync(join(tmpdir(), 'zerosync-console-'));
const problems = [];
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1360, height: 900 },
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  let refusalExpected = false; // Chromium logs the deliberate 400 below as a console error
  page.on('console', (m) => {
    if (m.type() === 'error' && !(refusalExpected && /status of 400/.test(m.text()))) {
      problems.push('console error: ' + m.text() + ' (' + m.location().url + ')');
    }
  });

  await page.goto(url);
  for (const view of ['shop-detail', 'shop-list']) {
    await page.locator(`#views tr[data-view="${view}"]`).waitFor({ timeout: 15_000 });
  }
  console.log('views: ' + (await page.locator('#views tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.view))).join(', '));
  const address = new URL(page.url());
  if (address.searchParams.has('token')) {
    throw new Error('the token stayed in the address bar');
  }

  // Without a token the page asks once, then keeps it for the tab (sessionStorage) across reloads.
  const token = new URL(url).searchParams.get('token');
  await page.click('#forget-token');
  await page.goto(address.origin + address.pathname);
  await page.locator('#token-form').waitFor({ state: 'visible', timeout: 15_000 });
  await page.fill('#token-input', token);
  await page.click('#token-form button[type=submit]');
  await page.locator('#views tr[data-view="shop-list"]').waitFor({ timeout: 15_000 });
  await page.reload();
  await page.locator('#views tr[data-view="shop-list"]').waitFor({ timeout: 15_000 });
  if (await page.locator('#token-form').isVisible()) {
    throw new Error('the token was asked for again after a reload');
  }
  console.log('token: asked once, kept for the tab');

  // An estimate first: the page must show it before anything starts.
  await page.selectOption('#reimport-view', 'all');
  await page.check('input[name=scope][value=full]');
  await page.click('#reimport-estimate');
  await page.locator('#estimate').waitFor({ state: 'visible', timeout: 15_000 });
  const estimate = await page.textContent('#estimate-text');
  if (!/\d+ shops/.test(estimate)) {
    throw new Error('no estimate shown: ' + estimate);
  }
  console.log('estimate: ' + estimate);

  const started = page.waitForResponse((r) => r.url().endsWith('/admin/reimports') && r.request().method() === 'POST'
    && !(r.request().postData() || '').includes('dryRun'));
  await page.click('#reimport-confirm');
  const response = await started;
  const job = await response.json();
  if (response.status() !== 202) {
    throw new Error('re-import refused: HTTP ' + response.status() + ' ' + JSON.stringify(job));
  }
  console.log('started: ' + job.jobId);

  const row = page.locator(`#jobs tr[data-job-id="${job.jobId}"]`);
  await row.waitFor({ timeout: 15_000 });
  await page.locator(`#jobs tr[data-job-id="${job.jobId}"]:is([data-state=succeeded], [data-state=failed], [data-state=cancelled])`)
    .waitFor({ timeout: JOB_TIMEOUT_MS });
  const state = await row.getAttribute('data-state');
  const progress = (await row.locator('td').nth(5).textContent()).trim();
  console.log('job ' + job.jobId + ' ' + state + ': ' + progress);
  const errors = await page.locator('#errors div').allTextContents();
  if (errors.length) {
    problems.push('the page shows errors: ' + errors.join(' | '));
  }

  // Reconcile from the view's row: the drift table comes back, with no drift after the full re-import.
  await page.click('#views tr[data-view="shop-list"] button[data-action=reconcile]');
  await page.locator('#drift').waitFor({ state: 'visible', timeout: JOB_TIMEOUT_MS });
  const reconciled = await page.textContent('#reconcile-status');
  const driftRows = await page.locator('#drift tbody tr').count();
  console.log('reconcile: ' + reconciled + ' (' + driftRows + ' classes)');

  // Bad input: the API's error shape is shown readably, and nothing starts.
  await page.check('input[name=scope][value=ids]');
  await page.fill('#reimport-ids', 'not an id!');
  refusalExpected = true;
  await page.click('#reimport-estimate');
  const refusal = page.locator('#errors div').first();
  await refusal.waitFor({ timeout: 15_000 });
  console.log('refusal shown: ' + (await refusal.textContent()).replace(/\s*dismiss$/, ''));
  if (await page.locator('#estimate').isVisible()) {
    problems.push('an estimate was shown for bad input');
  }
  await refusal.locator('button').click();
  await page.check('input[name=scope][value=full]');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log('screenshot: ' + screenshot);
  if (state !== 'succeeded') {
    problems.push('job ended ' + state);
  }
} catch (e) {
  problems.push(e.message);
} finally {
  if (context) {
    await context.close();
  }
  rmSync(profile, { recursive: true, force: true });
}
if (problems.length) {
  problems.forEach((p) => console.log('FAILED: ' + p));
  process.exit(1);
}
console.log('console e2e: ok');
