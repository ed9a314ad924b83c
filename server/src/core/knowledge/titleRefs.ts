/**
 * What a title written in a text stands for when it is no title of its own:
 * - a short title the text declares: `《T》（以下简称《协定》）` or `（以下简称“《协定》”）`, then
 *   《协定》 anywhere after the declaration is 《T》;
 * - 本《K》: the short title K if the text declares it (本《行动计划》), else the text itself when its
 *   heading is a K (本《倡议》 in a text headed …成都倡议), else the K named last;
 * - 该《K》, 上述《K》: the short title K if declared, else the last title of kind K named before.
 * Per text: a declaration holds in the text that makes it (another text's 《协定》 may be another
 * agreement). The same reading serves extraction (the corpus) and the features (a draft).
 */
import type { ReferenceMention, Span } from '../types';
import { TEXT_LANGUAGE } from '../lang';
import { classOf } from '../lang/codeUnits';
import { splitParagraphs } from '../corpus/split';
import { findAbbreviations, isTitleName } from './abbreviations';
import { instrumentKind, kindOfKey } from './kinds';

const { instruments, punctuation, script } = TEXT_LANGUAGE;
const SELF = instruments.selfReferences;
const ANAPHORA = instruments.anaphora;
const OPEN = punctuation.openParens;
const CLOSE = punctuation.closeParens;
/** What a heading never holds: sentence and clause punctuation, title marks. */
const NOT_IN_HEADING = new RegExp(`[${classOf(punctuation.nameStops + punctuation.commas + punctuation.titleMarks)}]`);
/** A short title: at most this many units (本《行动计划》, 该《协定》); a longer one names itself. */
export const MAX_SHORT = 12;

/** A text's heading when it is the title of an instrument (its first paragraph, without （节选）). */
export interface Heading {
  title: string;
  span: Span;
  kind: string;
}

/**
 * The heading of a text: its first paragraph when that is the title of an instrument — short, no
 * sentence punctuation, ending with a kind — without a trailing parenthesised part (（节选）).
 */
export function headingOf(text: string): Heading | undefined {
  const [p] = splitParagraphs(text.length > 4000 ? text.slice(0, 4000) : text);
  if (!p || p.end - p.start > 80 || p.end - p.start < 3) return undefined;
  let end = p.end;
  if (CLOSE.includes(text[end - 1])) {
    for (let k = end - 2; k > p.start; k--) {
      if (OPEN.includes(text[k])) {
        end = k;
        break;
      }
    }
  }
  const title = text.slice(p.start, end).trim();
  if (!title || NOT_IN_HEADING.test(title)) return undefined;
  const kind = instrumentKind(title);
  if (!kind) return undefined;
  return { title, span: { start: p.start, end: p.start + title.length }, kind };
}

/** The word of `words` that ends right before offset `p` (no space between). */
function wordBefore(text: string, p: number, words: readonly string[]): string | undefined {
  for (const w of words) if (p >= w.length && text.startsWith(w, p - w.length)) return w;
  return undefined;
}

/** How a mention came to stand for another title. */
export type TitleReferenceKind = 'declared' | 'text' | 'previous';

/** A mention standing for another title: the title (as the text writes it) and why. */
export interface TitleReference {
  title: string;
  how: TitleReferenceKind;
}

/** A title's kind, its script folded once (memoised: titles repeat). */
function kindOf(title: string): string | undefined {
  return kindOfKey(script.foldMemo(title));
}

/**
 * The mentions of `mentions` (a text's top-level 《…》, in text order) that stand for another
 * title, with that title: declared short titles, 本《K》, 该《K》 (see the file's comment). A text
 * without a short title is not read again; one without a declaration, 本 or 该 before a short title
 * costs one search for declarations.
 */
export function titleReferences(text: string, mentions: readonly ReferenceMention[]): Map<ReferenceMention, TitleReference> {
  const out = new Map<ReferenceMention, TitleReference>();
  if (!mentions.some((m) => m.title.length <= MAX_SHORT)) return out;
  // Declared short titles (folded) → the full title and where the declaration starts.
  const declared = new Map<string, { title: string; at: number }>();
  for (const a of findAbbreviations(text)) {
    if (!isTitleName(a.full)) continue;
    for (const s of a.short) {
      if (!isTitleName(s)) continue;
      const k = script.foldMemo(s.slice(1, -1));
      if (!declared.has(k)) declared.set(k, { title: a.full.slice(1, -1), at: a.start });
    }
  }
  // The short titles to read: declared, or after 本 / 该.
  const prefixed = new Map<ReferenceMention, 'self' | 'back'>();
  let any = false;
  for (const m of mentions) {
    if (m.title.length > MAX_SHORT) continue;
    if (declared.size && declared.has(script.foldMemo(m.title))) any = true;
    else if (wordBefore(text, m.span.start, SELF)) prefixed.set(m, 'self');
    else if (wordBefore(text, m.span.start, ANAPHORA)) prefixed.set(m, 'back');
  }
  if (!any && !prefixed.size) return out;
  let heading: Heading | null | undefined;
  /** The title named last, by kind (kept only when some 本/该 needs it). */
  const lastOfKind = new Map<string, string>();
  for (const m of mentions) {
    let ref: TitleReference | undefined;
    if (m.title.length <= MAX_SHORT) {
      const folded = script.foldMemo(m.title);
      const d = declared.get(folded);
      const how = prefixed.get(m);
      if (d && d.at < m.span.start) ref = { title: d.title, how: 'declared' };
      else if (how) {
        const kind = kindOf(m.title);
        if (kind && how === 'self') {
          heading ??= headingOf(text) ?? null;
          if (heading && heading.kind === kind && heading.span.start < m.span.start) ref = { title: heading.title, how: 'text' };
        }
        if (kind && !ref) {
          const prev = lastOfKind.get(kind);
          if (prev && script.foldMemo(prev) !== folded) ref = { title: prev, how: 'previous' };
        }
      }
    }
    if (ref) out.set(m, ref);
    if (prefixed.size) {
      const named = ref?.title ?? m.title;
      const k = kindOf(named);
      if (k) lastOfKind.set(k, named);
    }
  }
  return out;
}
