/**
 * Bracket balance for Chinese texts: 《》 〈〉 “” （）, and half-width () where they are used in
 * Chinese text. One linear pass with an explicit stack (no recursion), so 100,000 nested openers
 * are as safe as ten.
 *
 * The scanner reports each slip once, without cascades:
 * - no bracket spans a paragraph (line break, or the 　　 that starts a paragraph in web copies):
 *   whatever is open there is reported as unclosed, and the next paragraph starts clean;
 * - a 《 opened while a 《 is the innermost open bracket (and 〈 inside 〈) means the first one was
 *   never closed (titles nest as 《〈…〉》, never 《《…》》);
 * - a closer that matches an opener lower in the stack closes the openers above it as unclosed,
 *   unless the innermost opener's own closer follows soon (before another opener of its kind)
 *   and another closer of this kind follows too: then this closer is the stray one
 *   (`《〈A》〉B》` → one stray 》, not three findings);
 * - “ opened while “ is open, with no ” before the next “, is a mistyped ” (IMEs make this
 *   slip); a ” with nothing open whose next quote is also ” is a mistyped “. Both get a fix.
 */
import { isCjk } from '../lang/zh/chars';

export type BracketPair = '《》' | '〈〉' | '“”' | '（）';

export interface BracketIssue {
  kind: 'unclosed' | 'unopened';
  /** Offset of the offending bracket character. */
  offset: number;
  /** The bracket as written. */
  char: string;
  pair: BracketPair;
  /** A mistyped quote: the character this one should be replaced with. */
  replaceWith?: string;
  /** Offset of the related bracket (the opener a mistyped closer was meant to close). */
  related?: number;
}

const T_TITLE = 0; // 《》
const T_INNER = 1; // 〈〉
const T_QUOTE = 2; // “”
const T_PAREN = 3; // （） and ()
const PAIRS: BracketPair[] = ['《》', '〈〉', '“”', '（）'];
const CLOSERS = ['》', '〉', '”', '）'];
const OPENERS = ['《', '〈', '“', '（'];

/** CJK ideographs, CJK punctuation and full-width forms: "Chinese text" around a half-width (). */

/** The bracket characters the scanner reads. */
export const BRACKET_CHARS = '《》〈〉“”（）()';
/** Single characters that end a paragraph; two ideographic spaces (PARAGRAPH_INDENT) do too. */
export const BREAK_CHARS = '\n\r\u2028\u2029';
export const PARAGRAPH_INDENT = '\u3000\u3000';
/**
 * The characters the scanner stops at. Everything between them is skipped by the regular
 * expression engine (`test` + `lastIndex`: no allocation per stop), several times faster than a
 * charCodeAt loop over Chinese text. (landmarks.ts collects the same stops in its whole-text pass.)
 */
const STOP = new RegExp(`[${BRACKET_CHARS}${BREAK_CHARS}]|${PARAGRAPH_INDENT}`, 'g');
/**
 * The brackets alone: while nothing is open (and no ignored half-width ( waits), a paragraph
 * break changes nothing, so the scan jumps from bracket to bracket.
 */
const STOP_BRACKETS = new RegExp(`[${BRACKET_CHARS}]`, 'g');

/** Cancellation, structurally the same as service.ts's. */
interface Token {
  readonly isCancellationRequested: boolean;
}

/**
 * Finds the next occurrence of any of `chars` at or after a position, for monotonically
 * increasing positions: amortised linear over a whole scan.
 */
class NextFinder {
  private cached: number[];
  constructor(
    private readonly text: string,
    private readonly chars: string[],
  ) {
    this.cached = chars.map(() => -2);
  }
  /** The offset of the next occurrence at or after `i`, or Infinity. */
  at(i: number): number {
    let best = Infinity;
    for (let k = 0; k < this.chars.length; k++) {
      let c = this.cached[k];
      if (c !== -1 && c < i) {
        c = this.text.indexOf(this.chars[k], i);
        this.cached[k] = c;
      }
      if (c >= 0 && c < best) best = c;
    }
    return best;
  }
}

/** Reverses `a[start..]` in place (no spread: safe on 100,000 elements). */
function reverseTail<T>(a: T[], start: number): void {
  for (let i = start, j = a.length - 1; i < j; i++, j--) {
    const x = a[i];
    a[i] = a[j];
    a[j] = x;
  }
}

/** A paragraph break stop: one of BREAK_CHARS, or (as the scanner records it) the second of PARAGRAPH_INDENT. */
function isBreakStop(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029 || c === 0x3000;
}

/**
 * Scans `text[from, to)` and returns the bracket slips, in text order of discovery.
 *
 * `stops`, when given, are the offsets the scan would stop at, in text order, from a pass that
 * already read the text (landmarks.ts): every bracket character and paragraph break of
 * `[from, to)` (for PARAGRAPH_INDENT, the offset of its second space, where STOP's match ends).
 * The scan then reads them instead of searching the text itself; the result is the same.
 */
