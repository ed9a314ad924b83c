/**
 * The reference scanner: every 《title》 in a text (with its nested 〈…〉 titles) and the frame
 * around it — date, place, verb of adoption, or the event it was adopted at. The SAME scanner
 * reads the corpus (extraction) and drafts (checking), so it accepts the typography of drafts:
 * half-width `()` `,`, spaces between the parts, traditional characters in the frame words.
 *
 * Frames (left of the title, then coordination, then a parenthesis after it, then the right):
 * - `DATE在PLACE通过的《T》`, `DATE在PLACE批准的《T》`, `DATE在PLACE签署的《T》`, `DATE在PLACE通过《T》`,
 *   `DATE通过的《T》`, `在PLACE通过的《T》` (place and verb, no date), `于` for `在`;
 * - `DATE在PLACE举行的EVENT上通过的《T》`, `…EVENT期间签署的《T》`, `…举行的EVENT通过的《T》`,
 *   `…EVENT上通过的成果声明和《T》` and `EVENT（DATE，PLACE）通过的《T》`: the event's date and place;
 * - `DATE《T》` (a date right before the title, no verb): frame `date-verb` without `verb`;
 * - `…通过的《A》和《B》` / `《A》、《B》`: B takes A's frame when it has none of its own;
 * - `分别于D1和D2在P1和P2签署了《A》和《B》`, `于Y1年和Y2年先后在P1和P2签署《A》和《B》`: dates, places
 *   and titles paired one to one (a list of places without 分别/先后 is no place);
 * - `《T》（DATE，PLACE）`, `《T》(DATE, PLACE)`, `《T》（DATE）` (a day- or month-precision date);
 * - `《T》于DATE在PLACE签署`, `《T》于DATE签署`, `《A》和《B》于DATE签署`, also after a declaration
 *   `《T》（以下简称《协定》）于DATE…`: the frame written after the title.
 * Anything else is `bare` (undated), e.g. `批准了《T》`, `关于制定《T》草案`.
 *
 * Everything is linear in the text: one pass for titles, bounded look-arounds, dates read on demand.
 */
import type { DateExpr, ReferenceMention, Span } from '../types';
import { TEXT_LANGUAGE } from '../lang';
import { classOf, lastUnits, unitOf, unitSet } from '../lang/codeUnits';
import { endingWord, skipBack, skipFwd } from './cursor';
import { DateTable, dateStartingAt } from './dateTable';
import { eventLeft, isPlaceSpan, isPrep, placeListBefore, placePreposition, type EventLeft, type PlaceAt } from './venue';
import { citedEventName, cleanEventName, endsWithEventNoun, eventNameStart } from './eventNames';
import { datelineAt, datelineEndingAt } from './parenthesis';

const { frames, events, punctuation, abbreviations, chars } = TEXT_LANGUAGE;
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
/** First code units of the verbs (a verb written after the title: `《T》于DATE签署`). */
const VERB_FIRST = new Uint8Array(0x10000);
for (const v of VERBS) VERB_FIRST[v.charCodeAt(0)] = 1;
const DISTRIBUTIVES = frames.distributives;
const RIGHT_ADVERBS = frames.rightAdverbs;
const DISTRIBUTIVE_LAST = lastUnits(DISTRIBUTIVES);
/** Connectors between the dates of a list (`D1和D2`), and their last code units. */
const DATE_CONNECTORS = CONNECTORS;
const CONNECTOR_LAST = lastUnits(CONNECTORS);

/** Frame found left of a title. */
interface LeftFrame {
  frame: ReferenceMention['frame'];
  date?: DateExpr;
  place?: PlaceAt;
  verb?: { text: string; span: Span };
  event?: { name: string; span: Span };
  /** Dates and places to pair with the titles of a list one to one (分别, 先后). */
  series?: Series;
}

/** `分别于D1和D2在P1和P2签署了《A》和《B》`: the k-th title takes the k-th date and place (or the only one). */
interface Series {
  dates: DateExpr[];
  places: PlaceAt[];
  verb: { text: string; span: Span };
}

/** The k-th frame of a series, or undefined when the lists have no k-th entry. */
function seriesFrame(sr: Series, k: number): LeftFrame | undefined {
  const date = sr.dates.length === 1 ? sr.dates[0] : sr.dates[k];
  const place = sr.places.length === 1 ? sr.places[0] : sr.places[k];
  if (!date && !place) return undefined;
  return { frame: date ? (place ? 'date-place-verb' : 'date-verb') : 'bare', date, place, verb: sr.verb, series: sr };
}

const NO_DATES: DateExpr[] = [];

