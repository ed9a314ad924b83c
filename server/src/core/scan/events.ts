/**
 * The event scanner: meetings, forums, summits … with their date, place or online mode —
 * `DATE[在PLACE|以视频方式]举行的EVENT`, `DATE在PLACE举行EVENT`, `DATE，EVENT[在PLACE|以视频形式]举行`,
 * `EVENT[将]于DATE[在PLACE|以视频方式]举行`, and the citation `EVENT（DATE，PLACE）`,
 * `EVENT（DATE，以视频方式）`. Only dated occurrences are returned, in text order.
 */
import type { DateExpr, Span } from '../types';
import { TEXT_LANGUAGE } from '../lang';
import { classOf, unitSet, unitOf } from '../lang/codeUnits';
import { endingWord, skipBack, skipFwd } from './cursor';
import { DateTable } from './dateTable';
import { eventLeft, isPrep, venueBefore, type EventLeft } from './venue';
import { citedEventName, cleanEventName, endsWithEventNoun, eventNameEnd, eventNameStart } from './eventNames';
import { datelineAt } from './parenthesis';

const { events, frames, punctuation } = TEXT_LANGUAGE;
const OPEN_PAREN = unitSet(punctuation.openParens);
const OPEN_PAREN_RE = new RegExp(`[${classOf(punctuation.openParens)}]`, 'g');
const TRIGGERS = events.triggers;
if (TRIGGERS.some((t) => t.length !== 2)) throw new Error('event triggers are two code units long');
const TRIGGER_RE = new RegExp(TRIGGERS.join('|'), 'g');
const ATTRIBUTIVE = unitOf(frames.attributive);
const COMMA = unitSet(punctuation.commas);
const FUTURE = events.futureMarkers;
const MEETING_VERBS = events.meetingVerbs;
const ONLINE_WORDS = events.onlineWords;
const isRelativeName = events.isRelativeName;
const lastSession = events.lastSession;

export interface EventMention {
  /** Name as it should be cited (declarations like （以下简称…） removed). */
  name: string;
  /** Span of the name as written. */
  span: Span;
  date?: DateExpr;
  /** The place as written (`在PLACE`). */
  place?: string;
  placeSpan?: Span;
  /** Held by video (以视频方式/以视频形式, or 视频会议 in the name). */
  online: boolean;
  session?: number;
  /** Span of the session number as written (第二十次), for fixes. */
  sessionSpan?: Span;
  /** Span of the whole frame (date … name). */
  frameSpan: Span;
  /**
   * How the text writes it: `attributive` (`DATE在PLACE举行的EVENT`: a noun phrase, often the
   * object of 回顾, 欢迎), `clause` (`DATE，EVENT在PLACE举行`, `EVENT于DATE举行`: the event is the
   * subject — the setting of what the next sentence adopts), `cited` (`EVENT（DATE，PLACE）`).
   */
  frame: 'attributive' | 'clause' | 'cited';
}

function hasOnlineWord(name: string): boolean {
  for (const w of ONLINE_WORDS) if (name.includes(w)) return true;
  return false;
}

function makeEvent(text: string, nameSpan: Span, left: EventLeft, frameEnd: number, frame: EventMention['frame']): EventMention {
  const raw = text.slice(nameSpan.start, nameSpan.end);
  const name = cleanEventName(raw);
  // Every field is set, the absent ones to undefined, in the order they used to be added (so
  // JSON, which leaves undefined out, reads as before): all event mentions then share one hidden
  // class, and the checks that read them in a loop stay monomorphic (fields added only when
  // present made a shape per combination, and those reads megamorphic).
  const ev: EventMention = {
    name,
    span: nameSpan,
    online: left.online || hasOnlineWord(name),
    frameSpan: { start: Math.min(left.start, nameSpan.start), end: frameEnd },
    date: left.date,
    place: left.place?.text,
    placeSpan: left.place?.span,
    session: undefined,
    sessionSpan: undefined,
    frame,
  };
  // Session number and its span (the last 第…次/届 or 首次 of the name).
  const session = lastSession(raw);
  if (session) {
    ev.session = session.value;
    ev.sessionSpan = { start: nameSpan.start + session.index, end: nameSpan.start + session.index + session.length };
  }
  return ev;
}

/**
 * Meetings, forums, summits … with a date (single, range or list) and a place or 以视频方式.
 * Only dated occurrences are returned.
 */
export function scanEvents(text: string, from = 0, to = text.length): EventMention[] {
  return eventsWith(text, from, to, new DateTable(text), undefined, undefined);
}

/**
 * `listed`: the offsets of the triggers of the whole text, and `brackets` those of its brackets
 * (landmarks.ts), in place of searching for them.
 */
