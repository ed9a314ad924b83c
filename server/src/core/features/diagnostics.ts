/**
 * Checking a draft against the knowledge base: findings with fixes, as pure data.
 *
 * One pass over the draft finds where the scanners start (landmarks.ts); then one pass of each
 * scanner over its landmarks (brackets, dates, references, events), the same reference scanner
 * the corpus was learned with; every lookup goes through maps built once per knowledge index
 * (see titleMatch.ts), so the cost is linear in the draft.
 *
 * Inline acceptance: `chancery-accept: 《T》` anywhere in a document (in Markdown it can sit in an
 * HTML comment, `<!-- chancery-accept: 《T》 -->`) accepts the title T as written: no title finding
 * for it. `chancery-disable: code, code` turns codes off for the document. See docs/checks.md.
 */
import type { Cancellation, DiagnoseOptions } from '../service';
import type { Adoption, DateExpr, EventFact, Finding, FindingCode, Fix, Instrument, Message, ReferenceMention, SimpleDate } from '../types';
import { scanBrackets, type BracketIssue } from '../text/brackets';
import { compareDates, dateExprProblem, dateKey } from '../text/calendar';
import { findDates } from '../lang/zh/dates';
import { formatDate, formatDateExpr } from '../lang/zh/datesFormat';
import { normalizeTitle } from '../text/normalize';
import { simplified } from '../lang/zh/script';
import { firstSession, withoutSession } from '../lang/zh/session';
import { isChineseNumeral } from '../lang/zh/numerals';
import { matchTitle, type TitleIndexLike, type TitleMatch } from '../knowledge/titleMatch';
import { scanText, type EventMention } from '../knowledge/scan';
import { landmarks, MARKER_PREFIX } from '../knowledge/landmarks';
import { corpusSays, finding, insertFix, replaceFix } from './fixes';
import { detach, SliceCache } from '../text/stringCache';

export { DEFAULT_SEVERITY } from './fixes';

/** The marker that accepts a title inside the document itself. */
export const ACCEPT_MARKER = `${MARKER_PREFIX}accept:`;
/** The marker that turns finding codes off inside the document itself. */
export const DISABLE_MARKER = `${MARKER_PREFIX}disable:`;

class Cancelled extends Error {}

interface Inline {
  accepted: Set<string>;
  disabled: Set<string>;
}

/**
 * Reads `chancery-accept: 《A》《B》` and `chancery-disable: a, b` markers (up to the end of the line or `-->`).
 * `prefixes`, when given, are the offsets of every MARKER_PREFIX of the text in order (landmarks.ts),
 * in place of searching for them.
 */
export function readInlineMarkers(text: string, prefixes?: ArrayLike<number>): Inline {
  const accepted = new Set<string>();
  const disabled = new Set<string>();
  // One search for the common prefix of both markers; `from` only grows.
  let next = 0;
  const prefixAt = (from: number): number => {
    if (!prefixes) return text.indexOf(MARKER_PREFIX, from);
    while (next < prefixes.length && prefixes[next] < from) next++;
    return next < prefixes.length ? prefixes[next] : -1;
  };
  let at = prefixAt(0);
  while (at >= 0) {
    const accept = text.startsWith(ACCEPT_MARKER, at);
    const marker = accept ? ACCEPT_MARKER : text.startsWith(DISABLE_MARKER, at) ? DISABLE_MARKER : undefined;
    if (!marker) {
      at = prefixAt(at + 1);
      continue;
    }
    const from = at + marker.length;
    let end = from;
    // The body runs to the end of the line, a closing `-->`, or the next marker.
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13 || (c === 0x2d && text.startsWith('-->', end)) || (c === 0x63 && text.startsWith(MARKER_PREFIX, end))) break;
      end++;
    }
    const body = text.slice(from, end);
    if (accept) {
      for (const m of body.matchAll(/《([^《》]*)》/g)) accepted.add(m[1]);
    } else {
      for (const code of body.split(/[\s,，、]+/)) if (code) disabled.add(code);
    }
    at = prefixAt(end);
  }
  return { accepted, disabled };
}

