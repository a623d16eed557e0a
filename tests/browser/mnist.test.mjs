// Browser test of the mnist-cnn lesson on WebGPU (SwiftShader) and on the CPU: the shipped
// model is scored on the held-out digits, a drawn digit is classified, a fresh network trains
// (progress, curves, pause / resume / stop), feature maps follow the chosen digit, weights
// download and load back, a bad weights file and a bad setting get messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, watchErrors, screenshotPath, showTab } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

const attr = (page, id, name) => page.getAttribute(`[data-testid="${id}"]`, name);
const curvePoints = (page, id) => attr(page, id, 'data-count').then(Number);

/** Draws strokes (lists of [x, y] in 0‥1 of the pad) with the mouse. */
async function draw(page, strokes) {
  const box = await page.locator('[data-testid="draw-pad"]').boundingBox();
  for (const stroke of strokes) {
    const [[x0, y0], ...rest] = stroke;
    await page.mouse.move(box.x + x0 * box.width, box.y + y0 * box.height);
    await page.mouse.down();
    for (const [x, y] of rest) {
      await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 8 });
    }
    await page.mouse.up();
  }
}

/** How many held-out reports the page has finished. */
const reports = (page) => attr(page, 'held-out-report', 'data-seq').then(Number);

/** Waits for a held-out report newer than the `seen`-th. */
async function waitReport(page, seen) {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="held-out-report"]')?.dataset.seq) > n,
    seen, { timeout: 300_000 });
}

