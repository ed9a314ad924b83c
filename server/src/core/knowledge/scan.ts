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
 * `scanEvents` reads meetings: `DATE[在PLACE|以视频方式]举行的EVENT`, `DATE在PLACE举行EVENT`,
 * `DATE，EVENT[在PLACE|以视频形式]举行`, `EVENT[将]于DATE[在PLACE|以视频方式]举行`.
 *
 * Everything is linear in the text: one pass for titles, bounded look-arounds, dates read on demand.
 */
import type { DateExpr, ReferenceMention, Span } from '../types';
import { findDates } from '../lang/zh/dates';
import type { Landmarks } from './landmarks';
import { isIdeograph } from '../lang/zh/chars';
import { lastSession } from '../lang/zh/session';

// ---------------------------------------------------------------------------------------------
// Vocabulary of the frames (words of the genre, not facts).

/** Verbs of adoption, simplified and traditional (mentions keep the verb as written; the KB simplifies it). */
const VERBS = ['通过', '通過', '批准', '签署', '簽署', '签订', '簽訂', '核准', '缔结', '締結', '发表', '發表'];
/** Last code units of the verbs: a one-read gate. */
const VERB_LAST = new Uint8Array(0x10000);
for (const v of VERBS) VERB_LAST[v.charCodeAt(v.length - 1)] = 1;
const CONNECTORS = ['以及', '和', '及', '与', '與', '、', '并', '並'];
export const EVENT_TRIGGERS = ['举行', '舉行', '举办', '舉辦', '召开', '召開'];
const TRIGGER_RE = new RegExp(EVENT_TRIGGERS.join('|'), 'g'); // all two code units long
const ONLINE = ['以视频会议方式', '以视频会议形式', '以视频方式', '以视频形式', '以視頻方式', '以視頻形式', '通过视频方式', '以线上方式', '以線上方式', '以视频连线方式'];
/** Head nouns of event names. */
export const EVENT_NOUNS = [
  '会议', '會議', '峰会', '峰會', '论坛', '論壇', '会晤', '會晤', '对话会', '對話會', '大会', '大會', '会谈', '會談',
  '研讨会', '研討會', '博览会', '博覽會', '展览会', '展覽會', '座谈会', '座談會', '年会', '年會', '圆桌会', '圓桌會',
  '音乐会', '文化节', '艺术节', '藝術節', '运动会', '運動會', '马拉松赛', '演练', '演習', '演习',
];
/** First code units of event nouns: a one-read gate before comparing words. */
const NOUN_FIRST = new Uint8Array(0x10000);
for (const n of EVENT_NOUNS) NOUN_FIRST[n.charCodeAt(0)] = 1;
/** Lengths of the event nouns by first code unit, longest first (会 starts many words: no scan of the whole list). */
const NOUNS_BY_FIRST: string[][] = [];
/** Code unit → 1 + index in NOUNS_BY_FIRST (0: no event noun starts with it). */
const NOUN_LIST_OF = new Uint8Array(0x10000);
for (const n of EVENT_NOUNS) {
  const c = n.charCodeAt(0);
  if (NOUN_LIST_OF[c] === 0) {
    NOUNS_BY_FIRST.push([]);
    NOUN_LIST_OF[c] = NOUNS_BY_FIRST.length;
  }
  NOUNS_BY_FIRST[NOUN_LIST_OF[c] - 1].push(n);
}
for (const list of NOUNS_BY_FIRST) list.sort((a, b) => b.length - a.length);
const NOUN_LAST = new Uint8Array(0x10000);
for (const n of EVENT_NOUNS) NOUN_LAST[n.charCodeAt(n.length - 1)] = 1;
/** Does an event noun end at `p`? (One table read first: most positions end no noun.) */
function endsWithEventNoun(text: string, p: number): boolean {
  if (p <= 0 || NOUN_LAST[text.charCodeAt(p - 1)] !== 1) return false;
  for (const n of EVENT_NOUNS) if (p >= n.length && text.startsWith(n, p - n.length)) return true;
  return false;
}
function isPrep(c: number): boolean {
  return c === 0x5728 || c === 0x4e8e || c === 0x65bc; // 在 于 於
}
const NOT_PREP_BEFORE = '关關对對由至终終等基属屬鉴鑒处處出存正现現所好自';
const NOT_PLACE_END = '并並和及将將已又再也均都所被予以的了还還就才';
/** The two lists as code-unit tables (text[i] of an ideograph would allocate a string per test). */
const NOT_PREP_BEFORE_C = new Uint8Array(0x10000);
for (const ch of NOT_PREP_BEFORE) NOT_PREP_BEFORE_C[ch.charCodeAt(0)] = 1;
const NOT_PLACE_END_C = new Uint8Array(0x10000);
for (const ch of NOT_PLACE_END) NOT_PLACE_END_C[ch.charCodeAt(0)] = 1;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000;
}
function skipBack(text: string, p: number): number {
  while (p > 0 && isSpace(text.charCodeAt(p - 1))) p--;
  return p;
}
function skipFwd(text: string, p: number, to = text.length): number {
  while (p < to && isSpace(text.charCodeAt(p))) p++;
  return p;
}
function endsAt(text: string, p: number, s: string): boolean {
  return p >= s.length && text.startsWith(s, p - s.length);
}
function endingWord(text: string, p: number, words: readonly string[]): string | undefined {
  for (const w of words) if (endsAt(text, p, w)) return w;
  return undefined;
}

