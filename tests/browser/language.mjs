// One language at a time: finds visible text of the other language in a part of the page.
// Shared by the browser tests (errata now; the page-wide sweep can reuse it). Text marked as
// foreign on purpose is skipped: an element whose `lang` differs from the page's, <code>, math,
// and a verbatim quote of an article (`data-quote`: the article's own words, its code and its
// English terms in brackets included, are quoted as printed), and what is marked
// translate="no" (the autodiff graph's op and tape names are code identifiers). Latin words allowed in Chinese come from tests/latin_in_chinese.txt,
// the list the native errata test reads too.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/browser.mjs';

export const LATIN_IN_CHINESE = fs.readFileSync(path.join(ROOT, 'tests', 'latin_in_chinese.txt'), 'utf8')
  .split('\n').map((l) => l.split('#')[0].trim()).filter(Boolean);

/** Visible text nodes under `selector`, and the titles, accessible names, placeholders and alt
 *  texts of visible elements, with the language they are read in, skipping code and math. */
async function textRuns(page, selector) {
  return page.evaluate((sel) => {
    const pageLang = document.documentElement.lang || 'zh';
    const out = [];
    for (const root of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('code, math, script, style, noscript, [data-quote], [translate="no"]')) continue;
        // Only what is shown: not text in a closed <details> or a hidden element.
        // An <option> is drawn by its <select>: it is shown when the select is.
        const drawn = el.closest('select') ?? el;
        if (drawn.checkVisibility && !drawn.checkVisibility({ visibilityProperty: true })) continue;
        const marked = el.closest('[lang]');
        const lang = marked ? marked.getAttribute('lang') : pageLang;
        const text = n.textContent.trim();
        if (text) out.push({ text, foreign: lang.slice(0, 2) !== pageLang.slice(0, 2) });
      }
      // What a tooltip or a screen reader says: titles, accessible names, placeholders.
      for (const el of root.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
        if (el.closest('code, math, script, style, noscript, [data-quote], [translate="no"]')) continue;
        if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) continue;
        const marked = el.closest('[lang]');
        const lang = marked ? marked.getAttribute('lang') : pageLang;
        for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
          const text = (el.getAttribute(name) ?? '').trim();
          if (text) out.push({ text, foreign: lang.slice(0, 2) !== pageLang.slice(0, 2) });
        }
      }
    }
    return { pageLang, runs: out };
  }, selector);
}

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

/** The offending words or characters of `text` in a page of language `lang`. */
export function otherLanguage(text, lang, allowed = LATIN_IN_CHINESE) {
  if (lang.startsWith('zh')) {
    return (text.match(/[A-Za-z0-9_]+/g) ?? [])
      .filter((t) => t.length >= 3 && !/[0-9_]/.test(t) && !allowed.includes(t));
  }
  // An English sentence may quote the article's Chinese words in “…”.
  const unquoted = text.replace(/“[^”]*”/g, '');
  return [...unquoted].filter((c) => CJK.test(c));
}

/** Every run of text under `selector` that shows the other language: [{ text, found }]. */
export async function foreignRuns(page, selector) {
  const { pageLang, runs } = await textRuns(page, selector);
  return runs
    .filter((r) => !r.foreign)
    .map((r) => ({ text: r.text, found: otherLanguage(r.text, pageLang) }))
    .filter((r) => r.found.length > 0);
}
