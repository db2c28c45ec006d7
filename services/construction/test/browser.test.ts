import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { FAST_FLOW, startApp } from '../../test-support/flow.js';
import { startStack, type Stack } from '../../test-support/stack.js';

let stack: Stack;
let base: string;
let browser: BrowserContext;
const profile = mkdtempSync(join(tmpdir(), 'bc-chromium-'));

test.before(async () => {
  stack = await startStack();
  ({ base } = await startApp(stack));
  stack.start('outbox-relay', FAST_FLOW);
  stack.start('engines-worker', FAST_FLOW);
  // A fresh profile dir per run; playwright takes it as launchPersistentContext's userDataDir.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});
test.after(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
  await stack.stop();
});

// The edge (nginx) sets X-Tenant-Slug from the host name; here the browser sends it itself.
async function tenantPage(slug: string) {
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'X-Tenant-Slug': slug });
  return page;
}

test('a project created in the dashboard is listed and moves the engine figures', async () => {
  const page = await tenantPage('alpha');
  await page.goto(`${base}/web/dashboard`);
  assert.is(await page.textContent('#figure-projects'), '0');
  await page.fill('#project-form [name=name]', 'Harbour wall');
  await page.selectOption('#project-form [name=status]', 'active');
  await page.fill('#project-form [name=budget]', '4200.00');
  await page.click('#project-form button');
  await page.waitForSelector('tr.project:has-text("Harbour wall")', { timeout: 10_000 });
  await page.waitForFunction(() => document.querySelector('#figure-projects')?.textContent === '1', undefined, { timeout: 10_000 });
  assert.is(await page.textContent('#figure-active'), '1');
  assert.is(await page.textContent('#figure-budget'), '4,200.00');

  const row = page.locator('tr.project', { hasText: 'Harbour wall' });
  await row.locator('[name=description]').fill('Piling');
  await row.locator('[name=hours]').fill('8');
  await row.locator('[name=cost]').fill('950');
  await row.locator('button', { hasText: 'Log' }).click();
  await page.waitForFunction(() => document.querySelector('#figure-cost')?.textContent === '950.00', undefined, { timeout: 10_000 });
  assert.is(await page.textContent('#figure-hours'), '8');
  await page.close();
});

test('the dashboard of another tenant does not show the project', async () => {
  const page = await tenantPage('beta');
  await page.goto(`${base}/web/dashboard`);
  assert.is(await page.locator('tr.project', { hasText: 'Harbour wall' }).count(), 0);
  assert.is(await page.textContent('#figure-projects'), '0');
  await page.close();
});

test('the API docs page renders every operation with assets from the app only', async () => {
  const page = await browser.newPage();
  const origins = new Set<string>();
  page.on('request', (r) => void origins.add(new URL(r.url()).origin));
  await page.goto(`${base}/docs`);
  await page.waitForSelector('.opblock-summary-path', { timeout: 15_000 });
  const paths = await page.locator('.opblock-summary-path').allTextContents();
  assert.ok(paths.some((p) => p.includes('/api/projects/{id}/work-entries')), paths.join(', '));
  assert.equal([...origins], [new URL(base).origin]);
  await page.close();
});

test.run();
