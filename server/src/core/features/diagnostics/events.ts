/**
 * The event check (event-mismatch): a meeting the corpus records, cited with another date, another
 * place, or another session number than the corpus gives it.
 */
import type { EventFact, Finding } from '../../types';
import type { DerivedTable, KnowledgeIndex } from '../../knowledge/knowledgeIndex';
import type { EventMention } from '../../scan';
import { normalizeTitle } from '../../text/normalize';
import { SliceCache } from '../../util/stringCache';
import { firstSession, withoutSession } from '../../lang/zh/session';
import { eventDatesAgree, exprAsDraft, samePlace } from './agreement';
import { corpusSays, finding, replaceFix } from './findings';

/** An event's name without its session number: the key of a recurring series. */
function seriesKey(name: string): string {
  return normalizeTitle(withoutSession(name));
}

/** The corpus's events by series (seriesKey). */
interface EventSeries {
  bySeries: Map<string, EventFact[]>;
  /** The series of an event name (null: none), memoised: drafts repeat event names (fresh slices: see SliceCache). */
  seriesOf: SliceCache<EventFact[] | null>;
}

const EVENT_SERIES: DerivedTable<EventSeries> = {
  name: 'event series',
  build(index) {
    const bySeries = new Map<string, EventFact[]>();
    for (const e of index.kb.events) {
      const k = seriesKey(e.name);
      let list = bySeries.get(k);
      if (!list) bySeries.set(k, (list = []));
      list.push(e);
    }
    return { bySeries, seriesOf: new SliceCache<EventFact[] | null>() };
  },
};

/** The event-mismatch findings of the draft's event mentions `events`, appended to `out`. */
export function eventFindings(text: string, index: KnowledgeIndex, out: Finding[], events: readonly EventMention[]): void {
  const table = index.derived(EVENT_SERIES);
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