export function scanBrackets(text: string, from = 0, to = text.length, token?: Token, stops?: ArrayLike<number>): BracketIssue[] {
  const issues: BracketIssue[] = [];
  // Stack of open brackets: parallel arrays (type, offset) — no objects per bracket.
  const stType: number[] = [];
  const stOff: number[] = [];
  const open = [0, 0, 0, 0];
  /** Half-width ( not in Chinese context: a later ) may close it silently. */
  let ignoredParens = 0;

  const nextCloser = [
    new NextFinder(text, ['》']),
    new NextFinder(text, ['〉']),
    new NextFinder(text, ['”']),
    new NextFinder(text, ['）', ')']),
  ];
  const nextOpener = [
    new NextFinder(text, ['《']),
    new NextFinder(text, ['〈']),
    new NextFinder(text, ['“']),
    new NextFinder(text, ['（', '(']),
  ];
  const nextBreak = new NextFinder(text, ['\n', '\r', '\u2028', '\u2029', '\u3000\u3000']);

  const push = (t: number, off: number) => {
    stType.push(t);
    stOff.push(off);
    open[t]++;
  };
  const popUnclosed = () => {
    const t = stType.pop()!;
    const off = stOff.pop()!;
    open[t]--;
    issues.push({ kind: 'unclosed', offset: off, char: text[off], pair: PAIRS[t] });
  };
  const endParagraph = () => {
    // Report innermost-last so issues come out in text order.
    const start = issues.length;
    while (stType.length) popUnclosed();
    reverseTail(issues, start);
    ignoredParens = 0;
  };

  let visited = 0;
  let pos = from;
  let next = 0;
  for (;;) {
    let i: number;
    if (stops) {
      if (next >= stops.length) break;
      i = stops[next++];
      if (i < from) continue;
      // What STOP_BRACKETS skips: a break while nothing is open and no ignored ( waits.
      if (stType.length === 0 && ignoredParens === 0 && isBreakStop(text.charCodeAt(i))) continue;
    } else {
      const re = stType.length !== 0 || ignoredParens !== 0 ? STOP : STOP_BRACKETS;
      re.lastIndex = pos;
      if (!re.test(text)) break;
      pos = re.lastIndex;
      i = pos - 1;
    }
    if (i >= to) break;
    if ((++visited & 0x3fff) === 0 && token?.isCancellationRequested) return issues;
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      endParagraph();
      continue;
    }
    let t = -1;
    let opener = false;
    switch (c) {
      case 0x300a: // 《
        t = T_TITLE;
        opener = true;
        break;
      case 0x300b: // 》
        t = T_TITLE;
        break;
      case 0x3008: // 〈
        t = T_INNER;
        opener = true;
        break;
      case 0x3009: // 〉
        t = T_INNER;
        break;
      case 0x201c: // “
        t = T_QUOTE;
        opener = true;
        break;
      case 0x201d: // ”
        t = T_QUOTE;
        break;
      case 0xff08: // （
        t = T_PAREN;
        opener = true;
        break;
      case 0xff09: // ）
        t = T_PAREN;
        break;
      case 0x28: {
        // ( counts when it touches Chinese text (and is not a Markdown link's `](`).
        const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (prev !== 0x5d && (isCjk(prev) || isCjk(next))) {
          t = T_PAREN;
          opener = true;
        } else ignoredParens++;
        break;
      }
      case 0x29: {
        const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (open[T_PAREN] > 0) t = T_PAREN;
        else if (ignoredParens > 0) ignoredParens--;
        else if (isCjk(prev) || isCjk(next)) t = T_PAREN;
        break;
      }
      case 0x3000:
        // STOP matched 　　 (the leading two ideographic spaces of a paragraph); `i` is the second.
        endParagraph();
        continue;
      case 0x2028:
      case 0x2029:
        endParagraph();
        continue;
      default:
        continue;
    }
    if (t < 0) continue;
    const top = stType.length ? stType[stType.length - 1] : -1;
    if (opener) {
      if (top === t && (t === T_TITLE || t === T_INNER)) {
        popUnclosed();
      } else if (top === t && t === T_QUOTE) {
        // “ … “: a mistyped ” unless a ” comes before the next “ in this paragraph.
        const end = nextBreak.at(i + 1);
        const nc = nextCloser[T_QUOTE].at(i + 1);
        const no = nextOpener[T_QUOTE].at(i + 1);
        if (!(nc < end && nc < no)) {
          const related = stOff[stOff.length - 1];
          stType.pop();
          stOff.pop();
          open[t]--;
          issues.push({ kind: 'unclosed', offset: i, char: text[i], pair: PAIRS[t], replaceWith: CLOSERS[t], related });
          continue;
        }
        popUnclosed();
      }
      push(t, i);
      continue;
    }
    // A closer.
    if (top === t) {
      stType.pop();
      stOff.pop();
      open[t]--;
      continue;
    }
    if (open[t] === 0) {
      if (t === T_QUOTE && top !== T_QUOTE) {
        // ” with nothing open: a mistyped “ when the next quote mark is a ” too.
        const end = nextBreak.at(i + 1);
        const nc = nextCloser[T_QUOTE].at(i + 1);
        const no = nextOpener[T_QUOTE].at(i + 1);
        if (nc < end && nc < no) {
          issues.push({ kind: 'unopened', offset: i, char: text[i], pair: PAIRS[t], replaceWith: OPENERS[t] });
          push(t, i);
          continue;
        }
      }
      issues.push({ kind: 'unopened', offset: i, char: text[i], pair: PAIRS[t] });
      continue;
    }
    // The closer matches an opener lower in the stack. Is the innermost opener closed soon?
    const end = nextBreak.at(i + 1);
    const topCloser = nextCloser[top].at(i + 1);
    const topOpener = nextOpener[top].at(i + 1);
    const again = nextCloser[t].at(i + 1);
    if (topCloser < end && topCloser < topOpener && again < end && again > topCloser) {
      issues.push({ kind: 'unopened', offset: i, char: text[i], pair: PAIRS[t] });
      continue;
    }
    const start = issues.length;
    while (stType[stType.length - 1] !== t) popUnclosed();
    reverseTail(issues, start);
    stType.pop();
    stOff.pop();
    open[t]--;
  }
  endParagraph();
  return issues;
}
