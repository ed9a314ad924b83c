/**
 * Findings as a SARIF 2.1.0 log (`chancery check --format sarif`), the format code-scanning views
 * read (GitHub code scanning, the SARIF viewers of editors): one run, the checks as rules with their
 * descriptions and default levels (core/features/checks.ts), one result per finding with its
 * region (lines and UTF-16 columns, 1-based) and its fixes as replacements.
 * Pure: the CLI gives it the drafts' texts and findings; test/unit/sarif.test.mjs validates the
 * output against the SARIF 2.1.0 schema.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { CHECKS } from './core/features/checks';
import { DEFAULT_SEVERITY } from './core/features/diagnostics/findings';
import { pick, type Locale } from './core/messages';
import { LineIndex } from './core/text/positions';
import { FINDING_CODES, type Finding, type Severity } from './core/types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF levels: `note` for information and hints. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface SarifInput {
  version: string;
  /** The language of messages. */
  lang: Locale;
  /** The folder relative artifact uris are relative to (SRCROOT): the repository checked. */
  root: string;
  files: { file: string; text: string; findings: Finding[] }[];
}

/** A path as a SARIF artifact location: relative to SRCROOT when inside it (percent-encoded), else a file uri. */
function artifact(file: string, root: string): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(root, file);
  const rel = path.relative(root, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  }
  return { uri: pathToFileURL(abs).href };
}

/** A span as a SARIF region: 1-based lines and columns (UTF-16 code units, the run's columnKind). */
function region(lines: LineIndex, start: number, end: number) {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, charOffset: start, charLength: end - start };
}

export function toSarif(input: SarifInput) {
  const rules = FINDING_CODES.map((code) => ({
    id: code,
    name: CHECKS[code].name,
    shortDescription: { text: pick(CHECKS[code].description, input.lang) },
    fullDescription: { text: pick(CHECKS[code].description, input.lang) },
    help: { text: `${pick(CHECKS[code].description, input.lang)} See docs/checks.md (${code}).` },
    defaultConfiguration: { level: LEVEL[DEFAULT_SEVERITY[code]] },
    properties: { tags: ['communique', code.split('-')[0]] },
  }));
  const results = input.files.flatMap(({ file, text, findings }) => {
    const lines = new LineIndex(text);
    const location = artifact(file, input.root);
    return findings.map((f) => {
      const r = region(lines, f.start, f.end);
      const lineText = text.slice(lines.offsetAt({ line: r.startLine - 1, character: 0 }), lines.offsetAt({ line: r.startLine, character: 0 }));
      return {
        ruleId: f.code,
        ruleIndex: FINDING_CODES.indexOf(f.code),
        level: LEVEL[f.severity],
        message: { text: pick(f.message, input.lang) },
        locations: [{ physicalLocation: { artifactLocation: location, region: { ...r, snippet: { text: text.slice(f.start, f.end) } } } }],
        // Stable across runs while the finding and its line stay the same (code scanning matches alerts by it).
        partialFingerprints: { 'chancery/v1': createHash('sha256').update(`${f.code}\u0000${text.slice(f.start, f.end)}\u0000${lineText.trim()}`).digest('hex').slice(0, 32) },
        fixes: f.fixes.map((fix) => ({
          description: { text: pick(fix.title, input.lang) },
          artifactChanges: [
            {
              artifactLocation: location,
              replacements: fix.edits.map((e) => ({ deletedRegion: region(lines, e.start, e.end), insertedContent: { text: e.newText } })),
            },
          ],
        })),
      };
    });
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: { driver: { name: 'Chancery', version: input.version, rules } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(input.root).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits' as const,
        results,
      },
    ],
  };
}
