/**
 * Dates read from the narrative of a corpus document: a title adopted with no date in its own
 * frame takes the date (and place) of the setting the text has just described, in the same
 * paragraph —
 * - the meeting of the previous sentence or of this one: `2022年9月16日，…会议在撒马尔罕市举行。
 *   成员国元首通过了《T》。` (an event the sentence is about: `DATE，EVENT在PLACE举行`, `EVENT于DATE…举行`);
 * - the meeting of the previous clause: `…元首于2023年5月18日至19日在西安会晤，发表《T》`;
 * - an event held where the title says it was adopted, in this sentence or the previous one:
 *   `回顾了2019年6月14日在比什凯克举行的…会议成果，强调应落实在比什凯克通过的《T》`.
 * Only for titles with a verb of adoption right before them (通过了《T》, 发表《T》) and the titles
 * coordinated with them; never across another date or title, nor for a verb in the future (将).
 * Corpus only: a draft is checked on the frames it writes (a date it infers could only be wrong
 * where the draft is right).
 */
import type { DateExpr, ReferenceMention, Span } from '../types';
import { TEXT_LANGUAGE } from '../lang';
import { findDates } from '../lang/zh/dates';
import { meetingBefore, verbBefore, type EventMention } from '../scan';
import type { ProvenanceMaker } from './provenance';

const { frames, events, script } = TEXT_LANGUAGE;
const CONNECTORS = frames.connectors;
const FUTURE = events.futureMarkers;

/** The setting of a title: where its date and place come from. */
interface Setting {
  date: DateExpr;
  place?: { text: string; span: Span };
  event?: { name: string; span: Span };
}

function samePlace(a: string, b: string): boolean {
  return a === b || script.foldMemo(a) === script.foldMemo(b);
}

/** The span (of `spans`, sorted) holding `offset`, or undefined. */
function spanAt(spans: readonly Span[], offset: number): Span | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = spans[mid];
    if (offset < x.start) hi = mid - 1;
    else if (offset >= x.end) lo = mid + 1;
    else return x;
  }
  return undefined;
}

/**
 * The mentions of one corpus document with the frames its narrative gives them: each top-level
 * mention that has no date of its own but a setting (see the file's comment) is replaced by a copy
 * with the setting's date, place and event. `events`: the document's events (scanEvents).
 */
export function withNarrativeFrames(text: string, mentions: readonly ReferenceMention[], events: readonly EventMention[], prov: ProvenanceMaker): ReferenceMention[] {
  const out: ReferenceMention[] = [];
  let prev: { mention: ReferenceMention; framed: boolean } | undefined;
  for (const m of mentions) {
    let framed: ReferenceMention | undefined;
    if (!m.date) {
      // 会议通过了《A》和《B》: B takes A's setting.
      if (prev?.framed && coordinated(text, prev.mention, m)) {
        const p = out[out.length - 1];
        framed = { ...m, frame: p.frame, date: p.date, place: p.place, verb: p.verb, event: p.event };
      } else framed = framedByNarrative(text, m, mentions, events, prov);
    }
    out.push(framed ?? m);
    prev = { mention: m, framed: framed !== undefined };
  }
  return out;
}

function coordinated(text: string, a: ReferenceMention, b: ReferenceMention): boolean {
  const between = text.slice(a.span.end, b.span.start).trim();
  if (CONNECTORS.includes(between)) return true;
  // 《A》（以下简称“《A1》”）和《B》: a declaration between is passed over.
  return false;
}

function framedByNarrative(text: string, m: ReferenceMention, mentions: readonly ReferenceMention[], events: readonly EventMention[], prov: ProvenanceMaker): ReferenceMention | undefined {
  const verb = m.verb && m.verb.span.end <= m.span.start ? m.verb : verbBefore(text, m.span.start);
  if (!verb) return undefined;
  // A verb in the future (将签署) adopts nothing yet.
  const before = text.slice(Math.max(0, verb.span.start - 2), verb.span.start);
  if (FUTURE.some((f) => before.endsWith(f))) return undefined;
  const para = spanAt(prov.paragraphs, verb.span.start);
  if (!para) return undefined;
  const sentence = prov.sentenceSpan(verb.span.start);
  if (!sentence) return undefined;
  // The sentence before, when it is in the same paragraph.
  const previous = sentence.start > para.start ? prov.sentenceSpan(sentence.start - 1) : undefined;
  const from = previous && previous.start >= para.start ? previous.start : sentence.start;
  const own = m.place?.text;
  let setting: Setting | undefined;
  // The previous clause: …于DATE在PLACE会晤，发表《T》.
  const meeting = meetingBefore(text, verb.span.start);
  if (meeting?.date && meeting.start >= from) setting = { date: meeting.date, place: meeting.place };
  if (!setting) {
    // The nearest event before the verb, in this sentence or the one before.
    for (let k = events.length - 1; k >= 0; k--) {
      const e = events[k];
      if (e.frameSpan.end > verb.span.start) continue;
      if (e.frameSpan.start < from) break;
      if (!e.date) continue;
      // A meeting still to come (EVENT将于DATE举行) is no setting.
      if (FUTURE.some((f) => text.slice(e.span.end, e.date!.span.start).includes(f))) continue;
      const sameSite = own !== undefined && e.place !== undefined && samePlace(own, e.place);
      // The meeting the text is about (a clause), or one held where the title was adopted.
      if (e.frame !== 'clause' && !sameSite) continue;
      if (own !== undefined && e.place !== undefined && !sameSite) continue;
      if (!quietBetween(text, e.frameSpan.end, verb.span.start, m, mentions)) break;
      setting = {
        date: e.date,
        place: e.place !== undefined && e.placeSpan ? { text: e.place, span: e.placeSpan } : undefined,
        event: { name: e.name, span: e.span },
      };
      break;
    }
  }
  if (!setting) return undefined;
  if (own !== undefined && setting.place && !samePlace(own, setting.place.text)) return undefined;
  const place = m.place ?? setting.place;
  const frame: ReferenceMention['frame'] = setting.event ? 'event-verb' : place ? 'date-place-verb' : 'date-verb';
  return { ...m, frame, date: setting.date, place, verb, event: setting.event };
}

/** No other date and no other title between a setting ending at `from` and the verb at `to`. */
function quietBetween(text: string, from: number, to: number, m: ReferenceMention, mentions: readonly ReferenceMention[]): boolean {
  if (findDates(text, from, to).length) return false;
  for (const x of mentions) if (x !== m && x.span.start >= from && x.span.end <= to) return false;
  return true;
}
