/**
 * The bracket check (bracket-unclosed, bracket-unopened): brackets and quotation marks left open
 * or closing nothing, with a fix that closes a 《 left open before a known title.
 */
import type { Finding, Fix, Instrument, Message } from '../../types';
import type { Cancellation } from '../../service';
import { scanBrackets, type BracketIssue } from '../../text/brackets';
import type { DerivedTable, KnowledgeIndex } from '../../knowledge/knowledgeIndex';
import { finding, insertFix, replaceFix } from './findings';

/** Instruments by title as written, and the distinct title lengths, longest first (closing an unclosed 《). */
interface TitlesAsWritten {
  byTitle: Map<string, Instrument>;
  titleLengths: number[];
}

const TITLES_AS_WRITTEN: DerivedTable<TitlesAsWritten> = {
  name: 'titles as written',
  build(index) {
    const byTitle = new Map<string, Instrument>();
    for (const inst of index.kb.instruments) if (!byTitle.has(inst.title)) byTitle.set(inst.title, inst);
    const titleLengths = [...new Set([...byTitle.keys()].map((k) => k.length))].sort((a, b) => b - a);
    return { byTitle, titleLengths };
  },
};

/** Unclosed 《 that get a fix closing them after a known title: the first ones only (a hostile draft can have many). */
const MAX_CLOSE_FIXES = 1000;

/**
 * The bracket findings of `text`, in text order, appended to `out`. `brackets`: the offsets
 * scanBrackets stops at (brackets and paragraph breaks), from landmarks().
 */
export function bracketFindings(text: string, index: KnowledgeIndex, brackets: ArrayLike<number>, out: Finding[], token?: Cancellation): void {
  let closeFixes = 0;
  let titles: TitlesAsWritten | undefined;
  for (const i of scanBrackets(text, 0, text.length, token, brackets)) {
    const f = bracketFinding(i);
    if (i.kind === 'unclosed' && i.pair === '《》' && !i.replaceWith && ++closeFixes <= MAX_CLOSE_FIXES) {
      const fix = closeTitleFix(text, i.offset, (titles ??= index.derived(TITLES_AS_WRITTEN)));
      if (fix) f.fixes.push(fix);
    }
    out.push(f);
  }
}

const PAIR_CLOSER: Record<string, string> = { '《》': '》', '〈〉': '〉', '“”': '”', '（）': '）' };

function bracketFinding(i: BracketIssue): Finding {
  const closer = PAIR_CLOSER[i.pair];
  const opener = i.pair[0];
  if (i.replaceWith) {
    const fix = replaceFix(i.offset, i.offset + 1, i.replaceWith);
    return i.kind === 'unclosed'
      ? finding('bracket-unclosed', i.offset, i.offset + 1, {
          en: `“${i.char}” here probably should be “${i.replaceWith}”: the quotation opened before is never closed`,
          zh: `此处“${i.char}”应为“${i.replaceWith}”：前面的引号没有闭合`,
        }, [fix])
      : finding('bracket-unopened', i.offset, i.offset + 1, {
          en: `“${i.char}” here probably should be “${i.replaceWith}”: it opens the quotation that the next ” closes`,
          zh: `此处“${i.char}”应为“${i.replaceWith}”：它是后一个”所闭合的引号的开头`,
        }, [fix]);
  }
  // These messages depend only on the kind, the character and its pair: one shared object each
  // (a pasted run of stray brackets would otherwise make as many identical messages).
  const key = i.kind + i.char + i.pair;
  let message = bracketMessages.get(key);
  if (!message) {
    message =
      i.kind === 'unclosed'
        ? { en: `“${i.char}” is not closed: “${closer}” is missing`, zh: `“${i.char}”没有闭合，缺少“${closer}”` }
        : { en: `“${i.char}” closes nothing: “${opener}” is missing or this bracket is stray`, zh: `“${i.char}”前没有对应的“${opener}”，或此括号多余` };
    bracketMessages.set(key, message);
  }
  return finding(i.kind === 'unclosed' ? 'bracket-unclosed' : 'bracket-unopened', i.offset, i.offset + 1, message);
}

const bracketMessages = new Map<string, Message>();

/**
 * A 《 left open before a known title: offer to close it right after the title
 * (the longest known title the text after the 《 starts with).
 */
function closeTitleFix(text: string, at: number, { byTitle, titleLengths }: TitlesAsWritten): Fix | undefined {
  let best: Instrument | undefined;
  // Longest first: the longest known title the text after the 《 starts with.
  for (const len of titleLengths) {
    best = byTitle.get(text.slice(at + 1, at + 1 + len));
    if (best) break;
  }
  if (!best) return undefined;
  const pos = at + 1 + best.title.length;
  if (text[pos] === '》') return undefined;
  return insertFix(pos, '》', { en: `Close the title after “${best.title}”`, zh: `在“${best.title}”后补上“》”` });
}
