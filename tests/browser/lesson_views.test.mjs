// Browser test of what is particular to each lesson, on the CPU backend: the article's sign
// slip climbing in linreg-gd and a click on its surface, the single layer failing and the
// hidden layer solving XOR, the optimisers racing, two attention heads, new seeds in
// keras-4x4, and bad input in bce kept out with a message. Screenshots of each end state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchErrors, nativeTrace, screenshotPath, showTab } from './harness.mjs';

let server;
let context;
let page;
let errors;
before(async () => {
  server = await serveDist();
  context = await launch({ webgpu: false });
  page = context.pages()[0] ?? await context.newPage();
  errors = watchErrors(page);
});
after(async () => {
  await context.close();
  server.close();
});

async function open(id, query = '') {
  await page.goto(`${server.url}/#/${id}${query}`);
  await page.waitForSelector(`[data-testid="lesson-${id}"]`, { timeout: 60_000 });
  await page.waitForSelector('[data-testid="trace-backend"][data-kind="cpu"]', { state: 'attached', timeout: 60_000 });
}

const attr = (testid, name = 'data-value') => page.getAttribute(`[data-testid="${testid}"]`, name);

async function trainSteps(n) {
  for (let i = 0; i < n; i++) {
    const before = Number(await attr('loss-latest', 'data-count'));
    await page.click('[data-testid="btn-update"]');
    await page.waitForSelector(`[data-testid="loss-latest"][data-count="${before + 1}"]`, { timeout: 30_000 });
  }
}

/** Selects a choice and waits until the trace shows it (the link carries the choice). */
async function choose(name, value) {
  await showTab(page, 'settings');
  await page.selectOption(`[data-testid="field-${name}"]`, value);
  await page.waitForFunction(([n, v]) => location.hash.includes(`${n}=${v}`), [name, value]);
}

test('linreg-gd: the article\'s printed gradient climbs, the correct one descends; a click on the surface moves (w, b)', async () => {
  await open('linreg-gd');
  await trainSteps(3);
  const down = Number(await attr('loss-latest', 'data-last'));
  await page.click('[data-testid="btn-reset"]');
  await choose('formula', 'article');
  await trainSteps(4);
  const curve = await page.$$eval('[data-testid="loss-latest"]', (e) => e[0].getAttribute('data-last'));
  const native = nativeTrace(['formula=article'], 'linreg-gd');
  assert.ok(Number(curve) > native.loss, `the article's formula goes uphill: ${curve} > ${native.loss}`);
  assert.ok(down < native.loss, `the correct formula goes downhill: ${down} < ${native.loss}`);
  await page.screenshot({ path: screenshotPath('linreg-gd-article-formula-uphill'), fullPage: true });
  // The surface's plot square is left 56, top 30, side 320 of a 526 × 396 drawing: its centre
  // is the middle of both ranges (w ∈ [−0.4, 1.4], b ∈ [−1, 1]).
  await page.click('[data-testid="btn-reset"]');
  await page.waitForFunction(() => location.hash.includes('&w=0.1&'));
  // The drawing keeps its proportions, centred in the element where the page caps its height.
  const box = await page.locator('[data-testid="view-mse"] svg').boundingBox();
  const scale = Math.min(box.width / 526, box.height / 396);
  const [dx, dy] = [(box.width - 526 * scale) / 2, (box.height - 396 * scale) / 2];
  await page.locator('[data-testid="view-mse"] svg').click({ position: { x: dx + 216 * scale, y: dy + 190 * scale } });
  await page.waitForFunction(() => !location.hash.includes('&w=0.1&'));
  const w = Number(await page.inputValue('[data-testid="field-w"]'));
  const b = Number(await page.inputValue('[data-testid="field-b"]'));
  // One pixel is 1.8/320 in w and 2/320 in b.
  assert.ok(Math.abs(w - 0.5) < 0.02 && Math.abs(b) < 0.02, `clicked (w, b) = (${w}, ${b})`);
});

