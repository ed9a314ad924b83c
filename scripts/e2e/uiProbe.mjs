// The UI probe of the VS Code suite (run-vscode.mjs starts it): the suite, running in the extension
// host, cannot see the workbench; it writes a request `probe-<name>.json` into the results folder
// ({ name, type?, keys?, contextMenu?, until?, settleMs?, timeoutMs? }), and this side, which drives
// the browser, types the text asked for with the keyboard (the extension host's `type` command
// does not count as typing for trigger characters), presses the keys asked for, opens the editor's
// context menu if asked, waits until the
// conditions hold (or the time is up), takes test-results/<name>.png and answers in
// `probe-<name>.answer.json` with what the workbench shows:
//   suggest      the suggest widget: { visible, rows: [{ label, detail, focused }], details }
//   ghost        the ghost text shown in the editor ('' when none)
//   quickInput   the quick pick: { visible, placeholder, rows }
//   menu         the context menu's entries (when one is open)
//   placeholders how many snippet placeholders the editor marks
// `until` lists conditions: 'suggest' / '!suggest' (the widget shown or not), 'ghost' / '!ghost',
// 'quickInput', 'menu', or { row: text } (a suggest row containing text), { ghostText: text }.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Polls `resultsDir` for probe requests until stopped; screenshots go to `shotsDir`. Writes
 * `probe-ready` there first: the suite asks only when it is there (desktop VS Code has no probe).
 * Returns stop().
 */
export function startUiProbe(page, resultsDir, shotsDir, log = () => {}) {
  writeFileSync(path.join(resultsDir, 'probe-ready'), '');
  let stopped = false;
  const busy = new Set();
  const timer = setInterval(() => {
    if (stopped) return;
    let files = [];
    try {
      files = readdirSync(resultsDir).filter((f) => /^probe-[\w.-]+\.json$/.test(f) && !f.endsWith('.answer.json'));
    } catch {
      return;
    }
    for (const f of files) {
      if (busy.has(f)) continue;
      busy.add(f);
      const file = path.join(resultsDir, f);
      let request;
      try {
        request = JSON.parse(readFileSync(file, 'utf8'));
        rmSync(file);
      } catch {
        busy.delete(f);
        continue;
      }
      answer(page, request, shotsDir)
        .catch((e) => ({ error: String(e?.message ?? e) }))
        .then((a) => {
          const out = path.join(resultsDir, `probe-${request.name}.answer.json`);
          writeFileSync(out + '.tmp', JSON.stringify(a, null, 2));
          renameSync(out + '.tmp', out);
          log(`ui probe ${request.name}: ${a.error ? 'ERROR ' + a.error : a.ok ? 'ok' : 'NOT MET ' + JSON.stringify(a.unmet)} → ${a.screenshot ?? ''}`);
          busy.delete(f);
        });
    }
  }, 100);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** What the workbench shows now (run in the page). */
function readUi() {
  const visible = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  // menus are drawn in shadow roots
  const deepAll = (sel) => {
    const out = [];
    const walk = (root) => {
      out.push(...root.querySelectorAll(sel));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return out;
  };
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
  const widget = document.querySelector('.editor-widget.suggest-widget');
  const suggestVisible = !!widget && widget.classList.contains('visible') && visible(widget);
  const rows = suggestVisible
    ? [...widget.querySelectorAll('.monaco-list-row')].map((r) => ({
        label: text(r.querySelector('.label-name')) || text(r),
        detail: text(r.querySelector('.details-label')),
        focused: r.classList.contains('focused'),
      }))
    : [];
  const details = document.querySelector('.suggest-details-container .suggest-details');
  const ghost = [...document.querySelectorAll('.ghost-text-decoration, .ghost-text-decoration-preview, .ghost-text')]
    .filter(visible)
    .map(text)
    .join('');
  const qi = document.querySelector('.quick-input-widget');
  const quickInput = {
    visible: visible(qi),
    placeholder: qi?.querySelector('input')?.getAttribute('placeholder') ?? '',
    rows: visible(qi) ? [...qi.querySelectorAll('.monaco-list-row')].map(text).slice(0, 20) : [],
  };
  const menu = deepAll('.monaco-menu .action-label').filter(visible).map(text).filter(Boolean);
  return {
    suggest: { visible: suggestVisible, rows, details: visible(details) ? text(details) : '' },
    ghost,
    quickInput,
    menu,
    placeholders: document.querySelectorAll('[class*="snippet-placeholder"]').length,
  };
}

function met(ui, c) {
  if (c === 'suggest') return ui.suggest.visible && ui.suggest.rows.length > 0;
  if (c === '!suggest') return !ui.suggest.visible;
  if (c === 'ghost') return ui.ghost.length > 0;
  if (c === '!ghost') return ui.ghost.length === 0;
  if (c === 'quickInput') return ui.quickInput.visible;
  if (c === 'menu') return ui.menu.length > 0;
  if (c && typeof c === 'object' && 'row' in c) return ui.suggest.rows.some((r) => r.label.includes(c.row));
  if (c && typeof c === 'object' && 'ghostText' in c) return ui.ghost.includes(c.ghostText);
  return false;
}

async function answer(page, request, shotsDir) {
  const { name, type = '', keys = [], contextMenu = false, until = [], settleMs = 400, timeoutMs = 10_000 } = request;
  if (type) await page.keyboard.type(type, { delay: 60 });
  for (const k of keys) await page.keyboard.press(k);
  if (contextMenu) {
    const cursor = await page.$('.monaco-editor.focused .cursor');
    const box = cursor && (await cursor.boundingBox());
    if (box) await page.mouse.click(box.x + 1, box.y + box.height / 2, { button: 'right' });
  }
  const deadline = Date.now() + timeoutMs;
  let ui;
  for (;;) {
    ui = await page.evaluate(readUi);
    if (until.every((c) => met(ui, c)) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // settled: the state holds a moment later too (a list that opens late would show now)
  await new Promise((r) => setTimeout(r, settleMs));
  ui = await page.evaluate(readUi);
  const shot = path.join(shotsDir, `drafting-${name}.png`);
  await page.screenshot({ path: shot });
  const unmet = until.filter((c) => !met(ui, c));
  if (contextMenu) await page.keyboard.press('Escape');
  return { ...ui, ok: unmet.length === 0, unmet, screenshot: path.relative(path.resolve(shotsDir, '..'), shot) };
}