export function eventsWith(
  text: string,
  from: number,
  to: number,
  dates: DateTable,
  listed: ArrayLike<number> | undefined,
  brackets: ArrayLike<number> | undefined,
): EventMention[] {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  const found: EventMention[] = [];
  let triggers: ArrayLike<number>;
  if (listed) triggers = listed;
  else {
    const own: number[] = [];
    TRIGGER_RE.lastIndex = from;
    // Every trigger is two code units long: test() gives its end, no match array.
    while (TRIGGER_RE.test(text)) {
      const k = TRIGGER_RE.lastIndex - 2;
      if (k >= to) break;
      own.push(k);
    }
    triggers = own;
  }
  for (let n = 0; n < triggers.length; n++) {
    const t = triggers[n];
    if (t < from || t >= to) continue;
    const tEnd = t + 2;
    // Pattern A: DATE … 举行(的) NAME
    let ns = skipFwd(text, tEnd);
    if (text.charCodeAt(ns) === ATTRIBUTIVE) ns = skipFwd(text, ns + 1);
    const ne = eventNameEnd(text, ns);
    if (ne > ns) {
      const left = eventLeft(text, t, dates);
      if (left.date) {
        found.push(makeEvent(text, { start: ns, end: ne }, left, ne, 'attributive'));
        continue;
      }
    }
    // Pattern B: DATE，NAME [在PLACE|以视频形式] 举行
    let p = skipBack(text, t);
    const venue = venueBefore(text, p);
    const { online, place } = venue;
    p = venue.p;
    // Pattern C: NAME [将]于 DATE [在PLACE|以视频方式] 举行
    const dateC = dates.at(p);
    if (dateC) {
      let e2 = skipBack(text, dateC.span.start);
      if (e2 > 0 && isPrep(text.charCodeAt(e2 - 1))) {
        e2 = skipBack(text, e2 - 1);
        const future = endingWord(text, e2, FUTURE);
        if (future) e2 = skipBack(text, e2 - future.length);
      }
      if (endsWithEventNoun(text, e2)) {
        const s2 = eventNameStart(text, e2);
        if (s2 < e2) found.push(makeEvent(text, { start: s2, end: e2 }, { date: dateC, place, online, start: s2 }, tEnd, 'clause'));
      }
      continue;
    }
    const nameEnd = p;
    if (!endsWithEventNoun(text, nameEnd)) continue;
    const nameStart = eventNameStart(text, nameEnd);
    if (nameStart >= nameEnd) continue;
    const q = skipBack(text, nameStart);
    if (COMMA[text.charCodeAt(q - 1)] !== 1) continue;
    const date = dates.at(skipBack(text, q - 1));
    if (!date) continue;
    found.push(makeEvent(text, { start: nameStart, end: nameEnd }, { date, place, online, start: date.span.start }, tEnd, 'clause'));
  }
  const cited = citedEvents(text, from, to, brackets);
  if (cited.length) {
    // Both lists are in text order: merge them.
    const all: EventMention[] = [];
    let a = 0;
    let b = 0;
    while (a < found.length || b < cited.length) {
      if (b >= cited.length || (a < found.length && found[a].span.start <= cited[b].span.start)) all.push(found[a++]);
      else all.push(cited[b++]);
    }
    found.length = 0;
    for (const e of all) found.push(e);
  }
  let k = 0;
  for (const e of found) if (!isRelativeName(e.name)) found[k++] = e;
  found.length = k;
  return found;
}

/** `EVENT（DATE，PLACE）`, `EVENT（DATE，以视频方式）`: events cited with a parenthesis after the name. */
function citedEvents(text: string, from: number, to: number, brackets: ArrayLike<number> | undefined): EventMention[] {
  const out: EventMention[] = [];
  const at = (o: number) => {
    const e = skipBack(text, o);
    if (!endsWithEventNoun(text, e)) return;
    const d = datelineAt(text, o);
    if (!d) return;
    const s = citedEventName(text, e);
    if (s < 0) return;
    out.push(makeEvent(text, { start: s, end: e }, { date: d.date, place: d.place, online: d.online, start: s }, d.end, 'cited'));
  };
  if (brackets) {
    for (let n = 0; n < brackets.length; n++) {
      const o = brackets[n];
      if (o >= from && o < to && OPEN_PAREN[text.charCodeAt(o)] === 1) at(o);
    }
  } else {
    OPEN_PAREN_RE.lastIndex = from;
    while (OPEN_PAREN_RE.test(text)) {
      const o = OPEN_PAREN_RE.lastIndex - 1;
      if (o >= to) break;
      at(o);
    }
  }
  return out;
}

/**
 * A clause of meeting ending at `p`, before its comma: `[于]DATE[在PLACE|以视频方式]会晤，`
 * (`…元首于2023年5月18日至19日在西安会晤，发表《T》`): its date, place or online mode — the setting
 * of what the next clause adopts, without an event name. Undefined without a date.
 */
export function meetingBefore(text: string, p: number, dates: DateTable = new DateTable(text)): EventLeft | undefined {
  p = skipBack(text, p);
  if (COMMA[text.charCodeAt(p - 1)] !== 1) return undefined;
  const q = skipBack(text, p - 1);
  const w = endingWord(text, q, MEETING_VERBS);
  if (!w) return undefined;
  const left = eventLeft(text, q - w.length, dates);
  return left.date ? left : undefined;
}
