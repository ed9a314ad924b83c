/**
 * The genre's snippets (phrasing/snippets.ts) as completion items, found by their prefixes where
 * they are typed: an English or pinyin prefix right after Chinese text or mid-sentence (各方stress,
 * 各方qiangdiao — an editor's own snippets match whole words only, and Chinese text has no spaces),
 * replacing just the prefix; or, when the list is asked for, the key word a template or a
 * connective starts with (欢迎 → 欢迎{日期}在{地点}通过的《{文件名称}》). One item per snippet, labelled
 * by its text, with the text and an example sentence from the corpus as documentation.
 */
import type { CompletionEntry } from '../service';
import type { PhrasingModel } from '../phrasing/model';
import { genreSnippets, snippetKindText, snippetText, type GenreSnippet } from '../phrasing/snippets';
import { lineMark } from '../corpus/formats';
import { escapeMarkdown } from '../text/markdown';
import { pick } from '../messages';
import { times } from '../phrasing/complete';
import type { Ctx } from './context';

/** An English or pinyin prefix being typed: at least this many letters. */
const MIN_PREFIX = 2;

const cache = new WeakMap<PhrasingModel, GenreSnippet[]>();

function snippetsOf(ctx: Ctx): GenreSnippet[] {
  const model = ctx.phrasing;
  if (!model) return [];
  let list = cache.get(model);
  if (!list) cache.set(model, (list = genreSnippets(model, ctx.kb)));
  return list;
}

/** The letters typed just before `offset` (a run of ASCII letters and hyphens starting with a letter). */
function typedPrefix(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && offset - s < 40 && /[A-Za-z-]/.test(text[s - 1])) s--;
  while (s < offset && text[s] === '-') s++;
  return text.slice(s, offset);
}

/** Snippets whose prefix starts with the letters typed before `offset` (undefined when none are typed). */
export function prefixSnippetEntries(ctx: Ctx, text: string, offset: number): CompletionEntry[] | undefined {
  const typed = typedPrefix(text, offset);
  if (typed.length < MIN_PREFIX) return undefined;
  const low = typed.toLowerCase();
  const out: CompletionEntry[] = [];
  snippetsOf(ctx).forEach((s, i) => {
    const prefix = s.prefixes.find((p) => p.startsWith(low));
    if (prefix) out.push(entry(ctx, s, i, offset - typed.length, offset, prefix));
  });
  return out.length ? out : undefined;
}

/** Templates and connectives that start with the key word just typed (when the list is asked for). */
export function keyWordSnippetEntries(ctx: Ctx, text: string, offset: number): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  snippetsOf(ctx).forEach((s, i) => {
    const w = s.keyWord;
    if (s.kind === 'opener' || !s.label.startsWith(w) || !text.startsWith(w, offset - w.length)) return;
    out.push(entry(ctx, s, i, offset - w.length, offset, w));
  });
  return out;
}

function entry(ctx: Ctx, s: GenreSnippet, i: number, start: number, end: number, filter: string): CompletionEntry {
  const kind = pick(snippetKindText(s.kind), ctx.locale);
  const doc = [escapeMarkdown(snippetText(s.body))];
  if (s.example) doc.push('', `${pick({ en: 'In the corpus:', zh: '语料示例：' }, ctx.locale)} ${escapeMarkdown(s.example.sentence)}`, '', `— ${escapeMarkdown(s.example.uri)}${lineMark(s.example.uri, s.example.line)}`);
  doc.push('', `${pick({ en: 'Prefixes', zh: '前缀' }, ctx.locale)}: ${[...s.prefixes, s.keyWord].map((p) => '`' + p + '`').join(' · ')}`);
  return {
    label: s.label,
    kind: s.kind === 'template' ? 'template' : 'formula',
    insertText: s.body,
    snippet: true,
    replace: { start, end },
    detail: `${kind} · ${times(s.count, ctx.locale)}`,
    documentation: doc.join('\n'),
    sortText: String(i).padStart(4, '0'),
    filterText: filter,
  };
}
