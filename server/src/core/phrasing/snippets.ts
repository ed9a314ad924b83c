/**
 * The genre's standard clauses as snippets: the formulas and templates the learner mined that are
 * formulas of the genre rather than fragments of longer phrases, one snippet each, with a readable
 * label, its text, how often the corpus uses it and an example sentence. Completion serves them
 * (features/snippets.ts) where a prefix is typed, mid-sentence too; scripts/snippets.mjs writes
 * them to snippets/communique.code-snippets for other editors.
 *
 * Every clause comes from the corpus. The fixed vocabulary is the genre's (lang/zh/phrasing.ts):
 * GLOSSARY maps the key words (verbs such as 强调, 欢迎, 通过, and a few evaluative phrases such as
 * 十分重要) to a short English prefix and their pinyin, so a drafter can type `stress`, `qiangdiao`
 * or `强调`; ADVERBIAL_LEADS, PREDICATE_LEADS and FRAME_PREPOSITIONS say what may stand around a key
 * word in a formula. What is built otherwise (论坛成果，, 包括制定, 加快建立上合组织…) is a fragment:
 * completion still proposes it as a phrase where the corpus writes it, it is not a snippet.
 */
import type { KnowledgeBase, Message, Provenance } from '../types';
import { ADVERBIAL_LEADS, FRAME_PREPOSITIONS, GLOSSARY, PREDICATE_LEADS, isClausePunct } from '../lang/zh/phrasing';
import type { Formula, FormulaKind, PhrasingModel } from './model';
import { escapeSnippet, templateSnippet } from './snippetText';

export type SnippetKind = FormulaKind | 'template';

export interface GenreSnippet {
  /** Readable: the formula as written (各代表团团长强调，), a frame's gap as … (注意到关于…的倡议。), a template's slots named (欢迎{日期}在{地点}通过的《{文件名称}》). */
  label: string;
  kind: SnippetKind;
  /** The key word the prefixes name (强调). */
  keyWord: string;
  /** Typed to find it: English and pinyin (stress, qiangdiao), for templates led by a verb both joined (welcome-adopted). */
  prefixes: string[];
  /** Snippet syntax ($1, ${1|a,b|}, $0). */
  body: string;
  /** How many sentences or clauses of the corpus use it. */
  count: number;
  /** One attested use. */
  example?: Provenance;
}

export interface SnippetOptions {
  /** Formulas per kind (most frequent first). Default 12. */
  perKind?: number;
  /** Minimum corpus count of a formula. Default 2. */
  minCount?: number;
  /** Choices per template tab stop. Default 12. */
  maxChoices?: number;
}

/** The key word of a text: the longest glossary entry in it; among equals, the earlier glossary entry. */
function keyWord(text: string): string | undefined {
  let best: string | undefined;
  for (const w of Object.keys(GLOSSARY)) if (text.includes(w) && (!best || w.length > best.length)) best = w;
  return best;
}

/** `s` is a run of ADVERBIAL_LEADS (possibly none). */
function adverbs(s: string): boolean {
  if (!s) return true;
  return ADVERBIAL_LEADS.some((a) => s.startsWith(a) && adverbs(s.slice(a.length)));
}

/** The text without its clause punctuation at the end. */
function bare(s: string): string {
  return s.length && isClausePunct(s[s.length - 1]) ? s.slice(0, -1) : s;
}

/** A verb phrase: adverbs, then the key word at its end (应继续落实, 切实落实, 高度评价). */
function verbPhrase(s: string, w: string): boolean {
  return s.endsWith(w) && adverbs(s.slice(0, s.length - w.length));
}

/** A closing evaluation: the key word first, or after a predicate (十分重要。, 具有重要意义，, 出席会议。). */
function closing(s: string, w: string): boolean {
  const at = s.indexOf(w);
  return at === 0 || (at > 0 && PREDICATE_LEADS.includes(s.slice(0, at)));
}

/**
 * Whether a mined formula is a formula of the genre rather than a fragment of a longer phrase:
 * an opener ends with its key word (各代表团团长注意到, 各代表团团长强调，); a connective is a verb phrase
 * (应继续落实); a closer starts with its key word or a predicate (十分重要。); a frame opens with a
 * verb phrase (a preposition may follow) and closes with 的 or a closer (注意到关于…的倡议。).
 */
export function isGenreFormula(f: Formula, w: string): boolean {
  switch (f.kind) {
    case 'opener':
      return bare(f.text).endsWith(w);
    case 'connective':
      return verbPhrase(f.text, w);
    case 'closer':
      return closing(bare(f.text), w);
    case 'frame': {
      const [a, b] = f.parts;
      const prep = FRAME_PREPOSITIONS.find((p) => a.endsWith(p) && a.length > p.length);
      const head = prep ? a.slice(0, a.length - prep.length) : a;
      const wa = keyWord(head);
      const wb = keyWord(b);
      return !!wa && verbPhrase(head, wa) && (b.startsWith('的') || (!!wb && closing(bare(b), wb)));
    }
  }
}

