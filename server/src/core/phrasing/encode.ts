/**
 * Texts in the model's format: each paragraph as PARA sentence (SENT sentence)* END, sentences
 * folded (segment.ts's foldText). The corpus, with the anchors that map a model offset back to its
 * document and the provenance of any span of a sentence; and a draft, encoded the same way so that
 * it can be indexed like the corpus (draft.ts).
 */
import type { CorpusDocument, Provenance } from '../types';
import { splitParagraphs, splitSentences } from '../corpus/split';
import { END, PARA, SENT } from './model';
import { foldText } from './segment';

/** A corpus sentence as the miners read it. */
export interface SentenceRec {
  /** Folded sentence text. */
  s: string;
  /** Offset of the sentence's first character in the model text. */
  at: number;
  doc: number;
  offset: number;
}

/** The provenance of `length` characters at `start` of a sentence. */
export type ProvenanceOf = (sent: SentenceRec, start: number, length: number) => Provenance;

export interface EncodedCorpus {
  /** The model text. */
  text: string;
  /** PhrasingModel.anchors. */
  anchors: number[];
  sentences: SentenceRec[];
  paragraphs: number;
  /** Characters of sentences (markers not counted). */
  chars: number;
  provenance: ProvenanceOf;
}

export function encodeCorpus(docs: CorpusDocument[]): EncodedCorpus {
  const parts: string[] = [];
  const anchors: number[] = [];
  const sentences: SentenceRec[] = [];
  const lineStarts: number[][] = [];
  let pos = 0;
  let paragraphs = 0;
  let chars = 0;
  docs.forEach((doc, di) => {
    const text = doc.text;
    const ls = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) ls.push(i + 1);
    lineStarts.push(ls);
    for (const para of splitParagraphs(text)) {
      paragraphs++;
      splitSentences(text, para).forEach((sp, j) => {
        const s = foldText(text.slice(sp.start, sp.end));
        parts.push(j === 0 ? PARA : SENT);
        pos++;
        anchors.push(pos, di, sp.start, lineOf(ls, sp.start));
        sentences.push({ s, at: pos, doc: di, offset: sp.start });
        parts.push(s);
        pos += s.length;
        chars += s.length;
      });
      parts.push(END);
      pos++;
    }
  });
  const provenance: ProvenanceOf = (sent, start, length) => {
    const doc = docs[sent.doc];
    const offset = sent.offset + start;
    const line = lineOf(lineStarts[sent.doc], offset);
    return {
      uri: doc.uri,
      offset,
      length,
      line,
      column: offset - lineStarts[sent.doc][line],
      sentence: doc.text.slice(sent.offset, sent.offset + sent.s.length),
    };
  };
  return { text: parts.join(''), anchors, sentences, paragraphs, chars, provenance };
}

function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const m = (lo + hi + 1) >> 1;
    if (lineStarts[m] <= offset) lo = m;
    else hi = m - 1;
  }
  return lo;
}

/**
 * A draft's text in the model's format (markers before sentences and paragraphs), ending with the
 * current, unfinished sentence: the draft is indexed like the corpus (draft.ts).
 */
export function encodeDraft(text: string): string {
  const parts: string[] = [];
  const paras = splitParagraphs(text);
  paras.forEach((para, i) => {
    splitSentences(text, para).forEach((sp, j) => parts.push(j === 0 ? PARA : SENT, foldText(text.slice(sp.start, sp.end))));
    if (i < paras.length - 1) parts.push(END);
  });
  return parts.join('');
}
