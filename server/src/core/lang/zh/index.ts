/**
 * Chinese (simplified and traditional, mainland and Taiwan/Hong Kong typography) as a `Language`:
 * the vocabulary of this folder's files behind the one interface the scanners read.
 */
import type { Language } from '../types';
import { isIdeograph, isInlineSpace } from './chars';
import { simplified, toSimplified } from './script';
import { lastSession, withoutSession } from './session';
import * as P from './punctuation';
import * as D from './dateChars';
import * as F from './frames';
import * as E from './events';
import { ANAPHORA, INSTRUMENT_KINDS, SELF_REFERENCES } from './kinds';
import { NEAR_SYNONYMS } from './synonyms';
import * as A from './abbreviations';
import * as O from './officials';

export const zh: Language = {
  id: 'zh',
  chars: { isWordUnit: isIdeograph, isInlineSpace },
  script: { fold: toSimplified, foldMemo: simplified },
  punctuation: {
    titleMarks: P.TITLE_MARKS,
    innerTitleMarks: P.INNER_TITLE_MARKS,
    innerTitleOpeners: P.INNER_TITLE_OPENERS,
    innerTitleClosers: P.INNER_TITLE_CLOSERS,
    titleBodyStops: P.TITLE_BODY_STOPS,
    titleInnerPunctuation: P.TITLE_INNER_PUNCTUATION,
    openParens: P.OPEN_PARENS,
    closeParens: P.CLOSE_PARENS,
    commas: P.COMMAS,
    listSeparators: P.LIST_SEPARATORS,
    fullStop: P.FULL_STOP,
    nameStops: P.NAME_STOPS,
    folds: P.PUNCTUATION_FOLDS,
    fullWidthFolded: P.FULL_WIDTH_ALPHANUMERICS,
  },
  dateMarks: { chars: D.DATE_CHARS, ends: D.DATE_ENDS, units: D.DATE_UNITS },
  frames: {
    adoptionVerbs: F.ADOPTION_VERBS,
    verbParticles: F.VERB_PARTICLES,
    attributive: F.ATTRIBUTIVE,
    connectors: F.CONNECTORS,
    eventPositions: F.EVENT_POSITIONS,
    distributives: F.DISTRIBUTIVES,
    rightAdverbs: F.RIGHT_ADVERBS,
  },
  places: {
    prepositions: F.PREPOSITIONS,
    notPrepositionAfter: F.NOT_PREPOSITION_AFTER,
    notPlaceEnd: F.NOT_PLACE_END,
    ambiguousEnds: F.AMBIGUOUS_PLACE_END,
    joiners: F.PLACE_JOINERS,
    datelineJoiners: F.DATELINE_PLACE_JOINERS,
  },
  events: {
    triggers: E.EVENT_TRIGGERS,
    nouns: E.EVENT_NOUNS,
    onlineModes: E.ONLINE_MODES,
    onlineWords: E.ONLINE_WORDS,
    adverbs: E.EVENT_ADVERBS,
    futureMarkers: E.FUTURE_MARKERS,
    meetingVerbs: E.MEETING_VERBS,
    citingVerbs: E.CITING_VERBS,
    isRelativeName: E.isRelativeEventName,
    lastSession,
    withoutSession,
  },
  instruments: { kinds: INSTRUMENT_KINDS, nearSynonyms: NEAR_SYNONYMS, selfReferences: SELF_REFERENCES, anaphora: ANAPHORA },
  abbreviations: {
    declaration: A.DECLARATION,
    quotesOpen: A.QUOTES_OPEN,
    quotesClose: A.QUOTES_CLOSE,
    shortNameSeparators: A.SHORT_NAME_SEPARATORS,
    shortName: A.SHORT_NAME,
    fullNameCuts: A.FULL_NAME_CUTS,
    memberWords: A.MEMBER_WORDS,
    withoutDeclarations: A.withoutDeclarations,
  },
  officials: {
    roleNouns: O.ROLE_NOUNS,
    honorifics: O.HONORIFICS,
    segmentSeparators: O.SEGMENT_SEPARATORS,
    clauseMarks: O.CLAUSE_MARKS,
    countrySuffixes: O.COUNTRY_SUFFIXES,
    countryWord: O.COUNTRY_WORD,
    orgMarkers: O.ORG_MARKERS,
    orgWord: O.ORG_WORD,
    leadQualifiers: O.LEAD_QUALIFIERS,
    leadingConjunctions: O.LEADING_CONJUNCTIONS,
    trailingVerbs: O.TRAILING_VERBS,
    attendanceVerbs: O.ATTENDANCE_VERBS,
    name: O.OFFICIAL_NAME,
    notInName: O.NOT_IN_NAME,
  },
};
