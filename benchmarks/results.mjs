// Renders benchmarks/RESULTS.md from one run of benchmarks/compare.mjs: machine, versions,
// load, the table, the same-workload check, and for each of issue 9's goals burn misses, where
// the time (or the bytes) goes, from this run's profiles.

const GOALS = {
  mlp: 20_000, // SGD steps/s in the page
  cnnRate: 2_000, // samples/s in the page
  cnnFirst: 200, // ms
  digit: 0.3, // ms per digit
  wasmGz: 2e6, // bytes gzip
  interactive: 300, // ms
};

const f = (v, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '—');
const short = (s, n = 110) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\|/g, '/');

function profileTable(p, what) {
  if (!p) return `_No profile of ${what} in this run (see "How the profiles are taken")._\n`;
  const lines = [
    `Profile of ${what}: ${f(p.busyMs)} ms busy${p.from || Number.isFinite(p.to) ? ` in the window ${f(p.from)}–${f(p.to)} ms after the profile's start` : ''} (${f(p.idleMs)} ms idle, not counted).`,
    '',
    '| self time | % | function | where |',
    '|---|---|---|---|',
    ...p.functions.map((x) => `| ${f(x.ms, 1)} ms | ${f(x.pct, 1)} | \`${short(x.fn)}\` | ${x.where} |`),
    '',
    'By crate (self time): ' + p.byCrate.map((c) => `${c.crate} ${f(c.pct, 1)} %`).join(', ') + '.',
    '',
    p.groups ? 'Grouped: ' + Object.entries(p.groups).sort((a, b) => b[1] - a[1]).map(([g, pct]) => `${g} **${f(pct, 0)} %**`).join('; ') + '.' : '',
    '',
  ];
  return lines.join('\n');
}

function sizeTable(s) {
  if (!s) return '_No size breakdown (the named wasm of this build was not found)._\n';
  return [
    `The same build before wasm-opt (names kept): ${f(s.total / 1e6, 2)} MB, of which code ${f(s.code / 1e6, 2)} MB in ${f(s.functions)} functions, data ${f(s.data / 1e6, 2)} MB, custom sections (names) ${f(s.custom / 1e6, 2)} MB. Code bytes by crate:`,
    '',
    '| crate | code bytes | % of code |',
    '|---|---|---|',
    ...s.byCrate.map((c) => `| ${c.crate} | ${f(c.bytes)} | ${f(c.pct, 1)} |`),
    '',
  ].join('\n');
}

