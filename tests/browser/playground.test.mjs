// Browser test of the playground on WebGPU (SwiftShader) and on the CPU: it trains the
// default network on the circle data (loss falls, epochs count), a neuron opens its step view,
// an edge's weight can be edited, a point can be added, and the link reproduces the state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, watchErrors, screenshotPath } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

const stat = (page, name) => page.getAttribute('[data-testid="pg-stats"]', name);

for (const webgpu of [true, false]) {
  const kind = webgpu ? 'webgpu' : 'cpu';
  test(`playground on ${kind}: trains, inspects a neuron, edits a weight, shares a link`, { timeout: 300_000 }, async (t) => {
    const context = await launch({ webgpu });
    t.after(() => context.close());
    const page = context.pages()[0];
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/playground`);
    await page.waitForSelector(`[data-testid="backend-name"][data-kind="${kind}"][data-ready="true"]`, { state: 'attached', timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]')?.getAttribute('data-train-loss') !== '', null, { timeout: 60_000 });
    // Loading the page builds the network once (it was built twice); on WebGPU the page
    // starts on the CPU and moves the network when the adapter is ready: one more.
    const builds = Number(await stat(page, 'data-builds'));
    assert.ok(webgpu ? builds >= 1 && builds <= 2 : builds === 1, `networks built on load: ${builds}`);
    const start = Number(await stat(page, 'data-train-loss'));
    await page.click('[data-testid="pg-run"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="pg-stats"]').getAttribute('data-epoch')) >= 30, null, { timeout: 240_000 });
    await page.click('[data-testid="pg-run"]');
    const trained = Number(await stat(page, 'data-train-loss'));
    assert.ok(trained < start, `train loss fell: ${start} → ${trained}`);
    if (!webgpu) {
      // Faster: as many epochs as fit in a frame, still one curve point per epoch.
      await page.selectOption('[data-testid="run-speed"]', 'max');
      const e0 = Number(await stat(page, 'data-epoch'));
      await page.click('[data-testid="pg-run"]');
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="pg-stats"]').getAttribute('data-epoch')) >= n, e0 + 30, { timeout: 120_000 });
      await page.click('[data-testid="pg-run"]');
      await page.waitForFunction(() => {
        const epoch = document.querySelector('[data-testid="pg-stats"]').getAttribute('data-epoch');
        return document.querySelector('[data-testid="pg-curves"]').getAttribute('data-count') === epoch;
      }, null, { timeout: 10_000 });
      await page.selectOption('[data-testid="run-speed"]', '1');
    }
    await page.waitForFunction(() => location.hash.includes('w='), null, { timeout: 10_000 });
    const link = await page.evaluate(() => location.hash);
    // A hidden neuron: layer 1, neuron 1 sits in the second column of the drawing.
    const canvas = page.locator('[data-testid="pg-network"]');
    const box = await canvas.boundingBox();
    const scale = box.width / 640;
    // Layout: columns at 20 + l·(640 − 40 − 36)/3; layer 1 has 4 neurons centred in 420 px.
    const x = (20 + (640 - 76) / 3 + 18) * scale;
    const y = ((420 - (4 * 36 + 3 * 12)) / 2 + 18) * scale;
    await canvas.click({ position: { x, y } });
    await page.waitForSelector('[data-testid="pg-step-z1[0]"]', { timeout: 30_000 });
    assert.ok(Number.isFinite(Number(await page.getAttribute('[data-testid="pg-step-z1[0]"]', 'data-value'))));
    await page.waitForSelector('[data-testid="pg-step-grad:z1[0]"]');
    await page.fill('[data-testid="pg-edit-value"]', 'not a number');
    await page.press('[data-testid="pg-edit-value"]', 'Enter');
    assert.ok((await page.textContent('[data-testid="pg-edit-error"]')).length > 0, 'bad input is refused');
    await page.fill('[data-testid="pg-edit-value"]', '2.5');
    await page.press('[data-testid="pg-edit-value"]', 'Enter');
    await page.waitForFunction(() => location.hash.includes('2.5'), null, { timeout: 10_000 });
    await page.screenshot({ path: screenshotPath(`playground-${kind}`), fullPage: true });
    // The keyboard way in: the list opens the same views as a click on the drawing.
    await page.selectOption('[data-testid="pg-pick"]', { label: 'W1[0][1]' });
    await page.waitForSelector('[data-testid="pg-step-grad:W1[0][1]"]', { timeout: 30_000 });
    // Downloads made in the page: the weights as JSON, the output as PNG.
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="pg-export-weights"]')]);
    const weights = JSON.parse(fs.readFileSync(await json.path(), 'utf8'));
    assert.deepEqual(weights.widths, [2, 4, 2, 1]);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="pg-export-output-png"]')]);
    assert.equal(png.suggestedFilename(), 'playground-output.png');
    // The shared link reproduces the trained and edited weights: the same test loss in a
    // fresh page that opens it (the link after the edit, which carries the 2.5).
    const shared = await page.evaluate(() => location.hash);
    assert.ok(shared.includes('2.5') && shared !== link, 'the link follows the edit');
    const before = Number(await stat(page, 'data-test-loss'));
    assert.ok(Number.isFinite(before), `a test loss is shown: ${before}`);
    const reopened = await context.newPage();
    await reopened.goto(`${server.url}/${shared}`);
    await reopened.waitForSelector(`[data-testid="backend-name"][data-kind="${kind}"][data-ready="true"]`, { state: 'attached', timeout: 60_000 });
    await reopened.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]')?.getAttribute('data-test-loss') !== '', null, { timeout: 60_000 });
    const after = Number(await stat(reopened, 'data-test-loss'));
    assert.ok(Math.abs(after - before) <= 1e-5 * Math.max(1, Math.abs(before)), `same test loss from the link: ${before} vs ${after}`);
    await reopened.close();
    // A malformed link gets a message and the default playground.
    // Opened fresh, as a learner opens a pasted link.
    const fresh = await context.newPage();
    await fresh.goto(`${server.url}/#/playground?d=moon&<script>`);
    await fresh.waitForSelector('[data-testid="link-error"]', { timeout: 60_000 });
    assert.ok(!(await fresh.content()).includes('<script>&'), 'nothing from the link becomes markup');
    assert.deepEqual(errors.filter((e) => !e.includes('favicon')), []);
  });
}

