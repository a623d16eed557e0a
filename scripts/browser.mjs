// Drives the built page in Debian's Chromium: a static server for dist/, the launch flags, and a
// console-error watcher. Shared by the browser tests (tests/browser/) and the benchmarks
// (benchmarks/), so neither imports the other's files.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const DIST = process.env.DIST_DIR || path.join(ROOT, 'dist');

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
