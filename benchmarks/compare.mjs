// Benchmark (not a test), issue 9: burn on WebGPU and flex in the page, burn flex natively, and
// TensorFlow.js 4.22 (cpu, wasm, webgl, webgpu) on the same workloads in the same run, in
// headless Chromium on this machine. Prints the table and writes benchmarks/RESULTS.md.
// The workloads and initial weights come from the engine (engine::bench) through the page's
// hooks; TF.js loads those numbers, and both first-step losses are printed side by side.
// Usage: scripts/bench.sh (builds first), or SKIP_BUILD=1 scripts/bench.sh.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { ROOT, launch } from '../scripts/browser.mjs';
import { serveBench } from './serve.mjs';
import { profileCall, summarise, wasmSizes, lastSampleOf } from './profile.mjs';

const MLP_MS = Number(process.env.MLP_MS || 2000);
const WARM_MS = Number(process.env.WARM_MS || 1000);
const CNN_STEPS = Number(process.env.CNN_STEPS || 40);
const CNN_STEPS_GPU = Number(process.env.CNN_STEPS_GPU || 12);
const DIGITS = Number(process.env.DIGITS || 50);
const TF_CNN_MS = Number(process.env.TF_CNN_MS || 20000);
const FRAME_SECONDS = Number(process.env.FRAME_SECONDS || 8);
const PROFILE = process.env.PROFILE !== '0';
const TARGET = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
const NATIVE_BIN = process.env.BENCH_NATIVE_BIN || path.join(TARGET, 'release', 'bench-native');
const PROFILE_DIST = path.join(ROOT, 'target', 'bench', 'profile-dist');
const RESULTS = path.join(ROOT, 'benchmarks', 'RESULTS.md');
const PLAYGROUND = '#/playground?d=circle&n=500&noise=0&train=50&dseed=1&f=x1,x2&h=8,8&act=tanh&reg=none&rr=0&lr=0.03&bs=10&opt=sgd&seed=1';
const TF_BACKENDS = ['cpu', 'wasm', 'webgl', 'webgpu'];

const say = (s) => console.error(`[bench] ${s}`);
const errText = (e) => String(e?.message ?? e).split('\n')[0].slice(0, 300);

async function openApp(server, webgpu, hash = '') {
  const context = await launch({ webgpu });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector('[data-testid="backend-name"][data-ready="true"]', { state: 'attached', timeout: 60_000 });
  const kind = await page.getAttribute('[data-testid="backend-name"]', 'data-kind');
  const adapter = (await page.textContent('[data-testid="backend-name"]')).trim();
  return { context, page, kind, adapter };
}

// ---- burn in the page -------------------------------------------------------------------
async function burnInPage(server, backend) {
  const { context, page, kind, adapter } = await openApp(server, backend === 'webgpu');
  try {
    if (kind !== backend) throw new Error(`the page runs ${kind}, not ${backend}`);
    // V8 runs new wasm code in its baseline tier first and optimises hot functions in the
    // background, so a first call is slower: it is kept as the "cold" row, and the table's
    // steps/s come from a second call on the same page.
    say(`burn ${backend}: MLP (cold, then warm)`);
    const bench = (ms) => page.evaluate((a) => window.wasmBindings.bench_mlp(a.b, a.ms), { b: backend, ms }).then(JSON.parse);
    const cold = await bench(WARM_MS);
    const mlp = { ...(await bench(MLP_MS)), cold_steps_per_s: cold.steps_per_s, first_step_ms: cold.first_step_ms, first_loss: cold.first_loss };
    say(`burn ${backend}: CNN`);
    const steps = backend === 'webgpu' ? CNN_STEPS_GPU : CNN_STEPS;
    const digits = backend === 'webgpu' ? 10 : DIGITS;
    const cnnBench = (s, d) => page.evaluate((a) => window.wasmBindings.bench_mnist(a.b, a.s, a.d), { b: backend, s, d }).then(JSON.parse);
    // The CNN's first step is the cold one; on the CPU the steady numbers come from a second run
    // (on WebGPU a second run costs minutes of SwiftShader; its median is after 1 step anyway).
    let cnn = await cnnBench(steps, digits);
    if (backend === 'cpu') {
      const warm = await cnnBench(steps, digits);
      cnn = { ...warm, first_step_ms: cnn.first_step_ms, first_loss: cnn.first_loss, second_loss: cnn.second_loss, cold_samples_per_s: cnn.samples_per_s };
    }
    const workloads = backend === 'cpu' ? JSON.parse(await page.evaluate(() => window.wasmBindings.bench_workloads())) : null;
    return { adapter, mlp, cnn, workloads };
  } finally {
    await context.close();
  }
}