/** An event's name without its session number: the key of a recurring series. */
function seriesKey(name: string): string {
  return normalizeTitle(withoutSession(name));
}

interface EventTable {
  bySeries: Map<string, EventFact[]>;
  /** The series of an event name (null: none), memoised: drafts repeat event names (fresh slices: see SliceCache). */
  seriesOf: SliceCache<EventFact[] | null>;
  /** Instruments by title as written, and the distinct title lengths, longest first (closing an unclosed 《). */
  byTitle: Map<string, Instrument>;
  titleLengths: number[];
}
const eventTables = new WeakMap<object, EventTable>();

function eventTable(index: TitleIndexLike): EventTable {
  let t = eventTables.get(index);
  if (t) return t;
  const bySeries = new Map<string, EventFact[]>();
  for (const e of index.kb.events) {
    const k = seriesKey(e.name);
    let list = bySeries.get(k);
    if (!list) bySeries.set(k, (list = []));
    list.push(e);
  }
  const byTitle = new Map<string, Instrument>();
  for (const inst of index.kb.instruments) if (!byTitle.has(inst.title)) byTitle.set(inst.title, inst);
  const titleLengths = [...new Set([...byTitle.keys()].map((k) => k.length))].sort((a, b) => b - a);
  t = { bySeries, seriesOf: new SliceCache<EventFact[] | null>(), byTitle, titleLengths };
  eventTables.set(index, t);
  return t;
}

/** Does the draft's date agree with a corpus date on every field both give? */
function agrees(d: SimpleDate, c: SimpleDate): boolean {
  if (d.year !== undefined && c.year !== undefined && d.year !== c.year) return false;
  if (d.yearOnly || c.yearOnly) return true;
  if (d.month !== c.month) return false;
  if (d.day !== undefined && c.day !== undefined && d.day !== c.day) return false;
  return true;
}

/** Does a draft date expression agree with a corpus date (inside a range, one of a list)? */
function exprAgrees(e: DateExpr, c: SimpleDate): boolean {
  if (e.kind === 'range' && e.dates.length === 2) {
    const [a, b] = e.dates;
    if (agrees(a, c) || agrees(b, c)) return true;
    return compareDates(a, c) <= 0 && compareDates(c, b) <= 0 && (a.year === undefined || c.year === undefined || a.year <= c.year);
  }
  return e.dates.some((d) => agrees(d, c));
}

/** Two date expressions agree when some date of one agrees with some date of the other. */
function exprsAgree(a: DateExpr, b: DateExpr): boolean {
  return b.dates.some((d) => exprAgrees(a, d)) || a.dates.some((d) => exprAgrees(b, d));
}

/**
 * An event's dates as the draft gives them agree with the corpus's: the same kind and every date
 * agreeing pairwise, or one draft date inside the corpus range / among its list.
 */
function eventDatesAgree(draft: DateExpr, corpus: DateExpr): boolean {
  if (draft.dates.length === 1) return exprAgrees(corpus, draft.dates[0]);
  if (draft.kind !== corpus.kind || draft.dates.length !== corpus.dates.length) return false;
  return draft.dates.every((d, k) => agrees(d, corpus.dates[k]));
}

/** The corpus date at the draft's precision (no year where the draft gives none) and in its style. */
function dateAsDraft(c: SimpleDate, draft: DateExpr): string {
  const first = draft.dates[0];
  const d: SimpleDate = { ...c };
  if (first && first.year === undefined) delete d.year;
  if (first?.yearOnly) return formatDate({ year: c.year, month: 0, yearOnly: true }, draft.style);
  if (first && first.day === undefined && !first.yearOnly) delete d.day;
  return formatDate(d, draft.style);
}

