/**
 * The snippet file of the genre's standard clauses, generated from a phrasing model
 * (scripts/snippets.mjs → snippets/communique.code-snippets).
 *
 * Every clause comes from the corpus (formulas and templates the learner mined). Only the prefixes
 * use a fixed vocabulary: GLOSSARY (lang/zh/phrasing.ts) maps the key words of the genre (verbs
 * such as 强调, 欢迎, 通过, and a few evaluative phrases such as 十分重要) to a short English prefix
 * and their pinyin, so a drafter can type `stress`, `qiangdiao` or `强调`. It is vocabulary, not
 * facts about the corpus: a formula whose key word is not in it is left out of the file
 * (completion still offers it).
 */
import type { KnowledgeBase } from '../types';
import { GLOSSARY } from '../lang/zh/phrasing';
import type { Formula, PhrasingModel, Template } from './model';
import { escapeSnippet, templateSnippet } from './snippetText';

export interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
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

const KIND_TEXT: Record<Formula['kind'], { en: string; zh: string }> = {
  opener: { en: 'Sentence opener', zh: '句首套语' },
  closer: { en: 'Clause ending', zh: '句尾套语' },
  connective: { en: 'Connective', zh: '衔接套语' },
  frame: { en: 'Frame', zh: '句式框架' },
};

/**
 * The snippets: formulas (openers, closers, connectives, frames with their gap as a tab stop) and
 * templates (reference frames with choice lists), with prefixes from GLOSSARY. Deterministic:
 * the same model gives the same object, key order included.
 */
export function buildSnippets(model: PhrasingModel, kb?: KnowledgeBase, options: SnippetOptions = {}): Record<string, Snippet> {
  const perKind = options.perKind ?? 12;
  const minCount = options.minCount ?? 2;
  const out: Record<string, Snippet> = {};
  const taken = new Set<string>();
  const add = (name: string, s: Snippet) => {
    let key = name;
    for (let i = 2; taken.has(key); i++) key = `${name} (${i})`;
    taken.add(key);
    out[key] = s;
  };
  for (const kind of ['opener', 'closer', 'connective', 'frame'] as const) {
    let n = 0;
    for (const f of model.formulas) {
      // a snippet must save typing: two-character connectives (强调, 支持) are left to completion
      if (f.kind !== kind || f.count < minCount || n >= perKind || f.text.length < 4) continue;
      const w = keyWord(f.text);
      if (!w) continue;
      const [en, py] = GLOSSARY[w];
      const body = kind === 'frame' ? escapeSnippet(f.parts[0]) + '$1' + escapeSnippet(f.parts[1]) + '$0' : escapeSnippet(f.text) + '$0';
      const example = f.contexts[0]?.sentence;
      add(`${KIND_TEXT[kind].en}: ${f.text}`, {
        prefix: [en, py, w],
        body: [body],
        description:
          `${KIND_TEXT[kind].en}, ${f.count}× in the corpus / ${KIND_TEXT[kind].zh}，语料中 ${f.count} 次` +
          (example ? ` — ${example.length > 60 ? example.slice(0, 60) + '…' : example}` : ''),
      });
      n++;
    }
  }
  for (const t of model.templates) {
    const frameVerb = keyWord(t.parts.filter((p): p is string => typeof p === 'string').join(''));
    if (!frameVerb) continue;
    const [fen, fpy] = GLOSSARY[frameVerb];
    const { snippet, label } = templateSnippet(t, model.choices, kb, options.maxChoices ?? 12);
    add(`Template: ${label}`, {
      prefix: [fen, fpy, frameVerb],
      body: [snippet],
      description: templateDescription(t, label),
    });
    // with the verbs that lead into it in the corpus (欢迎…, 落实…)
    const leads = new Map<string, number>();
    for (const l of t.leads) {
      const w = keyWord(l.text);
      if (w && w !== frameVerb && l.text.endsWith(w)) leads.set(w, (leads.get(w) ?? 0) + l.count);
    }
    const attested = [...leads].filter(([, c]) => c >= minCount);
    for (const [w, c] of attested.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4)) {
      const [len, lpy] = GLOSSARY[w];
      add(`Template: ${w}${label}`, {
        prefix: [`${len}-${fen}`, `${lpy}-${fpy}`, w],
        body: [escapeSnippet(w) + snippet],
        description: templateDescription(t, w + label, c),
      });
    }
  }
  return out;
}

function templateDescription(t: Template, label: string, leadCount?: number): string {
  const n = leadCount ?? t.count;
  return `Reference frame, ${n}× in the corpus; tab stops offer its dates, places and titles / 引用句式，语料中 ${n} 次；占位符可选日期、地点和文件名称 — ${label}`;
}

/** The snippet file's text: a generated-file header (JSONC comments), then the snippets as JSON. */
export function formatSnippetFile(snippets: Record<string, Snippet>, header: string[]): string {
  return header.map((h) => `// ${h}`.trimEnd()).join('\n') + '\n' + JSON.stringify(snippets, null, 2) + '\n';
}