test('xor: a single layer stays at 75 % at best; a hidden layer reaches 100 %', async () => {
  await open('xor');
  await page.selectOption('[data-testid="run-speed"]', 'max');
  await page.click('[data-testid="btn-run"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-epoch"]')?.getAttribute('data-value')) >= 500, null, { timeout: 60_000 });
  await page.click('[data-testid="btn-run"]');
  const single = Number(await attr('metric-accuracy'));
  assert.ok(single <= 0.75, `single layer accuracy ${single}`);
  assert.ok(Number(await attr('value-loss')) >= 0.25 - 1e-6, 'single layer loss stays ≥ 0.25');
  await page.screenshot({ path: screenshotPath('xor-single-layer-stuck'), fullPage: true });
  await choose('model', 'hidden');
  await page.click('[data-testid="btn-run"]');
  await page.waitForSelector('[data-testid="metric-accuracy"][data-value="1"]', { timeout: 60_000 });
  await page.click('[data-testid="btn-run"]');
  // The boundary is the first tab under the network picture.
  await showTab(page, 'views');
  assert.ok(await page.$('[data-testid="view-boundary"] svg circle'), 'the four points are drawn');
  await page.screenshot({ path: screenshotPath('xor-hidden-layer-solved'), fullPage: true });
});

test('xor: the picture draws the model the settings choose, one point at a time', async () => {
  await open('xor');
  await showTab(page, 'settings');
  const field = async (name) => Number(await page.inputValue(`[data-testid="field-${name}"]`));
  const diagram = (testid) => page.getAttribute(`[data-testid="${testid}"]`, 'data-value');
  const units = (prefix) => page.$$eval(`[data-testid="diagram-sample-view-0"] [data-testid^="diagram-value-${prefix}["]`, (e) => e.length);
  // The article's single layer: the inputs wired straight to the output, its weights on the edges.
  assert.equal(await units('h'), 0, 'no hidden layer');
  // (The field writes six significant digits.)
  assert.ok(Math.abs(Number(await diagram('param-W[1]')) - await field('W[1]')) < 1e-6);
  // The points are fixed, written on the picture but not editable: the third is (1, 0).
  assert.equal(await page.$('[data-testid="param-X[2][0]"]'), null);
  await page.click('[data-testid="diagram-sample-2"]');
  assert.deepEqual([Number(await diagram('diagram-value-X[2][0]')), Number(await diagram('diagram-value-X[2][1]'))], [1, 0]);
  async function stepTo(target) {
    for (let i = 0; i < 40; i++) {
      const current = await page.$('[data-testid="current-step"]');
      if (current && await current.getAttribute('data-target') === target) return;
      await page.click('[data-testid="btn-next"]');
    }
    assert.fail(`no step ${target}`);
  }
  // z₃ = W₁·1 + W₂·0 + b, recomputed from the settings.
  await stepTo('z[2]');
  const z2 = Number(await diagram('diagram-value-z[2]'));
  const want = (await field('W[0]')) * 1 + (await field('W[1]')) * 0 + (await field('b'));
  assert.ok(Math.abs(z2 - want) < 1e-4, `z₃ on the picture ${z2}, by hand ${want}`);
  await page.locator('[data-testid="lesson-picture"]').screenshot({ path: screenshotPath('xor-single-layer-network') });
  // The 2-4-1 network: four hidden units; W1 is hidden-first, so a₂₃ reads W¹₃₁ and W¹₃₂.
  await choose('model', 'hidden');
  await page.waitForSelector('[data-testid="diagram-value-h[0][3]"]', { state: 'attached' });
  assert.equal(await units('h'), 4);
  await stepTo('a[1][2]');
  const a12 = Number(await diagram('diagram-value-a[1][2]'));
  const byHand = (await field('W1[2][0]')) * 0 + (await field('W1[2][1]')) * 1 + (await field('b1[2]'));
  assert.ok(Math.abs(a12 - byHand) < 1e-4, `a₂₃ on the picture ${a12}, by hand ${byHand}`);
  assert.equal(await page.$eval('[data-testid="diagram-sample-view-1"]', (g) => g.getAttribute('display')), 'inline', 'the picture follows to the second point');
  await page.locator('[data-testid="lesson-picture"]').screenshot({ path: screenshotPath('xor-hidden-network') });
});

test('optimizers: four paths and four loss curves grow while they race', async () => {
  await open('optimizers');
  await page.selectOption('[data-testid="run-speed"]', '10');
  await page.click('[data-testid="btn-run"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="curves-chart"]')?.getAttribute('data-count')) >= 60, null, { timeout: 60_000 });
  await page.click('[data-testid="btn-run"]');
  const paths = await page.$$('[data-testid="view-mse"] polyline, [data-view] polyline[data-path]');
  assert.equal(paths.length, 4, 'one path per optimiser');
  for (const name of ['gd', 'sgd', 'momentum', 'adam']) {
    assert.ok(Number(await attr(`metric-loss_${name}`)) < 95.45, `${name} went down`);
  }
  await page.screenshot({ path: screenshotPath('optimizers-race'), fullPage: true });
});

