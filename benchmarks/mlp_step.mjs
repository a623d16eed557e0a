// Benchmark (not a test): ms per `mlp-step` training step in the page, on burn WebGPU and burn
// flex (CPU, wasm), in headless Chromium on this machine. Prints a table.
// Usage: scripts/bench.sh   (builds the release page first)
import os from 'node:os';
import { serveDist, launch } from '../scripts/browser.mjs';

const STEPS = Number(process.env.STEPS || 300);
const server = await serveDist();
const rows = [];
for (const backend of ['webgpu', 'cpu']) {
  const context = await launch({ webgpu: backend === 'webgpu' });
  const page = context.pages()[0];
  await page.goto(`${server.url}/`);
  await page.waitForSelector('[data-testid="backend-name"][data-ready="true"]', { state: 'attached', timeout: 60_000 });
  const kind = await page.getAttribute('[data-testid="backend-name"]', 'data-kind');
  if (kind !== backend) { console.error(`${backend}: page runs ${kind}; skipped`); await context.close(); continue; }
  const [first, median, mean] = await page.evaluate((n) => window.wasmBindings.bench_mlp_step(n.b, n.s), { b: backend, s: STEPS });
  const adapter = await page.textContent('[data-testid="backend-name"]');
  rows.push({ backend, adapter: adapter.trim(), first, median, mean });
  await context.close();
}
server.close();
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`mlp-step (2-2-1, one forward + backward + SGD + one readback), ${STEPS} steps`);
console.log(`machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, headless Chromium`);
console.log('| backend | first step ms | median ms/step | mean ms/step | steps/s (median) |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.backend} (${r.adapter.replace(/\|/g, '/')}) | ${r.first.toFixed(2)} | ${r.median.toFixed(3)} | ${r.mean.toFixed(3)} | ${(1000 / r.median).toFixed(0)} |`);
}
