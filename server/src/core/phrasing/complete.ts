/**
 * Completion with the phrasing model: the likely next phrases (the continuation model,
 * continuation.ts, over the corpus and the draft), sentence openers at a sentence start,
 * knowledge-base values in their frames (knowledge.ts) and reference-frame templates, merged and
 * ranked by the keystrokes they are expected to save in this context.
 */
import type { CompletionEntry } from '../service';
import { foldPunctuation } from '../text/normalize';
import { escapeMarkdown } from '../text/markdown';
import { lineMark } from '../corpus/formats';
import { toSimplified } from '../lang/zh/script';
import { isIdeograph } from '../lang/zh/chars';
import { MAX_FORMULA, PARA, SENT, modelProvenance, type PhrasingModel } from './model';
import { modelIndex, SA_DEPTH } from './modelIndex';
import { DEFAULT_CONTEXT, propose, type ContinuationOptions } from './continuation';
import { draftIndex } from './draft';
import { knowledgeCandidates, type PhrasingKnowledge } from './knowledge';
import { escapeSnippet, templateSnippet } from './snippetText';
import { foldText, sentenceStartBefore } from './segment';
import type { SuffixIndex } from './suffixArray';

export interface PhrasingCompleteOptions extends ContinuationOptions {
  /** Offer knowledge-base titles, places and dates scored by the continuation model (default true). */
  knowledge?: boolean;
  /** The document cache ends this many characters before the cursor. Default 8. */
  cacheGap?: number;
  /** Characters of the draft before the cursor used as the document cache. Default 4000. */
  draftWindow?: number;
}

/**
 * Completion entries for the text before `offset`: the likely next phrases (kind 'phrase'), sentence
 * openers at a sentence start (kind 'formula'), and reference-frame templates (kind 'template',
 * snippets with choice lists), ranked by likelihood in this context (sortText).
 */