function exprAsDraft(c: DateExpr, draft: DateExpr): string {
  if (c.dates.length === 1) return dateAsDraft(c.dates[0], draft);
  const noYear = draft.dates[0] && draft.dates[0].year === undefined;
  const dates = noYear ? c.dates.map((d) => ({ ...d, year: undefined })) : c.dates;
  return formatDateExpr({ kind: c.kind, dates, style: draft.style });
}

function samePlace(a: string, b: string): boolean {
  return a === b || simplified(a) === simplified(b);
}

const PAIR_CLOSER: Record<string, string> = { '《》': '》', '〈〉': '〉', '“”': '”', '（）': '）' };

function bracketFinding(i: BracketIssue, text: string): Finding {
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
  void text;
  // These messages depend only on the kind, the character and its pair: one shared object each
  // (a pasted run of 1,000,000 stray brackets made as many identical messages).
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
function closeTitleFix(text: string, at: number, index: TitleIndexLike): Fix | undefined {
  const { byTitle, titleLengths } = eventTable(index);
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

/** Characters where a date part or a range ends: the only places an impossible date shows. */
const DATE_STOPS = /[月日号號至到—–－~～〜-]/g;
/** A Chinese numeral of dates, as a one-character string (undefined: none). */
function isNumeralChar(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isChineseNumeral(ch.charCodeAt(0));
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitAt(text: string, i: number): number {
  const c = i >= 0 && i < text.length ? text.charCodeAt(i) : 0;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

/** The arabic number ending just before `end` (spaces skipped): value, digit count, start. */
function numberBefore(text: string, end: number): { v: number; n: number; start: number } {
  let j = end - 1;
  while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x3000)) j--;
  let v = 0;
  let n = 0;
  let scale = 1;
  while (n < 6 && digitAt(text, j) >= 0) {
    v += digitAt(text, j) * scale;
    scale *= 10;
    n++;
    j--;
  }
  return { v, n, start: j + 1 };
}

/** The arabic number starting at `start` (spaces skipped) and the character after it. */
function numberAfter(text: string, start: number): { v: number; n: number; unit: string } {
  let j = start;
  while (j < text.length && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x3000)) j++;
  let v = 0;
  let n = 0;
  while (n < 6 && digitAt(text, j) >= 0) {
    v = v * 10 + digitAt(text, j);
    n++;
    j++;
  }
  while (j < text.length && text.charCodeAt(j) === 0x20) j++;
  return { v, n, unit: text[j] ?? '' };
}

/**
 * Could the date part or range ending at `k` (月, 日, 至, a dash) be impossible? False only
 * where it surely is not: a month 1–12, a day that exists in the month before it, a range whose
 * second number of the same unit is not smaller. Chinese numerals are always looked at.
 */
function suspicious(text: string, k: number): boolean {
  let ch = text[k];
  if (ch === '号' || ch === '號') ch = '日';
  const before = numberBefore(text, k);
  if (ch === '月' || ch === '日') {
    if (before.n === 0) return isNumeralChar(text[before.start - 1] ?? '') || isNumeralChar(text[k - 1] ?? '');
    if (before.n >= 3 || before.v === 0) return true;
    if (ch === '月') return before.v > 12;
    if (before.v <= 28) return false;
    // Day 29–31: fine when the month before it has that many days (February depends on the year).
    const m = text[before.start - 1] === '月' ? numberBefore(text, before.start - 1) : undefined;
    if (!m || m.n === 0 || m.v < 1 || m.v > 12 || m.v === 2) return true;
    return before.v > DAYS_IN_MONTH[m.v - 1];
  }
  // 至 or a dash: a range, suspicious unless its two ends of one unit are in order.
  let j = k - 1;
  while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x3000)) j--;
  let prev = text[j] ?? '';
  if (prev === '号' || prev === '號') prev = '日';
  const isDigit = digitAt(text, j) >= 0;
  if (!isDigit && prev !== '日' && prev !== '月' && prev !== '年') return isNumeralChar(prev);
  const left = isDigit ? numberBefore(text, j + 1) : numberBefore(text, j);
  const right = numberAfter(text, k + 1);
  if (left.n === 0 || right.n === 0) return isNumeralChar(text[j] ?? '') || isNumeralChar(text[k + 1] ?? '') || left.n === 0 && !isDigit;
  const unitOk = isDigit ? left.n === 4 && right.n === 4 : right.unit === prev || (prev === '日' && (right.unit === '号' || right.unit === '號'));
  return !(unitOk && right.v >= left.v);
}

