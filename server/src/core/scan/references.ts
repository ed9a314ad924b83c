/**
 * The reference scanner: every 《title》 in a text (with its nested 〈…〉 titles) and the frame
 * around it — date, place, verb of adoption, or the event it was adopted at. The SAME scanner
 * reads the corpus (extraction) and drafts (checking), so it accepts the typography of drafts:
 * half-width `()` `,`, spaces between the parts, traditional characters in the frame words.
 *
 * Frames (left of the title, then coordination, then a parenthesis after it):
 * - `DATE在PLACE通过的《T》`, `DATE在PLACE批准的《T》`, `DATE在PLACE签署的《T》`, `DATE在PLACE通过《T》`,
 *   `DATE通过的《T》`, `在PLACE通过的《T》` (place and verb, no date), `于` for `在`;
 * - `DATE在PLACE举行的EVENT上通过的《T》`, `…EVENT期间签署的《T》`, `…举行的EVENT通过的《T》` and
 *   `…EVENT上通过的成果声明和《T》`: the event's date and place;
 * - `DATE《T》` (a date right before the title, no verb): frame `date-verb` without `verb`;
 * - `…通过的《A》和《B》` / `《A》、《B》`: B takes A's frame when it has none of its own;
 * - `《T》（DATE，PLACE）`, `《T》(DATE, PLACE)`, `《T》（DATE）` (a day- or month-precision date).
 * Anything else is `bare` (undated), e.g. `批准了《T》`, `关于制定《T》草案`.
 *
 * Everything is linear in the text: one pass for titles, bounded look-arounds, dates read on demand.
 */
import type { DateExpr, ReferenceMention, Span } from '../types';
import { TEXT_LANGUAGE } from '../lang';
import { classOf, lastUnits, unitOf, unitSet } from '../lang/codeUnits';
import { endingWord, skipBack, skipFwd } from './cursor';
import { DateTable, dateStartingAt } from './dateTable';
import { eventLeft, isPrep, placeBefore, placePreposition, type EventLeft, type PlaceAt } from './venue';
import { cleanEventName, endsWithEventNoun, eventNameStart } from './eventNames';

const { frames, events, punctuation, places, chars } = TEXT_LANGUAGE;
const isWordUnit = chars.isWordUnit;

/** Verbs of adoption (mentions keep the verb as written; the KB simplifies it). */
const VERBS = frames.adoptionVerbs;
/** Last code units of the verbs: a one-read gate. */
const VERB_LAST = lastUnits(VERBS);
/** The particles that may stand between the verb and the title (的, 了). */
const VERB_PARTICLE = unitSet(frames.verbParticles);
const ATTRIBUTIVE = unitOf(frames.attributive);
const CONNECTORS = frames.connectors;
/** `EVENT上`, `EVENT期间`, and their last code units. */
const POSITIONS = frames.eventPositions;
const POSITION_LAST = lastUnits(POSITIONS);
const TRIGGERS = events.triggers;
const OPEN_PAREN = unitSet(punctuation.openParens);
const CLOSE_PAREN = unitSet(punctuation.closeParens);
const LIST_SEPARATOR = unitSet(punctuation.listSeparators);
const DATELINE_JOINER = unitSet(places.datelineJoiners);

/** Frame found left of a title. */
interface LeftFrame {
  frame: ReferenceMention['frame'];
  date?: DateExpr;
  place?: PlaceAt;
  verb?: { text: string; span: Span };
  event?: { name: string; span: Span };
}