test('attention: two heads give two score and weight heatmaps whose rows sum to 1', async () => {
  await open('attention');
  assert.ok(await page.$('[data-testid="view-weights-1"]'));
  await choose('heads', '2');
  await page.waitForSelector('[data-testid="view-weights-2"]');
  await page.click('[data-testid="btn-all"]');
  const native = nativeTrace(['heads=2'], 'attention');
  assert.equal(Number(await attr('value-loss')).toFixed(4), native.loss.toFixed(4));
  await page.screenshot({ path: screenshotPath('attention-two-heads'), fullPage: true });
});

test('attention: its matrices are edited as matrices: paste, a bad paste, a drag', async () => {
  await open('attention');
  await showTab(page, 'settings');
  const grids = await page.$$eval('[data-testid^="matrix-"][data-rows]', (els) => els.map((e) => e.dataset.testid));
  assert.ok(grids.includes('matrix-WQ') && grids.length >= 5, `matrices: ${grids}`);
  const editor = '[data-testid="matrix-WQ"]';
  const rows = Number(await page.getAttribute(editor, 'data-rows'));
  const cols = Number(await page.getAttribute(editor, 'data-cols'));
  // Paste a whole W_Q in NumPy's form: every cell and the trace follow.
  const want = [...Array(rows)].map((_, r) => [...Array(cols)].map((_, c) => Math.round((0.3 * r - 0.2 * c + 0.1) * 100) / 100 + 0));
  await page.click('[data-testid="matrix-WQ-paste-open"]');
  await page.fill('[data-testid="matrix-WQ-paste"]', JSON.stringify(want));
  await page.click('[data-testid="matrix-WQ-apply"]');
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      assert.equal(Number(await page.inputValue(`[data-testid="field-WQ[${r}][${c}]"]`)), want[r][c], `WQ[${r}][${c}]`);
    }
  }
  assert.equal(await page.textContent('[data-testid="matrix-WQ-error"]'), '');
  const sets = want.flatMap((row, r) => row.map((v, c) => `WQ[${r}][${c}]=${v}`));
  await page.waitForFunction((s) => s.every((x) => location.hash.includes(x)), sets);
  await page.click('[data-testid="btn-all"]');
  const native = nativeTrace(sets, 'attention');
  await page.waitForFunction((v) => Math.abs(Number(document.querySelector('[data-testid="value-loss"]').getAttribute('data-value')) - v) < 1e-4, native.loss);
  // A paste with a row missing is refused with a message; nothing changes.
  await page.fill('[data-testid="matrix-WQ-paste"]', want.slice(1).map((row) => row.join(' ')).join('\n'));
  await page.click('[data-testid="matrix-WQ-apply"]');
  assert.match(await page.textContent('[data-testid="matrix-WQ-error"]'), new RegExp(`${rows} (rows|行)`));
  assert.equal(Number(await page.inputValue('[data-testid="field-WQ[0][0]"]')), want[0][0]);
  // A block pasted into one cell fills rightwards and down, as in a spreadsheet; a block
  // that runs past the edge is refused with a message and changes nothing.
  const pasteInto = (cell, text) => page.$eval(`[data-testid="field-${cell}"]`, (el, text) => {
    const data = new DataTransfer();
    data.setData('text', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await pasteInto('WQ[0][0]', '0.7\t-0.4\n0.25\t1.5');
  await page.waitForFunction(() => document.querySelector('[data-testid="field-WQ[1][1]"]').value === '1.5');
  const block = [['WQ[0][0]', 0.7], ['WQ[0][1]', -0.4], ['WQ[1][0]', 0.25], ['WQ[1][1]', 1.5]];
  for (const [cell, v] of block) assert.equal(Number(await page.inputValue(`[data-testid="field-${cell}"]`)), v, cell);
  assert.equal(await page.textContent('[data-testid="matrix-WQ-error"]'), '');
  await pasteInto(`WQ[${rows - 1}][${cols - 1}]`, '1 2');
  assert.match(await page.textContent('[data-testid="matrix-WQ-error"]'), /1×2/);
  assert.equal(Number(await page.inputValue(`[data-testid="field-WQ[${rows - 1}][${cols - 1}]"]`)), want[rows - 1][cols - 1]);
  // A drag sideways on a cell: 0.01 a pixel.
  const start = Number(await page.inputValue('[data-testid="field-WQ[0][0]"]'));
  const box = await page.locator('[data-testid="field-WQ[0][0]"]').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 25, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2 + 50, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const dragged = Number(await page.inputValue('[data-testid="field-WQ[0][0]"]'));
  assert.ok(Math.abs(dragged - (start + 0.5)) < 0.02, `dragged from ${start} to ${dragged}`);
  await page.locator(editor).screenshot({ path: screenshotPath('attention-matrix-editor') });
});

test('keras-4x4: a new seed gives new weights; accuracy is always a multiple of 25 %', async () => {
  await open('keras-4x4');
  const before = await page.inputValue('[data-testid="field-W1[0][0]"]');
  await page.click('[data-testid="btn-reseed"]');
  await page.waitForFunction((b) => document.querySelector('[data-testid="field-W1[0][0]"]').value !== b, before);
  await page.selectOption('[data-testid="run-speed"]', 'max');
  await page.click('[data-testid="btn-run"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-epoch"]')?.getAttribute('data-value')) >= 1000, null, { timeout: 120_000 });
  await page.click('[data-testid="btn-run"]');
  const acc = Number(await attr('metric-accuracy'));
  assert.ok([0, 0.25, 0.5, 0.75, 1].includes(acc), `accuracy ${acc} is k/4`);
  await page.screenshot({ path: screenshotPath('keras-4x4-after-1000-epochs'), fullPage: true });
});

