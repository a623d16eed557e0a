// Benchmark (not a test): the article-004 CNN in the page, on burn WebGPU and burn flex (CPU,
// wasm), in headless Chromium on this machine. Two measurements per backend:
//  1. the engine alone (`bench_mnist`): Adam steps at batch 32 (samples/s at the median step),
//     the first step (shader compilation included), one digit classified, 500 digits at once;
//  2. the lesson page itself training a fresh network: the samples/s it shows and the longest
//     gap between animation frames (what a learner feels as a stutter).
// Usage: scripts/bench.sh   (builds the release page first)
import os from 'node:os';
import { serveDist, launch } from '../scripts/browser.mjs';

const STEPS = Number(process.env.MNIST_STEPS || 40);
const DIGITS = Number(process.env.MNIST_DIGITS || 50);
const PAGE_SECONDS = Number(process.env.MNIST_PAGE_SECONDS || 20);
const server = await serveDist();
const rows = [];
for (const backend of ['webgpu', 'cpu']) {
  const context = await launch({ webgpu: backend === 'webgpu' });
  const page = context.pages()[0];
  await page.goto(`${server.url}/#/mnist-cnn`);
  await page.waitForSelector('[data-testid="backend-name"][data-ready="true"]', { state: 'attached', timeout: 60_000 });
  const kind = await page.getAttribute('[data-testid="backend-name"]', 'data-kind');
  if (kind !== backend) { console.error(`${backend}: page runs ${kind}; skipped`); await context.close(); continue; }
  const adapter = (await page.textContent('[data-testid="backend-name"]')).trim();
  const steps = backend === 'webgpu' ? Math.min(STEPS, 15) : STEPS;
  const t = JSON.parse(await page.evaluate(
    (a) => window.wasmBindings.bench_mnist(a.b, a.s, a.d), { b: backend, s: steps, d: backend === 'webgpu' ? 10 : DIGITS }));
  const [first, median, perSecond, single, batched] = [t.first_step_ms, t.median_step_ms, t.samples_per_s, t.digit_ms, t.batched_digit_ms];
  // The page: a fresh network trains; frame gaps are recorded by requestAnimationFrame.
  await page.waitForSelector('[data-testid="mnist-train"]:not([disabled])', { timeout: 120_000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="held-out-report"]')?.dataset.seq) > 0, null, { timeout: 300_000 });
  await page.click('[data-testid="mnist-fresh"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="held-out-report"]')?.dataset.seq) > 1, null, { timeout: 300_000 });
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    const tick = (t) => { window.__gaps.push(t - last); last = t; if (window.__gaps.length < 1e6) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.click('[data-testid="mnist-train"]');
  await page.waitForTimeout(PAGE_SECONDS * 1000);
  const pageRate = Number(await page.getAttribute('[data-testid="mnist-progress-text"]', 'data-rate'));
  const gaps = await page.evaluate(() => window.__gaps.slice(2));
  await page.click('[data-testid="mnist-train"]');
  gaps.sort((a, b) => a - b);
  const p95 = gaps[Math.floor(gaps.length * 0.95)] ?? NaN;
  rows.push({ backend, adapter, steps, first, median, perSecond, single, batched, pageRate, longest: gaps.at(-1), p95, frames: gaps.length });
  await context.close();
}
server.close();
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nmnist-cnn (article 004 §5 CNN, Adam, batch 32)`);
console.log(`machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, headless Chromium`);
console.log('| backend | steps timed | first step ms | median step ms | samples/s | 1 digit ms | ms/digit in 500 | page samples/s | longest frame ms | p95 frame ms |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.backend} (${r.adapter.replace(/\|/g, '/')}) | ${r.steps} | ${r.first.toFixed(0)} | ${r.median.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${r.single.toFixed(2)} | ${r.batched.toFixed(3)} | ${r.pageRate.toFixed(0)} | ${r.longest.toFixed(0)} | ${r.p95.toFixed(0)} |`);
}