/** Code units that can occur inside a date expression (numerals, units, separators, spaces). */
const DATE_CHAR = new Uint8Array(0x10000);
for (const ch of '0123456789０１２３４５６７８９〇零一二两三四五六七八九十廿卅○Ｏ年月日号號至到—–-~～〜－、和及与與或以 \u00a0\t')
  DATE_CHAR[ch.charCodeAt(0)] = 1;

/**
 * The date expression ending exactly at an offset, read on demand: back over the run of
 * date characters before it (a safe start: no date expression extends past such a run), then
 * forwards with findDates. Frames ask for a handful of offsets per title, so scanning costs
 * stay proportional to the frames, not to the text. Memoised per scan.
 */
class DateTable {
  private readonly memo = new Map<number, DateExpr | null>();
  /**
   * With `all` (every date of the text, from one findDates pass, in text order: their ends
   * increase) lookups are binary searches over the ends, no map to fill.
   */
  private readonly all: readonly DateExpr[] | undefined;
  /** The ends of `all`, packed (a search touches no date objects). */
  private readonly ends: Int32Array | undefined;
  constructor(
    private readonly text: string,
    all?: readonly DateExpr[],
  ) {
    this.all = all;
    if (all) {
      const ends = new Int32Array(all.length);
      for (let k = 0; k < all.length; k++) ends[k] = all[k].span.end;
      this.ends = ends;
    }
  }
  at(end: number): DateExpr | undefined {
    const text = this.text;
    const c = end > 0 ? text.charCodeAt(end - 1) : 0;
    // A date ends with 日/号 (day), 月 (month) or 年 (year): anything else is answered without
    // a lookup (most frames ask at offsets that are not date ends).
    if (c !== 0x65e5 && c !== 0x6708 && c !== 0x5e74 && c !== 0x53f7 && c !== 0x865f) return undefined;
    const ends = this.ends;
    if (ends) {
      let lo = 0;
      let hi = ends.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const e = ends[mid];
        if (e < end) lo = mid + 1;
        else if (e > end) hi = mid - 1;
        else return this.all![mid];
      }
      return undefined;
    }
    const m = this.memo.get(end);
    if (m !== undefined) return m ?? undefined;
    let d: DateExpr | undefined;
    let s = end;
    while (s > 0 && end - s < 120 && DATE_CHAR[text.charCodeAt(s - 1)] === 1) s--;
    const ds = findDates(text, s, end);
    const last = ds[ds.length - 1];
    if (last && last.span.end === end) d = last;
    this.memo.set(end, d ?? null);
    return d;
  }
}

/** The date expression starting exactly at `p`, if any. */
function dateStartingAt(text: string, p: number): DateExpr | undefined {
  const d = findDates(text, p, Math.min(text.length, p + 60))[0];
  return d && d.span.start === p ? d : undefined;
}

// ---------------------------------------------------------------------------------------------
// Places and event frames

/** Set by placeBefore when it finds a place: the offset of its preposition (在/于). */
let placePrep = -1;

/**
 * `在PLACE` ending at `p` (PLACE: 1–16 ideographs, or a transliteration with ·; spaces allowed
 * after 在): the start of PLACE (its preposition in `placePrep`), or -1. Callers make the place
 * object only when they keep it.
 */