/** The dates of a list ending at `p` (`2022年和2023年`, `2021年12月和2022年6月`), first to last. */
function dateListEndingAt(text: string, p: number, dates: DateTable): DateExpr[] {
  let d = dates.at(p);
  if (!d) return NO_DATES;
  // Most frames have one date: no list to build unless a connector and a date come before it.
  let out: DateExpr[] | undefined;
  while (d) {
    const q = skipBack(text, d.span.start);
    const conn = CONNECTOR_LAST[text.charCodeAt(q - 1)] === 1 ? endingWord(text, q, DATE_CONNECTORS) : undefined;
    const before = conn ? dates.at(skipBack(text, q - conn.length)) : undefined;
    if (!out) {
      if (!before) return [d];
      out = [d];
    }
    if (!before) break;
    out.unshift(before);
    d = before;
  }
  return out!;
}

/** A distributive adverb (分别, 先后) ending at `p`: the offset before it, or -1. */
function distributiveBefore(text: string, p: number): number {
  if (DISTRIBUTIVE_LAST[text.charCodeAt(p - 1)] !== 1) return -1;
  const w = endingWord(text, p, DISTRIBUTIVES);
  return w ? skipBack(text, p - w.length) : -1;
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
  // EVENT（DATE，PLACE）通过的, EVENT（DATE，PLACE）上通过的: the cited event's date and place.
  const cited = citedEventBefore(text, skipBack(text, r - on));
  if (cited) return { frame: 'event-verb', date: cited.date, place: cited.place, verb: { text: verb, span: verbSpan }, event: cited.event };
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
  let list: PlaceAt[] | undefined;
  const parts = placeListBefore(text, r);
  if (parts) {
    if (parts.length === 1) place = { text: text.slice(parts[0].start, parts[0].end), span: parts[0] };
    else list = parts.map((x) => ({ text: text.slice(x.start, x.end), span: x }));
    r = skipBack(text, placePreposition());
  }
  // 于Y1年和Y2年先后在P1和P2签署, 分别于D1和D2在P1和P2签署: a series.
  let distributive = false;
  const adv = distributiveBefore(text, r);
  if (adv >= 0) {
    distributive = true;
    r = adv;
  }
  const dateList = dateListEndingAt(text, r, dates);
  if (!distributive && dateList.length) {
    let q = skipBack(text, dateList[0].span.start);
    if (q > 0 && isPrep(text.charCodeAt(q - 1))) q = skipBack(text, q - 1);
    if (distributiveBefore(text, q) >= 0) distributive = true;
  }
  const v = { text: verb, span: verbSpan };
  if (distributive && (dateList.length > 1 || list)) {
    const sr: Series = { dates: dateList, places: list ?? (place ? [place] : []), verb: v };
    return seriesFrame(sr, 0) ?? { frame: 'bare', verb: v };
  }
  // Without 分别/先后 a list of places is no place, and a list of dates is one date (the last).
  const date = dateList[dateList.length - 1];
  if (date) return { frame: place ? 'date-place-verb' : 'date-verb', date, place, verb: v };
  if (place) return { frame: 'bare', place, verb: v };
  return undefined;
}

/** `EVENT（DATE，PLACE）` ending at `e`: the cited event, its date and place. */
function citedEventBefore(text: string, e: number): { date: DateExpr; place?: PlaceAt; event: { name: string; span: Span } } | undefined {
  if (CLOSE_PAREN[text.charCodeAt(e - 1)] !== 1) return undefined;
  const d = datelineEndingAt(text, e);
  if (!d) return undefined;
  const ne = skipBack(text, d.start);
  const ns = citedEventName(text, ne);
  if (ns < 0) return undefined;
  return { date: d.date, place: d.place, event: { name: cleanEventName(text.slice(ns, ne)), span: { start: ns, end: ne } } };
}

/** `（DATE，PLACE）` right after a title ending at `e` (an online mode is no place). */
function parenthetical(text: string, e: number): Pick<LeftFrame, 'date' | 'place'> | undefined {
  const d = datelineAt(text, e);
  return d ? { date: d.date, place: d.place } : undefined;
}

/** A declaration right after a title (`《T》（以下简称《协定》）`): the offset after it, or -1. */
const DECLARATION = new RegExp(abbreviations.declaration.source, 'y');
function afterDeclaration(text: string, p: number): number {
  if (OPEN_PAREN[text.charCodeAt(p)] !== 1) return -1;
  DECLARATION.lastIndex = p;
  if (!DECLARATION.test(text)) return -1;
  for (let k = DECLARATION.lastIndex; k < text.length && k - p < 80; k++) {
    const c = text.charCodeAt(k);
    if (CLOSE_PAREN[c] === 1) return k + 1;
    if (OPEN_PAREN[c] === 1) return -1;
  }
  return -1;
}

/** The verb of adoption starting at `p`, if any. */
function verbAt(text: string, p: number): string | undefined {
  if (VERB_FIRST[text.charCodeAt(p)] !== 1) return undefined;
  for (const v of VERBS) if (text.startsWith(v, p)) return v;
  return undefined;
}

