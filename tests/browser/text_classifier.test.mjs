// Browser test of the text-classifier lesson on WebGPU (SwiftShader) and on the CPU: the LSTM
// trains a few batches and its loss and accuracy curves move; a typed sentence gets a
// prediction; the Transformer shows one attention heatmap per head over the typed tokens;
// bad input (empty or over-long sentence, unknown keyword, size out of range, lr not a number)
// is refused with a message and loses nothing; the link carries the settings and a malformed
// one is explained; the errata list fills; switching the backend keeps the settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchErrors, screenshotPath, showTab } from './harness.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

const num = async (page, testid, name) => Number(await page.getAttribute(`[data-testid="${testid}"]`, name));
const steps = (page) => num(page, 'tc-stats', 'data-steps');

/** Runs until at least `n` steps (and the curve point at the stop) are done; returns ms taken. */
async function train(page, n) {
  const start = Date.now();
  await page.click('[data-testid="tc-run"]');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="tc-stats"]').getAttribute('data-steps')) >= n, n, { timeout: 180_000 });
  await page.click('[data-testid="tc-run"]');
  const ms = Date.now() - start;
  // The batch in flight finishes; the curves get a last point at the step training stopped on.
  await page.waitForSelector('[data-testid="tc-stats"][data-busy="false"]', { timeout: 60_000 });
  assert.equal(await num(page, 'tc-loss-chart', 'data-last-step'), await steps(page));
  return ms;
}

/** Types a sentence and waits for the prediction of the model at its current step. */
async function classify(page, text) {
  await page.fill('[data-testid="tc-sentence"]', text);
  const n = await steps(page);
  await page.waitForFunction(([n, text]) => {
    const p = document.querySelector('[data-testid="tc-prediction"]');
    return p && p.getAttribute('data-step') === String(n) && p.getAttribute('data-text') === text;
  }, [n, text], { timeout: 30_000 });
  return {
    p: await num(page, 'tc-prediction', 'data-p-yes'),
    says: await page.getAttribute('[data-testid="tc-prediction"]', 'data-says'),
    truth: await page.getAttribute('[data-testid="tc-prediction"]', 'data-truth'),
    tokens: await num(page, 'tc-prediction', 'data-tokens'),
    dropped: await num(page, 'tc-prediction', 'data-dropped'),
  };
}

