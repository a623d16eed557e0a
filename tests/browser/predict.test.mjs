// Predict, then reveal, in a real browser on both backends: a right guess (the native trace's
// value) is accepted, the article's σ′ = 1 + a slip is named, bad text is refused without
// losing anything, the score is kept across a reload and can be reset, new numbers restart
// the exercise, and the same panel works in a kit lesson and in the playground's inspector.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchErrors, nativeTrace, screenshotPath } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

const ask = '[data-testid="predict-ask"]';

async function target(page) {
  return page.getAttribute(ask, 'data-target');
}

async function guess(page, text) {
  await page.fill('[data-testid="predict-input"]', text);
  await page.click('[data-testid="predict-check"]');
}

async function score(page) {
  const el = '[data-testid="predict-score"]';
  return ['data-right', 'data-close', 'data-wrong'].map(async (a) => Number(await page.getAttribute(el, a)));
}

for (const webgpu of [true, false]) {
  const kind = webgpu ? 'webgpu' : 'cpu';
  test(`predict mode on ${kind}`, { timeout: 300_000 }, async (t) => {
    const context = await launch({ webgpu });
    t.after(() => context.close());
    const page = context.pages()[0];
    const errors = watchErrors(page);
    const json = nativeTrace();
    await page.goto(`${server.url}/#/mlp-step`);
    await page.waitForSelector(`[data-testid="trace-backend"][data-kind="${kind}"]`, { state: 'attached', timeout: 60_000 });
    await page.click('[data-testid="lang-en"]');
    await page.check('[data-testid="predict-toggle"]');
    await page.waitForSelector(ask);
    assert.equal(await target(page), 'z1[0]');

    // Bad text: a message, nothing revealed, nothing scored.
    await guess(page, 'about three');
    assert.ok((await page.textContent('[data-testid="predict-error"]')).length > 0, 'bad text refused');
    assert.equal(await page.getAttribute('[data-testid="phase"]', 'data-cursor'), '0');
    assert.equal(await target(page), 'z1[0]');

    // The native value, to 4 decimals, is right; the step is then revealed.
    await guess(page, json.nodes.z1.value[0].toFixed(4));
    await page.waitForSelector('[data-testid="predict-feedback"][data-target="z1[0]"]');
    assert.equal(await page.getAttribute('[data-testid="predict-feedback"]', 'data-verdict'), 'right');
    assert.equal(await target(page), 'a1[0]');

    // Reveal the rest of the forward pass and ∂L/∂a², then slip on ∂L/∂z² the article's way.
    while ((await target(page)) !== 'grad:z2') await page.click('[data-testid="btn-next"]');
    const a2 = json.nodes.a2.value;
    const gradA2 = json.nodes.a2.grad;
    const slipped = gradA2 * (1 + a2); // σ′ = 1 + a
    await guess(page, slipped.toFixed(4));
    await page.waitForSelector('[data-testid="predict-feedback"][data-target="grad:z2"]');
    assert.equal(await page.getAttribute('[data-testid="predict-feedback"]', 'data-verdict'), 'wrong');
    const slip = await page.textContent('[data-testid="predict-slip"]');
    assert.match(slip, /σ′ = 1 \+ a/);
    assert.match(slip, /a\(1 − a\)/);
    // The page writes minus signs as U+2212.
    const worked = (await page.textContent('[data-testid="predict-worked"]')).replaceAll('\u2212', '-');
    assert.ok(worked.includes(json.nodes.z2.grad.toFixed(4)), `worked formula ends in the value: ${worked}`);
    assert.deepEqual(await Promise.all(await score(page)), [1, 0, 1]);
    await page.screenshot({ path: screenshotPath(`predict-mlp-step-${kind}`), fullPage: true });

    // Kept across a reload, per lesson; reset clears it.
    await page.reload();
    await page.waitForSelector(ask, { timeout: 60_000 });
    assert.deepEqual(await Promise.all(await score(page)), [1, 0, 1]);
    // New numbers: another exercise (the link, which holds every input and weight, changes),
    // from the first step.
    const link = await page.evaluate(() => location.hash.replace(/&?step=\d+/, ''));
    await page.click('[data-testid="predict-new-numbers"]');
    await page.waitForFunction((before) => location.hash.replace(/&?step=\d+/, '') !== before, link, { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="predict-ask"]')?.getAttribute('data-target') === 'z1[0]');
    await page.click('[data-testid="predict-reset-score"]');
    assert.deepEqual(await Promise.all(await score(page)), [0, 0, 0]);

    // A kit lesson: same panel, its own score; predict mode stays on.
    const bce = nativeTrace([], 'bce');
    await page.goto(`${server.url}/#/bce`);
    await page.waitForSelector(ask, { timeout: 60_000 });
    const first = await target(page);
    const [base, idx] = first.match(/^(\w+)(?:\[(\d)\])?$/).slice(1);
    const entry = bce.nodes[base] ?? bce.params[base] ?? { value: bce.inputs[base] };
    const want = idx === undefined ? entry.value : entry.value[Number(idx)];
    await guess(page, String(want));
    await page.waitForSelector(`[data-testid="predict-feedback"][data-target="${first}"]`);
    assert.equal(await page.getAttribute('[data-testid="predict-feedback"]', 'data-verdict'), 'right');
    assert.deepEqual(await Promise.all(await score(page)), [1, 0, 0]);

    // The playground's inspector: steps stay hidden until predicted.
    await page.goto(`${server.url}/#/playground`);
    await page.waitForSelector(`[data-testid="backend-name"][data-kind="${kind}"][data-ready="true"]`, { state: 'attached', timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]')?.getAttribute('data-train-loss') !== '', null, { timeout: 60_000 });
    await page.selectOption('[data-testid="pg-pick"]', { label: 'W1[0][1]' });
    await page.waitForSelector(`${ask}[data-target="grad:W1[0][1]"]`, { timeout: 30_000 });
    assert.equal(await page.locator('[data-testid="pg-step-grad:W1[0][1]"]').count(), 0, 'hidden before the guess');
    await guess(page, '12345');
    await page.waitForSelector('[data-testid="pg-step-grad:W1[0][1]"]');
    assert.equal(await page.getAttribute('[data-testid="predict-feedback"]', 'data-verdict'), 'wrong');
    await page.screenshot({ path: screenshotPath(`predict-playground-${kind}`), fullPage: true });
    await page.uncheck('[data-testid="predict-toggle"]');
    assert.equal(await page.locator('[data-testid="predict-ask"]').count(), 0);
    assert.deepEqual(errors, []);
  });
}
