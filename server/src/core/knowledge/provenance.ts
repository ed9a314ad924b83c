/**
 * Provenance of the facts of one document: uri, offset, length, line, column and the sentence
 * around the fact (sliced once per sentence and shared by every fact in it).
 */
import type { Provenance, Span } from '../types';
import { LineIndex } from '../text/positions';
import { splitParagraphs, sentencesOf, sentenceAt } from '../corpus/split';

/** Provenance maker for one document. */
export class ProvenanceMaker {
  private readonly lines: LineIndex;
  private readonly sentences: Span[];
  readonly paragraphs: Span[];
  constructor(
    readonly uri: string,
    readonly text: string,
  ) {
    this.lines = new LineIndex(text);
    this.paragraphs = splitParagraphs(text);
    this.sentences = sentencesOf(text, this.paragraphs);
  }
  /** Sentence strings, sliced once per sentence and shared by every fact in it. */
  private readonly sentenceTexts: (string | undefined)[] = [];
  sentenceSpan(offset: number): Span | undefined {
    return sentenceAt(this.sentences, offset);
  }
  make(offset: number, length: number): Provenance {
    // Binary search as in sentenceAt, keeping the index for the shared string.
    const ss = this.sentences;
    let lo = 0;
    let hi = ss.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = ss[mid];
      if (offset < x.start) hi = mid - 1;
      else if (offset >= x.end) lo = mid + 1;
      else {
        at = mid;
        break;
      }
    }
    let sentence: string;
    if (at >= 0) {
      const cached = this.sentenceTexts[at];
      sentence = cached ?? (this.sentenceTexts[at] = this.text.slice(ss[at].start, ss[at].end));
    } else sentence = this.text.slice(offset, offset + length);
    const line = this.lines.lineAt(offset);
    return { uri: this.uri, offset, length, line, column: offset - this.lines.offsetAt({ line, character: 0 }), sentence };
  }
}
