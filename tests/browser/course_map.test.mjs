// The home page as a course map (issue 21 c), in a real browser on the CPU backend: the
// lessons in their groups and learning order, each lesson of the registry once; "start here"
// on the first lesson not yet opened; what the learner did (opened, steps revealed, predictions)
// read back from localStorage after a reload, in both languages; a corrupt entry reads as
// not started and breaks nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchErrors, registryPages, screenshotPath } from './harness.mjs';

/** The order of the groups. */
const GROUPS = ['neuron-and-loss', 'gradient-descent', 'backpropagation', 'networks', 'convolution', 'attention-and-text'];

let server;
before(async () => { server = await serveDist(); });
after(() => server.close());

const attr = (page, sel, name) => page.getAttribute(sel, name);

async function mapLessons(page) {
  return page.$$eval('[data-testid="lesson-list"] [data-lesson]', (els) => els.map((e) => e.dataset.lesson));
}

async function progress(page, id) {
  const sel = `[data-testid="progress-${id}"]`;
  return {
    visited: await attr(page, sel, 'data-visited'),
    revealed: Number(await attr(page, sel, 'data-revealed')),
    steps: Number(await attr(page, sel, 'data-steps')),
    right: Number(await attr(page, sel, 'data-right')),
    predicted: Number(await attr(page, sel, 'data-predicted')),
    text: (await page.textContent(sel)).trim(),
  };
}

async function goHome(page) {
  await page.click('[data-testid="brand"]');
  await page.waitForSelector('[data-testid="course-map"]');
}

test('the course map: order, start here, progress kept', { timeout: 240_000 }, async (t) => {
  const context = await launch({ webgpu: false });
  t.after(() => context.close());
  const page = context.pages()[0];
  const errors = watchErrors(page);
  await page.goto(`${server.url}/`);
  await page.click('[data-testid="lang-en"]');
  await page.waitForSelector('[data-testid="course-map"]');

  // Every lesson of the registry once, grouped in the order.
  const groups = await page.$$eval('[data-group]', (els) => els.map((e) => e.dataset.group));
  assert.deepEqual(groups, GROUPS);
  const lessons = await mapLessons(page);
  const registry = registryPages().map((p) => p.id).filter((id) => id !== 'playground');
  assert.deepEqual([...lessons].sort(), [...registry].sort(), 'each lesson of the registry once');
  assert.equal(new Set(lessons).size, lessons.length);
  assert.ok(await page.isVisible('[data-testid="open-playground"]'), 'the playground beside the course');

  // A first visit: nothing started, "start here" on the map's first lesson.
  for (const id of lessons) assert.equal((await progress(page, id)).visited, 'false', id);
  assert.equal(await attr(page, '[data-testid="start-here"]', 'data-lesson'), lessons[0]);
  assert.equal(await page.locator(`[data-lesson="${lessons[0]}"] [data-testid="start-here-badge"]`).count(), 1);
  assert.equal(await page.locator('[data-testid="start-here-badge"]').count(), 1);
  assert.match((await progress(page, lessons[0])).text, /Not started/);
  assert.match(await page.textContent('[data-testid="start-here"]'), /^Start here/);
  await page.screenshot({ path: screenshotPath('course-map-en-fresh'), fullPage: true });

  // Open it from "start here", reveal two steps, make one (wrong) prediction.
  const first = lessons[0];
  await page.click('[data-testid="start-here"]');
  await page.waitForSelector('[data-testid="trace-backend"][data-kind="cpu"]', { state: 'attached', timeout: 60_000 });
  assert.ok(page.url().endsWith(`#/${first}`) || page.url().includes(`#/${first}?`), page.url());
  await page.click('[data-testid="btn-next"]');
  await page.click('[data-testid="btn-next"]');
  await page.check('[data-testid="predict-toggle"]');
  await page.fill('[data-testid="predict-input"]', '123456');
  await page.click('[data-testid="predict-check"]');
  await page.waitForSelector('[data-testid="predict-feedback"]');
  const total = Number(await attr(page, '[data-testid="phase"]', 'data-total'));
  const cursor = Number(await attr(page, '[data-testid="phase"]', 'data-cursor'));
  const score = ['data-right', 'data-close', 'data-wrong'];
  const [right, close, wrong] = await Promise.all(score.map((a) => attr(page, '[data-testid="predict-score"]', a).then(Number)));
  assert.ok(cursor >= 2 && total > cursor, `cursor ${cursor} of ${total}`);
  assert.equal(right + close + wrong, 1);
  // Stepping back keeps the most revealed.
  await page.click('[data-testid="btn-prev"]');
  await page.uncheck('[data-testid="predict-toggle"]');

  await goHome(page);
  let p = await progress(page, first);
  assert.deepEqual([p.visited, p.revealed, p.steps, p.right, p.predicted], ['true', cursor, total, right, 1]);
  assert.match(p.text, new RegExp(`${cursor} of ${total} steps revealed`));
  assert.match(p.text, new RegExp(`${right} of 1 predictions right`));
  assert.equal(await attr(page, '[data-testid="start-here"]', 'data-lesson'), lessons[1], 'start here moves on');
  assert.match(await page.textContent('[data-testid="start-here"]'), /^Next up/);

  // A page that is not a step-through counts as opened; a corrupt entry as not started.
  const own = registryPages().find((q) => q.kind === 'runs' && q.id !== 'playground').id;
  await page.evaluate((id) => { location.hash = `#/${id}`; }, own);
  await page.waitForSelector('[data-testid="back"]', { timeout: 60_000 });
  await page.evaluate(() => localStorage.setItem('backprop-lab.progress.xor', 'steps:99/3'));
  await page.goto(`${server.url}/`);
  await page.reload();
  await page.waitForSelector('[data-testid="course-map"]');
  assert.deepEqual((await progress(page, own)).visited, 'true');
  assert.match((await progress(page, own)).text, /Visited/);
  assert.equal((await progress(page, 'xor')).visited, 'false');
  p = await progress(page, first);
  assert.deepEqual([p.revealed, p.steps], [cursor, total], 'kept across a reload');

  // The same map in Chinese.
  await page.click('[data-testid="lang-zh"]');
  assert.match((await progress(page, first)).text, new RegExp(`已揭晓 ${cursor} / ${total} 步`));
  assert.match(await page.textContent('[data-group="neuron-and-loss"] h3'), /神经元/);
  await page.screenshot({ path: screenshotPath('course-map-zh-progress'), fullPage: true });
  assert.deepEqual(errors, []);
});
