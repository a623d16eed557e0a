// Browser test of the playground's own-data and multi-class features on WebGPU (SwiftShader)
// and on the CPU: a pasted CSV with one bad row gets a message naming its line and the rest
// trains; the export gives the CSV back; the link carries the imported points; a 3-class set
// trains (loss falls, per-class losses shown) and the output neuron's step view shows ŷ − y.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, watchErrors, screenshotPath } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

const stat = (page, name) => page.getAttribute('[data-testid="pg-stats"]', name);
const epoch = async (page) => Number(await stat(page, 'data-epoch'));

/** Two clusters of 20 points each, two decimals, no zeros (so JS and Rust print them alike). */
function goodRows() {
  const rows = [];
  for (let i = 0; i < 40; i++) {
    const c = i % 2;
    const s = c ? 1 : -1;
    const x = Number((s * 2 + ((i * 37) % 17) / 10 - 0.75).toFixed(2));
    const y = Number((s * 2 + ((i * 53) % 13) / 10 - 0.55).toFixed(2));
    rows.push([x || 0.01, y || 0.01, c]);
  }
  return rows;
}

async function trainUntil(page, epochs) {
  const target = (await epoch(page)) + epochs;
  await page.click('[data-testid="pg-run"]');
  await page.waitForFunction((t) => Number(document.querySelector('[data-testid="pg-stats"]').getAttribute('data-epoch')) >= t, target, { timeout: 120_000 });
  await page.click('[data-testid="pg-run"]');
  await page.waitForSelector('[data-testid="pg-step"]:not([disabled])', { timeout: 30_000 });
}

for (const webgpu of [true, false]) {
  const kind = webgpu ? 'webgpu' : 'cpu';
  test(`playground own data and classes on ${kind}`, { timeout: 300_000 }, async (t) => {
    const context = await launch({ webgpu });
    t.after(() => context.close());
    const page = context.pages()[0];
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/playground`);
    await page.waitForSelector(`[data-testid="backend-name"][data-kind="${kind}"][data-ready="true"]`, { state: 'attached', timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]')?.getAttribute('data-train-loss') !== '', null, { timeout: 60_000 });
    await page.click('[data-testid="lang-en"]');

    // Paste a CSV: a header, 40 good rows and one bad row on line 5.
    const rows = goodRows();
    const lines = ['x,y,label', ...rows.map((r) => r.join(','))];
    lines.splice(4, 0, '1.5,abc,1');
    await page.fill('[data-testid="pg-csv-text"]', lines.join('\n'));
    await page.click('[data-testid="pg-csv-load"]');
    await page.waitForSelector('[data-testid="pg-csv-summary"][data-kept="40"][data-refused="1"]', { timeout: 30_000 });
    const message = page.locator('[data-testid="pg-csv-message"]');
    assert.equal(await message.count(), 1);
    assert.equal(await message.getAttribute('data-line'), '5');
    assert.equal(await message.textContent(), 'Line 5: y is not a number: “abc”');
    await page.waitForFunction(() => location.hash.includes('d=csv') && location.hash.includes('csv='), null, { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]').getAttribute('data-epoch') === '0', null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]').getAttribute('data-train-loss') !== '', null, { timeout: 30_000 });
    const start = Number(await stat(page, 'data-train-loss'));
    await trainUntil(page, 40);
    const trained = Number(await stat(page, 'data-train-loss'));
    assert.ok(trained < start, `the good rows train: ${start} → ${trained}`);
    assert.ok(Number.isFinite(Number(await page.getAttribute('[data-testid="pg-class-loss-1"]', 'data-value'))));
    await page.screenshot({ path: screenshotPath(`playground-csv-${kind}`), fullPage: true });

    // Export gives the CSV back: the same 40 points, header first.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="pg-csv-export"]')]);
    assert.equal(download.suggestedFilename(), 'playground-data.csv');
    const exported = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(exported[0], 'x,y,label');
    assert.deepEqual(exported.slice(1).map((l) => l.split(',').map(Number)), rows);

    // The link carries the imported points: a fresh page opens the same data.
    const link = await page.evaluate(() => location.hash);
    const fresh = await context.newPage();
    const freshErrors = watchErrors(fresh);
    await fresh.goto(`${server.url}/${link}`);
    await fresh.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]')?.getAttribute('data-train-loss') !== '', null, { timeout: 60_000 });
    const imported = (await fresh.evaluate(() => document.documentElement.lang)).startsWith('zh') ? '导入的 CSV' : 'imported CSV';
    assert.equal(await fresh.locator('[data-testid="pg-dataset"] option:checked').textContent(), imported);
    assert.equal(await fresh.locator('[data-testid="link-error"]').count(), 0);
    await fresh.close();

    // Three gaussian blobs: softmax with three outputs; training lowers the loss.
    await page.selectOption('[data-testid="pg-dataset"]', { label: 'blobs' });
    await page.waitForSelector('[data-testid="pg-classes"]');
    assert.equal(await page.locator('[data-testid="pg-classes"] option:checked').textContent(), '3');
    await page.waitForSelector('[data-testid="pg-class-loss-2"]', { timeout: 30_000 });
    await page.waitForFunction(() => location.hash.includes('d=blobs'), null, { timeout: 10_000 });
    const start3 = Number(await stat(page, 'data-train-loss'));
    await trainUntil(page, 10);
    const trained3 = Number(await stat(page, 'data-train-loss'));
    assert.ok(trained3 < start3, `3 classes train: ${start3} → ${trained3}`);
    for (const c of [0, 1, 2]) {
      assert.ok(Number.isFinite(Number(await page.getAttribute(`[data-testid="pg-class-loss-${c}"]`, 'data-value'))));
    }
    // The output layer (layer 3: features, 4, 2, then 3 outputs) in the step view: ŷ − y.
    const value = await page.evaluate(() => {
      const options = [...document.querySelectorAll('[data-testid="pg-pick"] option')];
      return options.find((o) => o.textContent.trim() === 'Neuron 3.1').value;
    });
    await page.selectOption('[data-testid="pg-pick"]', value);
    const grad = page.locator('[data-testid="pg-step-grad:z3[0]"]');
    await grad.waitFor({ timeout: 30_000 });
    await page.waitForSelector('[data-testid="pg-step-loss"]');
    const text = await grad.textContent();
    // MathML text of \hat{y}_0 - y_0 reads "y^0−y0"; then the numbers ŷ₀ − y₀.
    assert.match(text, /y\^0\s*−\s*y0/, `ŷ − y shown: ${text}`);
    const g = Number(await grad.getAttribute('data-value'));
    const a = Number(await page.getAttribute('[data-testid="pg-step-a3[0]"]', 'data-value'));
    assert.ok(Math.abs(g - a) < 1e-5 || Math.abs(g - (a - 1)) < 1e-5, `∂L/∂z = ŷ − y: ${g} vs ${a}`);
    await page.screenshot({ path: screenshotPath(`playground-classes-${kind}`), fullPage: true });
    assert.deepEqual([...errors, ...freshErrors].filter((e) => !e.includes('favicon')), []);
  });
}
