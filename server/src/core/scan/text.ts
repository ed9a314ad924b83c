/**
 * A whole text scanned at once: its dates, references and events from one findDates pass, whose
 * results the two frame scanners read instead of parsing dates again. For checkers that need all three.
 */
import type { DateExpr, ReferenceMention } from '../types';
import { findDates } from '../lang/zh/dates';
import { DateTable } from './dateTable';
import { eventsWith, type EventMention } from './events';
import { referencesWith } from './references';
import type { Landmarks } from './landmarks';

/**
 * Dates, references and events of a whole text in one go. With `marks` (landmarks(text)) the
 * three read the offsets of the date units, the title marks and the event triggers from that
 * pass instead of each searching the whole text; the results are the same.
 */
export function scanText(text: string, marks?: Landmarks): { dates: DateExpr[]; references: ReferenceMention[]; events: EventMention[] } {
  const dates = findDates(text, 0, text.length, marks?.units);
  const table = new DateTable(text, dates);
  return {
    dates,
    references: referencesWith(text, 0, text.length, table, marks?.titles),
    events: eventsWith(text, 0, text.length, table, marks?.triggers, marks?.brackets),
  };
}
