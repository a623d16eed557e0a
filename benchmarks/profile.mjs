// Chrome CPU profiles through CDP (Profiler.start/stop) for the benchmark, summarised by self
// time per function (Rust names demangled) and per crate.

/** Runs `fn` with the V8 sampling profiler on and returns the profile. */
export async function profileCall(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  let profile;
  try {
    await fn();
  } finally {
    ({ profile } = await cdp.send('Profiler.stop'));
    await cdp.detach().catch(() => {});
  }
  return profile;
}

/** V8's name for a wasm function with its hashes (`::h…`, `[…]` crate disambiguators) dropped. */
function clean(name) {
  return name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
}

/** A legacy-mangled Rust symbol (`_ZN…E`) as a path, without the hash; others unchanged. */
export function demangle(name) {
  let s = name.startsWith('$') ? name.slice(1) : name;
  const m = s.match(/^_?_ZN(.*)E$/);
  if (!m) return s;
  const body = m[1];
  const parts = [];
  let i = 0;
  while (i < body.length) {
    const d = body.slice(i).match(/^(\d+)/);
    if (!d) break;
    const n = Number(d[1]);
    i += d[1].length;
    parts.push(body.slice(i, i + n));
    i += n;
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  const esc = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };
  return parts.map((p) => p
    .replace(/\$([A-Z]{1,2})\$/g, (_, c) => esc[c] ?? _)
    .replace(/\$u([0-9a-f]+)\$/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\.\./g, '::')
    .replace(/^_\$/, '$')).join('::');
}

const isWasm = (url) => url.startsWith('wasm://') || url.endsWith('.wasm');

function crateOf(fn, url) {
  if (fn.startsWith('(')) return fn;
  if (fn === 'wasm-to-js' || fn === 'js-to-wasm') return 'JS ↔ wasm calls';
  if (!isWasm(url)) return 'JavaScript (glue, page, browser)';
  const m = fn.replace(/^<+/, '').match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  return m ? m[1] : 'wasm (no name)';
}

/** Crates grouped by what their time is spent on. */
export const GROUPS = [
  ['arithmetic kernels (burn_flex, gemm, libm)', /^(burn_flex|gemm.*|compiler_builtins|libm|macerator.*)$/],
  ['burn bookkeeping (autodiff graph, tensor dispatch, optimiser)', /^(burn_autodiff|burn_tensor|burn_dispatch|burn_optim|burn_backend|burn_core|burn_nn|burn_ir|burn_std)$/],
  ['allocation and hashing (dlmalloc, alloc, hashbrown, std, core)', /^(dlmalloc|alloc|hashbrown|std|core|__rustc)$/],
  ['GPU: shader compile and dispatch (cubecl, pliron, wgpu)', /^(cubecl.*|cubek.*|pliron|wgpu.*|naga)$/],
  ['V8 (compile, GC) and the browser', /^\((program|garbage collector)\)$|^JavaScript|^JS ↔ wasm/],
  ['the app and UI (engine, backprop_lab, leptos, plotters)', /^(engine|backprop_lab|tachys|leptos.*|reactive_graph|plotters.*|web_sys|js_sys|wasm_bindgen.*)$/],
];

/** Self time by function and by crate; `idle` is excluded from the percentages. With
 *  `from`/`to` (ms after the profile's start) only the samples in that window count. */
export function summarise(profile, { top = 15, from = 0, to = Infinity } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0; let idle = 0; let at = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000; // ms
    at += dt;
    if (at < from || at > to) return;
    const cf = byId.get(id).callFrame;
    const fn = clean(demangle(cf.functionName || '(anonymous)'));
    if (fn === '(idle)') { idle += dt; return; }
    total += dt;
    const key = `${fn}\u0000${cf.url}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const functions = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => {
    const [fn, url] = k.split('\u0000');
    return { fn, where: isWasm(url) ? 'wasm' : (url.split('/').pop() || 'V8 / browser'), ms, pct: (100 * ms) / total };
  });
  const crates = new Map();
  for (const [k, ms] of self.entries()) {
    const [fn, url] = k.split('\u0000');
    const c = crateOf(fn, url);
    crates.set(c, (crates.get(c) ?? 0) + ms);
  }
  const byCrate = [...crates.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([crate, ms]) => ({ crate, ms, pct: (100 * ms) / total }));
  const groups = {};
  for (const [c, ms] of crates.entries()) {
    const g = GROUPS.find(([, re]) => re.test(c))?.[0] ?? 'other';
    groups[g] = (groups[g] ?? 0) + (100 * ms) / total;
  }
  return { busyMs: total, idleMs: idle, from, to, functions, byCrate, groups };
}

/** Code bytes per crate of a wasm module that still has its name section (before wasm-opt). */
export function wasmSizes(bytes, top = 12) {
  let i = 8;
  const leb = () => { let r = 0; let sh = 0; let b; do { b = bytes[i++]; r += (b & 0x7f) * 2 ** sh; sh += 7; } while (b & 0x80); return r; };
  let imports = 0; let bodies = []; const names = new Map(); let total = bytes.length;
  const sections = [];
  while (i < bytes.length) {
    const id = bytes[i++]; const len = leb(); const end = i + len;
    sections.push({ id, len });
    if (id === 2) { // imports: count function imports
      const n = leb();
      for (let k = 0; k < n; k++) {
        i += leb(); i += leb(); // module, field
        const kind = bytes[i++];
        if (kind === 0) { leb(); imports++; } else if (kind === 1) { i++; const f = leb(); leb(); if (f & 1) leb(); } else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); } else if (kind === 3) { i += 2; } else { i++; leb(); }
      }
    } else if (id === 10) {
      const n = leb();
      for (let k = 0; k < n; k++) { const sz = leb(); bodies.push(sz); i += sz; }
    } else if (id === 0) {
      const nl = leb(); const name = new TextDecoder().decode(bytes.subarray(i, i + nl)); i += nl;
      if (name === 'name') {
        while (i < end) {
          const sub = bytes[i++]; const sl = leb(); const se = i + sl;
          if (sub === 1) {
            const n = leb();
            for (let k = 0; k < n; k++) { const idx = leb(); const l = leb(); names.set(idx, new TextDecoder().decode(bytes.subarray(i, i + l))); i += l; }
          }
          i = se;
        }
      }
    }
    i = end;
  }
  const crates = new Map(); let code = 0;
  bodies.forEach((sz, k) => {
    code += sz;
    const fn = clean(demangle(names.get(imports + k) ?? ''));
    const c = crateOf(fn || '(no name)', 'wasm://');
    crates.set(c, (crates.get(c) ?? 0) + sz);
  });
  const data = sections.filter((s) => s.id === 11).reduce((a, s) => a + s.len, 0);
  const custom = sections.filter((s) => s.id === 0).reduce((a, s) => a + s.len, 0);
  return {
    total, code, data, custom, functions: bodies.length,
    byCrate: [...crates.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([crate, b]) => ({ crate, bytes: b, pct: (100 * b) / code })),
  };
}

/** ms after the profile's start of the last sample in a function whose name matches `re`. */
export function lastSampleOf(profile, re) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let at = 0; let last = 0;
  profile.samples.forEach((id, i) => {
    at += (profile.timeDeltas[i] ?? 0) / 1000;
    if (re.test(clean(demangle(byId.get(id).callFrame.functionName || '')))) last = at;
  });
  return last;
}
