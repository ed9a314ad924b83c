// What a strict client (VS Code) rejects in a response: validation shared by the fuzzer and the
// protocol tests.
import { createRequire } from 'node:module';

let markdownIt;
/**
 * Problems with markdown that should hold no active content from corpus or draft text: rendered
 * by markdown-it with HTML on, it must produce no image, script, event handler, or link to
 * anything but a file/corpus location, and no command:/javascript: link even with autolinks.
 */
export function markdownProblems(markdown) {
  if (!markdown) return [];
  if (!markdownIt) {
    const MarkdownIt = createRequire(import.meta.url)('markdown-it');
    markdownIt = { plain: new MarkdownIt({ html: true, linkify: false }), linkify: new MarkdownIt({ html: true, linkify: true }) };
  }
  const html = markdownIt.plain.render(markdown);
  const problems = [];
  if (/<img\b/i.test(html)) problems.push('renders an image');
  if (/<script\b/i.test(html)) problems.push('renders a script');
  if (/<[^>]*\bon[a-z]+\s*=/i.test(html)) problems.push('renders an event handler attribute');
  for (const m of html.matchAll(/<a\b[^>]*href="([^"]*)"/gi)) if (!/^(file:|builtin:|#)/.test(m[1])) problems.push(`renders a link to ${m[1]}`);
  if (/href="(command:|javascript:)/i.test(markdownIt.linkify.render(markdown))) problems.push('renders a command/javascript link with autolinks');
  return problems.map((p) => `${p}: ${JSON.stringify(markdown.slice(0, 300))}`);
}

/** Problems with an LSP response for `doc` (the client's copy of the text the request saw). */
export function validateResponse(kind, res, doc, position) {
  const problems = [];
  if (res == null) return problems;
  const lines = doc.getText().split(/\r\n|\r|\n/);
  // LSP: "if the character value is greater than the line length it defaults back to the line
  // length" — so a character past the end of its line is tolerated (clamped), a line past the end
  // of the text or a negative value is not.
  const posOk = (p) => p && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lines.length;
  const clamp = (p) => ({ line: p.line, character: Math.min(p.character, lines[p.line]?.length ?? 0) });
  const before = (a0, b0) => {
    const a = clamp(a0);
    const b = clamp(b0);
    return a.line < b.line || (a.line === b.line && a.character <= b.character);
  };
  const rangeOk = (r) => r && posOk(r.start) && posOk(r.end) && before(r.start, r.end);
  const why = (r) =>
    !r ? 'missing' : !posOk(r.start) ? `start ${show(r.start)} outside the text (line length ${lines[r.start.line]?.length})` : !posOk(r.end) ? `end ${show(r.end)} outside the text (line length ${lines[r.end.line]?.length})` : 'end before start';
  const contains = (outer, inner) => before(outer.start, inner.start) && before(inner.end, outer.end);
  const show = (x) => JSON.stringify(x).slice(0, 300);
  const markdownOf = (c) => (!c ? '' : typeof c === 'string' ? c : Array.isArray(c) ? c.map(markdownOf).join('\n') : c.kind === 'plaintext' ? '' : (c.value ?? ''));
  if (kind === 'hover') {
    if (res.range && !rangeOk(res.range)) problems.push(`invalid hover range ${show(res.range)}: ${why(res.range)}`);
    problems.push(...markdownProblems(markdownOf(res.contents)).map((p) => `hover ${p}`));
  } else if (kind === 'completion') {
    const items = Array.isArray(res) ? res : res.items ?? [];
    for (const it of items) {
      problems.push(...markdownProblems(markdownOf(it.documentation)).map((p) => `completion ${it.label} documentation ${p}`));
      const te = it.textEdit;
      if (!te) continue;
      const ranges = te.range ? [te.range] : [te.insert, te.replace];
      for (const r of ranges) {
        if (!rangeOk(r)) problems.push(`completion ${it.label}: invalid textEdit range ${show(r)}: ${why(r)}`);
        else if (r.start.line !== r.end.line) problems.push(`completion ${it.label}: textEdit range spans lines ${show(r)}`);
        else if (!contains(r, { start: position, end: position })) problems.push(`completion ${it.label}: textEdit range ${show(r)} does not contain the position ${show(position)}`);
      }
    }
  } else if (kind === 'symbols') {
    const walk = (list, parent) => {
      for (const sym of list ?? []) {
        if (!sym.range) continue; // SymbolInformation
        if (!rangeOk(sym.range) || !rangeOk(sym.selectionRange)) problems.push(`symbol ${sym.name}: invalid range ${show(sym.range)} / ${show(sym.selectionRange)}: ${rangeOk(sym.range) ? why(sym.selectionRange) : why(sym.range)}`);
        else if (!contains(sym.range, sym.selectionRange)) problems.push(`symbol ${sym.name}: selectionRange outside range`);
        else if (parent && !contains(parent, sym.range)) problems.push(`symbol ${sym.name}: outside its parent`);
        if (typeof sym.name !== 'string' || sym.name.trim() === '') problems.push(`symbol with an empty name ${show(sym)}`);
        walk(sym.children, sym.range);
      }
    };
    walk(res);
  } else if (kind === 'tokens') {
    const data = res.data ?? [];
    if (data.length % 5) problems.push(`semantic tokens: ${data.length} integers, not a multiple of 5`);
    let line = 0;
    let char = 0;
    let prevEnd = 0;
    for (let i = 0; i + 4 < data.length; i += 5) {
      const [dl, ds, len] = data.slice(i, i + 3);
      if (dl < 0 || (dl === 0 && ds < 0) || len <= 0) problems.push(`semantic token #${i / 5}: deltaLine ${dl}, deltaStart ${ds}, length ${len}`);
      line += dl;
      char = dl === 0 ? char + ds : ds;
      if (dl === 0 && char < prevEnd) problems.push(`semantic token #${i / 5} overlaps the previous one (line ${line})`);
      if (line >= lines.length || char + len > lines[line].length) problems.push(`semantic token #${i / 5} runs past its line (${line}:${char}+${len}, line length ${lines[line]?.length})`);
      prevEnd = char + len;
      if (problems.length > 5) break;
    }
  } else if (kind === 'diagnostics') {
    for (const dg of res) {
      if (!rangeOk(dg.range)) problems.push(`diagnostic ${dg.code}: invalid range ${show(dg.range)}: ${why(dg.range)}`);
      if (![1, 2, 3, 4].includes(dg.severity)) problems.push(`diagnostic ${dg.code}: severity ${dg.severity}`);
      if (typeof dg.message !== 'string' || !dg.message.trim()) problems.push(`diagnostic ${dg.code}: empty message`);
    }
  } else if (kind === 'folding') {
    for (const f of res) {
      if (!(Number.isInteger(f.startLine) && Number.isInteger(f.endLine) && f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines.length)) problems.push(`folding range ${show(f)} (lines ${lines.length})`);
    }
  }
  return problems;
}