function placeBefore(text: string, p: number): number {
  let j = p - 1;
  while (j >= 0 && p - j <= 17) {
    const c = text.charCodeAt(j);
    if (isPrep(c)) break;
    if (!isIdeograph(c) && c !== 0xb7 && c !== 0x30fb) break;
    j--;
  }
  // j: the preposition, or the first non-place character (spaces may separate 在 and the place).
  const placeStart = j + 1;
  if (placeStart >= p) return -1;
  let k = j;
  if (k >= 0 && !isPrep(text.charCodeAt(k))) {
    k = skipBack(text, placeStart) - 1;
    if (k === j) return -1;
  }
  if (k < 0 || !isPrep(text.charCodeAt(k))) return -1;
  // 关于/对于/由于/至于… are not `于PLACE`; 存在/正在/现在… are not `在PLACE`.
  if (k > 0 && NOT_PREP_BEFORE_C[text.charCodeAt(k - 1)] === 1) return -1;
  // A place does not end with an adverb or conjunction (正在制定并通过).
  if (NOT_PLACE_END_C[text.charCodeAt(p - 1)] === 1) return -1;
  placePrep = k;
  return placeStart;
}

const ADVERBS = ['成功', '顺利', '順利', '如期', '隆重'];
const ADVERB_LAST = new Uint8Array(0x10000);
for (const a of ADVERBS) ADVERB_LAST[a.charCodeAt(a.length - 1)] = 1;

/** What precedes an event trigger (举行…): `DATE`, `DATE在PLACE`, `DATE以视频方式`, then 成功/顺利. */
interface EventLeft {
  date?: DateExpr;
  place?: { text: string; span: Span };
  online: boolean;
  start: number;
}
/**
 * The venue written just before offset `p` of an event frame: `以视频方式/形式` or `在PLACE`.
 * Returns where the text before the venue ends (`p` itself when there is none).
 */
function venueBefore(text: string, p: number): { p: number; online: boolean; place?: EventLeft['place'] } {
  const on = text.charCodeAt(p - 1) === 0x5f0f /* 式 */ ? endingWord(text, p, ONLINE) : undefined;
  if (on) return { p: skipBack(text, p - on.length), online: true };
  const ps = placeBefore(text, p);
  if (ps < 0) return { p, online: false };
  return { p: skipBack(text, placePrep), online: false, place: { text: text.slice(ps, p), span: { start: ps, end: p } } };
}

function eventLeft(text: string, t: number, dates: DateTable): EventLeft {
  let p = skipBack(text, t);
  const adv = ADVERB_LAST[text.charCodeAt(p - 1)] === 1 ? endingWord(text, p, ADVERBS) : undefined;
  if (adv) p = skipBack(text, p - adv.length);
  const venue = venueBefore(text, p);
  const { online, place } = venue;
  p = venue.p;
  const date = dates.at(p);
  if (date) {
    let s = date.span.start;
    if (s > 0 && isPrep(text.charCodeAt(s - 1))) s--; // 于2021年…
    return { date, place, online, start: s };
  }
  return { place, online, start: p };
}

const NAME_STOPS = new Uint8Array(0x10000);
for (const ch of '。，；：！？《》〈〉“”「」\n\r,;:!?"') NAME_STOPS[ch.charCodeAt(0)] = 1;

/** End of an event name starting at `p`: the last event head noun before a stop, or -1. */
function eventNameEnd(text: string, p: number, limit = 80): number {
  const to = Math.min(text.length, p + limit);
  let last = -1;
  let depth = 0;
  for (let i = p; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff08 || c === 0x28) depth++;
    else if (c === 0xff09 || c === 0x29) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (NAME_STOPS[c] === 1 || (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19))) break;
    if (depth > 0 && (c === 0x3002 || c === 0x0a)) break;
    if (NOUN_FIRST[c] === 1) {
      // The longest noun starting here gives the largest end; later positions end later still.
      for (const n of NOUNS_BY_FIRST[NOUN_LIST_OF[c] - 1])
        if (text.startsWith(n, i)) {
          if (i + n.length > last) last = i + n.length;
          break;
        }
    }
  }
  return last;
}

/** Start of an event name ending at `e`, read backwards up to a clause boundary, or -1. */
function eventNameStart(text: string, e: number, limit = 80): number {
  let depth = 0;
  let i = e - 1;
  const min = Math.max(0, e - limit);
  for (; i >= min; i--) {
    const c = text.charCodeAt(i);
    if (c === 0xff09 || c === 0x29) depth++;
    else if (c === 0xff08 || c === 0x28) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (NAME_STOPS[c] === 1 || (c >= 0x30 && c <= 0x39) || isSpace(c))) break;
  }
  return i + 1;
}

/** The name without declarations like （以下简称“上合组织”）. */
export function cleanEventName(raw: string): string {
  if (!raw.includes('简称') && !raw.includes('簡稱')) return raw;
  return raw.replace(/[（(]以下[简簡]称[^）)]{0,60}[）)]/g, '');
}

