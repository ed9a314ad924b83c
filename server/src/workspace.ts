/**
 * Workspace helpers of the server that need no connection: paths of file: uris, the draft files
 * under the workspace folders, and the views of the knowledge base that custom requests return
 * (the reference list, the readable overview).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CancellationToken } from 'vscode-languageserver';
import type { ChanceryService } from './core/languageService';
import type { KnowledgeBase } from './core/types';
import type { ReferenceItem } from './protocol';
import { DRAFT_EXTENSIONS } from './core/corpus/files';

const DRAFTS = new Set(DRAFT_EXTENSIONS);
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.tools']);

/** The file path of a file: uri (undefined for other schemes or a malformed uri). */
export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** Draft files (.communique, .txt, .md) under `roots`, skipping hidden and build folders. */
export async function listDrafts(roots: string[], token: CancellationToken, limit = 5000): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number) => {
    if (out.length >= limit || depth > 12 || token.isCancellationRequested) return;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p, depth + 1);
      else if (e.isFile() && DRAFTS.has(path.extname(e.name).toLowerCase())) out.push(p);
    }
  };
  for (const r of roots) await walk(r, 0);
  return out;
}

/** The "insert reference" list: each instrument with the full reference frame. */
export function referenceItems(service: ChanceryService): ReferenceItem[] {
  return service.kb.instruments.map((ins) => {
    const frame = service.referenceFrame(ins.id);
    return { id: ins.id, title: ins.title, kind: ins.kind, detail: frame.detail, insertText: frame.text };
  });
}

/** A readable overview of the knowledge base (the "show knowledge base" command). */
export function kbMarkdown(kb: KnowledgeBase): string {
  const lines: string[] = ['# Chancery knowledge base', ''];
  lines.push(`Sources: ${kb.sources.map((s) => `${s.uri} (${s.chars} chars, ${s.encoding})`).join(', ') || 'none'}`, '');
  if (kb.problems.length) {
    lines.push('## Corpus problems', '');
    for (const p of kb.problems) lines.push(`- ${p.uri}: ${p.message.en}`);
    lines.push('');
  }
  lines.push(`## Instruments (${kb.instruments.length})`, '');
  for (const i of kb.instruments) {
    const a = i.adoptions[0];
    const when = a?.date ? `${a.date.year ?? '?'}-${a.date.month}-${a.date.day ?? '?'}` : '';
    lines.push(`- 《${i.title}》 ${i.kind ?? ''} ${[when, a?.place, a?.verb].filter(Boolean).join(' ')} — ${i.mentions.length} mention(s)`);
  }
  lines.push('', `## Events (${kb.events.length})`, '');
  for (const e of kb.events) lines.push(`- ${e.name} ${e.date?.text ?? ''} ${e.place ?? ''}${e.online ? ' (video)' : ''}`);
  lines.push('', `## Officials (${kb.officials.length})`, '');
  for (const o of kb.officials) lines.push(`- ${o.name}: ${o.country} ${o.role}`);
  lines.push('', `## Abbreviations (${kb.abbreviations.length})`, '');
  for (const a of kb.abbreviations) lines.push(`- ${a.full} → ${a.short.join('、')}`);
  if (kb.conflicts.length) {
    lines.push('', `## Conflicts (${kb.conflicts.length})`, '');
    for (const c of kb.conflicts) lines.push(`- ${c.subject} ${c.field}: ${c.values.map((v) => v.value).join(' / ')}`);
  }
  return lines.join('\n') + '\n';
}
