// Issue 21's checks of every page, measured once per page and language by story.test.mjs:
// what is on the first screen at 1400×900, the page's height, the width at 390×844, text in
// the other language, axe-core's serious and critical findings, and visible keyboard focus.
// Each check returns null when the page passes, or a short reason.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/browser.mjs';
import { foreignRuns } from './language.mjs';

export const DESKTOP = { width: 1400, height: 900 };
export const PHONE = { width: 390, height: 844 };
/** A projector's screen, for presentation mode. */
export const PROJECTOR = { width: 1280, height: 720 };
export const MAX_HEIGHT = 1800;
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** The loss chart of each page that runs (a step-through's, the text classifier's, the
 *  playground's, MNIST's). */
const LOSS_CHARTS = ['loss-chart', 'tc-loss-chart', 'pg-curves', 'mnist-loss-curves']
  .map((id) => `[data-testid="${id}"]`).join(', ');

/** What the first screen must show: the picture, the controls, and the current step (a
 *  step-through) or the loss chart (a page that runs). */
export function firstScreenParts(kind) {
  return {
    picture: '[data-testid="lesson-picture"]',
    controls: '[role="toolbar"]',
    [kind === 'steps' ? 'step' : 'chart']: kind === 'steps' ? '[data-testid="current-step"]' : LOSS_CHARTS,
  };
}

/** Opens a page and waits for its fonts and its first result. */
export async function openPage(page, url, kind) {
  await page.goto(url);
  await page.waitForSelector('[role="toolbar"], [data-testid="lesson-list"]', { timeout: 60_000 });
  if (kind === 'steps') {
    await page.waitForSelector('[data-testid="trace-backend"][data-kind]:not([data-kind=""])', { state: 'attached', timeout: 60_000 });
  }
  await page.evaluate(() => document.fonts.ready);
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Waits until the page's text stops changing (errata and reports fill in after the first
 *  result): the same length at three looks 300 ms apart, for 15 s at most. */
async function settle(page) {
  let last = -1;
  let same = 0;
  for (let i = 0; i < 50 && same < 2; i++) {
    const n = await page.evaluate(() => document.body.innerText.length);
    same = n === last ? same + 1 : 0;
    last = n;
    await page.waitForTimeout(300);
  }
}

/** null when every part is inside the viewport and not covered, and the picture fills at
 *  least 40 % of it; otherwise what is wrong. */
export async function firstScreen(page, parts) {
  const problems = await page.evaluate((parts) => {
    const vw = window.innerWidth; const vh = window.innerHeight;
    const out = [];
    if (window.scrollY !== 0) out.push(`scrollY ${window.scrollY}`);
    for (const [name, sel] of Object.entries(parts)) {
      const el = document.querySelector(sel);
      if (!el) { out.push(`${name}: missing`); continue; }
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.left < 0 || r.bottom > vh || r.right > vw) {
        out.push(`${name}: ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} outside ${vw}×${vh}`);
        continue;
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(el === hit || el.contains(hit))) out.push(`${name}: covered`);
      if (name === 'picture' && r.width * r.height < 0.4 * vw * vh) {
        out.push(`picture: ${Math.round(100 * r.width * r.height / (vw * vh))} % of the viewport`);
      }
    }
    return out;
  }, parts);
  return problems.length ? problems.join('; ') : null;
}

export async function height(page) {
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  return h <= MAX_HEIGHT ? null : `scrollHeight ${h} > ${MAX_HEIGHT}`;
}

export async function phoneWidth(page) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  return w <= PHONE.width ? null : `document ${w} px wide`;
}

export async function language(page) {
  const runs = await foreignRuns(page, 'body');
  return runs.length ? runs.slice(0, 4).map((r) => `“${r.text.slice(0, 40)}”: ${r.found.slice(0, 3).join(' ')}`).join('; ') : null;
}

/** axe-core's serious and critical violations (the script is evaluated in the page by the
 *  test only; the app loads nothing new). */
export async function axe(page) {
  const found = await page.evaluate(async (src) => {
    if (!window.axe) (0, eval)(src);
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes.length})`);
  }, AXE);
  return found.length ? found.join(', ') : null;
}

/** Tabs through the page; every control focused from the keyboard must look different from
 *  itself unfocused (outline, shadow, border or background). */
export async function focusVisible(page, maxTabs = 80) {
  await page.evaluate(() => { document.activeElement?.blur(); window.__focusLooks = []; });
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor].join('|');
  };
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const done = await page.evaluate((lookSrc) => {
      const look = eval(lookSrc);
      const el = document.activeElement;
      if (!el || el === document.body) return true;
      if (window.__focusLooks.some((f) => f.el === el)) return true; // wrapped around
      window.__focusLooks.push({ el, focused: look(el) });
      return false;
    }, look.toString());
    if (done) break;
  }
  const same = await page.evaluate((lookSrc) => {
    const look = eval(lookSrc);
    document.activeElement?.blur();
    return window.__focusLooks.filter((f) => f.el.isConnected && look(f.el) === f.focused)
      .map((f) => f.el.dataset.testid || f.el.id || f.el.tagName.toLowerCase());
  }, look.toString());
  return same.length ? `no visible focus: ${same.slice(0, 6).join(', ')}` : null;
}

/** Formulas and quotes that run out of their table cell (a cell may scroll its formula
 *  inside itself: `.cell-scroll`). Reads the tab panel on screen. */
export async function formulaOverflow(page) {
  const found = await page.evaluate(() => {
    const out = [];
    for (const td of document.querySelectorAll('[role=tabpanel]:not([hidden]) td')) {
      const edge = td.getBoundingClientRect().right + 1;
      for (const el of td.querySelectorAll('*')) {
        if (el.closest('.cell-scroll') && td.contains(el.closest('.cell-scroll'))) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > edge) {
          out.push(`${td.dataset.testid || td.className || 'cell'}: ${Math.round(r.right - edge)} px past “${td.textContent.trim().slice(0, 30)}”`);
          break;
        }
      }
    }
    return out;
  });
  return found.length ? found.slice(0, 3).join('; ') : null;
}
