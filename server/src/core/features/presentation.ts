/**
 * How features show what the knowledge base knows: a date as the genre writes it, an instrument's
 * adoption in one line, its full reference frame, and links to the corpus.
 */
import type { Adoption, Instrument, SimpleDate } from '../types';
import { dateKey } from '../text/calendar';
import { formatDate } from '../lang/zh/datesFormat';
import { openableUri } from '../corpus/files';
import { documentFormat } from '../corpus/formats';
import { linkDestination } from '../text/markdown';

/** A date as the corpus's genre writes it (arabic). */
export function fmtDate(d: SimpleDate | undefined): string {
  if (!d) return '';
  try {
    return formatDate(d, 'arabic');
  } catch {
    return dateKey(d);
  }
}

/** The first adoption with a date (the one a full reference uses). */
export function mainAdoption(ins: Instrument): Adoption | undefined {
  return ins.adoptions.find((a) => a.date && a.place) ?? ins.adoptions.find((a) => a.date) ?? ins.adoptions[0];
}

/** `2021年9月17日 · 杜尚别 · 通过` */
export function adoptionDetail(ins: Instrument): string {
  const a = mainAdoption(ins);
  if (!a) return ins.kind ?? '';
  return [fmtDate(a.date), a.place, a.verb].filter(Boolean).join(' · ');
}

/** The full reference frame, `2021年9月17日在杜尚别通过的《T》`, from the knowledge base. */
export function fullReference(ins: Instrument, title = ins.title): { prefix: string; text: string; detail: string } {
  const a = mainAdoption(ins);
  let prefix = '';
  if (a?.date) prefix += fmtDate(a.date);
  if (a?.place) prefix += '在' + a.place;
  if (a?.verb && (a.date || a.place)) prefix += a.verb + '的';
  else if (prefix) prefix += '的';
  return { prefix, text: prefix + '《' + title + '》', detail: adoptionDetail(ins) };
}

/**
 * A file:// (or other) link target for a corpus uri, with the line as a fragment (`#L12`) — none for
 * a Word document or a web page, whose own lines are not those of the text read from it.
 */
export function corpusLink(uri: string, line: number): string {
  const target = linkDestination(openableUri(uri));
  return documentFormat(uri) ? target : `${target}#L${line + 1}`;
}
