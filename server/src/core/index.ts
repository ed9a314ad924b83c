/**
 * The Chancery core: corpus → knowledge base → findings, hover, completion … as pure data.
 * No imports of vscode or vscode-languageserver below this folder.
 * Re-exports the modules that tests and benchmarks use directly.
 */
export * from './types';
export * from './service';
export { normalizeTitle, foldPunctuation } from './text/normalize';
export { toSimplified } from './lang/zh/script';
export * from './lang/zh/dates';
export * from './lang/zh/datesFormat';
export * from './text/calendar';
export * from './text/positions';
export * from './text/brackets';
export * from './corpus/load';
export { DOCUMENT_EXTENSIONS, decodeDocument, docxText, htmlText } from './corpus/formats';
export * from './corpus/split';
export {
  PHRASING_MODEL_VERSION,
  sentenceFormulas,
  modelProvenance,
  type PhrasingModel,
  type Formula,
  type FormulaKind,
  type Template,
  type TemplatePart,
} from './phrasing/model';
export { learnPhrasing, type LearnOptions } from './phrasing/learn';
export { serializePhrasing, deserializePhrasing } from './phrasing/serialize';
export { completePhrasing, type PhrasingCompleteOptions } from './phrasing/complete';
export type { PhrasingKnowledge } from './phrasing/knowledge';
export { templateSnippet } from './phrasing/snippetText';
export * from './knowledge/titleMatch';
export { NEAR_SYNONYMS } from './lang/zh/synonyms';
export * from './features/diagnostics/findings';
export { diagnose } from './features/diagnostics';
export { ACCEPT_MARKER, DISABLE_MARKER, readInlineMarkers } from './features/diagnostics/markers';
export { findInvalidDates } from './features/diagnostics/dates';
export { malformedYearBefore } from './lang/zh/dates';
export * from './scan';
export { EVENT_NOUNS, EVENT_TRIGGERS } from './lang/zh/events';
export { sessionOf } from './lang/zh/session';
export * from './knowledge/extract';
export * from './knowledge/provenance';
export { aliasTableOf, extractAbbreviations, findAbbreviations, type AbbreviationAt } from './knowledge/abbreviations';
export * from './knowledge/officials';
export * from './knowledge/kinds';
export { INSTRUMENT_KINDS } from './lang/zh/kinds';
export { ROLE_NOUNS } from './lang/zh/officials';
export * from './knowledge/build';
export { KnowledgeIndex, eventBaseKey, type DerivedTable, type FactsAt } from './knowledge/knowledgeIndex';
export * from './languageService';
export * from './pipeline';
export * from './phrasing/snippets';
export { GLOSSARY } from './lang/zh/phrasing';
export * from './util/stringCache';
export * from './features/inline';
export * from './text/markdown';
export * from './messages';
export { pinyinInitials } from './lang/zh/pinyin';
export { TRIGGER_CHARACTERS, listEntries } from './features/completion';
export { findTitles, TITLE_SEARCH } from './features/titles';