export function completePhrasing(
  model: PhrasingModel,
  text: string,
  offset: number,
  index?: PhrasingKnowledge,
  options: PhrasingCompleteOptions = {},
): CompletionEntry[] {
  const ix = modelIndex(model);
  const maxCtx = options.maxContext ?? DEFAULT_CONTEXT;
  const { start: sStart, first } = sentenceStartBefore(text, offset);
  const typed = text.slice(Math.max(sStart, offset - 64), offset);
  // folded like the corpus (control characters cannot pose as the model's markers)
  const sentence = toSimplified(foldText(typed));
  // Context units: markers when the sentence start is within reach, then the sentence so far.
  const lead = sStart >= offset - 64 ? (first ? PARA : SENT) : '';
  const ctxStr = (lead + sentence).slice(-maxCtx);
  const ctx: number[] = [];
  for (let i = 0; i < ctxStr.length; i++) ctx.push(ctxStr.charCodeAt(i));

  // The typed prefix a proposal replaces: the ideographs just before the cursor (at most 4).
  let pStart = offset;
  while (pStart > sStart && offset - pStart < 4 && isIdeograph(text.charCodeAt(pStart - 1))) pStart--;
  const prefix = text.slice(pStart, offset);
  const normPrefix = toSimplified(prefix);

  const scored: { e: CompletionEntry; score: number }[] = [];
  // the document cache: the draft up to a few characters before the cursor (the current sentence
  // too: drafts repeat a name or a phrase within one sentence; the last characters are left out so
  // the context does not find itself)
  const draft =
    (options.draftWeight ?? 1) > 0 ? draftIndex(text, Math.max(sStart, offset - (options.cacheGap ?? 8)), options.draftWindow ?? 4000) : undefined;
  const known = options.knowledge === false ? undefined : knowledgeCandidates(text, offset, sStart, index);
  const { proposals, extras } = propose(ix.sa, ctx, options, draft, known?.items.map((k) => k.rest));
  known?.items.forEach((k, i) => {
    const x = extras[i];
    if (x.score <= 0) return;
    scored.push({
      score: x.score,
      e: {
        label: k.label,
        kind: k.kind,
        insertText: k.text,
        replace: { start: known.start, end: offset },
        filterText: text.slice(known.start, offset) + k.rest,
        detail: `${Math.round(x.p * 100)}% · ${k.detail}`,
      },
    });
  });
  for (const pr of proposals) {
    const src = pr.at >= 0 ? modelProvenance(model, pr.at) : undefined;
    scored.push({
      score: pr.score,
      e: {
        label: normPrefix + pr.text,
        kind: 'phrase',
        // the typed prefix in the corpus's form (simplified, full-width); the client filters on what was typed
        insertText: normPrefix + pr.text,
        replace: { start: pStart, end: offset },
        filterText: prefix + pr.text,
        detail: `${Math.round(pr.p * 100)}% · ${pr.count}×`,
        documentation: src ? attestation(src.sentence, src.uri, src.line) : undefined,
      },
    });
  }

  // Sentence openers while the sentence so far is a prefix of one.
  const typedSentence = text.slice(sStart, offset);
  if (offset - sStart < MAX_FORMULA) {
    const normSentence = toSimplified(foldPunctuation(typedSentence));
    const n = sentenceStarts(ix.sa, normSentence, first);
    for (const f of ix.openers) {
      if (f.text.length <= typedSentence.length || !f.text.startsWith(normSentence)) continue;
      const c = f.contexts[0];
      scored.push({
        // expected keystrokes saved, like phrase proposals: P(formula | sentence so far) · (characters − 1)
        score: n > 0 ? Math.min(1, Math.min(f.count, sentenceStarts(ix.sa, f.text, first)) / n) * (f.text.length - typedSentence.length - 1) : 0,
        e: {
          label: f.text,
          kind: 'formula',
          insertText: f.text,
          replace: { start: sStart, end: offset },
          filterText: f.text,
          detail: `opener · ${f.count}× / 句首套语`,
          documentation: c ? attestation(c.sentence, c.uri, c.line) : undefined,
        },
      });
    }
  }

  // Templates whose lead the text before the cursor ends with.
  const rawBefore = text.slice(Math.max(sStart, offset - 4), offset);
  const before = toSimplified(foldPunctuation(rawBefore));
  const cands = ix.templatesByLead.get(before.slice(-2));
  if (cands && before.length >= 2) {
    const leadCount = ix.sa.find(units(before.slice(-2)));
    const n = leadCount[1] - leadCount[0];
    const kb = index?.kb;
    for (const { t, count } of cands) {
      const { snippet, label, plain } = templateSnippet(t, model.choices, kb);
      const c = t.contexts[0];
      // the typed lead (欢迎, 团长欢迎 …: the longest end of the text that the corpus writes before
      // this frame) is the replaced prefix, so the client filters the template on what was typed
      let lead = 2;
      for (let L = before.length; L > 2; L--)
        if (t.leads.some((l) => l.text.endsWith(before.slice(-L)))) {
          lead = L;
          break;
        }
      if (before.length !== rawBefore.length) lead = 0; // conversion changed lengths: replace nothing
      const leadText = lead ? before.slice(-lead) : '';
      scored.push({
        // a template is a starting point to fill in: ranked after phrases of the same likelihood
        score: n > 0 ? ((count / (n + 1)) * plain.length) / 4 : 0,
        e: {
          label: leadText + label,
          kind: 'template',
          insertText: escapeSnippet(leadText) + snippet,
          snippet: true,
          replace: { start: offset - lead, end: offset },
          filterText: text.slice(offset - lead, offset) + plain,
          detail: `template · ${t.count}× / 模板`,
          documentation: c ? attestation(c.sentence, c.uri, c.line) : undefined,
        },
      });
    }
  }

  // Merge duplicates (same resulting text), keep the best score; rank.
  const seen = new Map<string, { e: CompletionEntry; score: number }>();
  for (const x of scored) {
    const key = x.e.snippet ? 'T' + x.e.insertText : typedSentence.slice(0, x.e.replace.start - sStart) + x.e.insertText;
    const prev = seen.get(key);
    if (!prev) seen.set(key, x);
    else {
      // the same text proposed as a phrase and as a formula or a knowledge-base value: one item,
      // named what it is (formula, place, date, instrument), with the best score
      const named = (e: CompletionEntry) => (e.kind === 'phrase' ? 0 : e.kind === 'formula' ? 2 : 1);
      const keep = named(prev.e) !== named(x.e) ? (named(prev.e) > named(x.e) ? prev.e : x.e) : prev.score >= x.score ? prev.e : x.e;
      seen.set(key, { e: keep, score: Math.max(prev.score, x.score) });
    }
  }
  const out = [...seen.values()].sort((a, b) => b.score - a.score || a.e.label.length - b.e.label.length);
  return out.map((x, i) => ({ ...x.e, sortText: String(i).padStart(4, '0') }));
}

function units(s: string): number[] {
  const u: number[] = [];
  for (let i = 0; i < s.length; i++) u.push(s.charCodeAt(i));
  return u;
}

/** How many corpus sentences start with `prefix` (paragraph-initial ones when `first`). */
function sentenceStarts(sa: SuffixIndex, prefix: string, first: boolean): number {
  // the index orders suffixes on SA_DEPTH units: longer prefixes are counted on their beginning
  const [lo, hi] = sa.find(units(((first ? PARA : SENT) + prefix).slice(0, SA_DEPTH)));
  return hi - lo;
}

function attestation(sentence: string, uri: string, line: number): string {
  return `${escapeMarkdown(sentence)}\n\n— ${escapeMarkdown(uri)}${lineMark(uri, line)}`;
}