/** The event ending at `e` (the 上 of `EVENT上通过的`). */
function eventEndingAt(text: string, e: number, dates: DateTable): { name: string; span: Span; left?: EventLeft } | undefined {
  const ns = eventNameStart(text, e);
  if (ns >= e) return undefined;
  const stretch = text.slice(ns, e);
  // The nearest trigger inside the stretch: DATE在PLACE举行的NAME上
  let best = -1;
  let trig = '';
  for (const t of TRIGGERS) {
    const k = stretch.lastIndexOf(t);
    if (k > best) {
      best = k;
      trig = t;
    }
  }
  if (best >= 0) {
    let nameStart = ns + best + trig.length;
    if (text.charCodeAt(nameStart) === ATTRIBUTIVE) nameStart++;
    nameStart = skipFwd(text, nameStart, e);
    if (nameStart >= e) return undefined;
    const left = eventLeft(text, ns + best, dates);
    return { name: cleanEventName(text.slice(nameStart, e)), span: { start: nameStart, end: e }, left };
  }
  // 在EVENT上: no date.
  let s = ns;
  if (isPrep(text.charCodeAt(s))) s++;
  if (!endsWithEventNoun(text, e)) return undefined;
  return { name: cleanEventName(text.slice(s, e)), span: { start: s, end: e } };
}

/** `…VERB(的)` ending at `p`, with what precedes the verb. */
function frameAtVerb(text: string, p: number, dates: DateTable): LeftFrame | undefined {
  let q = p;
  if (VERB_PARTICLE[text.charCodeAt(q - 1)] === 1) q = skipBack(text, q - 1);
  if (VERB_LAST[text.charCodeAt(q - 1)] !== 1) return undefined;
  const verb = endingWord(text, q, VERBS);
  if (!verb) return undefined;
  const vs = q - verb.length;
  const verbSpan = { start: vs, end: q };
  let r = skipBack(text, vs);
  // EVENT上通过的, EVENT期间通过的
  const position = POSITION_LAST[text.charCodeAt(r - 1)] === 1 ? endingWord(text, r, POSITIONS) : undefined;
  const on = position ? position.length : 0;
  if (on) {
    const ev = eventEndingAt(text, r - on, dates);
    if (ev) {
      const f: LeftFrame = { frame: 'event-verb', verb: { text: verb, span: verbSpan }, event: { name: ev.name, span: ev.span } };
      if (ev.left?.date) f.date = ev.left.date;
      if (ev.left?.place) f.place = ev.left.place;
      return f;
    }
  }
  // DATE在PLACE举行的EVENT通过的 (no 上): only when the event's frame is dated.
  if (!on && endsWithEventNoun(text, r)) {
    const ev = eventEndingAt(text, r, dates);
    if (ev?.left?.date) {
      const f: LeftFrame = { frame: 'event-verb', date: ev.left.date, verb: { text: verb, span: verbSpan }, event: { name: ev.name, span: ev.span } };
      if (ev.left.place) f.place = ev.left.place;
      return f;
    }
  }
  let place: LeftFrame['place'];
  const ps = placeBefore(text, r);
  if (ps >= 0) {
    place = { text: text.slice(ps, r), span: { start: ps, end: r } };
    r = skipBack(text, placePreposition());
  }
  const date = dates.at(r);
  if (date) return { frame: place ? 'date-place-verb' : 'date-verb', date, place, verb: { text: verb, span: verbSpan } };
  if (place) return { frame: 'bare', place, verb: { text: verb, span: verbSpan } };
  return undefined;
}

/** `（DATE，PLACE）` right after a title ending at `e`. */
function parenthetical(text: string, e: number): Pick<LeftFrame, 'date' | 'place'> | undefined {
  let p = skipFwd(text, e);
  if (OPEN_PAREN[text.charCodeAt(p)] !== 1) return undefined;
  p = skipFwd(text, p + 1);
  let date = dateStartingAt(text, p);
  let place: LeftFrame['place'];
  const readPlace = (s: number): number => {
    let k = s;
    while (k < text.length && k - s < 16 && (isWordUnit(text.charCodeAt(k)) || DATELINE_JOINER[text.charCodeAt(k)] === 1)) k++;
    if (k > s) place = { text: text.slice(s, k), span: { start: s, end: k } };
    return k;
  };
  if (date) {
    if (date.dates[0].yearOnly) return undefined;
    p = skipFwd(text, date.span.end);
    if (LIST_SEPARATOR[text.charCodeAt(p)] === 1) p = readPlace(skipFwd(text, p + 1));
  } else {
    p = readPlace(p);
    if (!place) return undefined;
    p = skipFwd(text, p);
    if (LIST_SEPARATOR[text.charCodeAt(p)] !== 1) return undefined;
    p = skipFwd(text, p + 1);
    date = dateStartingAt(text, p);
    if (!date || date.dates[0].yearOnly) return undefined;
    p = date.span.end;
  }
  p = skipFwd(text, p);
  if (CLOSE_PAREN[text.charCodeAt(p)] !== 1) return undefined;
  return { date, place };
}