const BEFORE = 80;
const AFTER = 40;

/**
 * Every date expression of `text` with a problem (impossible date, reversed range) — the same
 * as filtering `findDates(text)`, but only windows around suspicious places are parsed, so a
 * draft full of valid dates costs little more than one regular-expression scan.
 */
export function findInvalidDates(text: string): DateExpr[] {
  const triggers: number[] = [];
  DATE_STOPS.lastIndex = 0;
  while (DATE_STOPS.test(text)) {
    const k = DATE_STOPS.lastIndex - 1;
    if (suspicious(text, k)) triggers.push(k);
  }
  const out: DateExpr[] = [];
  const seen = new Set<number>();
  let i = 0;
  while (i < triggers.length) {
    // Merge overlapping windows.
    const from = Math.max(0, triggers[i] - BEFORE);
    let to = Math.min(text.length, triggers[i] + AFTER);
    const inWindow: number[] = [triggers[i++]];
    while (i < triggers.length && triggers[i] - BEFORE <= to) {
      to = Math.min(text.length, triggers[i] + AFTER);
      inWindow.push(triggers[i++]);
    }
    for (const d of findDates(text, from, to)) {
      if (seen.has(d.span.start) || !inWindow.some((t) => t >= d.span.start - 1 && t <= d.span.end)) continue;
      if (!dateExprProblem(d)) continue;
      seen.add(d.span.start);
      out.push(d);
    }
  }
  return out;
}

/**
 * A date expression that cannot have a problem, decided with a few reads: not a range, and
 * every date a year, or a month 1–12 with no day or a day 1–28 (every month has those).
 * Anything else goes to dateExprProblem.
 */
function surelyPossible(e: DateExpr): boolean {
  if (e.kind === 'range') return false;
  for (const d of e.dates) {
    if (d.yearOnly) continue;
    const m = d.month;
    if (!(m >= 1 && m <= 12 && (m | 0) === m)) return false;
    const day = d.day;
    if (day !== undefined && !(day >= 1 && day <= 28)) return false;
  }
  return true;
}

/** Adoptions that carry a date, a place, a verb: per instrument, computed once. */
interface AdoptionFields {
  date: Adoption[];
  place: Adoption[];
  verb: Adoption[];
}
const adoptionFields = new WeakMap<Instrument, AdoptionFields>();

