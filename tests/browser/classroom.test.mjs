// Browser test of teaching features: keyboard control and presentation mode, embed links,
// downloads made in the page, offline reload through the service worker, and a phone-size
// screenshot. CPU backend.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, watchErrors, screenshotPath, nativeWorksheet, showTab } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

async function open(page, hash) {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector('[data-testid="trace-backend"][data-kind="cpu"]', { state: 'attached', timeout: 60_000 });
}

const cursor = (page) => page.getAttribute('[data-testid="phase"]', 'data-cursor');

test('keys step, run, reset and toggle presentation mode', async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  const errors = watchErrors(page);
  await open(page, '#/bce');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await cursor(page), '3');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await cursor(page), '2');
  await page.keyboard.press('p');
  assert.ok(await page.evaluate(() => document.body.classList.contains('present')));
  assert.ok(!(await page.isVisible('[data-testid="tabs"]')), 'the tabs of secondary panels hidden');
  await page.screenshot({ path: screenshotPath('classroom-presentation-bce'), fullPage: true });
  await page.keyboard.press(' ');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="loss-latest"]').getAttribute('data-count')) >= 5);
  await page.keyboard.press(' ');
  await page.keyboard.press('r');
  await page.waitForSelector('[data-testid="loss-latest"][data-count="0"]');
  await page.keyboard.press('p');
  assert.ok(!(await page.evaluate(() => document.body.classList.contains('present'))));
  // Keys typed into a field stay in the field; arrows in the tab list move between tabs.
  await showTab(page, 'settings');
  await page.keyboard.press('ArrowRight');
  assert.equal(await cursor(page), '0', 'an arrow on a tab is the tab list\'s');
  assert.equal(await page.getAttribute('[data-testid="tab-formulas"]', 'aria-selected'), 'true', 'the next tab');
  await page.keyboard.press('ArrowLeft');
  await page.click('[data-testid="field-lr"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await cursor(page), '0');
  // mlp-step has the same keys.
  await open(page, '#/mlp-step');
  // The hash changed in the same document: wait for mlp-step's own first trace.
  await page.waitForSelector('[data-testid="lesson-mlp-step"] [data-testid="trace-backend"][data-kind="cpu"]', { state: 'attached' });
  await page.keyboard.press('ArrowRight');
  assert.equal(await cursor(page), '1');
  assert.deepEqual(errors, []);
});

test('secondary panels are tabs: one shown at a time, the choice kept per lesson', async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  const errors = watchErrors(page);
  await open(page, '#/bce');
  const shown = () => page.$$eval('[role=tabpanel]:not([hidden])', (els) => els.map((e) => e.dataset.testid));
  assert.deepEqual(await shown(), ['tabpanel-values'], 'values first');
  assert.equal(await page.getAttribute('[data-testid="tab-values"]', 'aria-selected'), 'true');
  await showTab(page, 'errata');
  assert.deepEqual(await shown(), ['tabpanel-errata']);
  assert.ok(await page.isVisible('[data-testid="errata"]'));
  assert.ok(!(await page.isVisible('[data-testid="params-form"]')));
  await page.keyboard.press('End');
  const last = await page.$$eval('[role=tab]:not([hidden])', (els) => els.at(-1).dataset.testid);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), last, 'End focuses the last tab');
  await page.keyboard.press('Home');
  assert.deepEqual(await shown(), ['tabpanel-values']);
  await showTab(page, 'errata');
  await page.reload();
  await page.waitForSelector('[data-testid="trace-backend"][data-kind="cpu"]', { state: 'attached', timeout: 60_000 });
  assert.deepEqual(await shown(), ['tabpanel-errata'], 'kept across a reload');
  await open(page, '#/xor');
  await page.waitForSelector('[data-testid="lesson-xor"]');
  // xor keeps no choice: it opens its first tab, the results (its boundary) under the network.
  assert.deepEqual(await shown(), ['tabpanel-views'], 'per lesson');
  assert.deepEqual(errors, []);
});