for (const webgpu of [true, false]) {
  const kind = webgpu ? 'webgpu' : 'cpu';
  // SwiftShader emulates the GPU on the CPU, 10–50× slower than flex: fewer batches there.
  const lstmSteps = webgpu ? 10 : 40;
  const transformerSteps = webgpu ? 5 : 30;
  test(`text classifier on ${kind}: trains, classifies, shows attention, refuses bad input`, { timeout: 600_000 }, async (t) => {
    const context = await launch({ webgpu });
    t.after(() => context.close());
    const page = context.pages()[0];
    const errors = watchErrors(page);
    await page.goto(`${server.url}/#/`);
    await page.click('[data-testid="lesson-text-classifier"]');
    await page.waitForSelector('[data-testid="lesson-text-classifier"] h1');
    await page.waitForSelector(`[data-testid="backend-name"][data-kind="${kind}"][data-ready="true"]`, { state: 'attached', timeout: 60_000 });
    await page.waitForSelector(`[data-testid="tc-backend"][data-kind="${kind}"]`, { state: 'attached', timeout: 60_000 });
    await page.waitForSelector('[data-testid="tc-loss-chart"][data-count="1"]', { timeout: 120_000 });
    assert.match(await page.evaluate(() => location.hash), /^#\/text-classifier\?keyword=%E4%B9%A6&size=400&model=lstm&seed=1&lr=0.01$/);
    assert.equal(await page.textContent('[data-testid="tc-split"]').then((s) => s.includes('320 / 80')), true);

    // LSTM: a few batches; both curves move.
    const loss0 = await num(page, 'tc-loss-chart', 'data-first-train');
    const lstmMs = await train(page, lstmSteps);
    const lstm = {
      steps: await steps(page),
      train: await num(page, 'tc-stats', 'data-train-acc'),
      test: await num(page, 'tc-stats', 'data-test-acc'),
      loss: await num(page, 'tc-loss-chart', 'data-last-train'),
    };
    t.diagnostic(`${kind} LSTM: ${lstm.steps} steps in ${lstmMs} ms; train accuracy ${(100 * lstm.train).toFixed(1)} %, held-out ${(100 * lstm.test).toFixed(1)} %, train loss ${loss0.toFixed(4)} → ${lstm.loss.toFixed(4)}`);
    assert.ok(await num(page, 'tc-loss-chart', 'data-count') >= 3, 'the curves have points');
    assert.ok(lstm.loss < loss0, `train loss fell: ${loss0} → ${lstm.loss}`);
    assert.ok(lstm.train > 0.8, `train accuracy rose: ${lstm.train}`);

    // Type a sentence: a prediction, with the tokens the model read.
    const yes = await classify(page, '今天小明也读书');
    assert.equal(yes.truth, 'true');
    assert.ok(yes.p >= 0 && yes.p <= 1);
    assert.equal(yes.tokens, 5);
    assert.equal(yes.says, 'true', `the trained LSTM finds 书: p = ${yes.p}`);
    const no = await classify(page, 'she never watch movies');
    assert.equal(no.truth, 'false');
    assert.equal(no.says, 'false', `and finds none in an English sentence: p = ${no.p}`);
    assert.ok(await page.$('[data-testid="tc-no-attention"]'), 'the LSTM has no attention to show');
    // Instead, its hidden state after each word (a column per token) and what its Dense layer
    // says after each word: the last answer is the model's.
    const states = await page.$$eval('[data-testid="tc-lstm-states"] svg text', (ts) => ts.map((t) => t.textContent));
    const read = await page.$$eval('[data-testid="tc-tokens"] .token', (ts) => ts.map((t) => t.textContent));
    assert.equal(read.length, no.tokens);
    for (const word of read) assert.ok(states.includes(word), `${word} labels a column`);
    const answers = await page.$$eval('[data-testid="tc-step-answers"] li', (li) => li.map((l) => Number(l.getAttribute('data-p-yes'))));
    assert.equal(answers.length, no.tokens);
    const last = answers[answers.length - 1];
    assert.ok(Math.abs(last - no.p) < 1e-6, `the last word's answer ${last} is the model's ${no.p}`);
    // The errata wait one tab away, filled in already.
    await page.waitForSelector('[data-testid="errata"] tbody tr[data-testid="erratum-lstm-last-batch-element"]', { state: 'attached', timeout: 120_000 });
    assert.equal(await page.locator('[data-testid="errata"] tbody tr[data-testid^="erratum-"]').count(), 9);
    await page.screenshot({ path: screenshotPath(`text-classifier-${kind}-lstm`), fullPage: true });

    // Bad input: messages, nothing lost.
    const before = { steps: await steps(page), hash: await page.evaluate(() => location.hash) };
    await page.fill('[data-testid="tc-sentence"]', '   ');
    await page.waitForSelector('[data-testid="tc-sentence-error"]');
    await page.fill('[data-testid="tc-sentence"]', '书'.repeat(201));
    await page.waitForSelector('[data-testid="tc-sentence-error"]');
    assert.match(await page.textContent('[data-testid="tc-sentence-error"]'), /200/);
    const long = await classify(page, 'i like books and she reads books and he writes letters too');
    assert.equal(long.tokens, 8);
    assert.equal(long.dropped, 4);
    await page.waitForSelector('[data-testid="tc-dropped"]');
    await showTab(page, 'settings');
    for (const [field, value] of [['keyword', 'dog'], ['size', '1'], ['size', 'many'], ['seed', '-4'], ['lr', 'abc'], ['lr', '0']]) {
      await page.fill(`[data-testid="tc-${field}"]`, value);
      await page.press(`[data-testid="tc-${field}"]`, 'Enter');
      const message = await page.textContent(`[data-testid="error-${field}"]`);
      assert.ok(message.length > 10, `${field}=${value} is refused with a message: ${message}`);
    }
    await page.click('[data-testid="lang-en"]');
    assert.match(await page.textContent('[data-testid="error-keyword"]'), /not a word of the vocabulary/);
    assert.match(await page.textContent('[data-testid="error-lr"]'), /above 0/);
    await page.screenshot({ path: screenshotPath(`text-classifier-${kind}-bad-input`), fullPage: false });
    assert.equal(await steps(page), before.steps, 'the training survived');
    assert.equal(await page.evaluate(() => location.hash), before.hash, 'the link kept the last good settings');

    // The Transformer: pick it and a keyword, train, classify, one heatmap per head.
    await page.fill('[data-testid="tc-keyword"]', 'Movies');
    await page.press('[data-testid="tc-keyword"]', 'Enter');
    await page.fill('[data-testid="tc-lr"]', '0.02');
    await page.selectOption('[data-testid="tc-model"]', 'transformer');
    await page.waitForFunction(() => location.hash.includes('model=transformer') && location.hash.includes('keyword=movies') && location.hash.includes('lr=0.02'));
    assert.equal(await page.textContent('[data-testid="error-keyword"]'), '');
    await page.waitForSelector('[data-testid="tc-loss-chart"][data-count="1"]', { timeout: 120_000 });
    assert.equal(await steps(page), 0, 'a new model starts at step 0');
    const tLoss0 = await num(page, 'tc-loss-chart', 'data-first-train');
    const tMs = await train(page, transformerSteps);
    const tr = {
      steps: await steps(page),
      train: await num(page, 'tc-stats', 'data-train-acc'),
      test: await num(page, 'tc-stats', 'data-test-acc'),
      loss: await num(page, 'tc-loss-chart', 'data-last-train'),
    };
    t.diagnostic(`${kind} Transformer: ${tr.steps} steps in ${tMs} ms; train accuracy ${(100 * tr.train).toFixed(1)} %, held-out ${(100 * tr.test).toFixed(1)} %, train loss ${tLoss0.toFixed(4)} → ${tr.loss.toFixed(4)}`);
    assert.ok(tr.loss < tLoss0, `train loss fell: ${tLoss0} → ${tr.loss}`);
    const sentence = 'today i watch movies zzz';
    const p = await classify(page, sentence);
    assert.equal(p.truth, 'true');
    assert.equal(p.tokens, 5);
    for (const head of [0, 1]) {
      const fig = `[data-testid="tc-attention-0-${head}"]`;
      await page.waitForSelector(fig);
      assert.equal(await page.locator(`${fig} svg rect`).count(), 25, 'a 5 × 5 map of weights');
      assert.ok((await page.textContent(fig)).includes('zzz'), 'tokens label the map');
    }
    await page.screenshot({ path: screenshotPath(`text-classifier-${kind}-transformer`), fullPage: true });
    await page.locator('[data-testid="tc-attention"]').screenshot({ path: screenshotPath(`text-classifier-${kind}-attention`) });

    // The link reproduces the settings in a fresh page; a malformed one is explained.
    const link = await page.evaluate(() => location.hash);
    const fresh = await context.newPage();
    const freshErrors = watchErrors(fresh);
    await fresh.goto(`${server.url}/${link}`);
    await fresh.waitForSelector(`[data-testid="backend-name"][data-kind="${kind}"][data-ready="true"]`, { state: 'attached', timeout: 60_000 });
    await fresh.waitForSelector(`[data-testid="tc-backend"][data-kind="${kind}"]`, { state: 'attached', timeout: 60_000 });
    await fresh.waitForSelector('[data-testid="tc-loss-chart"][data-count="1"]', { timeout: 120_000 });
    assert.equal(await fresh.inputValue('[data-testid="tc-keyword"]'), 'movies');
    assert.equal(await page.inputValue('[data-testid="tc-keyword"]'), 'movies', 'the typed keyword, as the link writes it');
    assert.equal(await fresh.inputValue('[data-testid="tc-lr"]'), '0.02');
    assert.equal(await fresh.inputValue('[data-testid="tc-model"]'), 'transformer');
    const again = await num(fresh, 'tc-loss-chart', 'data-first-train');
    assert.ok(Math.abs(again - tLoss0) < 1e-5, `same data, same weights, same loss: ${again} vs ${tLoss0}`);
    await fresh.goto(`${server.url}/#/text-classifier?size=60&lr=fast&<script>`);
    await fresh.reload();
    await fresh.waitForSelector('[data-testid="link-error"]', { timeout: 60_000 });
    assert.match(await fresh.textContent('[data-testid="link-error"]'), /lr/);
    assert.equal(await fresh.inputValue('[data-testid="tc-size"]'), '60', 'the good part of the link is used');
    assert.ok(!(await fresh.content()).includes('<script>&'), 'nothing from the link becomes markup');
    await fresh.waitForSelector('[data-testid="tc-loss-chart"][data-count="1"]', { timeout: 120_000 });
    await fresh.screenshot({ path: screenshotPath(`text-classifier-${kind}-bad-link`), fullPage: false });
    await fresh.close();

    // Switching the backend while training keeps the settings and goes on training from
    // step 0 on the other device; so does a lost GPU device.
    if (webgpu) {
      const stepsAtLeast = (n) => page.waitForFunction((n) => Number(document.querySelector('[data-testid="tc-stats"]').getAttribute('data-steps')) >= n, n, { timeout: 120_000 });
      await page.click('[data-testid="tc-run"]');
      await stepsAtLeast(1);
      await page.click('[data-testid="backend-cpu"]');
      await page.waitForSelector('[data-testid="tc-backend"][data-kind="cpu"]', { state: 'attached' });
      assert.equal(await page.evaluate(() => location.hash), link, 'settings kept');
      await stepsAtLeast(10);
      assert.equal(await page.getAttribute('[data-testid="tc-stats"]', 'data-running'), 'true', 'still training');
      assert.equal(await page.getAttribute('[data-testid="tc-backend"]', 'data-kind'), 'cpu');
      await page.click('[data-testid="tc-run"]');
      await page.waitForSelector('[data-testid="tc-stats"][data-busy="false"]', { timeout: 60_000 });
      await page.screenshot({ path: screenshotPath('text-classifier-switched-to-cpu'), fullPage: false });

      await page.click('[data-testid="backend-webgpu"]');
      await page.waitForSelector('[data-testid="tc-backend"][data-kind="webgpu"]', { state: 'attached' });
      await page.waitForSelector('[data-testid="tc-loss-chart"][data-count="1"]', { timeout: 120_000 });
      await page.click('[data-testid="tc-run"]');
      await stepsAtLeast(1);
      assert.equal(await page.evaluate(() => window.wasmBindings.destroy_gpu_device()), true);
      await page.waitForSelector('[data-testid="tc-backend"][data-kind="cpu"]', { state: 'attached', timeout: 60_000 });
      assert.match(await page.textContent('[data-testid="backend-notice"]'), /lost/);
      await stepsAtLeast(10);
      await page.click('[data-testid="tc-run"]');
      await page.waitForSelector('[data-testid="tc-stats"][data-busy="false"]', { timeout: 60_000 });
      assert.equal(await page.evaluate(() => location.hash), link, 'settings kept after the device loss');
    }
    assert.deepEqual([...errors, ...freshErrors].filter((e) => !e.includes('favicon')), []);
  });
}

test('the speed control paces the run: at most one batch per frame at speed 1', { timeout: 240_000 }, async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  const errors = watchErrors(page);
  await page.goto(`${server.url}/#/text-classifier`);
  await page.waitForSelector('[data-testid="tc-loss-chart"][data-count="1"]', { timeout: 120_000 });
  assert.equal(await page.inputValue('[data-testid="run-speed"]'), 'max', 'as many as fit in a frame by default');
  await page.selectOption('[data-testid="run-speed"]', '1');
  await page.evaluate(() => {
    window.__frames = 0;
    const tick = () => { window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const s0 = await steps(page);
  const f0 = await page.evaluate(() => window.__frames);
  await page.click('[data-testid="tc-run"]');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="tc-stats"]').getAttribute('data-steps')) >= n, s0 + 8, { timeout: 120_000 });
  await page.click('[data-testid="tc-run"]');
  await page.waitForSelector('[data-testid="tc-stats"][data-busy="false"]', { timeout: 60_000 });
  const batches = (await steps(page)) - s0;
  const frames = (await page.evaluate(() => window.__frames)) - f0;
  assert.ok(batches >= 8 && batches <= frames + 1, `${batches} batches in ${frames} frames`);
  assert.deepEqual(errors, []);
});
