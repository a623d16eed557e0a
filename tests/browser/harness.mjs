// Shared by the browser tests: a static server for dist/, Chromium launch flags, and the
// native trace (the engine's `trace` tool) that page values are compared with.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const DIST = process.env.DIST_DIR || path.join(ROOT, 'dist');
export const SHOTS = path.join(ROOT, 'target', 'screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.bin': 'application/octet-stream',
};

/** Serves dist/ on a free loopback port; resolves to { url, close, requests }. */
export function serveDist() {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const clean = decodeURIComponent(req.url.split('?')[0]);
    let file = path.join(DIST, clean === '/' ? 'index.html' : clean);
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(DIST, 'index.html');
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close(), requests });
    });
  });
}

/** Debian's Chromium, headless, with or without the WebGPU adapter (SwiftShader); `extraArgs`
 *  are more command-line flags (the benchmark's WebGL needs `--enable-unsafe-swiftshader`). */
export async function launch({ webgpu, extraArgs = [] }) {
  const userDataDir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'bpl-chrome-'));
  const args = [
    '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
  ];
  if (webgpu) args.push('--enable-unsafe-webgpu');
  args.push(...extraArgs);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args,
    viewport: { width: 1400, height: 1000 },
  });
  return context;
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

const TRACE_BIN = process.env.TRACE_BIN || path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'debug', 'trace');

/** The engine's native trace (burn flex) of a lesson with the given assignments. */
export function nativeTrace(sets = [], lesson = 'mlp-step') {
  const args = [lesson, ...sets.flatMap((s) => ['--set', s])];
  return JSON.parse(execFileSync(TRACE_BIN, args, { encoding: 'utf8' }));
}

/** Ids of the lessons the `trace` tool serves, in course order. */
export function traceableLessons() {
  return execFileSync(TRACE_BIN, ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

export function screenshotPath(name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, `${name}.png`);
}

/** The engine's native worksheet (or answer key) of a lesson at its article setup, as HTML. */
export function nativeWorksheet(lesson, answers) {
  const args = [lesson, '--worksheet', ...(answers ? ['--answers'] : [])];
  return execFileSync(TRACE_BIN, args, { encoding: 'utf8' });
}
