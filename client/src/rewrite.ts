// Pure functions of what the client changes in the server's answers (middleware.ts, sources.ts),
// without VS Code, so that unit tests load them (test/unit/client.test.mjs).
import type { SourceLocation } from '../../server/src/protocol';

export const OPEN_SOURCE = 'chancery.openSource';

/**
 * Hover Markdown with its corpus links (file:…) turned into links to the command that opens the
 * source read-only beside the draft. Only the links Chancery's hovers build are file: links (the
 * server escapes corpus text, so a corpus cannot write one).
 */
export function withSourceLinks(value: string): string {
  return value.replace(/\]\((file:[^)\s]+)\)/g, (_, target: string) => `](command:${OPEN_SOURCE}?${encodeURIComponent(JSON.stringify([target]))})`);
}

/** A hover link target `file:///…/x.txt#L12,5` (1-based line and column) as a source location. */
export function locationOfLink(target: string): SourceLocation {
  const m = /#L(\d+)(?:,(\d+))?$/.exec(target);
  return { uri: target.replace(/#.*$/, ''), line: m ? Number(m[1]) - 1 : 0, character: m && m[2] ? Number(m[2]) - 1 : 0, length: 0 };
}

/** A Markdown heading: `# …` (ATX) or a line underlined with `===`/`---` (setext). */
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)|^ {0,3}\S[^\n]*\n {0,3}(?:=+|-+)[ \t]*$/m;

/** The Markdown text has a heading: VS Code's Markdown outline covers it. */
export function hasMarkdownHeading(text: string): boolean {
  return HEADING.test(text);
}
