#!/usr/bin/env node
// UI-level check in the browser, the way a drafter sees it: code-server with the installed .vsix,
// open test/e2e/fixtures/workspace/draft.communique by clicking it in the Explorer, move the mouse
// over a character of a referenced title, wait for the hover widget (.monaco-hover) and assert that
// its text shows the date and place of adoption. Saves test-results/hover.png (CI artefact).
//
// Env: as run-vscode.mjs (CHANCERY_VSIX, CHANCERY_CODE_SERVER, CHANCERY_E2E_KEEP, CHANCERY_E2E_TIMEOUT).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  REPO, cleanup, installTools, installVsix, launchChromium, log, makeHome, packageVsix,
  startCodeServer, timed, withTimeout,
} from './lib.mjs';

const TIMEOUT = Number(process.env.CHANCERY_E2E_TIMEOUT || 180) * 1000;
const RESULTS = path.join(REPO, 'test-results');
const FILE = 'draft.communique';
const TARGET = '国际道路运输便利化协定'; // hover a character inside this title
const EXPECT = ['2014年9月12日', '杜尚别'];
const BAD_FILE = 'misquoted-title.txt';
const BAD = '便俐化协定'; // the misquoted part of the title
const BAD_EXPECT = ['title-misquoted', '上合组织成员国政府间国际道路运输便利化协定'];

/** Runs in the page: the viewport point at the centre of the `index`-th character of `needle`
 *  in the editor's rendered lines (found through the lines' DOM text nodes and a Range rect). */
function locateInPage({ needle, index }) {
  // Rendered line segments (word wrap splits a model line into several) in visual order.
  const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')].sort(
    (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
  );
  const nodes = [];
  let text = '';
  for (const line of lines) {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n, start: text.length });
      text += n.data;
    }
  }
  const at = text.indexOf(needle);
  if (at < 0) return null;
  const offset = at + index;
  const hit = nodes.findLast((x) => x.start <= offset);
  const range = document.createRange();
  range.setStart(hit.node, offset - hit.start);
  range.setEnd(hit.node, offset - hit.start + 1);
  const r = range.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
}

/** Runs in the page: the text of the visible hover widget, or ''. */
function hoverText() {
  const hovers = [...document.querySelectorAll('.monaco-hover')].filter(
    (h) => !h.classList.contains('hidden') && h.offsetParent !== null && h.getBoundingClientRect().height > 0,
  );
  return hovers.map((h) => h.innerText).join('\n');
}

/** Clicks `file` in the Explorer and waits until the editor renders `needle`. */
async function openFromExplorer(file, needle) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first();
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  await row.click();
  await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: needle }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Moves the mouse onto the `index`-th character of `needle` (and a neighbour on later tries)
 *  until a hover widget shows every string of `expect`; returns the widget's text. The server may
 *  still be starting, so it polls with a deadline. */
async function hoverUntil(needle, index, expect) {
  const deadline = Date.now() + 60_000;
  let seen = '';
  for (let i = 0; Date.now() < deadline; i++) {
    const pt = await page.evaluate(locateInPage, { needle, index: index + (i % 3) });
    if (!pt) throw new Error(`"${needle}" is not rendered in the editor`);
    await page.mouse.move(5, 5);
    await page.mouse.move(pt.x, pt.y, { steps: 3 });
    try {
      await page.waitForFunction(
        (want) => {
          const t = [...document.querySelectorAll('.monaco-hover')]
            .filter((h) => !h.classList.contains('hidden') && h.getBoundingClientRect().height > 0)
            .map((h) => h.innerText)
            .join('\n');
          return want.every((e) => t.includes(e));
        },
        expect,
        { timeout: 2500, polling: 100 },
      );
      // Let the widget finish fading in (for the screenshot).
      await page
        .waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].every((h) => h.getAnimations({ subtree: true }).length === 0), null, {
          timeout: 5000,
          polling: 50,
        })
        .catch(() => {});
      return await page.evaluate(hoverText);
    } catch {
      seen = await page.evaluate(hoverText);
    }
  }
  throw new Error(`no hover with ${expect.join(' and ')} appeared; last hover text: ${JSON.stringify(seen)}`);
}

let page;

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  const codeServer = await timed('tools (install-tools.sh, cached)', () => installTools());
  const vsix = await timed('npm run package', () => packageVsix());
  const dirs = makeHome('chancery-ui-');
  // Wrap long lines so the whole title is on screen whatever the viewport.
  const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
  const { readFileSync } = await import('node:fs');
  writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(readFileSync(settingsFile, 'utf8')), 'editor.wordWrap': 'on', 'editor.fontSize': 16 }, null, 2));
  await timed('code-server --install-extension', () => installVsix(codeServer, vsix, dirs));
  const server = await timed('start code-server', () =>
    startCodeServer(codeServer, dirs, { logFile: path.join(RESULTS, 'code-server-ui.log') }),
  );
  ({ page } = await timed('launch chromium', () => launchChromium(dirs, { viewport: { width: 1280, height: 800 } })));

  await page.goto(`${server.base}/?folder=${encodeURIComponent(dirs.workspace)}`);
  await timed('open the draft from the Explorer', () => openFromExplorer(FILE, TARGET.slice(0, 4)));
  const text = await timed('hover the title', () => hoverUntil(TARGET, 2, EXPECT));
  // Report (without failing) characters VS Code boxes as ambiguous/invisible Unicode in the
  // draft: in Chinese text these are the ideographic space and full-width punctuation, which a
  // language-specific editor.unicodeHighlight default turns off.
  const boxed = await page.evaluate(
    () => document.querySelectorAll('.editor-instance .monaco-editor [class*="unicode-highlight"]').length,
  );
  if (boxed) log(`note: ${boxed} character(s) boxed by editor.unicodeHighlight in ${FILE}`);
  const shot = path.join(RESULTS, 'hover.png');
  await page.screenshot({ path: shot });
  log(`hover text: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
  log(`screenshot: ${path.relative(REPO, shot)}`);
  for (const e of EXPECT) if (!text.includes(e)) throw new Error(`hover text lacks ${e}`);

  // A misquoted title: the squiggle is drawn, and hovering it shows the diagnostic with the
  // canonical title it should be.
  await timed('open the misquoted draft from the Explorer', () => openFromExplorer(BAD_FILE, BAD.slice(0, 4)));
  await timed('wait for the squiggle', () =>
    page.locator('.editor-instance .monaco-editor [class*="squiggly-"]').first().waitFor({ state: 'attached', timeout: 60_000 }),
  );
  const diagText = await timed('hover the squiggle', () => hoverUntil(BAD, 1, BAD_EXPECT));
  const shot2 = path.join(RESULTS, 'diagnostic.png');
  await page.screenshot({ path: shot2 });
  log(`diagnostic hover: ${diagText.replace(/\s+/g, ' ').slice(0, 300)}`);
  log(`screenshot: ${path.relative(REPO, shot2)}`);
  return 0;
}

let status = 1;
try {
  status = await withTimeout(main(), TIMEOUT, 'ui-hover');
  log('ui-hover passed: the hover widget shows ' + EXPECT.join(' / '));
} catch (e) {
  console.error('[e2e] ui-hover FAILED:', e?.stack ?? e);
  status = 1;
  if (page) {
    await page.screenshot({ path: path.join(RESULTS, 'hover-failure.png') }).catch(() => {});
    log('screenshot of the failure: test-results/hover-failure.png');
  }
} finally {
  await cleanup();
}
process.exit(status);
