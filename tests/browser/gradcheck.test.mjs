// The gradient check and the autodiff graph in a real browser, on both backends: every
// gradient of mlp-step agrees with its finite difference; the article's σ′ = 1 + a and a
// flipped sign make rows disagree and training walk uphill; a bad ε gets a message and keeps
// the last good one; the graph recorded from the forward pass steps forward then backward;
// a kit lesson (xor) has both panels too, and the playground's step view has the check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchErrors, screenshotPath, showTab } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

const summary = '[data-testid="gc-summary"]';

async function verdicts(page) {
  return page.$$eval('[data-testid^="gc-row-"]', (rows) => rows.map((r) => r.dataset.verdict));
}

async function waitForCheck(page, passes) {
  await page.waitForSelector(`${summary}[data-passes="${passes}"]`, { timeout: 60_000 });
  await page.waitForSelector('[data-testid="gc-progress"]', { state: 'detached', timeout: 60_000 });
}

for (const webgpu of [true, false]) {
  const kind = webgpu ? 'webgpu' : 'cpu';
  test(`gradient check and autodiff graph on ${kind}`, { timeout: 300_000 }, async (t) => {
    const context = await launch({ webgpu });
    t.after(() => context.close());
    const page = context.pages()[0];
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/mlp-step`);
    await page.waitForSelector(`[data-testid="trace-backend"][data-kind="${kind}"]`, { state: 'attached', timeout: 60_000 });
    await page.click('[data-testid="lang-en"]');

    // Off by default; on, all 9 parameters agree.
    assert.equal(await page.locator(summary).count(), 0);
    await showTab(page, 'gradcheck');
    await page.check('[data-testid="gc-toggle"]');
    await waitForCheck(page, 'true');
    assert.equal(await page.getAttribute(summary, 'data-count'), '9');
    assert.deepEqual(await verdicts(page), Array(9).fill('agrees'));
    const row = '[data-testid="gc-row-W1[0][0]"]';
    const autodiff = Number(await page.getAttribute(row, 'data-autodiff'));
    const numeric = Number(await page.getAttribute(row, 'data-numeric'));
    assert.ok(Math.abs(autodiff - numeric) <= 1e-2 * Math.max(Math.abs(autodiff), 1e-3), `${autodiff} vs ${numeric}`);

    // A bad ε: a message; the last good ε and its table stay.
    await page.fill('[data-testid="gc-eps"]', 'tiny');
    await page.dispatchEvent('[data-testid="gc-eps"]', 'change');
    assert.match(await page.textContent('[data-testid="gc-eps-error"]'), /between/);
    await page.fill('[data-testid="gc-eps"]', '5');
    await page.dispatchEvent('[data-testid="gc-eps"]', 'change');
    assert.match(await page.textContent('[data-testid="gc-eps-error"]'), /between/);
    assert.equal(await page.getAttribute(summary, 'data-passes'), 'true');
    await page.fill('[data-testid="gc-eps"]', '0.001');
    await page.dispatchEvent('[data-testid="gc-eps"]', 'change');
    assert.equal(await page.textContent('[data-testid="gc-eps-error"]'), '');
    await waitForCheck(page, 'true');

    // The autodiff graph: 22 tensors; forward lights the 15 ops, backward the 19 gradients.
    const caption = '[data-testid="ag-caption"]';
    await showTab(page, 'autograph');
    assert.equal(await page.getAttribute(caption, 'data-total'), '34');
    assert.equal(await page.locator('[data-testid="ag-svg"] [data-node]').count(), 22);
    assert.equal(await page.locator('[data-testid="ag-svg"] [data-value-shown="false"]').count(), 15);
    await page.click('[data-testid="ag-next"]');
    assert.match(await page.textContent(caption), /^Forward 1\/15: matmul = matmul\(W1, x\)/);
    assert.equal(await page.locator('[data-testid="ag-svg"] .lit-forward[data-op="matmul"]').count(), 1);
    await page.click('[data-testid="ag-next"]');
    assert.match(await page.textContent(caption), /z1 = \+\(matmul, b1\)/);
    await page.screenshot({ path: screenshotPath(`autograph-forward-${kind}`), fullPage: true });
    for (let i = 0; i < 14; i++) await page.click('[data-testid="ag-next"]');
    assert.equal(await page.getAttribute(caption, 'data-phase'), 'backward');
    assert.match(await page.textContent(caption), /^Backward 1\/19: ∂L\/∂L = 1/);
    await page.click('[data-testid="ag-end"]');
    assert.equal(await page.locator('[data-testid="ag-svg"] [data-grad-shown="true"]').count(), 19);
    assert.equal(await page.locator('[data-testid="ag-svg"] .lit-backward').count(), 1);
    await page.locator('[data-testid="autograph"]').screenshot({ path: screenshotPath(`autograph-backward-${kind}`) });

    // The article's σ′ = 1 + a: forward values unchanged, the check fails, the link says so.
    const lossNode = '[data-testid="ag-svg"] [data-name="L"]';
    const lossBefore = await page.textContent(`${lossNode} .value`);
    assert.equal(await page.textContent(`${lossNode} .grad`), '∂L = 1');
    await showTab(page, 'gradcheck');
    await page.selectOption('[data-testid="gc-break"]', 'one-plus-a');
    await page.waitForSelector('[data-testid="gc-broken"]');
    await waitForCheck(page, 'false');
    assert.ok((await verdicts(page)).includes('disagrees'));
    assert.ok(await page.evaluate(() => location.hash.includes('backward=one-plus-a')));
    assert.equal(await page.textContent(`${lossNode} .value`), lossBefore, 'forward values unchanged');
    await page.screenshot({ path: screenshotPath(`gradcheck-broken-${kind}`), fullPage: true });

    // A flipped sign: every step of gradient descent raises the loss.
    await page.selectOption('[data-testid="gc-break"]', 'flipped-sign');
    await waitForCheck(page, 'false');
    // Every autodiff gradient is now minus its finite difference (the tiny ones, whose sign
    // drowns in rounding, still agree). Waiting on that also waits out the σ′ = 1 + a table,
    // which fails the check too.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid^="gc-row-"]')];
      return rows.length === 9 && rows.every((r) => {
        const [a, n] = [Number(r.dataset.autodiff), Number(r.dataset.numeric)];
        return Math.abs(a + n) <= 2e-2 * Math.max(Math.abs(a), Math.abs(n)) + 1e-4;
      });
    }, null, { timeout: 60_000 });
    assert.ok((await verdicts(page)).filter((v) => v === 'disagrees').length >= 5);
    assert.equal(await page.textContent(`${lossNode} .grad`), '∂L = −1', 'the graph shows the negated seed');
    const losses = [];
    for (let i = 0; i < 3; i++) {
      await page.click('[data-testid="btn-update"]');
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="loss-latest"]').dataset.count) >= n, i + 1);
      losses.push(Number(await page.getAttribute('[data-testid="loss-latest"]', 'data-last')));
    }
    assert.ok(losses[0] < losses[1] && losses[1] < losses[2], `uphill: ${losses}`);
    await page.selectOption('[data-testid="gc-break"]', 'correct');
    await page.waitForSelector('[data-testid="gc-broken"]', { state: 'detached' });
    await waitForCheck(page, 'true');

    // A kit lesson has both panels.
    await page.goto(`${server.url}/#/xor`);
    await page.waitForSelector('[data-testid="gradcheck"]', { state: 'attached', timeout: 60_000 });
    await showTab(page, 'gradcheck');
    await page.check('[data-testid="gc-toggle"]');
    await waitForCheck(page, 'true');
    await page.selectOption('[data-testid="gc-break"]', 'flipped-sign');
    await waitForCheck(page, 'false');
    const nodes = await page.locator('[data-testid="ag-svg"] [data-node]').count();
    assert.ok(nodes >= 10, `xor's graph has ${nodes} nodes`);
    await page.screenshot({ path: screenshotPath(`gradcheck-xor-${kind}`), fullPage: true });

    // The playground's step view: all 25 weights and biases of its 2 → 4 → 2 → 1 network,
    // moved on a copy while training is paused; no break to choose there.
    await page.goto(`${server.url}/#/playground`);
    await page.waitForSelector(`[data-testid="backend-name"][data-kind="${kind}"][data-ready="true"]`, { state: 'attached', timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]')?.getAttribute('data-train-loss') !== '', null, { timeout: 60_000 });
    await page.check('[data-testid="gc-toggle"]');
    await waitForCheck(page, 'true');
    assert.equal(await page.getAttribute(summary, 'data-count'), '25');
    assert.equal(await page.locator('[data-testid="gc-break"]').count(), 0);
    assert.deepEqual(await verdicts(page), Array(25).fill('agrees'));
    await page.locator('[data-testid="gradcheck"]').screenshot({ path: screenshotPath(`gradcheck-playground-${kind}`) });
    assert.deepEqual(errors, []);
  });
}