export function render(r) {
  const { m, burn, nat, tf, frames, loads, sizes, prof } = r;
  const best = (k, key) => Math.max(...['webgpu', 'cpu'].map((b) => burn[b]?.[k]?.[key]).filter(Number.isFinite), -Infinity);
  const minOf = (k, key) => Math.min(...['webgpu', 'cpu'].map((b) => burn[b]?.[k]?.[key]).filter(Number.isFinite), Infinity);
  const loadCpu = loads.cpu && !loads.cpu.error ? { ...loads.cpu, s: sizes(loads.cpu.files) } : null;
  const loadGpu = loads.webgpu && !loads.webgpu.error ? { ...loads.webgpu, s: sizes(loads.webgpu.files) } : null;
  const wasmGz = loadCpu?.s.wasmGz ?? loadGpu?.s.wasmGz;
  const interactive = Math.min(loadCpu?.interactive ?? Infinity, loadGpu?.interactive ?? Infinity);
  const goals = [
    ['MLP SGD steps/s in the page', `≥ ${f(GOALS.mlp)}`, best('mlp', 'steps_per_s'), (v) => v >= GOALS.mlp, 0,
      () => `${profileTable(prof?.mlp, 'a second call of the MLP hook on burn flex in the page (warm code), its steps loop only (epochs of 25 SGD steps, one readback each)')}\n${profileTable(prof?.mlpGpu, 'the whole MLP hook on burn WebGPU (SwiftShader): first step, steps, epoch + frame')}`],
    ['CNN training samples/s in the page', `≥ ${f(GOALS.cnnRate)}`, best('cnn', 'samples_per_s'), (v) => v >= GOALS.cnnRate, 0,
      () => profileTable(prof?.cnn, 'a second call of the CNN hook on burn flex in the page, Adam steps 2–12 at batch 32 (the first step excluded)')],
    ['CNN first step ms', `≤ ${GOALS.cnnFirst}`, minOf('cnn', 'first_step_ms'), (v) => v <= GOALS.cnnFirst, 0,
      () => profileTable(prof?.cnn?.first ?? prof?.cnnFirst, 'the CNN hook on burn flex in a fresh page, its first Adam step only (cold code)')],
    ['CNN inference ms per digit', `≤ ${GOALS.digit}`, minOf('cnn', 'digit_ms'), (v) => v <= GOALS.digit, 3,
      () => profileTable(prof?.predict, 'classifying digits on burn flex in the page (bench_predict: 300 digits one at a time, then 500 at once)')],
    ['wasm gzip bytes', `≤ ${f(GOALS.wasmGz / 1e6, 1)} MB`, wasmGz, (v) => v <= GOALS.wasmGz, 0,
      () => sizeTable(prof?.wasm)],
    ['page load to first interactive lesson ms', `≤ ${GOALS.interactive}`, interactive, (v) => v <= GOALS.interactive, 0,
      () => [
        loadCpu ? `Without an adapter: the wasm had arrived at ${f(loadCpu.wasmFetched)} ms, the module was compiled, instantiated and started at ${f(loadCpu.started)} ms, the lesson was interactive at ${f(loadCpu.interactive)} ms.${loadGpu ? ` With an adapter: ${f(loadGpu.wasmFetched)} / ${f(loadGpu.started)} / ${f(loadGpu.interactive)} ms.` : ''}\n` : '',
        profileTable(prof?.loadShipped, `opening #/mlp-step in a fresh browser with the shipped build (no function names; interactive at ${f(prof?.loadShipped?.interactive)} ms while profiled)`),
        profileTable(prof?.load, `the same with the named build (before wasm-opt, larger, so compilation takes longer; interactive at ${f(prof?.load?.interactive)} ms while profiled)`),
      ].join('\n')],
  ];
  const goalLines = ['| goal | target | burn (best in the page) | met |', '|---|---|---|---|'];
  const misses = [];
  for (const [name, target, v, ok, d, why] of goals) {
    const met = Number.isFinite(v) && ok(v);
    goalLines.push(`| ${name} | ${target} | ${name.startsWith('wasm') ? `${f(v / 1e6, 2)} MB` : f(v, d)} | ${Number.isFinite(v) ? (met ? 'yes' : '**no**') : '—'} |`);
    if (!met) misses.push(`### ${name}: ${name.startsWith('wasm') ? `${f(v / 1e6, 2)} MB` : f(v, d)} (goal ${target})\n\n${why()}`);
  }
  const tfInfo = Object.entries(tf.results).map(([b, x]) => {
    const w = x.mlp?.simd !== undefined ? ` (SIMD ${x.mlp.simd}, threads ${x.mlp.threads})` : '';
    return `${b}${w}`;
  }).join(', ');
  const adapter = burn.webgpu?.adapter ?? '—';
  return `# Benchmark results (issue 9)

Written by \`scripts/bench.sh\` (\`benchmarks/compare.mjs\`) on ${m.date}. Numbers, not tests:
every value below was measured in this run; rerun with \`SKIP_BUILD=1 bash scripts/bench.sh\`.

- Machine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB, no GPU (WebGPU and WebGL are Chromium's
  SwiftShader on the CPU: adapter "${adapter}").
- Versions: burn ${m.burn} (release build of the app: \`opt-level = "z"\`, burn-flex at 3,
  SIMD128, wasm-opt -Oz), ${m.chromium} (headless, playwright-core), TensorFlow.js
  ${tf.version?.tfjs ?? '?'} (tfjs-core ${tf.version?.['tfjs-core'] ?? '?'}; backends ${tfInfo}).
- Load (\`uptime\`) before: \`${m.uptime}\`; after: \`${m.uptimeAfter}\`. The machine was shared
  while this ran${/load average: ([0-9.]+)/.exec(m.uptime)?.[1] > 1.5 ? ' and was busy: numbers are noisy' : ''}.
- Settings: MLP timed ≥ ${r.env.MLP_MS} ms per backend; CNN ${r.env.CNN_STEPS} steps (burn WebGPU
  ${r.env.CNN_STEPS_GPU}; TF.js at most ${r.env.TF_CNN_MS / 1000} s of steps); ${r.env.DIGITS} single digits
  (10 on GPU backends); playground page ${r.env.FRAME_SECONDS} s per backend.

## The table

${r.table}

${r.loadTable}

What each number is:
- **MLP**: the Playground network x₁, x₂ → 8 tanh → 8 tanh → 1 sigmoid, BCE from the logit,
  SGD lr 0.03, batch 10, circle data of 500 points (250 train → 25 steps per epoch). burn runs
  the engine's playground trainer (\`Playground::train_batches\`, as the page does: 25 steps,
  one readback per epoch; each epoch is reshuffled and uploaded); TF.js runs the same maths
  (\`optimizer.minimize\`, softplus(z) − y·z, one \`stack(losses).data()\` per epoch, epoch 0's
  order every epoch). Steps/s over whole epochs after the first, from a *second* call on the
  same page: V8 first runs new wasm (and JS) in its baseline tier and optimises hot functions
  in the background, so the first call (the "first call" row, ${r.env.WARM_MS} ms) is much slower;
  the first step and first loss are the first call's. "epoch + frame" adds the
  engine's frame (losses on all points, the 100×100 output grid, the 24×24 neuron grids and
  the weights, one readback), not painted. "full frames/s" is the real playground page
  running (Run button): epochs finished per second, each painted with its heatmaps, network
  and loss curves.
- **CNN**: article 004's network, Adam (lr 0.001, β 0.9/0.999, ε 1e-7), batch 32, batch *s* =
  digits 32·*s* … of the page's digits asset. samples/s = 32 / median step after the first
  (burn flex: of a second run, the first step from the first run; WebGPU and TF.js: one run);
  each step reads back its loss (burn also its hits; TF.js \`trainOnBatch\`, as \`fit\` does per
  batch). Inference: one digit's probabilities read back, the mean of many calls; and 500
  digits in one call.
- **Native**: \`bench-native\` (engine/src/bin/bench_native.rs), the same engine code
  (\`engine::bench\`) on burn flex, one thread, built with the release profile the page uses.
- **Page load**: a fresh browser profile (cold cache) opens \`#/mlp-step\`; the time from
  navigation start until its step buttons are enabled on a ready backend (a MutationObserver
  records the moment). Transfer: every file the server sent for it; gzip is Node's zlib
  level 6 of each file (the test server sends them uncompressed).

## The same workload: first-step losses side by side

Both sides start from burn's initial weights (exported by the page's \`bench_workloads\` hook
and loaded into TF.js; conv kernels transposed to channels-last, dense1's rows permuted to
TF.js's flatten order) and train on the same rows. The loss of the first batch is computed
before any update, so equal losses mean equal model, weights, data and loss function; the
second CNN batch (after one Adam step) checks the optimiser too.

${r.checkTable}

## Issue 9's goals

${goalLines.join('\n')}

${misses.length ? misses.join('\n') : 'burn meets every goal in this run.'}

## Where a painted playground frame goes (no goal; burn flex)

The playground page paints ${f(frames?.cpu?.frames_per_s, 1)} frames/s on burn flex while the
engine alone computes ${f(burn.cpu?.mlp?.frames_per_s, 1)} epoch + frame per second (headless
Chromium paints at most 60).

${profileTable(prof?.frames, 'the playground page running (Run) on burn flex for 3 s')}
## How the profiles are taken

Chrome's sampling profiler (CDP \`Profiler.start\`/\`stop\` from playwright, 200 µs interval),
summarised by self time; "(program)" is V8's own work outside any JS or wasm function (on page
load mostly compiling the wasm module), "wasm-function[N]" a function of the shipped file,
which has no names. A window keeps a profile to the part of a hook call that a goal is about
(found from the hook's own timings: the MLP's steps loop; the CNN's first step, which starts
when the digits are inflated, and the steps after it). The profiled page is this build's own wasm *before* wasm-opt (saved by
\`scripts/bench.sh\` from trunk's wasm-bindgen output, which keeps the function names; the
shipped file has none): the same LLVM code, so where the time goes is the same, only the bytes
differ. Profiling slows the run slightly, so profile runs are not the table's numbers.
`;
}
