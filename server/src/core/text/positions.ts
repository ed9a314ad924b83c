/**
 * UTF-16 offset ↔ (line, character) conversion, the one place the core does it.
 * Lines end at LF, CRLF or a lone CR (as LSP defines them); characters are UTF-16 code units.
 */
export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];
  private readonly length: number;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) starts.push(i + 1);
    }
    this.starts = starts;
    this.length = n;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Start offset of `line` (clamped). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.starts.length) return this.length;
    return this.starts[line];
  }

  /** 0-based line of `offset` (clamped to the text). */
  lineAt(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    const line = this.lineAt(o);
    return { line, character: o - this.starts[line] };
  }

  /** Offset of a position; a character past the end of its line is clamped to the line end (before the line break). */
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.length;
    let lineEnd = next;
    // Exclude the line break itself.
    if (pos.line + 1 < this.starts.length) {
      lineEnd = next - 1;
      if (lineEnd > start && this.text.charCodeAt(lineEnd) === 10 && this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    }
    return Math.max(start, Math.min(start + Math.max(0, pos.character), lineEnd));
  }
}