/**
 * The frame written after a title ending at `e`: `《T》于DATE在PLACE签署`, `《T》于DATE签署`,
 * `《T》在PLACE签署`, after a declaration the title carries (`《T》（以下简称《协定》）于DATE…`).
 */
function rightFrame(text: string, e: number): LeftFrame | undefined {
  let p = skipFwd(text, e);
  const decl = afterDeclaration(text, p);
  if (decl >= 0) p = skipFwd(text, decl);
  for (const w of RIGHT_ADVERBS) if (text.startsWith(w, p)) {
    p = skipFwd(text, p + w.length);
    break;
  }
  if (!isPrep(text.charCodeAt(p))) return undefined;
  let q = skipFwd(text, p + 1);
  // A date first (in PLACE alone, after a title, too often starts another phrase: 《T》在推动…).
  const date = dateStartingAt(text, q);
  if (!date) return undefined;
  let place: PlaceAt | undefined;
  q = skipFwd(text, date.span.end);
  if (isPrep(text.charCodeAt(q))) q = skipFwd(text, q + 1);
  else if (!verbAt(text, q)) return undefined;
  // The place: word units up to the verb (at most 16).
  if (!verbAt(text, q)) {
    let k = q;
    while (k < text.length && k - q < 16 && isWordUnit(text.charCodeAt(k)) && !verbAt(text, k)) k++;
    const v = skipFwd(text, k);
    if (k === q || !verbAt(text, v) || !isPlaceSpan(text, q, k)) return undefined;
    place = { text: text.slice(q, k), span: { start: q, end: k } };
    q = v;
  }
  const verb = verbAt(text, q)!;
  const f: LeftFrame = { frame: place ? 'date-place-verb' : 'date-verb', date, verb: { text: verb, span: { start: q, end: q + verb.length } } };
  if (place) f.place = place;
  return f;
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
  // The series (分别, 先后) the last title took an entry of, and which.
  let series: { sr: Series; k: number; last: ReferenceMention } | undefined;
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
    const prev = out.length ? out[out.length - 1] : undefined;
    // (Whether B is coordinated with the title before, 《A》和《B》, is read only where it matters:
    // a series, a frame written after B. Most titles have their own frame on the left.)
    let f: LeftFrame | undefined;
    if (series && prev && series.last === prev && coordinatedWith(text, i, prev)) {
      // 分别…签署了《A》和《B》: B takes the next entry of the series.
      f = seriesFrame(series.sr, series.k + 1);
      if (f) series = { sr: series.sr, k: series.k + 1, last: m };
    } else f = leftFrame(text, i, dates, prev);
    if (f?.series && series?.last !== m) series = { sr: f.series, k: 0, last: m };
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
    if (!m.date && !m.verb) {
      // 《T》于DATE在PLACE签署; 《A》和《B》于DATE签署: A takes B's frame when it has none.
      const r = rightFrame(text, j + 1);
      if (r) {
        setFrame(m, r);
        if (prev && !prev.date && !prev.verb && coordinatedWith(text, i, prev)) setFrame(prev, r);
      }
    }
    out.push(m);
    i = openAt(j + 1);
  }
  return out;
}

function setFrame(m: ReferenceMention, f: LeftFrame): void {
  m.frame = f.frame;
  if (f.date) m.date = f.date;
  if (f.place) m.place = f.place;
  if (f.verb) m.verb = f.verb;
  if (f.event) m.event = f.event;
}

/** Is the title opening at `s` coordinated with `prev` (`《A》和《B》`, `《A》、《B》`)? */
function coordinatedWith(text: string, s: number, prev: ReferenceMention): boolean {
  const p = skipBack(text, s);
  const conn = endingWord(text, p, CONNECTORS);
  return conn !== undefined && prev.span.end === skipBack(text, p - conn.length);
}

function leftFrame(text: string, s: number, dates: DateTable, prev: ReferenceMention | undefined): LeftFrame | undefined {
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

/**
 * The verb of adoption, with its particle, written right before a title opening at `s`
 * (`通过了《T》`, `发表《T》`, `批准的《T》`): what a frame read from the text around it (a setting
 * in the previous sentence: knowledge/narrative.ts) dates.
 */
export function verbBefore(text: string, s: number): { text: string; span: Span } | undefined {
  let q = skipBack(text, s);
  if (VERB_PARTICLE[text.charCodeAt(q - 1)] === 1) q = skipBack(text, q - 1);
  if (VERB_LAST[text.charCodeAt(q - 1)] !== 1) return undefined;
  const verb = endingWord(text, q, VERBS);
  return verb ? { text: verb, span: { start: q - verb.length, end: q } } : undefined;
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