export { sessionOf } from '../lang/zh/session';

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
}

/** Names relative to the text's own time (下次会议, 本次会议) are not facts about one event. */
const RELATIVE_NAME = /下一?[次届]|上[次届]|[本此这该]次|本届/; // 下次 下一次 下届 下一届 上次 上届 本次 此次 这次 该次 本届

function makeEvent(text: string, nameSpan: Span, left: EventLeft, frameEnd: number, extraOnline: boolean): EventMention {
  const raw = text.slice(nameSpan.start, nameSpan.end);
  const name = cleanEventName(raw);
  // Every field is set, the absent ones to undefined, in the order they used to be added (so
  // JSON, which leaves undefined out, reads as before): all event mentions then share one hidden
  // class, and the checks that read them in a loop stay monomorphic (fields added only when
  // present made a shape per combination, and those reads megamorphic).
  const ev: EventMention = {
    name,
    span: nameSpan,
    online: left.online || extraOnline || name.includes('视频') || name.includes('視頻'),
    frameSpan: { start: Math.min(left.start, nameSpan.start), end: frameEnd },
    date: left.date,
    place: left.place?.text,
    placeSpan: left.place?.span,
    session: undefined,
    sessionSpan: undefined,
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
  return eventsWith(text, from, to, new DateTable(text), undefined);
}

/** `listed`: the offsets of the triggers of the whole text (landmarks.ts), in place of searching for them. */
function eventsWith(text: string, from: number, to: number, dates: DateTable, listed: ArrayLike<number> | undefined): EventMention[] {
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
    if (text.charCodeAt(ns) === 0x7684 /* 的 */) ns = skipFwd(text, ns + 1);
    const ne = eventNameEnd(text, ns);
    if (ne > ns) {
      const left = eventLeft(text, t, dates);
      if (left.date) {
        found.push(makeEvent(text, { start: ns, end: ne }, left, ne, false));
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
        if (endsAt(text, e2, '将') || endsAt(text, e2, '將')) e2 = skipBack(text, e2 - 1);
      }
      if (endsWithEventNoun(text, e2)) {
        const s2 = eventNameStart(text, e2);
        if (s2 < e2) found.push(makeEvent(text, { start: s2, end: e2 }, { date: dateC, place, online, start: s2 }, tEnd, false));
      }
      continue;
    }
    const nameEnd = p;
    if (!endsWithEventNoun(text, nameEnd)) continue;
    const nameStart = eventNameStart(text, nameEnd);
    if (nameStart >= nameEnd) continue;
    const q = skipBack(text, nameStart);
    const comma = text.charCodeAt(q - 1);
    if (comma !== 0xff0c && comma !== 0x2c) continue;
    const date = dates.at(skipBack(text, q - 1));
    if (!date) continue;
    found.push(makeEvent(text, { start: nameStart, end: nameEnd }, { date, place, online, start: date.span.start }, tEnd, false));
  }
  let k = 0;
  // Every relative name has 次 or 届: two native searches before the regex.
  for (const e of found) {
    const n = e.name;
    if ((n.indexOf('次') < 0 && n.indexOf('届') < 0) || !RELATIVE_NAME.test(n)) found[k++] = e;
  }
  found.length = k;
  return found;
}

// ---------------------------------------------------------------------------------------------
// References

/** Frame found left of a title. */
interface LeftFrame {
  frame: ReferenceMention['frame'];
  date?: DateExpr;
  place?: { text: string; span: Span };
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
  for (const t of EVENT_TRIGGERS) {
    const k = stretch.lastIndexOf(t);
    if (k > best) {
      best = k;
      trig = t;
    }
  }
  if (best >= 0) {
    let nameStart = ns + best + trig.length;
    if (text.charCodeAt(nameStart) === 0x7684 /* 的 */) nameStart++;
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
  const pc = text.charCodeAt(q - 1);
  if (pc === 0x7684 /* 的 */ || pc === 0x4e86 /* 了 */) q = skipBack(text, q - 1);
  if (VERB_LAST[text.charCodeAt(q - 1)] !== 1) return undefined;
  const verb = endingWord(text, q, VERBS);
  if (!verb) return undefined;
  const vs = q - verb.length;
  const verbSpan = { start: vs, end: q };
  let r = skipBack(text, vs);
  // EVENT上通过的, EVENT期间通过的
  const on = text.charCodeAt(r - 1) === 0x4e0a /* 上 */ ? 1 : endsAt(text, r, '期间') || endsAt(text, r, '期間') ? 2 : 0;
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
    r = skipBack(text, placePrep);
  }
  const date = dates.at(r);
  if (date) return { frame: place ? 'date-place-verb' : 'date-verb', date, place, verb: { text: verb, span: verbSpan } };
  if (place) return { frame: 'bare', place, verb: { text: verb, span: verbSpan } };
  return undefined;
}

