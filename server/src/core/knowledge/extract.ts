/**
 * Extraction of facts from one decoded corpus document: references (with frames), events,
 * declared abbreviations, officials with country and role. Every fact carries its provenance
 * (uri, offset, length, line, sentence). The knowledge base (build.ts) merges documents.
 *
 * No word of any language is written in knowledge/: the vocabulary is the language's (core/lang).
 */
import type { Abbreviation, Official, ReferenceMention } from '../types';
import { scanEvents, scanReferences, type EventMention } from '../scan';
import { ProvenanceMaker } from './provenance';
import { extractAbbreviations } from './abbreviations';
import { extractOfficials } from './officials';

export interface DocumentFacts {
  uri: string;
  references: ReferenceMention[];
  events: EventMention[];
  abbreviations: Abbreviation[];
  officials: Official[];
  prov: ProvenanceMaker;
}

export function extractDocument(uri: string, text: string): DocumentFacts {
  const prov = new ProvenanceMaker(uri, text);
  return {
    uri,
    references: scanReferences(text),
    events: scanEvents(text),
    abbreviations: extractAbbreviations(text, prov),
    officials: extractOfficials(text, prov),
    prov,
  };
}
