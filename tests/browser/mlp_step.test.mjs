// Browser test of the foundation: home page, lesson `mlp-step` stepped through the UI on
// WebGPU (SwiftShader) and on the CPU fallback, values compared with the native trace.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchErrors, nativeTrace, screenshotPath, showTab } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

/** Reads a value of the native trace JSON by the page's name for it. */
function pick(json, name, field = 'value') {
  if (name === 'loss') return json.loss;
  const m = name.match(/^(\w+?)(?:\[(\d)\])?(?:\[(\d)\])?$/);
  const [, base, i, j] = m;
  const entry = json.nodes[base] ?? json.params[base];
  let v = entry[field];
  if (i !== undefined) v = v[Number(i)];
  if (j !== undefined) v = v[Number(j)];
  return v;
}

function near(got, want, what) {
  const tol = 1e-5 * Math.max(1, Math.abs(want));
  assert.ok(Math.abs(got - want) <= tol, `${what}: page ${got}, native ${want}`);
}

async function dataValueOf(page, testid, attribute) {
  const v = await page.getAttribute(`[data-testid="${testid}"]`, attribute);
  assert.ok(v !== null && v !== '', `${testid} has ${attribute}`);
  return v;
}

async function dataValue(page, testid) {
  const v = await page.getAttribute(`[data-testid="${testid}"]`, 'data-value');
  assert.notEqual(v, null, `${testid} has a data-value`);
  assert.notEqual(v, '', `${testid} is revealed`);
  return Number(v);
}

const NODES = ['z1[0]', 'a1[0]', 'z1[1]', 'a1[1]', 'z2', 'a2', 'loss'];
const NODE_GRADS = ['a2', 'z2', 'a1[0]', 'a1[1]', 'z1[0]', 'z1[1]'];
const PARAMS = ['W1[0][0]', 'W1[0][1]', 'W1[1][0]', 'W1[1][1]', 'b1[0]', 'b1[1]', 'W2[0]', 'W2[1]', 'b2'];

async function openLesson(page, hash, kind) {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector(`[data-testid="trace-backend"][data-kind="${kind}"]`, { state: 'attached', timeout: 60_000 });
}

/** Reveals the 7 forward and the 15 backward steps (the 9 update steps follow them). */
async function stepAll(page) {
  for (let i = 0; i < 22; i++) await page.click('[data-testid="btn-next"]');
  assert.equal(await page.getAttribute('[data-testid="phase"]', 'data-cursor'), '22');
  assert.equal(await page.getAttribute('[data-testid="current-step"]', 'data-phase'), 'bwd', 'backward pass complete');
}

/** The values table and the network diagram both show the native numbers. */
async function checkAgainstNative(page, json, tag) {
  for (const where of ['', 'diagram-']) {
    for (const n of NODES) near(await dataValue(page, `${where}value-${n}`), pick(json, n), `${tag} ${where}value ${n}`);
    for (const n of NODE_GRADS) near(await dataValue(page, `${where}grad-${n}`), pick(json, n, 'grad'), `${tag} ${where}grad ${n}`);
    for (const n of PARAMS) near(await dataValue(page, `${where}grad-${n}`), pick(json, n, 'grad'), `${tag} ${where}grad ${n}`);
  }
}