const TITLE_MARKS = punctuation.titleMarks;
const INNER_TITLE_MARKS = punctuation.innerTitleMarks;
const OPEN = TITLE_MARKS[0];
const OPEN_C = unitOf(OPEN);
const CLOSE_C = unitOf(TITLE_MARKS[1]);
const MAX_TITLE = 300;
/** The body of a title: anything up to 《, 》, a line break or 。. */
const TITLE_BODY = new RegExp(`[^${classOf(TITLE_MARKS + punctuation.titleBodyStops)}]*`, 'y');
/**
 * The same, stopping also at an inner opener (as innerOpen). Most titles have none: then this
 * one native run finds the title's end and shows that innerMentions has nothing to find (a
 * charCodeAt loop over every title cost more than the rest of the title scan).
 */
const TITLE_PLAIN = new RegExp(`[^${classOf(TITLE_MARKS + punctuation.titleBodyStops + punctuation.innerTitleOpeners)}]*`, 'y');
const INNER_OPEN = unitSet(punctuation.innerTitleOpeners);
const INNER_CLOSE = unitSet(punctuation.innerTitleClosers);

function innerOpen(c: number): boolean {
  return INNER_OPEN[c] === 1;
}
function innerClose(c: number): boolean {
  return INNER_CLOSE[c] === 1;
}