const KIND_TEXT: Record<SnippetKind, Message> = {
  opener: { en: 'Sentence opening', zh: '句首套语' },
  closer: { en: 'Clause ending', zh: '句尾套语' },
  connective: { en: 'Connective', zh: '衔接套语' },
  frame: { en: 'Sentence frame', zh: '句式框架' },
  template: { en: 'Reference frame', zh: '引用格式' },
};

/** What a snippet is, in the user's language: `Sentence opening` / `句首套语`. */
export function snippetKindText(kind: SnippetKind): Message {
  return KIND_TEXT[kind];
}

/**
 * The snippets of the genre, in a stable order: formulas by kind (most frequent first, at most
 * `perKind` each), then templates (with the verbs that lead into them in the corpus: 欢迎…, 落实…).
 */
export function genreSnippets(model: PhrasingModel, kb?: KnowledgeBase, options: SnippetOptions = {}): GenreSnippet[] {
  const perKind = options.perKind ?? 12;
  const minCount = options.minCount ?? 2;
  const out: GenreSnippet[] = [];
  const labels = new Set<string>();
  const add = (s: GenreSnippet) => {
    if (labels.has(s.label)) return;
    labels.add(s.label);
    out.push(s);
  };
  for (const kind of ['opener', 'closer', 'connective', 'frame'] as const) {
    let n = 0;
    for (const f of model.formulas) {
      // a snippet must save typing: two-character connectives (强调, 支持) are left to completion
      if (f.kind !== kind || f.count < minCount || n >= perKind || f.text.length < 4) continue;
      const w = keyWord(f.text);
      if (!w || !isGenreFormula(f, w)) continue;
      const body = kind === 'frame' ? escapeSnippet(f.parts[0]) + '$1' + escapeSnippet(f.parts[1]) + '$0' : escapeSnippet(f.text) + '$0';
      add({ label: f.text, kind, keyWord: w, prefixes: [...GLOSSARY[w]], body, count: f.count, example: f.contexts[0] });
      n++;
    }
  }
  for (const t of model.templates) {
    const frameVerb = keyWord(t.parts.filter((p): p is string => typeof p === 'string').join(''));
    if (!frameVerb) continue;
    const [fen, fpy] = GLOSSARY[frameVerb];
    const { snippet, label } = templateSnippet(t, model.choices, kb, options.maxChoices ?? 12);
    add({ label, kind: 'template', keyWord: frameVerb, prefixes: [fen, fpy], body: snippet, count: t.count, example: t.contexts[0] });
    // with the verbs that lead into it in the corpus (欢迎…, 落实…)
    const leads = new Map<string, number>();
    for (const l of t.leads) {
      const w = keyWord(l.text);
      if (w && w !== frameVerb && l.text.endsWith(w)) leads.set(w, (leads.get(w) ?? 0) + l.count);
    }
    const attested = [...leads].filter(([, c]) => c >= minCount);
    for (const [w, c] of attested.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4)) {
      const [len, lpy] = GLOSSARY[w];
      add({ label: w + label, kind: 'template', keyWord: w, prefixes: [`${len}-${fen}`, `${lpy}-${fpy}`], body: escapeSnippet(w) + snippet, count: c, example: t.contexts[0] });
    }
  }
  return out;
}

/** The text a snippet writes with its default choices; an empty tab stop shows as …. */
export function snippetText(body: string): string {
  return body
    .replace(/\$\{\d+\|((?:\\.|[^,|\\])*)(?:,(?:\\.|[^|\\])*)*\|\}/g, (_, first: string) => first)
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_, x: string) => x)
    .replace(/\$[1-9]\d*/g, '…')
    .replace(/\$0/g, '')
    .replace(/\\(.)/g, '$1');
}

// ---------------------------------------------------------------------------------------------
// the snippet file (VS Code's .code-snippets format, read by snippet plugins of other editors)

export interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

/**
 * The snippet file's entries: one per snippet, named by its readable label, with its English,
 * pinyin and Chinese prefixes. Deterministic: the same model gives the same object, key order included.
 */
export function buildSnippets(model: PhrasingModel, kb?: KnowledgeBase, options: SnippetOptions = {}): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  for (const s of genreSnippets(model, kb, options)) {
    const kind = KIND_TEXT[s.kind];
    const example = s.example?.sentence;
    out[s.label] = {
      prefix: [...s.prefixes, s.keyWord],
      body: [s.body],
      description:
        `${kind.en}, ${s.count}× in the corpus / ${kind.zh}，语料中出现 ${s.count} 次` +
        (example ? ` — ${example.length > 60 ? example.slice(0, 60) + '…' : example}` : ''),
    };
  }
  return out;
}

/** The snippet file's text: a generated-file header (JSONC comments), then the snippets as JSON. */
export function formatSnippetFile(snippets: Record<string, Snippet>, header: string[]): string {
  return header.map((h) => `// ${h}`.trimEnd()).join('\n') + '\n' + JSON.stringify(snippets, null, 2) + '\n';
}
