import { serveDist, launch, showTab } from './harness.mjs';
import { formulaOverflow } from './story_pages.mjs';
const server = await serveDist();
const ctx = await launch({ webgpu: false });
const page = ctx.pages()[0];
await page.setViewportSize({ width: 1400, height: 900 });
for (const id of ['attention', 'optimizers', 'bce', 'linreg-gd']) {
await page.goto(`${server.url}/#/${id}`);
await page.waitForSelector('[data-testid="trace-backend"][data-kind="cpu"]', { state: 'attached', timeout: 60000 });
await showTab(page, 'formulas');
console.log(id, await formulaOverflow(page));
await showTab(page, 'errata');
console.log(id, await formulaOverflow(page));
}
await ctx.close(); server.close();