function innerMentions(text: string, s: number, e: number): ReferenceMention[] {
  const out: ReferenceMention[] = [];
  let i = s;
  while (i < e) {
    if (!innerOpen(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < e && !innerClose(text.charCodeAt(j)) && !innerOpen(text.charCodeAt(j))) j++;
    if (j < e && innerClose(text.charCodeAt(j)) && j > i + 1) {
      out.push({
        title: text.slice(i + 1, j),
        titleSpan: { start: i + 1, end: j },
        span: { start: i, end: j + 1 },
        bracket: INNER_TITLE_MARKS,
        inner: [],
        frame: 'bare',
        // The frame fields, absent (set all the same: one hidden class, see referencesWith).
        date: undefined,
        place: undefined,
        verb: undefined,
        event: undefined,
      });
      i = j + 1;
    } else i = j;
  }
  return out;
}

/**
 * Every 《title》 whose 《 lies in `[from, to)`, in order, with nested 〈…〉 titles in `inner` and
 * the frame around it. Unclosed titles are skipped (the bracket checker reports them).
 */
export function scanReferences(text: string, from = 0, to = text.length): ReferenceMention[] {
  return referencesWith(text, from, to, undefined, undefined);
}

/** `opens`: the offsets of every 《 of the whole text (landmarks.ts), in place of searching for them. */
export function referencesWith(text: string, from: number, to: number, table: DateTable | undefined, opens: ArrayLike<number> | undefined): ReferenceMention[] {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  const out: ReferenceMention[] = [];
  let dates: DateTable | undefined = table;
  // The next 《 at or after p (p only grows: one walk over `opens`).
  let nextOpen = 0;
  const openAt = (p: number): number => {
    if (!opens) return text.indexOf(OPEN, p);
    while (nextOpen < opens.length && opens[nextOpen] < p) nextOpen++;
    return nextOpen < opens.length ? opens[nextOpen] : -1;
  };
  let i = openAt(from);
  while (i >= 0 && i < to) {
    // Find the closing 》 on the same line, within MAX_TITLE.
    // (A sticky regex runs over the title in native code; test() allocates nothing.)
    TITLE_PLAIN.lastIndex = i + 1;
    TITLE_PLAIN.test(text);
    let j = TITLE_PLAIN.lastIndex;
    const nested = j < text.length && innerOpen(text.charCodeAt(j));
    if (nested) {
      // An inner opener: the title runs on to the first 《, 》, line break or 。 (TITLE_BODY).
      TITLE_BODY.lastIndex = j;
      TITLE_BODY.test(text);
      j = TITLE_BODY.lastIndex;
    }
    const cj = j < text.length ? text.charCodeAt(j) : 0;
    if (cj !== CLOSE_C || j - i > MAX_TITLE) {
      i = openAt(cj === OPEN_C ? j : i + 1);
      continue;
    }
    if (j === i + 1) {
      i = openAt(j + 1);
      continue;
    }
    dates ??= new DateTable(text);
    const m: ReferenceMention = {
      title: text.slice(i + 1, j),
      titleSpan: { start: i + 1, end: j },
      span: { start: i, end: j + 1 },
      bracket: TITLE_MARKS,
      inner: nested ? innerMentions(text, i + 1, j) : [],
      frame: 'bare',
      // The frame fields are set below when found; absent ones stay undefined but are there
      // from the start, in the order they are filled (JSON leaves undefined out, so it reads
      // as before): every mention has one hidden class, and the checks that read these fields
      // for every mention stay monomorphic (a field added only when present made a shape per
      // combination).
      date: undefined,
      place: undefined,
      verb: undefined,
      event: undefined,
    };
    const f = leftFrame(text, i, dates, out);
    if (f) {
      m.frame = f.frame;
      if (f.date) m.date = f.date;
      if (f.place) m.place = f.place;
      if (f.verb) m.verb = f.verb;
      if (f.event) m.event = f.event;
    }
    if (!m.date) {
      const par = parenthetical(text, j + 1);
      if (par?.date) {
        m.frame = 'parenthetical';
        m.date = par.date;
        if (par.place) m.place = par.place;
      }
    }
    out.push(m);
    i = openAt(j + 1);
  }
  return out;
}

function leftFrame(text: string, s: number, dates: DateTable, previous: ReferenceMention[]): LeftFrame | undefined {
  const p = skipBack(text, s);
  const own = frameAtVerb(text, p, dates);
  if (own) return own;
  // DATE《T》: a dated reference without a verb (2002年6月7日《…宪章》).
  const bareDate = dates.at(p);
  if (bareDate && !bareDate.dates[0].yearOnly) return { frame: 'date-verb', date: bareDate };
  const conn = endingWord(text, p, CONNECTORS);
  if (!conn) return undefined;
  const c = skipBack(text, p - conn.length);
  // 《A》和《B》: B takes A's frame.
  if (text.charCodeAt(c - 1) === CLOSE_C) {
    const prev = previous[previous.length - 1];
    if (prev && prev.span.end === c && prev.frame !== 'bare' && prev.frame !== 'parenthetical') {
      const f: LeftFrame = { frame: prev.frame };
      if (prev.date) f.date = prev.date;
      if (prev.place) f.place = prev.place;
      if (prev.verb) f.verb = prev.verb;
      if (prev.event) f.event = prev.event;
      return f;
    }
    return undefined;
  }
  // …通过的成果声明和《B》: a short noun phrase between the frame and the connector.
  let k = c;
  while (k > 0 && c - k < 12 && isWordUnit(text.charCodeAt(k - 1)) && text.charCodeAt(k - 1) !== ATTRIBUTIVE) k--;
  if (k < c && text.charCodeAt(k - 1) === ATTRIBUTIVE) {
    const f = frameAtVerb(text, k, dates);
    if (f && f.frame !== 'bare') return f;
  }
  return undefined;
}

/** All mentions including nested ones, in text order. */
export function allMentions(ms: ReferenceMention[]): ReferenceMention[] {
  const out: ReferenceMention[] = [];
  for (const m of ms) {
    out.push(m);
    for (const n of m.inner) out.push(n);
  }
  return out;
}