for (const backend of [
  { name: 'webgpu', webgpu: true, kind: 'webgpu' },
  { name: 'cpu', webgpu: false, kind: 'cpu' },
]) {
  test(`mlp-step end to end on ${backend.name}`, { timeout: 240_000 }, async () => {
    const context = await launch({ webgpu: backend.webgpu });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = watchErrors(page);
    try {
      // Home page: every lesson listed, mlp-step live.
      await page.goto(`${server.url}/`);
      await page.waitForSelector('[data-testid="lesson-list"]');
      assert.equal(await page.locator('[data-testid="lesson-list"] [data-lesson]').count(), 11);
      await page.waitForSelector(`[data-testid="backend-name"][data-ready="true"]`, { state: 'attached', timeout: 60_000 });
      assert.equal(await page.getAttribute('[data-testid="backend-name"]', 'data-kind'), backend.kind);
      if (!backend.webgpu) {
        assert.match(await page.textContent('[data-testid="backend-notice"]'), /WebGPU/);
        assert.ok(await page.isDisabled('[data-testid="backend-webgpu"]'));
      }
      await page.screenshot({ path: screenshotPath(`home-${backend.name}`), fullPage: true });

      // Open the lesson from the home page; step through it via the UI.
      await page.click('[data-testid="lesson-mlp-step"]');
      await page.waitForSelector(`[data-testid="trace-backend"][data-kind="${backend.kind}"]`, { state: 'attached', timeout: 60_000 });
      assert.equal(await page.textContent('[data-testid="diagram-value-z1[0]"]'), 'z¹₁ = ?', 'values hidden before stepping');
      assert.equal(await page.textContent('[data-testid="value-z1[0]"]'), '?', 'the table hides them too');
      const article = nativeTrace();
      await stepAll(page);
      await checkAgainstNative(page, article, `${backend.name} article`);
      assert.match(await page.getAttribute('[data-testid="step-formula"]', 'data-plain'), /∂L\/∂b¹₂/);
      assert.equal(await page.locator('[data-testid="step-formula"] math mfrac').count() > 0, true, 'the formula is MathML');
      await page.screenshot({ path: screenshotPath(`mlp-step-${backend.name}-stepped`), fullPage: true });

      if (backend.webgpu) {
        // The learner switches backend: the same numbers, computed on the other device.
        await page.click('[data-testid="backend-cpu"]');
        await page.waitForSelector('[data-testid="trace-backend"][data-kind="cpu"]', { state: 'attached' });
        await checkAgainstNative(page, article, 'switched to cpu');
        await page.click('[data-testid="backend-webgpu"]');
        await page.waitForSelector('[data-testid="trace-backend"][data-kind="webgpu"]', { state: 'attached' });
        await checkAgainstNative(page, article, 'switched back to webgpu');
      }

      // The 9 update steps show the native SGD update; applying it moves every parameter
      // there and puts a point on the loss curve.
      for (let i = 0; i < 9; i++) await page.click('[data-testid="btn-next"]');
      assert.equal(await page.getAttribute('[data-testid="current-step"]', 'data-phase'), 'upd');
      for (const n of PARAMS) near(await dataValue(page, `updated-${n}`), pick(article, n, 'updated'), `${backend.name} updated ${n}`);
      await page.click('[data-testid="btn-update"]');
      await page.waitForSelector('[data-testid="loss-latest"][data-count="1"]');
      for (const n of PARAMS) {
        near(Number(await dataValueOf(page, `param-${n}`, 'data-value')), pick(article, n, 'updated'), `${backend.name} applied ${n}`);
      }

      // Errata: the computed column comes from the model, not the article.
      // (the errata table shows 4 decimals: the same table as every lesson's)
      const truth = Number((await page.textContent('[data-testid="erratum-a2-truth"]')).replace('−', '-'));
      assert.ok(Math.abs(truth - pick(article, 'a2')) <= 5e-5, `erratum a2: page ${truth}, native ${pick(article, 'a2')}`);
      assert.equal(await page.textContent('[data-testid="erratum-a2-article"]'), '0.371');

      // Bad input keeps the last valid value; a good one recomputes everything.
      await showTab(page, 'settings');
      await page.fill('[data-testid="field-W1[0][0]"]', 'abc');
      assert.match(await page.textContent('[data-testid="error-W1[0][0]"]'), /abc/);
      await page.fill('[data-testid="field-x[1]"]', 'NaN');
      assert.match(await page.textContent('[data-testid="error-x[1]"]'), /NaN|finite|有限/);
      await page.fill('[data-testid="field-x[1]"]', '2');
      await page.click('[data-testid="btn-reset"]');
      await page.fill('[data-testid="field-W1[0][0]"]', '2.5');
      await page.fill('[data-testid="field-y"]', '0');
      await page.selectOption('[data-testid="field-loss"]', 'mse');
      await page.waitForFunction(() => location.hash.includes('loss=mse') && location.hash.includes('W1[0][0]=2.5'));
      const edited = nativeTrace(['W1[0][0]=2.5', 'y=0', 'loss=mse']);
      await page.waitForFunction(() => document.querySelector('[data-testid="trace-backend"]').dataset.kind !== '');
      await stepAll(page);
      await checkAgainstNative(page, edited, `${backend.name} edited`);

      // A shared link reproduces that state, at the same step, in a fresh page.
      const link = page.url();
      assert.match(link, /step=22/);
      const second = await context.newPage();
      await openLesson(second, link.slice(link.indexOf('#')), backend.kind);
      assert.equal(await second.getAttribute('[data-testid="phase"]', 'data-cursor'), '22');
      await checkAgainstNative(second, edited, `${backend.name} shared link`);
      await second.close();

      // Drag a bias sideways on the diagram: 0.01 per pixel. A click without drag opens its field.
      await page.click('[data-testid="btn-reset"]');
      await page.locator('[data-testid="param-b2"]').scrollIntoViewIfNeeded();
      const box = await page.locator('[data-testid="param-b2"]').boundingBox();
      await page.mouse.move(box.x + 10, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + 35, box.y + box.height / 2, { steps: 5 });
      await page.mouse.move(box.x + 60, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      assert.equal(await page.getAttribute('[data-testid="param-b2"]', 'data-value'), '0.5');
      assert.equal(await page.inputValue('[data-testid="field-b2"]'), '0.5');
      // From another tab too: the click opens the settings tab at the field.
      await showTab(page, 'errata');
      await page.click('[data-testid="param-W2[0]"]');
      await page.waitForFunction(() => document.activeElement?.id === 'field-W2[0]');
      assert.ok(await page.isVisible('[data-testid="field-W2[0]"]'));

      // Run ▸ trains live: the loss curve grows and the loss falls.
      await page.click('[data-testid="btn-reset"]');
      await page.fill('[data-testid="field-lr"]', '0.5');
      await page.click('[data-testid="btn-run"]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="loss-latest"]').dataset.count) >= 20, null, { timeout: 60_000 });
      await page.click('[data-testid="btn-run"]');
      // Faster: as many steps as fit in each frame; the loss keeps falling.
      await page.selectOption('[data-testid="run-speed"]', 'max');
      await page.click('[data-testid="btn-run"]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="loss-latest"]').dataset.count) >= 300, null, { timeout: 60_000 });
      await page.click('[data-testid="btn-run"]');
      const last = Number(await dataValueOf(page, 'loss-latest', 'data-last'));
      assert.ok(last > 0 && last < article.loss / 2, `loss fell from ${article.loss} to ${last}`);
      await page.screenshot({ path: screenshotPath(`mlp-step-${backend.name}-trained`), fullPage: true });

      // A saturating edit is reported as divergence and Reset recovers.
      await page.fill('[data-testid="field-W2[0]"]', '100');
      await page.fill('[data-testid="field-W2[1]"]', '100');
      await page.waitForSelector('[data-testid="diverged"]');
      await page.click('[data-testid="diverged-reset"]');
      await page.waitForSelector('[data-testid="diverged"]', { state: 'detached' });

      // A run with a far too large learning rate diverges: the run stops and says so.
      await page.fill('[data-testid="field-y"]', '0');
      await page.fill('[data-testid="field-lr"]', '1000');
      await page.click('[data-testid="btn-run"]');
      await page.waitForSelector('[data-testid="diverged"]');
      assert.match(await page.textContent('[data-testid="diverged"]'), /NaN/);
      await page.waitForSelector('[data-testid="btn-run"]:disabled');
      await page.click('[data-testid="diverged-reset"]');
      await page.waitForSelector('[data-testid="diverged"]', { state: 'detached' });

      // A malformed link: a clear message and the article's setup.
      await page.goto(`${server.url}/#/mlp-step?W1[0][0]=abc&y=7`);
      await page.waitForSelector('[data-testid="link-error"]');
      assert.equal(await page.getAttribute('[data-testid="param-W1[0][0]"]', 'data-value'), '1');

      // Language: English persists across a reload.
      await page.click('[data-testid="lang-en"]');
      assert.match(await page.textContent('[data-testid="brand"]'), /Backprop Lab/);
      await page.reload();
      await page.waitForSelector('[data-testid="brand"]');
      assert.match(await page.textContent('[data-testid="btn-next"]'), /Forward/);
      await page.screenshot({ path: screenshotPath(`mlp-step-${backend.name}-english`), fullPage: true });
      await page.click('[data-testid="lang-zh"]');

      if (backend.webgpu) {
        // A lost GPU device: the page falls back to the CPU and keeps the learner's edit.
        await openLesson(page, '#/mlp-step?W1[0][1]=3', 'webgpu');
        await page.evaluate(() => window.wasmBindings.simulate_gpu_device_loss());
        await showTab(page, 'settings');
        await page.fill('[data-testid="field-b2"]', '0.5');
        await page.waitForSelector('[data-testid="trace-backend"][data-kind="cpu"]', { state: 'attached' });
        assert.match(await page.textContent('[data-testid="backend-notice"]'), /WebGPU/);
        assert.equal(await page.getAttribute('[data-testid="param-W1[0][1]"]', 'data-value'), '3');
        assert.equal(await page.getAttribute('[data-testid="param-b2"]', 'data-value'), '0.5');
        await stepAll(page);
        await checkAgainstNative(page, nativeTrace(['W1[0][1]=3', 'b2=0.5']), 'after device loss');
        await page.screenshot({ path: screenshotPath('mlp-step-after-device-loss'), fullPage: true });

        // The real WebGPU device destroyed (as by a driver reset): its lost callback moves the
        // page to the CPU, and the next edit computes there.
        const fresh = await context.newPage();
        await openLesson(fresh, '#/mlp-step?W1[0][1]=3', 'webgpu');
        assert.equal(await fresh.evaluate(() => window.wasmBindings.destroy_gpu_device()), true);
        await fresh.waitForSelector('[data-testid="backend-name"][data-kind="cpu"]', { state: 'attached' });
        assert.match(await fresh.textContent('[data-testid="backend-notice"]'), /lost/);
        await showTab(fresh, 'settings');
        await fresh.fill('[data-testid="field-b2"]', '0.5');
        await fresh.waitForSelector('[data-testid="trace-backend"][data-kind="cpu"]', { state: 'attached' });
        await stepAll(fresh);
        await checkAgainstNative(fresh, nativeTrace(['W1[0][1]=3', 'b2=0.5']), 'after device destroyed');
        await fresh.close();
      }
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      if (errors.length) console.log(`console errors on ${backend.name}:\n${errors.join('\n')}`);
      await context.close();
    }
  });
}