test('a click on the regression plane adds a point on the plane; a refused click says why', { timeout: 120_000 }, async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  const errors = watchErrors(page);
  await page.goto(`${server.url}/#/playground?d=plane`);
  await page.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]')?.getAttribute('data-train-loss') !== '', null, { timeout: 60_000 });
  await page.check('[data-testid="pg-click-add-1"]');
  const canvas = page.locator('[data-testid="pg-output"]');
  const box = await canvas.boundingBox();
  // (x, y) = (3, 1.5) on the plot's −6…6 square.
  await canvas.click({ position: { x: box.width * 0.75, y: box.height * 0.375 } });
  await page.waitForFunction(() => location.hash.includes('add='), null, { timeout: 30_000 });
  const added = decodeURIComponent(await page.evaluate(() => location.hash)).match(/add=([^&]*)/)[1];
  const [x, y, target] = added.split('_').map(Number);
  assert.ok(Math.abs(x - 3) < 0.1 && Math.abs(y - 1.5) < 0.1, `the point is where clicked: ${added}`);
  // The plane's own target (x + y)/12, as for every generated point; not x + y.
  assert.ok(Math.abs(target - (x + y) / 12) < 1e-9, `target ${target} for (${x}, ${y})`);
  assert.equal(await page.$('[data-testid="playground-error"]'), null);
  // With 200 added points (the most) a further click is refused, and the page says so.
  const many = Array.from({ length: 200 }, (_, i) => `${(i % 10) * 0.5}_1_${((i % 10) * 0.5 + 1) / 12}`).join(',');
  const fresh = await context.newPage();
  const freshErrors = watchErrors(fresh);
  await fresh.goto(`${server.url}/#/playground?d=plane&add=${many}`);
  await fresh.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]')?.getAttribute('data-train-loss') !== '', null, { timeout: 60_000 });
  const linkBefore = await fresh.evaluate(() => location.hash);
  await fresh.check('[data-testid="pg-click-add-1"]');
  const freshCanvas = fresh.locator('[data-testid="pg-output"]');
  const freshBox = await freshCanvas.boundingBox();
  await freshCanvas.click({ position: { x: freshBox.width * 0.25, y: freshBox.height * 0.25 } });
  await fresh.waitForSelector('[data-testid="playground-error"]', { timeout: 30_000 });
  assert.ok((await fresh.textContent('[data-testid="playground-error"]')).length > 0, 'the refusal is explained');
  assert.equal(await fresh.evaluate(() => location.hash), linkBefore, 'the data is unchanged');
  assert.deepEqual([...errors, ...freshErrors].filter((e) => !e.includes('favicon')), []);
});