function fieldsOf(inst: Instrument): AdoptionFields {
  let f = adoptionFields.get(inst);
  if (!f) {
    const has = (a: Adoption, k: 'date' | 'place' | 'verb') => a[k] !== undefined && a[k] !== '';
    f = {
      date: inst.adoptions.filter((a) => has(a, 'date')),
      place: inst.adoptions.filter((a) => has(a, 'place')),
      verb: inst.adoptions.filter((a) => has(a, 'verb')),
    };
    adoptionFields.set(inst, f);
  }
  return f;
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Checks `text` against the knowledge base behind `index`. */
export function diagnose(text: string, index: TitleIndexLike, options: DiagnoseOptions = {}, token?: Cancellation): Finding[] {
  try {
    return run(text, index, options, token);
  } catch (e) {
    if (e instanceof Cancelled) return [];
    throw e;
  }
}

function run(text: string, index: TitleIndexLike, options: DiagnoseOptions, token?: Cancellation): Finding[] {
  const check = () => {
    if (token?.isCancellationRequested) throw new Cancelled();
  };
  // One pass over the text for where the scanners below start (inline markers, brackets,
  // 年/月, 《, event triggers): each then reads its list instead of searching the whole text
  // (landmarks.ts).
  const marks = landmarks(text);
  const inline = readInlineMarkers(text, marks.markers);
  const accepted = new Set([...(options.acceptedTitles ?? []), ...inline.accepted]);
  const off = new Set<string>([...(options.disabled ?? []), ...inline.disabled]);
  for (const [code, sev] of Object.entries(options.severity ?? {})) if (sev === 'off') off.add(code);
  const on = (c: FindingCode) => !off.has(c);
  const out: Finding[] = [];

  // Brackets (a fix closing an unclosed 《 after a known title for the first 1,000 of them).
  let closeFixes = 0;
  if (on('bracket-unclosed') || on('bracket-unopened')) {
    for (const i of scanBrackets(text, 0, text.length, token, marks.brackets)) {
      const f = bracketFinding(i, text);
      if (i.kind === 'unclosed' && i.pair === '《》' && !i.replaceWith && ++closeFixes <= 1000) {
        const fix = closeTitleFix(text, i.offset, index);
        if (fix) f.fixes.push(fix);
      }
      out.push(f);
    }
    check();
  }

  // Dates, references and events from one date pass (scanText: what findDates, scanReferences
  // and scanEvents give separately). The impossible dates are those of that pass with a problem
  // (what findInvalidDates gives, without parsing windows again).
  const scanned = scanText(text, marks);
  check();

  // Impossible dates.
  const invalidAt = new Set<number>();
  for (const d of scanned.dates) {
    if (surelyPossible(d)) continue;
    const problem = dateExprProblem(d);
    if (!problem) continue;
    invalidAt.add(d.span.start);
    if (on('date-invalid'))
      out.push(finding('date-invalid', d.span.start, d.span.end, { en: `${d.text}: ${problem.en}`, zh: `${d.text}：${problem.zh}` }));
  }
  check();

  // References.
  const refs = scanned.references;
  // Dated mentions per instrument (or per normalised title when unknown), for date-inconsistent;
  // instruments the corpus dates are left to date-mismatch.
  const dated = new Map<Instrument | string, { ref: ReferenceMention; date: DateExpr }[]>();
  const normMemo = new Map<string, string>();
  let n = 0;
  const visit = (ref: ReferenceMention, outerResolved: boolean) => {
    if ((++n & 255) === 0) check();
    // An accepted title (a deliberate variant) gets no title finding; its facts are still checked.
    const match: TitleMatch = matchTitle(ref.title, index);
    // (No acceptances, the usual case: no hashing of the title, a fresh slice, for the lookup.)
    if (accepted.size === 0 || !accepted.has(ref.title)) titleFindings(ref, match, outerResolved, out, on);
    const inst = match.kind === 'exact' || match.kind === 'variant' || match.kind === 'misquote' ? match.instrument : undefined;
    const fields = inst && fieldsOf(inst);
    if (ref.date && !invalidAt.has(ref.date.span.start) && !(fields && fields.date.length)) {
      let key: Instrument | string | undefined = inst;
      if (!key) {
        key = normMemo.get(ref.title);
        if (key === undefined) normMemo.set(ref.title, (key = normalizeTitle(ref.title)));
      }
      let list = dated.get(key);
      if (!list) dated.set(key, (list = []));
      list.push({ ref, date: ref.date });
    }
    if (inst) factFindings(ref, inst, fields!, invalidAt, out, on);
    for (const inner of ref.inner) visit(inner, outerResolved || !!inst);
  };
  for (const ref of refs) visit(ref, false);

  // One draft, two dates for the same instrument (where the corpus does not settle it).
  if (on('date-inconsistent')) {
    for (const list of dated.values()) {
      if (list.length < 2) continue;
      const first = list[0];
      for (const other of list.slice(1)) {
        const sameAct = !first.ref.verb || !other.ref.verb || first.ref.verb.text === other.ref.verb.text;
        if (!sameAct || exprsAgree(first.date, other.date)) continue;
        const firstText = first.date.text;
        out.push(
          finding(
            'date-inconsistent',
            other.date.span.start,
            other.date.span.end,
            {
              en: `《${other.ref.title}》 is dated ${other.date.text} here but ${firstText} earlier in this draft`,
              zh: `《${other.ref.title}》此处日期为${other.date.text}，而本稿前文为${firstText}`,
            },
            [replaceFix(other.date.span.start, other.date.span.end, exprAsDraft(first.date, other.date), false)],
          ),
        );
      }
    }
  }
  check();

  // Events.
  if (on('event-mismatch')) eventFindings(text, index, out, scanned.events);

  return finalize(out, off, options);
}

function titleFindings(ref: ReferenceMention, m: TitleMatch, outerResolved: boolean, out: Finding[], on: (c: FindingCode) => boolean): void {
  const { start, end } = ref.titleSpan;
  if (m.kind === 'variant' && m.departs && m.suggestion && on('title-variant')) {
    out.push(
      finding(
        'title-variant',
        start,
        end,
        {
          en: `《${ref.title}》 is written differently from the corpus: ${m.why?.en ?? m.reason}`,
          zh: `《${ref.title}》的写法与语料不同：${m.why?.zh ?? m.reason}`,
        },
        [replaceFix(start, end, m.suggestion)],
        m.instrument?.mentions.slice(0, 1),
      ),
    );
  } else if (m.kind === 'misquote' && m.instrument && on('title-misquoted')) {
    const t = m.suggestion ?? m.instrument.title;
    out.push(
      finding(
        'title-misquoted',
        start,
        end,
        {
          en: `《${ref.title}》 is not in the corpus; did you mean 《${t}》? (${m.why?.en ?? m.reason})`,
          zh: `语料中没有《${ref.title}》，是否应为《${t}》？（${m.why?.zh ?? m.reason}）`,
        },
        [replaceFix(start, end, t)],
        m.instrument.mentions.slice(0, 1),
      ),
    );
  } else if (m.kind === 'different' && m.instrument && !outerResolved && on('title-unknown')) {
    out.push(
      finding('title-unknown', start, end, {
        en: `《${ref.title}》 is not in the corpus; the closest known title is 《${m.instrument.title}》 (${m.why?.en ?? m.reason})`,
        zh: `语料中没有《${ref.title}》；最接近的已知标题是《${m.instrument.title}》（${m.why?.zh ?? m.reason}）`,
      }),
    );
  }
}

/** `fields`: fieldsOf(inst), which the caller has already looked up. */
function factFindings(ref: ReferenceMention, inst: Instrument, fields: AdoptionFields, invalidAt: Set<number>, out: Finding[], on: (c: FindingCode) => boolean): void {
  const withDate = fields.date;
  if (ref.date && withDate.length && on('date-mismatch')) {
    const ok = withDate.some((a) => exprAgrees(ref.date!, a.date!));
    if (!ok) {
      const corpus = uniqueBy(withDate, (a) => dateKey(a.date!));
      const fixes = corpus.map((a) => replaceFix(ref.date!.span.start, ref.date!.span.end, dateAsDraft(a.date!, ref.date!), corpus.length === 1));
      const shown = formatDate(corpus[0].date!, 'arabic');
      const says = corpusSays(
        corpus[0].provenance,
        corpus[0].date!.yearFromDocument
          ? { en: `${shown} (no year written there: the year of that document's date)`, zh: `${shown}（该处未写年份，取该文件日期的年份）` }
          : { en: shown, zh: shown },
      );
      // An impossible date: its date-invalid finding (when that code is on) gets the corpus date as its fix.
      const inv = invalidAt.has(ref.date.span.start) ? out.find((f) => f.code === 'date-invalid' && f.start === ref.date!.span.start) : undefined;
      if (inv) {
        {
          inv.fixes.push(...fixes);
          inv.message = {
            en: `${inv.message.en}; for 《${inst.title}》 ${says.en}`,
            zh: `${inv.message.zh}；关于《${inst.title}》，${says.zh}`,
          };
          inv.provenance = corpus.map((a) => a.provenance);
        }
      } else {
        out.push(
          finding(
            'date-mismatch',
            ref.date.span.start,
            ref.date.span.end,
            {
              en: `《${inst.title}》 is dated ${ref.date.text} here, but ${says.en}`,
              zh: `《${inst.title}》此处日期为${ref.date.text}，但${says.zh}`,
            },
            fixes,
            corpus.map((a) => a.provenance),
          ),
        );
      }
    }
  }
  const withPlace = fields.place;
  if (ref.place && withPlace.length && on('place-mismatch')) {
    const ok = withPlace.some((a) => samePlace(ref.place!.text, a.place!));
    if (!ok) {
      const corpus = uniqueBy(withPlace, (a) => a.place!);
      const says = corpusSays(corpus[0].provenance, { en: corpus[0].place!, zh: corpus[0].place! });
      out.push(
        finding(
          'place-mismatch',
          ref.place.span.start,
          ref.place.span.end,
          {
            en: `《${inst.title}》 was adopted in ${ref.place.text} according to this draft, but ${says.en}`,
            zh: `本稿称《${inst.title}》在${ref.place.text}通过，但${says.zh}`,
          },
          corpus.map((a) => replaceFix(ref.place!.span.start, ref.place!.span.end, a.place!, corpus.length === 1)),
          corpus.map((a) => a.provenance),
        ),
      );
    }
  }
  const withVerb = fields.verb;
  if (ref.verb && withVerb.length && on('verb-mismatch')) {
    const ok = withVerb.some((a) => a.verb === ref.verb!.text);
    if (!ok) {
      const corpus = uniqueBy(withVerb, (a) => a.verb!);
      const says = corpusSays(corpus[0].provenance, { en: corpus[0].verb!, zh: corpus[0].verb! });
      out.push(
        finding(
          'verb-mismatch',
          ref.verb.span.start,
          ref.verb.span.end,
          {
            en: `《${inst.title}》: this draft says ${ref.verb.text}, but ${says.en} (通过 adopted, 批准 approved and 签署 signed are different acts)`,
            zh: `《${inst.title}》：本稿用“${ref.verb.text}”，但${says.zh}（通过、批准、签署是不同的行为）`,
          },
          corpus.map((a) => replaceFix(ref.verb!.span.start, ref.verb!.span.end, a.verb!, corpus.length === 1)),
          corpus.map((a) => a.provenance),
        ),
      );
    }
  }
}

function eventFindings(text: string, index: TitleIndexLike, out: Finding[], events: readonly EventMention[]): void {
  const table = eventTable(index);
  if (table.bySeries.size === 0) return;
  for (const e of events) {
    // Resolved on a detached copy of the name: the memo outlives the draft (see stringCache.ts).
    const series = table.seriesOf.resolve(e.name, (own) => table.bySeries.get(seriesKey(own)) ?? null, 100_000);
    if (!series) continue;
    // The same event: same session, or a series without numbers. When the corpus records it
    // more than once, the record whose date agrees is the one to compare.
    let f: EventFact | undefined;
    let fDated: EventFact | undefined;
    let fAny: EventFact | undefined;
    const session = e.session ?? 0;
    for (const x of series) {
      if ((x.session ?? 0) !== session) continue;
      fAny ??= x;
      if (!x.date) continue;
      fDated ??= x;
      if (e.date && eventDatesAgree(e.date, x.date)) {
        f = x;
        break;
      }
    }
    // Do the dates agree (true when either is missing)? Known already when the loop picked f
    // for its agreeing date: no second comparison.
    let datesAgree = f !== undefined;
    f ??= fDated ?? fAny;
    if (f && !datesAgree) datesAgree = !e.date || !f.date || eventDatesAgree(e.date, f.date);
    if (f) {
      const place = e.place !== undefined && e.placeSpan ? { text: e.place, span: e.placeSpan } : undefined;
      if (!datesAgree && e.date && f.date) {
        const sameYear = e.date.dates[0]?.year === undefined || f.date.dates[0]?.year === undefined || e.date.dates[0].year === f.date.dates[0].year;
        if (e.session !== undefined || sameYear) {
          const fixText = exprAsDraft(f.date, e.date);
          const says = corpusSays(f.provenance, { en: f.date.text, zh: f.date.text });
          out.push(
            finding(
              'event-mismatch',
              e.date.span.start,
              e.date.span.end,
              { en: `${e.name} is dated ${e.date.text} here, but ${says.en}`, zh: `${e.name}此处日期为${e.date.text}，但${says.zh}` },
              [replaceFix(e.date.span.start, e.date.span.end, fixText)],
              [f.provenance],
            ),
          );
          continue;
        }
      }
      if (place && f.place && datesAgree && !samePlace(place.text, f.place)) {
        const says = corpusSays(f.provenance, { en: f.place, zh: f.place });
        out.push(
          finding(
            'event-mismatch',
            place.span.start,
            place.span.end,
            { en: `${e.name} was held in ${place.text} according to this draft, but ${says.en}`, zh: `本稿称${e.name}在${place.text}举行，但${says.zh}` },
            [replaceFix(place.span.start, place.span.end, f.place)],
            [f.provenance],
          ),
        );
      }
      continue;
    }
    // Another session number: the same meeting only if the date says so.
    if (e.session === undefined || !e.date) continue;
    const g = series.find((x) => x.session !== undefined && x.date && eventDatesAgree(e.date!, x.date));
    if (!g) continue;
    const theirs = firstSession(g.name);
    if (!e.sessionSpan || !theirs) continue;
    const at = e.sessionSpan.start;
    const mine = [text.slice(at, e.sessionSpan.end)];
    const says = corpusSays(g.provenance, { en: g.name, zh: g.name });
    out.push(
      finding(
        'event-mismatch',
        at,
        at + mine[0].length,
        { en: `${e.name} on ${e.date.text}: ${says.en}`, zh: `${e.date.text}的${e.name}：${says.zh}` },
        [replaceFix(at, at + mine[0].length, theirs[0])],
        [g.provenance],
      ),
    );
  }
}

/** What makes two findings at the same span duplicates: the first fix's text, else the code. */
function dedupeKey(f: Finding): string {
  return f.fixes[0]?.edits[0]?.newText ?? f.code;
}

/**
 * Applies disabled codes and severity overrides, drops duplicates (same span and same
 * dedupeKey: the first in `out` is kept), sorts by position.
 *
 * Duplicates share a span, so after a stable sort by span they sit side by side: comparing
 * neighbours with the same span finds them, without building a `start:end:key` string and
 * hashing it for every finding.
 */
function finalize(out: Finding[], off: Set<string>, options: DiagnoseOptions): Finding[] {
  const kept: Finding[] = [];
  for (const f of out) {
    if (off.has(f.code)) continue;
    const sev = options.severity?.[f.code];
    if (sev && sev !== 'off') f.severity = sev;
    kept.push(f);
  }
  // Array.prototype.sort is stable: findings with the same span keep their order in `out`.
  kept.sort((a, b) => a.start - b.start || a.end - b.end);
  const res: Finding[] = [];
  // The keys of the findings kept for the current span, made when a second finding has that
  // span (a set, not a scan of the run: a hostile draft can put thousands on one span).
  let runKeys: Set<string> | undefined;
  for (const f of kept) {
    const last = res[res.length - 1];
    if (!last || last.start !== f.start || last.end !== f.end) runKeys = undefined;
    else {
      runKeys ??= new Set([dedupeKey(last)]);
      const key = dedupeKey(f);
      if (runKeys.has(key)) continue;
      runKeys.add(key);
    }
    res.push(f);
  }
  return res;
}