for (const webgpu of [true, false]) {
  const kind = webgpu ? 'webgpu' : 'cpu';
  test(`mnist-cnn on ${kind}: scores, classifies a drawing, trains, loads weights`, { timeout: 600_000 }, async (t) => {
    const context = await launch({ webgpu });
    t.after(() => context.close());
    const page = context.pages()[0];
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/mnist-cnn?epochs=1&batch=${webgpu ? 64 : 32}`);
    await page.waitForSelector(`[data-testid="backend-name"][data-kind="${kind}"][data-ready="true"]`, { state: 'attached', timeout: 60_000 });
    await page.waitForSelector('[data-testid="mnist-train"]:not([disabled])', { timeout: 60_000 });

    // The shipped model on the 2,000 held-out digits: the confusion matrix holds every digit
    // once and its diagonal is the accuracy shown.
    await waitReport(page, 0);
    const accuracy = Number(await attr(page, 'held-accuracy', 'data-value'));
    assert.ok(accuracy > 0.97, `pretrained held-out accuracy ${accuracy}`);
    const cells = await page.$$eval('[data-testid^="confusion-"]', (tds) =>
      tds.map((td) => [td.dataset.testid, Number(td.textContent)]));
    const total = cells.reduce((s, [, n]) => s + n, 0);
    const diagonal = cells.filter(([id]) => { const [, i, j] = id.split('-'); return i === j; })
      .reduce((s, [, n]) => s + n, 0);
    assert.equal(total, 2000);
    assert.ok(Math.abs(diagonal / 2000 - accuracy) < 1e-9, `${diagonal} / 2000 vs ${accuracy}`);
    assert.ok((await page.$$('[data-testid="worst-digit"]')).length > 0);
    assert.equal(await page.textContent('[data-testid="layers-total"]'), '121930');

    // Draw a 1 and a 7: classified live, probabilities summing to 1.
    await draw(page, [[[0.5, 0.15], [0.52, 0.5], [0.5, 0.85]]]);
    await page.waitForFunction(() => document.querySelector('[data-testid="draw-prediction"]')?.dataset.digit === '1', null, { timeout: 60_000 });
    const probs = await page.$$eval('[data-testid^="prob-"]', (els) => els.map((e) => Number(e.dataset.p)));
    assert.equal(probs.length, 10);
    assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-4, `${probs}`);
    await page.click('[data-testid="draw-clear"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="draw-prediction"]')?.dataset.digit === '');
    await draw(page, [[[0.2, 0.2], [0.8, 0.2], [0.45, 0.85]]]);
    await page.waitForFunction(() => document.querySelector('[data-testid="draw-prediction"]')?.dataset.digit === '7', null, { timeout: 60_000 });
    await page.click('[data-testid="maps-drawn"]');
    await page.waitForSelector('[data-testid="maps-conv1"]', { timeout: 60_000 });

    // A held-out digit put on the pad is classified as it is: the shipped model reads the
    // first one as its label; the next click brings the next digit; drawing clears the note.
    await page.click('[data-testid="draw-sample"]');
    await page.waitForSelector('[data-testid="draw-sample-label"][data-index="0"]');
    const label = await attr(page, 'draw-sample-label', 'data-label');
    await page.waitForFunction((d) => document.querySelector('[data-testid="draw-prediction"]')?.dataset.digit === d, label, { timeout: 60_000 });
    await page.click('[data-testid="draw-sample"]');
    await page.waitForSelector('[data-testid="draw-sample-label"][data-index="1"]');
    await draw(page, [[[0.1, 0.9], [0.2, 0.9]]]);
    assert.equal(await page.$('[data-testid="draw-sample-label"]'), null);

    // A bad setting is refused in place; the run uses the last good value.
    await page.fill('[data-testid="field-lr"]', 'abc');
    assert.ok((await page.textContent('[data-testid="error-lr"]')).length > 0);
    await page.fill('[data-testid="field-lr"]', '0.001');

    // Train a fresh network: progress, samples/s, the curves move, the loss falls from ln 10.
    let seen = await reports(page);
    await page.click('[data-testid="mnist-fresh"]');
    await waitReport(page, seen);
    const fresh = Number(await attr(page, 'held-accuracy', 'data-value'));
    assert.ok(fresh < 0.5, `random weights score near chance: ${fresh}`);
    await page.click('[data-testid="mnist-train"]');
    const points = webgpu ? 1 : 3;
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="mnist-loss-curves"]').dataset.count) >= n,
      points, { timeout: 420_000 });
    await page.click('[data-testid="mnist-train"]'); // pause
    await page.waitForSelector('[data-testid="mnist-progress-text"][data-run="paused"]');
    const rate = Number(await attr(page, 'mnist-progress-text', 'data-rate'));
    assert.ok(rate > 0, `samples/s shown: ${rate}`);
    const done = Number(await attr(page, 'mnist-progress-text', 'data-done'));
    assert.ok(done >= 1600 * points, `${done} digits trained`);
    assert.ok(await curvePoints(page, 'mnist-accuracy-curves') >= points);
    await page.screenshot({ path: screenshotPath(`mnist-training-${kind}`), fullPage: true });
    if (webgpu) {
      // The GPU is lost mid-run: the page says so, moves to the CPU with the weights it had
      // saved, and the paused run resumes there.
      await page.click('[data-testid="mnist-train"]'); // resume
      await page.evaluate(() => window.wasmBindings.simulate_gpu_device_loss());
      await page.waitForSelector('[data-testid="mnist-error"]', { timeout: 120_000 });
      await page.waitForSelector('[data-testid="backend-name"][data-kind="cpu"]', { state: 'attached', timeout: 60_000 });
      await page.waitForSelector('[data-testid="mnist-progress-text"][data-run="paused"]');
      const before = await curvePoints(page, 'mnist-loss-curves');
      await page.click('[data-testid="mnist-train"]'); // resume, on the CPU
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="mnist-loss-curves"]').dataset.count) > n,
        before, { timeout: 120_000 });
      await page.click('[data-testid="mnist-train"]');
      await page.waitForSelector('[data-testid="mnist-progress-text"][data-run="paused"]');
    }
    // Stop: the run ends and the held-out report is the trained network's.
    seen = await reports(page);
    await page.click('[data-testid="mnist-stop"]');
    await page.waitForSelector('[data-testid="mnist-progress-text"][data-run="idle"]');
    await waitReport(page, seen);
    const trained = Number(await attr(page, 'held-accuracy', 'data-value'));
    assert.ok(trained > fresh + 0.2, `training helped: ${fresh} → ${trained}`);

    // Feature maps follow the chosen held-out digit, and the link keeps it.
    await page.click('[data-testid="maps-next"]');
    await page.waitForFunction(() => location.hash.includes('digit=1'));
    await page.waitForSelector('[data-testid="maps-pool2"]');

    // Weights: download, a garbage file is refused (model kept), the download loads back.
    await showTab(page, 'weights');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="weights-download"]')]);
    const saved = await download.path();
    assert.ok(fs.statSync(saved).size > 400_000, 'about half a megabyte of f32 weights');
    const junk = path.join(os.tmpdir(), 'not-weights.bin');
    fs.writeFileSync(junk, 'these are not weights');
    const originBefore = await page.textContent('[data-testid="model-origin"]');
    await page.setInputFiles('[data-testid="weights-upload"]', junk);
    await page.waitForSelector('[data-testid="mnist-error"]');
    assert.equal(await page.textContent('[data-testid="model-origin"]'), originBefore);
    seen = await reports(page);
    await page.setInputFiles('[data-testid="weights-upload"]', saved);
    await page.waitForSelector('[data-testid="mnist-notice"]');
    await waitReport(page, seen);
    const reloaded = Number(await attr(page, 'held-accuracy', 'data-value'));
    assert.ok(Math.abs(reloaded - trained) < 1e-9, `the saved weights score the same: ${trained} vs ${reloaded}`);
    await showTab(page, 'inside');
    await page.screenshot({ path: screenshotPath(`mnist-inside-${kind}`), fullPage: true });
    assert.deepEqual(errors.filter((e) => !e.includes('favicon')), []);
  });
}

test('mnist-cnn: a malformed link gets a message and the article\'s settings', { timeout: 120_000 }, async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  await page.goto(`${server.url}/#/mnist-cnn?epochs=0&lr=abc`);
  await page.waitForSelector('[data-testid="link-error"]', { timeout: 60_000 });
  assert.equal(await page.inputValue('[data-testid="field-epochs"]'), '5');
});
