// Every errata table and notes list reads in one language at a time: each lesson opened in
// Chinese and in English, and any cell in the other language fails (article quotes carry
// lang="zh", code is <code>, math is MathML). Screenshots of the English errata of two lessons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchErrors, traceableLessons, screenshotPath, showTab } from './harness.mjs';
import { foreignRuns, otherLanguage } from './language.mjs';

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

const PAGES = [...traceableLessons(), 'mnist-cnn', 'text-classifier'];
const PARTS = '[data-testid="errata"] tbody, [data-testid="errata-notes"]';

test('the checker finds the other language and skips marked text', () => {
  assert.deepEqual(otherLanguage('训练用 Adam 和 softmax', 'zh'), []);
  assert.deepEqual(otherLanguage('训练 after 3 steps', 'zh'), ['after', 'steps']);
  assert.deepEqual(otherLanguage('the loss 损失', 'en'), ['损', '失']);
  assert.deepEqual(otherLanguage('texts use “准确率” for precision', 'en'), []);
});

test('every errata table and notes list in one language, zh and en (CPU)', { timeout: 600_000 }, async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  const errors = watchErrors(page);
  const problems = [];
  let rowsSeen = 0;
  for (const lang of ['zh', 'en']) {
    await page.goto(`${server.url}/#/`);
    await page.click(`[data-testid="lang-${lang}"]`);
    for (const id of PAGES) {
      await page.goto(`${server.url}/#/${id}`);
      await page.waitForSelector('[data-testid="errata"] tbody tr[data-testid^="erratum-"]', { state: 'attached', timeout: 180_000 });
      // A step-through keeps its errata one tab away.
      if (await page.$('[data-testid="tab-errata"]')) await showTab(page, 'errata');
      assert.equal(await page.evaluate(() => document.documentElement.lang.slice(0, 2)), lang, `${id}: page language`);
      rowsSeen += await page.locator('[data-testid="errata"] tbody tr[data-testid^="erratum-"]').count();
      for (const r of await foreignRuns(page, PARTS)) problems.push(`${lang} ${id}: ${JSON.stringify(r.found)} in “${r.text.slice(0, 80)}”`);
      if (lang === 'en' && (id === 'attention' || id === 'text-classifier')) {
        await page.locator('[data-testid="errata"]').screenshot({ path: screenshotPath(`errata-${id}-en`) });
      }
    }
  }
  assert.ok(rowsSeen > 100, `errata rows checked: ${rowsSeen}`);
  assert.deepEqual(problems, [], `${problems.length} cells in the other language`);
  assert.deepEqual(errors, [], 'no console errors');
});
