/**
 * Extraction of facts from one decoded corpus document: references (with frames), events,
 * declared abbreviations, officials with country and role. Every fact carries its provenance
 * (uri, offset, length, line, sentence). The knowledge base (build.ts) merges documents.
 *
 * A reference is read as the document means it: a declared short title (《协定》), 本《倡议》 and
 * 该《协定》 stand for the title they name (titleRefs.ts) — the document's own heading when 本 names
 * the document itself — and a title adopted in the narrative takes the date of its setting
 * (narrative.ts).
 *
 * No word of any language is written in knowledge/: the vocabulary is the language's (core/lang).
 */
import type { Abbreviation, Official, ReferenceMention } from '../types';
import { landmarks, scanText, type EventMention } from '../scan';
import { ProvenanceMaker } from './provenance';
import { extractAbbreviations, type AbbreviationAt } from './abbreviations';
import { extractOfficials } from './officials';
import { headingOf, titleReferences } from './titleRefs';
import { withNarrativeFrames } from './narrative';
import { TEXT_LANGUAGE } from '../lang';

const TITLE_MARKS = TEXT_LANGUAGE.punctuation.titleMarks;

export interface DocumentFacts {
  uri: string;
  /** Top-level references as the document means them (titles it stands for, narrative frames). */
  references: ReferenceMention[];
  /** The title as written, for the references that stand for another title (《协定》 → the full title). */
  written: Map<ReferenceMention, string>;
  events: EventMention[];
  abbreviations: Abbreviation[];
  officials: Official[];
  prov: ProvenanceMaker;
}

export function extractDocument(uri: string, text: string, declared?: readonly AbbreviationAt[]): DocumentFacts {
  const prov = new ProvenanceMaker(uri, text);
  // One pass for where the scanners start (landmarks.ts), then one date pass for both scanners.
  const { references, events } = scanText(text, landmarks(text));
  const { mentions, written } = documentReferences(text, references, events, prov);
  return {
    uri,
    references: mentions,
    written,
    events,
    abbreviations: declared ? declared.map((a) => ({ full: a.full, short: a.short, provenance: prov.make(a.start, a.length) })) : extractAbbreviations(text, prov),
    officials: extractOfficials(text, prov),
    prov,
  };
}

/**
 * A document's top-level references as the knowledge base reads them: each standing for the title
 * it names (titleRefs.ts), the document's heading first when 本《K》 names the document itself,
 * and the dates of its narrative (narrative.ts).
 */
export function documentReferences(
  text: string,
  references: readonly ReferenceMention[],
  events: readonly EventMention[],
  prov: ProvenanceMaker,
): { mentions: ReferenceMention[]; written: Map<ReferenceMention, string> } {
  const named = titleReferences(text, references);
  const written = new Map<ReferenceMention, string>();
  let selfNamed = false;
  const renamed = references.map((m) => {
    const r = named.get(m);
    if (!r) return m;
    if (r.how === 'text') selfNamed = true;
    return { ...m, title: r.title, inner: [] };
  });
  const mentions = withNarrativeFrames(text, renamed, events, prov);
  for (let k = 0; k < mentions.length; k++) if (renamed[k] !== references[k]) written.set(mentions[k], references[k].title);
  const heading = selfNamed ? headingOf(text) : undefined;
  if (heading) {
    // The heading, a mention of the document itself: where its definition is.
    mentions.unshift({
      title: heading.title,
      titleSpan: heading.span,
      span: heading.span,
      bracket: TITLE_MARKS,
      inner: [],
      frame: 'bare',
      date: undefined,
      place: undefined,
      verb: undefined,
      event: undefined,
    });
  }
  return { mentions, written };
}