/** `（DATE，PLACE）` right after a title ending at `e`. */
function parenthetical(text: string, e: number): Pick<LeftFrame, 'date' | 'place'> | undefined {
  let p = skipFwd(text, e);
  if (text.charCodeAt(p) !== 0xff08 /* （ */ && text.charCodeAt(p) !== 0x28 /* ( */) return undefined;
  p = skipFwd(text, p + 1);
  let date = dateStartingAt(text, p);
  let place: LeftFrame['place'];
  const readPlace = (s: number): number => {
    let k = s;
    while (k < text.length && k - s < 16 && (isIdeograph(text.charCodeAt(k)) || text.charCodeAt(k) === 0xb7)) k++;
    if (k > s) place = { text: text.slice(s, k), span: { start: s, end: k } };
    return k;
  };
  if (date) {
    if (date.dates[0].yearOnly) return undefined;
    p = skipFwd(text, date.span.end);
    if (text.charCodeAt(p) === 0xff0c /* ， */ || text.charCodeAt(p) === 0x2c /* , */ || text.charCodeAt(p) === 0x3001 /* 、 */) p = readPlace(skipFwd(text, p + 1));
  } else {
    p = readPlace(p);
    if (!place) return undefined;
    p = skipFwd(text, p);
    if (text.charCodeAt(p) !== 0xff0c /* ， */ && text.charCodeAt(p) !== 0x2c /* , */ && text.charCodeAt(p) !== 0x3001 /* 、 */) return undefined;
    p = skipFwd(text, p + 1);
    date = dateStartingAt(text, p);
    if (!date || date.dates[0].yearOnly) return undefined;
    p = date.span.end;
  }
  p = skipFwd(text, p);
  if (text.charCodeAt(p) !== 0xff09 /* ） */ && text.charCodeAt(p) !== 0x29 /* ) */) return undefined;
  return { date, place };
}

const OPEN = '《';
const CLOSE = '》';
const OPEN_C = 0x300a; // 《
const CLOSE_C = 0x300b; // 》
const MAX_TITLE = 300;
/** The body of a title: anything up to 《, 》, a line break or 。. */
const TITLE_BODY = /[^《》\n\r。]*/y;
/**
 * The same, stopping also at an inner opener (〈 < ＜ ‹, as innerOpen). Most titles have none:
 * then this one native run finds the title's end and shows that innerMentions has nothing to
 * find (a charCodeAt loop over every title cost more than the rest of the title scan).
 */
const TITLE_PLAIN = /[^《》\n\r。〈<＜‹]*/y;

function innerOpen(c: number): boolean {
  return c === 0x3008 || c === 0x3c || c === 0xff1c || c === 0x2039;
}
function innerClose(c: number): boolean {
  return c === 0x3009 || c === 0x3e || c === 0xff1e || c === 0x203a;
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
        bracket: '〈〉',
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

/**
 * Dates, references and events of a whole text in one go: one findDates pass, whose results
 * the two scanners then read instead of parsing dates again. For checkers that need all three.
 * With `marks` (landmarks(text)) the three read the offsets of 年/月, 《 and the event triggers
 * from that pass instead of each searching the whole text; the results are the same.
 */
export function scanText(text: string, marks?: Landmarks): { dates: DateExpr[]; references: ReferenceMention[]; events: EventMention[] } {
  const dates = findDates(text, 0, text.length, marks?.units);
  const table = new DateTable(text, dates);
  return {
    dates,
    references: referencesWith(text, 0, text.length, table, marks?.titles),
    events: eventsWith(text, 0, text.length, table, marks?.triggers),
  };
}

/** `opens`: the offsets of every 《 of the whole text (landmarks.ts), in place of searching for them. */
function referencesWith(text: string, from: number, to: number, table: DateTable | undefined, opens: ArrayLike<number> | undefined): ReferenceMention[] {
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
      bracket: '《》',
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
  while (k > 0 && c - k < 12 && isIdeograph(text.charCodeAt(k - 1)) && text.charCodeAt(k - 1) !== 0x7684 /* 的 */) k--;
  if (k < c && text.charCodeAt(k - 1) === 0x7684 /* 的 */) {
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