// The real playground page running: epoch + losses + heatmaps + curves, painted, per second.
async function playgroundFrames(server, backend) {
  const { context, page, kind } = await openApp(server, backend === 'webgpu', PLAYGROUND);
  try {
    if (kind !== backend) throw new Error(`the page runs ${kind}, not ${backend}`);
    if (await page.$('[data-testid="link-error"]')) throw new Error('the playground refused the link');
    await page.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]')?.dataset.trainLoss, null, { timeout: 60_000 });
    await page.click('[data-testid="pg-run"]');
    await page.waitForTimeout(1000);
    const epoch = () => page.evaluate(() => [Number(document.querySelector('[data-testid="pg-stats"]').dataset.epoch), performance.now()]);
    const [e0, t0] = await epoch();
    await page.waitForTimeout(FRAME_SECONDS * 1000);
    const [e1, t1] = await epoch();
    await page.click('[data-testid="pg-run"]');
    return { frames_per_s: ((e1 - e0) * 1000) / (t1 - t0), epochs: e1 - e0, seconds: (t1 - t0) / 1000 };
  } finally {
    await context.close();
  }
}

// ---- page load ----------------------------------------------------------------------------
const INTERACTIVE = () => {
  const ready = () => {
    const fwd = document.querySelector('[data-testid="btn-next"]');
    // The lesson's first trace is computed (its backend named) and its step buttons work.
    return fwd && !fwd.disabled && document.querySelector('[data-testid="trace-backend"]')?.dataset.kind;
  };
  const mark = () => { if (!window.__interactive && ready()) window.__interactive = performance.now(); };
  addEventListener('TrunkApplicationStarted', () => { window.__started = performance.now(); });
  new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true });
};

async function pageLoad(server, webgpu) {
  const context = await launch({ webgpu });
  const page = context.pages()[0] ?? (await context.newPage());
  try {
    await page.addInitScript(INTERACTIVE);
    const from = server.log.length;
    await page.goto(`${server.url}/#/mlp-step`);
    await page.waitForFunction(() => window.__interactive, null, { timeout: 60_000 });
    const t = await page.evaluate(() => ({
      interactive: window.__interactive,
      // The wasm downloaded; the module compiled, instantiated and its start fn run (trunk's
      // TrunkApplicationStarted); the lesson's first trace done and its buttons live.
      wasmFetched: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd,
      started: window.__started,
      dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd,
    }));
    const files = server.log.slice(from).filter((r) => !r.url.startsWith('/bench/'));
    const kind = await page.getAttribute('[data-testid="trace-backend"]', 'data-kind');
    return { ...t, kind, files };
  } finally {
    await context.close();
  }
}

function sizes(files) {
  const seen = new Map();
  for (const f of files) seen.set(f.file, f);
  let raw = 0; let gz = 0; let wasmRaw = 0; let wasmGz = 0;
  for (const f of seen.values()) {
    const bytes = fs.readFileSync(f.file);
    const g = zlib.gzipSync(bytes, { level: 6 }).length;
    raw += bytes.length; gz += g;
    if (f.file.endsWith('.wasm')) { wasmRaw += bytes.length; wasmGz += g; }
  }
  return { raw, gz, wasmRaw, wasmGz, count: seen.size };
}

