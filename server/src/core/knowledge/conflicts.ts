/**
 * Conflicts of a knowledge base: one instrument with two different dates, places or verbs; one
 * event with two dates or places. Every value is kept with the first provenance that gives it.
 */
import type { Conflict, EventFact, Instrument, Provenance } from '../types';
import { dateExprKey, dateKey } from '../text/calendar';
import { TEXT_LANGUAGE } from '../lang';

const foldMemo = TEXT_LANGUAGE.script.foldMemo;

/** The conflicts among the adoptions of each instrument and the occurrences of each event id. */
export function findConflicts(instruments: Iterable<Instrument>, eventOccurrences: Iterable<[string, EventFact[]]>): Conflict[] {
  const conflicts: Conflict[] = [];
  /** One pass over the occurrences of a subject: the first provenance of each distinct value per field. */
  const check = (subject: string, items: readonly { date?: string; place?: string; verb?: string; provenance: Provenance }[], fields: Conflict['field'][]) => {
    for (const field of fields) {
      let first: string | undefined;
      let byValue: Map<string, Provenance> | undefined;
      for (const it of items) {
        const v = it[field];
        if (v === undefined) continue;
        if (first === undefined) first = v;
        else if (v !== first) {
          if (!byValue) {
            byValue = new Map();
            byValue.set(first, items.find((x) => x[field] === first)!.provenance);
          }
          if (!byValue.has(v)) byValue.set(v, it.provenance);
        }
      }
      if (byValue) conflicts.push({ subject, field, values: [...byValue].map(([value, provenance]) => ({ value, provenance })) });
    }
  };
  for (const ins of instruments) {
    if (ins.adoptions.length < 2) continue;
    check(
      ins.id,
      ins.adoptions.map((a) => ({ date: a.date && dateKey(a.date), place: a.place && foldMemo(a.place), verb: a.verb, provenance: a.provenance })),
      ['date', 'place', 'verb'],
    );
  }
  for (const [id, occ] of eventOccurrences) {
    if (occ.length < 2) continue;
    check(id, occ.map((e) => ({ date: e.date && dateExprKey(e.date), place: e.place && foldMemo(e.place), provenance: e.provenance })), ['date', 'place']);
  }
  return conflicts;
}