test('keras-4x4: the network picture shows one sample at a time and follows the steps', async () => {
  await open('keras-4x4');
  await showTab(page, 'settings');
  const field = async (name) => Number(await page.inputValue(`[data-testid="field-${name}"]`));
  const shown = (s) => page.$eval(`[data-testid="diagram-sample-view-${s}"]`, (g) => g.getAttribute('display'));
  assert.equal(await shown(0), 'inline');
  assert.equal(await shown(1), 'none');
  // Sample 2's inputs are its settings, on the picture once it is picked.
  await page.click('[data-testid="diagram-sample-1"]');
  assert.equal(await shown(1), 'inline');
  assert.equal(Number(await page.getAttribute('[data-testid="param-x[1][2]"]', 'data-value')), await field('x[1][2]'));
  // The first step computes sample 1's a₁₁ = Σᵢ x₁ᵢ·W¹ᵢ₁ + b¹₁: the picture turns back to
  // sample 1 and shows the value, recomputed here from the settings.
  await page.click('[data-testid="btn-next"]');
  assert.equal(await shown(0), 'inline', 'the first step works on sample 1');
  let want = await field('b1[0]');
  for (let i = 0; i < 4; i++) want += (await field(`x[0][${i}]`)) * (await field(`W1[${i}][0]`));
  const a00 = Number(await page.getAttribute('[data-testid="diagram-value-a[0][0]"]', 'data-value'));
  assert.ok(Math.abs(a00 - want) < 1e-4, `a₁₁ on the picture ${a00}, by hand ${want}`);
  // Sample 1 has two hidden units (a and h each): the fifth step is sample 2's.
  for (let i = 0; i < 4; i++) await page.click('[data-testid="btn-next"]');
  assert.equal(await page.getAttribute('[data-testid="current-step"]', 'data-target'), 'a[1][0]');
  assert.equal(await shown(1), 'inline', 'the picture follows to sample 2');
  await page.locator('[data-testid="lesson-picture"]').screenshot({ path: screenshotPath('keras-4x4-network') });
});

test('bce: text in a number field is refused with a message and the value is kept; a valid edit recomputes', async () => {
  await open('bce');
  await showTab(page, 'settings');
  await page.fill('[data-testid="field-p[0]"]', 'abc');
  assert.match(await page.textContent('[data-testid="error-p[0]"]'), /abc/);
  await page.fill('[data-testid="field-p[0]"]', '1');
  assert.ok((await page.textContent('[data-testid="error-p[0]"]')).length > 0, 'ŷ = 1 is refused (ln 0)');
  await page.fill('[data-testid="field-p[0]"]', '0.9');
  await page.click('[data-testid="btn-all"]');
  const native = nativeTrace(['p[0]=0.9'], 'bce');
  await page.waitForFunction((v) => Math.abs(Number(document.querySelector('[data-testid="value-loss"]').getAttribute('data-value')) - v) < 1e-5, native.loss);
  assert.ok(Math.abs(Number(await attr('value-terms[0]')) - native.nodes.terms.value[0]) < 1e-5);
  assert.deepEqual(errors, [], 'no console errors in any lesson');
});