// ---- TensorFlow.js ------------------------------------------------------------------------
async function tfjs(server, workloads) {
  const context = await launch({ webgpu: true, extraArgs: ['--enable-unsafe-swiftshader'] });
  const out = {};
  let version = null;
  try {
    for (const backend of TF_BACKENDS) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${server.url}/bench/tfjs.html`);
      await page.waitForFunction(() => window.tfBench);
      version ??= await page.evaluate(() => window.tfBench.version());
      const r = { mlp: null, cnn: null };
      say(`tfjs ${backend}: MLP`);
      try {
        const run = (ms) => page.evaluate((a) => window.tfBench.mlp(a.b, a.w, a.ms), { b: backend, w: workloads.mlp, ms });
        const cold = await run(WARM_MS); // as for burn: the JIT warms up in a first call
        r.mlp = { ...(await run(MLP_MS)), cold_steps_per_s: cold.steps_per_s, first_step_ms: cold.first_step_ms, first_loss: cold.first_loss };
      } catch (e) { r.mlp = { error: errText(e) }; }
      say(`tfjs ${backend}: CNN`);
      try {
        r.cnn = await page.evaluate((a) => window.tfBench.cnn(a.b, a.w, a.s, a.ms, a.d),
          { b: backend, w: workloads.cnn, s: CNN_STEPS, ms: TF_CNN_MS, d: backend === 'cpu' || backend === 'wasm' ? DIGITS : 10 });
      } catch (e) { r.cnn = { error: errText(e) }; }
      if (errors.length) r.pageErrors = errors.slice(0, 3);
      out[backend] = r;
      await page.close();
    }
  } finally {
    await context.close();
  }
  return { version, results: out };
}

// ---- profiles (burn flex in the page, names kept) -------------------------------------------
// Each profile is its own try: one failing leaves the others. Windows (ms after the profile's
// start) keep a profile to the part of a hook call the goal is about.
async function attempt(out, key, fn) {
  try { out[key] = await fn(); } catch (e) { say(`profile ${key}: ${errText(e)}`); out[key] = null; }
}

async function profileLoad(server, webgpu) {
  const context = await launch({ webgpu });
  try {
    const page = await context.newPage();
    await page.addInitScript(INTERACTIVE);
    const p = await profileCall(page, async () => {
      await page.goto(`${server.url}/#/mlp-step`);
      await page.waitForFunction(() => window.__interactive, null, { timeout: 60_000 });
    });
    const at = await page.evaluate(() => window.__interactive);
    return { ...summarise(p), interactive: at };
  } finally {
    await context.close();
  }
}

