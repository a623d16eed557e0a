// Shared by the browser tests: the page driver (scripts/browser.mjs, also used by the
// benchmarks), screenshots, and the native trace (the engine's `trace` tool) that page values
// are compared with.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from '../../scripts/browser.mjs';

export { ROOT, DIST, serveDist, launch, watchErrors } from '../../scripts/browser.mjs';
export const SHOTS = path.join(ROOT, 'target', 'screenshots');

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

/** Every live page of the registry in its order: [{ id, kind }], kind 'steps' for a
 *  step-through and 'runs' for a page that trains with Run. */
export function registryPages() {
  return execFileSync(TRACE_BIN, ['--pages'], { encoding: 'utf8' }).split('\n').filter(Boolean)
    .map((line) => { const [id, kind] = line.split(' '); return { id, kind }; });
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

/** Opens a step-through's tab (values, settings, formulas, errata, gradcheck, autograph,
 *  downloads) so that its controls can be used; a tab already open stays open. */
export async function showTab(page, id) {
  await page.click(`[data-testid="tab-${id}"]`);
  await page.waitForSelector(`[data-testid="tabpanel-${id}"]:not([hidden])`);
}