test('an embed link shows the lesson alone and keeps the flag while the state changes', async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  await open(page, '#/xor?embed=1');
  assert.ok(!(await page.isVisible('.topbar')), 'no top bar');
  assert.ok(await page.isVisible('[data-testid="lesson-xor"]'));
  await showTab(page, 'settings');
  await page.fill('[data-testid="field-lr"]', '0.5');
  await page.waitForFunction(() => location.hash.includes('lr=0.5') && location.hash.includes('embed=1'));
  await page.screenshot({ path: screenshotPath('classroom-embed-xor') });
  // The playground embeds the same way: its own settings load, the flag stays the page's.
  await page.goto(`${server.url}/#/playground?h=3&embed=1`);
  await page.waitForSelector('[data-testid="playground"]');
  assert.equal(await page.$('[data-testid="link-error"]'), null, 'embed=1 is not a playground setting error');
  await page.waitForFunction(() => location.hash.includes('h=3') && location.hash.includes('embed=1'));
  assert.ok(!(await page.isVisible('.topbar')));
});

test('downloads: the trace CSV and JSON, the weights and a picture, made in the page', async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  await open(page, '#/softmax-ce');
  await showTab(page, 'downloads');
  const take = async (testid) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
    return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
  };
  const csv = await take('export-trace-csv');
  assert.equal(csv.name, 'softmax-ce-trace.csv');
  assert.equal(csv.text.split('\n')[0], 'role,entry,value,grad,updated');
  assert.ok(csv.text.includes('\nloss,L,'));
  const json = await take('export-trace-json');
  assert.equal(JSON.parse(json.text).lesson, 'softmax-ce');
  const weights = await take('export-weights-json');
  assert.ok(JSON.parse(weights.text).params.z, 'the logits are the parameters');
  // The worksheet made in the page has the native sheet's boxes; its key the native key's
  // values (computed natively by the engine's `trace --worksheet --answers`).
  const cellsOf = (html) => [...html.matchAll(/data-cell="([^"]*)"/g)].map((m) => m[1]);
  const valuesOf = (html) => [...html.matchAll(/data-value="([^"]*)"/g)].map((m) => Number(m[1]));
  const sheet = await take('export-worksheet');
  assert.equal(sheet.name, 'softmax-ce-worksheet.html');
  const nativeKey = nativeWorksheet('softmax-ce', true);
  assert.ok(cellsOf(sheet.text).length > 5);
  assert.deepEqual(cellsOf(sheet.text), cellsOf(nativeKey));
  assert.ok(!sheet.text.includes('data-value'));
  const key = await take('export-answers');
  const ours = valuesOf(key.text);
  const theirs = valuesOf(nativeKey);
  assert.equal(ours.length, theirs.length);
  ours.forEach((v, i) => assert.ok(Math.abs(v - theirs[i]) <= 2e-4 * Math.max(1, Math.abs(v)), `step ${i}: ${v} vs ${theirs[i]}`));
  const svg = await take('export-loss-surface-svg');
  assert.ok(svg.text.startsWith('<svg'));
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-loss-surface-png"]')]);
  const bytes = fs.readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
});

test('after one visit the app reloads offline (service worker)', async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  await open(page, '#/bce');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 }).catch(() => {});
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid="lesson-bce"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="trace-backend"][data-kind="cpu"]', { state: 'attached', timeout: 60_000 });
  await context.setOffline(false);
});

test('a phone-size screen shows the lesson without sideways scrolling', async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '#/xor');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: screenshotPath('mobile-xor'), fullPage: true });
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
  // The network is wider than the phone and scrolls inside its panel; the first step computes
  // the output z₁, on the right of the picture: the panel turns to it.
  const panel = page.locator('[data-testid="lesson-picture"]');
  assert.equal(await panel.evaluate((p) => p.scrollLeft), 0);
  await page.click('[data-testid="btn-next"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-picture"]').scrollLeft > 0);
  const inView = await panel.evaluate((p) => {
    const unit = p.querySelector('[data-testid="diagram-sample-view-0"] .unit.active').getBoundingClientRect();
    const frame = p.getBoundingClientRect();
    const centre = unit.left + unit.width / 2;
    return centre > frame.left && centre < frame.right;
  });
  assert.ok(inView, 'the current unit is in view');
});
