// Browser test of every kit lesson (every lesson the `trace` tool serves but mlp-step): each
// opens on WebGPU (SwiftShader) and on the CPU fallback, reveals every step, and every value,
// gradient and updated value on the page equals the engine's native trace; one training step
// lands on the loss curve; the errata list fills; a screenshot of each is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchErrors, nativeTrace, traceableLessons, screenshotPath } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

const LESSONS = traceableLessons().filter((id) => id !== 'mlp-step');

/** Every entry of a JSON value as [suffix, number]: `[1][0]` style indices, as the page names them. */
function entries(v, suffix = '') {
  if (Array.isArray(v)) return v.flatMap((x, i) => entries(x, `${suffix}[${i}]`));
  return [[suffix, v]];
}

/** Every cell the page must show, by test id, with the native number. */
function expectedCells(json) {
  const cells = [];
  for (const [name, v] of Object.entries(json.inputs)) {
    for (const [s, x] of entries(v)) cells.push([`value-${name}${s}`, x]);
  }
  for (const group of [json.nodes, json.params]) {
    for (const [name, q] of Object.entries(group)) {
      for (const field of ['value', 'grad', 'updated']) {
        if (q[field] === null || q[field] === undefined) continue;
        for (const [s, x] of entries(q[field])) cells.push([`${field}-${name}${s}`, x]);
      }
    }
  }
  return cells;
}

function near(got, want, what) {
  const tol = 2e-4 * Math.max(1, Math.abs(want));
  assert.ok(Math.abs(got - want) <= tol, `${what}: page ${got}, native ${want}`);
}

for (const webgpu of [true, false]) {
  const kind = webgpu ? 'webgpu' : 'cpu';
  test(`every lesson on ${kind}: all steps, values against the native trace, one training step`, { timeout: 600_000 }, async () => {
    const context = await launch({ webgpu });
    const page = context.pages()[0] ?? await context.newPage();
    const errors = watchErrors(page);
    for (const id of LESSONS) {
      const json = nativeTrace([], id);
      await page.goto(`${server.url}/#/${id}`);
      await page.waitForSelector(`[data-testid="lesson-${id}"]`, { timeout: 60_000 });
      await page.waitForSelector(`[data-testid="trace-backend"][data-kind="${kind}"]`, { state: 'attached', timeout: 60_000 });
      const total = Number(await page.getAttribute('[data-testid="phase"]', 'data-total'));
      assert.ok(total > 0, `${id}: has steps`);
      await page.click('[data-testid="btn-next"]');
      assert.equal(await page.getAttribute('[data-testid="phase"]', 'data-cursor'), '1', `${id}: one step revealed`);
      const first = await page.getAttribute('[data-testid="step-substituted"]', 'data-value');
      assert.ok(Number.isFinite(Number(first)), `${id}: first step shows a number`);
      await page.click('[data-testid="btn-all"]');
      assert.equal(await page.getAttribute('[data-testid="phase"]', 'data-cursor'), String(total), `${id}: all steps revealed`);
      const cells = expectedCells(json);
      assert.ok(cells.length > 0, `${id}: the trace has numbers`);
      for (const [testid, want] of cells) {
        const got = await page.getAttribute(`[data-testid="${testid}"]`, 'data-value');
        assert.ok(got !== null && got !== '', `${id}: ${testid} is shown`);
        near(Number(got), want, `${id} ${kind} ${testid}`);
      }
      if (json.loss !== null) near(Number(await page.getAttribute('[data-testid="value-loss"]', 'data-value')), json.loss, `${id} loss`);
      await page.waitForSelector('[data-testid^="erratum-"]', { state: 'attached', timeout: 30_000 });
      const rows = await page.$$('[data-testid="errata"] tbody tr[data-testid^="erratum-"]');
      assert.ok(rows.length > 0, `${id}: errata listed`);
      await page.screenshot({ path: screenshotPath(`lesson-${id}-${kind}`), fullPage: true });
      // The native trace says whether the lesson trains; the page must agree (a missing button
      // fails here instead of skipping the check).
      assert.equal(typeof json.trains, 'boolean', `${id}: the native trace says whether it trains`);
      assert.equal(await page.$('[data-testid="btn-update"]') !== null, json.trains, `${id}: a training button exactly when the lesson trains`);
      if (json.trains) {
        await page.click('[data-testid="btn-update"]');
        await page.waitForSelector('[data-testid="loss-latest"][data-count="1"]', { timeout: 30_000 });
        near(Number(await page.getAttribute('[data-testid="loss-latest"]', 'data-last')), json.loss, `${id}: the curve's first point is the traced loss`);
        assert.match(await page.evaluate(() => location.hash), new RegExp(`^#/${id}\\?`), `${id}: the link follows the state`);
      }
    }
    assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  });
}