async function profiles(shipped) {
  const out = {};
  // The shipped build has no function names, but its load is what a learner gets.
  await attempt(out, 'loadShipped', () => profileLoad(shipped, false));
  if (!fs.existsSync(path.join(PROFILE_DIST, 'index.html'))) {
    say(`no ${PROFILE_DIST}: named profiles skipped (scripts/bench.sh makes it after a build)`);
    return out;
  }
  const wasm = fs.readdirSync(PROFILE_DIST).find((n) => n.endsWith('_bg.wasm'));
  if (wasm) out.wasm = wasmSizes(fs.readFileSync(path.join(PROFILE_DIST, wasm)));
  const server = await serveBench(PROFILE_DIST);
  try {
    await attempt(out, 'load', () => profileLoad(server, false));
    const { context, page } = await openApp(server, false);
    try {
      // The CNN's first step on cold code (the page has run nothing yet).
      await attempt(out, 'cnnFirst', async () => {
        let r;
        const p = await profileCall(page, async () => { r = JSON.parse(await page.evaluate(() => window.wasmBindings.bench_mnist('cpu', 2, 1))); });
        // The hook fetches and inflates the digits before its first step.
        const t0 = lastSampleOf(p, /^(engine::mnist::asset::decode|miniz_oxide::)/);
        return summarise(p, { from: t0, to: t0 + r.first_step_ms });
      });
      // MLP: warm code (an unprofiled call first), the steps loop only.
      await attempt(out, 'mlp', async () => {
        await page.evaluate(() => window.wasmBindings.bench_mlp('cpu', 1000));
        let r;
        const p = await profileCall(page, async () => { r = JSON.parse(await page.evaluate(() => window.wasmBindings.bench_mlp('cpu', 1500))); });
        const from = r.first_step_ms + 100;
        return { ...summarise(p, { from, to: from + 1200 }), what: r };
      });
      await attempt(out, 'cnn', async () => {
        let r;
        const p = await profileCall(page, async () => { r = JSON.parse(await page.evaluate(() => window.wasmBindings.bench_mnist('cpu', 12, 1))); });
        const t1 = lastSampleOf(p, /^(engine::mnist::asset::decode|miniz_oxide::)/) + r.first_step_ms;
        return { ...summarise(p, { from: t1, to: t1 + r.steps * r.median_step_ms }), first: out.cnnFirst, what: r };
      });
      await attempt(out, 'predict', async () => {
        const p = await profileCall(page, () => page.evaluate(() => window.wasmBindings.bench_predict('cpu', 300)));
        return summarise(p);
      });
    } finally {
      await context.close();
    }
    // The playground page running on flex: where a painted frame goes.
    await attempt(out, 'frames', async () => {
      const pg = await openApp(server, false, PLAYGROUND);
      try {
        await pg.page.waitForFunction(() => document.querySelector('[data-testid="pg-stats"]')?.dataset.trainLoss, null, { timeout: 60_000 });
        await pg.page.click('[data-testid="pg-run"]');
        await pg.page.waitForTimeout(1500);
        const p = await profileCall(pg.page, () => pg.page.waitForTimeout(3000));
        await pg.page.click('[data-testid="pg-run"]');
        return summarise(p);
      } finally {
        await pg.context.close();
      }
    });
    // WebGPU: where the MLP's time goes when the adapter is SwiftShader.
    await attempt(out, 'mlpGpu', async () => {
      const gpu = await openApp(server, true);
      try {
        if (gpu.kind !== 'webgpu') throw new Error(`the page runs ${gpu.kind}`);
        const p = await profileCall(gpu.page, () => gpu.page.evaluate(() => window.wasmBindings.bench_mlp('webgpu', 1000)));
        return summarise(p);
      } finally {
        await gpu.context.close();
      }
    });
    return out;
  } finally {
    server.close();
  }
}

// ---- machine and versions -----------------------------------------------------------------
function machine() {
  const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = info.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const lock = fs.readFileSync(path.join(ROOT, 'Cargo.lock'), 'utf8');
  const burn = lock.match(/name = "burn"\nversion = "([^"]+)"/)?.[1] ?? '?';
  let chromium = '?';
  try { chromium = execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { /* shown as ? */ }
  return {
    cpu: model, cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), burn, chromium,
    uptime: execFileSync('uptime', { encoding: 'utf8' }).trim(), date: new Date().toISOString(),
  };
}

function native() {
  if (!fs.existsSync(NATIVE_BIN)) throw new Error(`${NATIVE_BIN} missing (scripts/bench.sh builds it)`);
  const out = execFileSync(NATIVE_BIN, ['--data', path.join(ROOT, 'assets', 'mnist.bin'), '--mlp-ms', String(MLP_MS), '--cnn-steps', String(CNN_STEPS), '--digits', String(DIGITS)], { encoding: 'utf8' });
  return JSON.parse(out);
}

