/**
 * The stdio transport's framing, checked. Messages come as `Content-Length: N\r\n\r\n` and N bytes
 * of JSON; the JSON-RPC reader, given a header it cannot use (a negative or non-numeric length, no
 * length at all), loses the frame and never finds it again: the server stayed alive and deaf. The
 * guard reads the headers before the reader does, passes every byte through unchanged while they
 * are sound, and on the first bad one stops and says why (main.ts logs it and exits non-zero, so
 * that the client restarts the server).
 */
import { Transform, type TransformCallback } from 'node:stream';

/** The longest header block (a real one is a few dozen bytes). */
const MAX_HEADERS = 64 * 1024;
/** The largest message accepted (a draft of hundreds of megabytes is not a message). */
export const MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;

export class FrameGuard extends Transform {
  /** Bytes of the current message's body still to pass (-1: reading headers). */
  private body = -1;
  private headers = Buffer.alloc(0);
  private failed = false;

  constructor(private readonly fail: (why: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.failed) return done();
    let at = 0;
    while (at < chunk.length) {
      if (this.body > 0) {
        const n = Math.min(this.body, chunk.length - at);
        this.body -= n;
        at += n;
        continue;
      }
      // Headers: up to the blank line.
      const from = this.headers.length;
      this.headers = Buffer.concat([this.headers, chunk.subarray(at)]);
      const end = this.headers.indexOf('\r\n\r\n', Math.max(0, from - 3));
      if (end < 0) {
        if (this.headers.length > MAX_HEADERS) return this.stop(chunk, at, `no end of headers in ${MAX_HEADERS} bytes`, done);
        at = chunk.length;
        break;
      }
      const why = this.check(this.headers.subarray(0, end).toString('ascii'));
      if (why) return this.stop(chunk, at, why, done);
      at += end + 4 - from;
      this.headers = Buffer.alloc(0);
    }
    this.push(chunk);
    done();
  }

  /** Why the header block is no frame (undefined: it is one; the body length is set). */
  private check(block: string): string | undefined {
    const lengths = block
      .split('\r\n')
      .map((line) => /^content-length\s*:(.*)$/i.exec(line)?.[1])
      .filter((v): v is string => v !== undefined);
    if (lengths.length !== 1) return lengths.length ? 'more than one Content-Length header' : `a message without a Content-Length header (${JSON.stringify(block.slice(0, 200))})`;
    const v = lengths[0].trim();
    if (!/^\d+$/.test(v)) return `a Content-Length that is not a length: ${JSON.stringify(v.slice(0, 50))}`;
    const n = Number(v);
    if (n > MAX_MESSAGE_BYTES) return `a Content-Length of ${n} bytes (more than ${MAX_MESSAGE_BYTES})`;
    this.body = n;
    return undefined;
  }

  /** Passes what came before the bad header, then nothing more. */
  private stop(chunk: Buffer, at: number, why: string, done: TransformCallback): void {
    this.failed = true;
    if (at > 0) this.push(chunk.subarray(0, at));
    done();
    this.fail(why);
  }
}
