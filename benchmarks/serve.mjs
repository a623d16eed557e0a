// Benchmark server (not the tests' harness): the built page (dist/, or another folder) plus the
// bench-only TensorFlow.js page on the same origin: /bench/* from benchmarks/web/ and
// /bench/npm/<package>/* from node_modules/@tensorflow/ (three packages only). Nothing here is
// part of dist/. Records every response's path and byte count for the transfer-size row.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, DIST } from '../scripts/browser.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.bin': 'application/octet-stream',
};
const WEB = path.join(ROOT, 'benchmarks', 'web');
const NPM = path.join(ROOT, 'node_modules', '@tensorflow');
const PACKAGES = new Set(['tfjs', 'tfjs-backend-wasm', 'tfjs-backend-webgpu']);

function resolve(url, dist) {
  const clean = decodeURIComponent(url.split('?')[0]);
  if (clean.startsWith('/bench/npm/')) {
    const [pkg, ...rest] = clean.slice('/bench/npm/'.length).split('/');
    if (!PACKAGES.has(pkg)) return null;
    const base = path.join(NPM, pkg);
    const file = path.join(base, ...rest);
    return file.startsWith(base) ? file : null;
  }
  if (clean.startsWith('/bench/')) {
    const file = path.join(WEB, clean.slice('/bench/'.length));
    return file.startsWith(WEB) ? file : null;
  }
  const file = path.join(dist, clean === '/' ? 'index.html' : clean);
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    return path.join(dist, 'index.html');
  }
  return file;
}

/** Serves `dist` and the bench pages on a free loopback port: { url, close, log }. */
export function serveBench(dist = DIST) {
  const log = [];
  const server = http.createServer((req, res) => {
    const file = resolve(req.url, dist);
    if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    log.push({ url: req.url.split('?')[0], file, bytes: fs.statSync(file).size });
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      done({ url: `http://127.0.0.1:${port}`, close: () => server.close(), log });
    });
  });
}