// ---- main -----------------------------------------------------------------------------------
const m = machine();
const loadBefore = m.uptime;
const server = await serveBench();
const burn = {};
for (const b of ['webgpu', 'cpu']) {
  try { burn[b] = await burnInPage(server, b); } catch (e) { burn[b] = { error: errText(e) }; say(`burn ${b}: ${errText(e)}`); }
}
const frames = {};
for (const b of ['webgpu', 'cpu']) {
  say(`playground page frames/s on ${b}`);
  try { frames[b] = await playgroundFrames(server, b); } catch (e) { frames[b] = { error: errText(e) }; }
}
say('burn flex native');
let nat;
try { nat = native(); } catch (e) { nat = { error: errText(e) }; }
const workloads = burn.cpu?.workloads;
const tf = workloads ? await tfjs(server, workloads) : { version: null, results: {} };
say('page load');
const loads = {};
for (const b of [true, false]) {
  try { loads[b ? 'webgpu' : 'cpu'] = await pageLoad(server, b); } catch (e) { loads[b ? 'webgpu' : 'cpu'] = { error: errText(e) }; }
}
let prof = null;
if (PROFILE) { try { prof = await profiles(server); } catch (e) { say(`profiles: ${errText(e)}`); } }
server.close();
m.uptimeAfter = execFileSync('uptime', { encoding: 'utf8' }).trim();

// ---- the table --------------------------------------------------------------------------------
const fmt = (v, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '—');
const cell = (r, f) => (!r ? '—' : r.error ? (r.error.startsWith('unsupported') ? r.error : `failed: ${r.error}`).replace(/\|/g, '/') : f(r));
const cols = [
  ['burn WebGPU', burn.webgpu, 'webgpu'],
  ['burn flex (page)', burn.cpu, 'cpu'],
  ['burn flex native', nat, 'native'],
  ...TF_BACKENDS.map((b) => [`TF.js ${b}`, tf.results[b], `tf-${b}`]),
];
const part = (c, k) => (c[1]?.error ? c[1] : c[1]?.[k]);
// Training rows of a backend that could not train show why; its inference rows still count.
const train = (c) => { const r = part(c, 'cnn'); return r?.train_error ? { error: `unsupported: ${r.train_error}` } : r; };
const trainShort = (c) => (part(c, 'cnn')?.train_error ? { error: 'unsupported (above)' } : train(c));
const inPage = (c) => c[2] === 'webgpu' || c[2] === 'cpu';
const rows = [
  ['MLP SGD steps/s (batch 10)', (c) => cell(part(c, 'mlp'), (r) => fmt(r.steps_per_s))],
  ['MLP SGD steps/s, first call (code still cold)', (c) => (c[2] === 'native' ? 'n/a' : cell(part(c, 'mlp'), (r) => fmt(r.cold_steps_per_s)))],
  ['MLP first step ms', (c) => cell(part(c, 'mlp'), (r) => fmt(r.first_step_ms, 2))],
  ['MLP first-batch loss', (c) => cell(part(c, 'mlp'), (r) => fmt(r.first_loss, 6))],
  ['MLP epoch + frame/s (engine only, not painted)', (c) => (c[2].startsWith('tf-') ? 'n/a' : cell(part(c, 'mlp'), (r) => fmt(r.frames_per_s, 1)))],
  ['MLP full frames/s (playground page, painted)', (c) => (inPage(c) ? cell(frames[c[2]], (r) => (r.epochs > 0 ? fmt(r.frames_per_s, 1) : `< ${fmt(1 / r.seconds, 2)} (no frame in ${fmt(r.seconds, 0)} s)`)) : 'n/a')],
  ['CNN training samples/s (batch 32)', (c) => cell(train(c), (r) => fmt(r.samples_per_s))],
  ['CNN first step ms (compile included)', (c) => cell(trainShort(c), (r) => fmt(r.first_step_ms))],
  ['CNN first-batch loss', (c) => cell(trainShort(c), (r) => fmt(r.first_loss, 6))],
  ['CNN second-batch loss (after one Adam step)', (c) => cell(trainShort(c), (r) => fmt(r.second_loss, 6))],
  ['CNN inference ms / digit (one at a time)', (c) => cell(part(c, 'cnn'), (r) => fmt(r.digit_ms, 3))],
  ['CNN inference ms / digit (500 at once)', (c) => cell(part(c, 'cnn'), (r) => fmt(r.batched_digit_ms, 3))],
];
const lines = [];
lines.push(`| workload | ${cols.map((c) => c[0]).join(' | ')} |`);
lines.push(`|---|${cols.map(() => '---').join('|')}|`);
for (const [name, f] of rows) lines.push(`| ${name} | ${cols.map((c) => f(c)).join(' | ')} |`);
const table = lines.join('\n');

