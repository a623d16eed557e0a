// Browser tests of the page under faults: every request a session makes stays on the page's
// own origin (a lesson, the playground, the MNIST and text lessons), and a panic shows a
// readable panel whose report can be copied, instead of a dead page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, screenshotPath } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

test('no request leaves the page\'s origin while the lessons and the playground run', { timeout: 300_000 }, async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/#/bce`);
  await page.waitForSelector('[data-testid="backend-name"][data-ready="true"]', { state: 'attached', timeout: 60_000 });
  await page.click('[data-testid="btn-all"]');
  await page.click('[data-testid="btn-update"]');
  await page.goto(`${server.url}/#/playground`);
  await page.click('[data-testid="pg-run"]');
  await page.waitForTimeout(1500);
  await page.click('[data-testid="pg-run"]');
  await page.goto(`${server.url}/#/mnist-cnn`);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="held-out-report"]')?.dataset.seq) > 0, null, { timeout: 120_000 });
  await page.goto(`${server.url}/#/text-classifier`);
  await page.waitForTimeout(2000);
  const own = (u) => u.startsWith(`${server.url}/`) || u.startsWith('blob:') || u.startsWith('data:');
  assert.ok(requests.some((u) => u.endsWith('/mnist.bin')), 'the digits were fetched, from the page\'s origin');
  assert.deepEqual(requests.filter((u) => !own(u)), [], `${requests.length} requests, all own-origin`);
});

test('a panic shows a panel with a report that can be copied', { timeout: 120_000 }, async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = context.pages()[0];
  await page.goto(`${server.url}/#/mlp-step`);
  await page.waitForSelector('[data-testid="backend-name"][data-ready="true"]', { state: 'attached', timeout: 60_000 });
  await page.evaluate(() => { try { window.wasmBindings.simulate_panic(); } catch (e) { /* the trap */ } });
  await page.waitForSelector('[data-testid="panic-panel"]');
  const report = await page.textContent('[data-testid="panic-report"]');
  assert.match(report, /simulated panic/);
  assert.match(report, /#\/mlp-step/);
  await page.click('[data-testid="panic-copy"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="panic-copy"]').textContent.includes('Copied'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), report);
  await page.screenshot({ path: screenshotPath('panic-panel') });
});

// Leaving a page while its work is still running (mnist-cnn loads its digits, scores them and
// draws its maps in tasks that outlive the page) must not panic the app.
for (const webgpu of [false, true]) {
  test(`leaving mnist-cnn while it loads and scores does not panic (${webgpu ? 'webgpu' : 'cpu'})`, { timeout: 180_000 }, async (t) => {
    const context = await launch({ webgpu });
    t.after(() => context.close());
    const page = context.pages()[0];
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    for (const wait of [0, 1500, 4000]) {
      await page.goto(`${server.url}/#/mnist-cnn`);
      await page.waitForSelector('[data-testid="errata"]', { state: 'attached', timeout: 60_000 });
      await page.waitForTimeout(wait);
      await page.goto(`${server.url}/#/`);
      await page.waitForTimeout(6000);
      assert.equal(await page.$('[data-testid="panic-panel"]'), null, `no panic after leaving at ${wait} ms`);
    }
    assert.deepEqual(errors.filter((e) => !e.includes('favicon')), []);
  });
}