const loadLines = ['| page load (#/mlp-step, cold cache) | first trace on | to first interactive lesson ms | wasm fetched ms | wasm started ms | files | transfer raw | transfer gzip | wasm raw | wasm gzip |', '|---|---|---|---|---|---|---|---|---|---|'];
const mb = (b) => `${(b / 1e6).toFixed(2)} MB`;
for (const [k, l] of Object.entries(loads)) {
  if (l.error) { loadLines.push(`| ${k} adapter | — | failed: ${l.error} | | | | | | | |`); continue; }
  const s = sizes(l.files);
  loadLines.push(`| ${k === 'webgpu' ? 'with' : 'without'} a WebGPU adapter | ${l.kind} | ${fmt(l.interactive)} | ${fmt(l.wasmFetched)} | ${fmt(l.started)} | ${s.count} | ${mb(s.raw)} | ${mb(s.gz)} | ${mb(s.wasmRaw)} | ${mb(s.wasmGz)} |`);
}
const loadTable = loadLines.join('\n');

const check = [];
const both = (label, a, b) => {
  const ok = Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-4;
  check.push(`| ${label} | ${fmt(a, 7)} | ${fmt(b, 7)} | ${Number.isFinite(a) && Number.isFinite(b) ? (a - b).toExponential(1) : '—'} | ${ok ? 'yes' : 'NO'} |`);
};
for (const b of TF_BACKENDS) {
  both(`MLP first batch, burn flex vs TF.js ${b}`, burn.cpu?.mlp?.first_loss, tf.results[b]?.mlp?.first_loss);
  if (tf.results[b]?.cnn?.train_error) check.push(`| CNN first batch, burn flex vs TF.js ${b} | ${fmt(burn.cpu?.cnn?.first_loss, 7)} | — (TF.js ${b} cannot train it) | — | n/a |`);
  else both(`CNN first batch, burn flex vs TF.js ${b}`, burn.cpu?.cnn?.first_loss, tf.results[b]?.cnn?.first_loss);
}
both('MLP first batch, burn flex vs burn WebGPU', burn.cpu?.mlp?.first_loss, burn.webgpu?.mlp?.first_loss);
both('CNN first batch, burn flex vs burn WebGPU', burn.cpu?.cnn?.first_loss, burn.webgpu?.cnn?.first_loss);
both('CNN first batch, burn flex page vs native', burn.cpu?.cnn?.first_loss, nat?.cnn?.first_loss);
const checkTable = ['| first-step loss | A | B | A − B | within 1e-4 |', '|---|---|---|---|---|', ...check].join('\n');

console.log(`\nIssue 9 benchmark — ${m.date}\nmachine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB; burn ${m.burn}; ${m.chromium}; TF.js ${tf.version?.tfjs ?? '?'}`);
console.log(`load before: ${loadBefore}\nload after:  ${m.uptimeAfter}\n`);
console.log(table);
console.log(`\n${loadTable}\n`);
console.log(checkTable);

fs.writeFileSync(RESULTS, (await import('./results.mjs')).render({
  m, loadBefore, table, loadTable, checkTable, burn, nat, tf, frames, loads, sizes, prof,
  env: { MLP_MS, WARM_MS, CNN_STEPS, CNN_STEPS_GPU, DIGITS, TF_CNN_MS, FRAME_SECONDS },
}));
console.log(`\nwrote ${path.relative(ROOT, RESULTS)}`);
