/**
 * Views of the knowledge base that custom requests return (protocol.ts): the "insert reference"
 * list (chancery/references) and the readable markdown overview (chancery/knowledgeBase), which
 * renders core/knowledge/overview.ts as the CLI's `kb` text does.
 */
import type { ChanceryService } from '../core/languageService';
import { documentName, openableUri } from '../core/corpus/files';
import { knowledgeOverview } from '../core/knowledge/overview';
import { escapeMarkdown, linkDestination, mdTitle } from '../core/text/markdown';
import type { KnowledgeBase } from '../core/types';
import type { ReferenceItem } from '../protocol';

/** Corpus problems the overview lists (a corpus of thousands of unreadable files lists the first ones and a count). */
const MAX_PROBLEMS_LISTED = 100;

/** The "insert reference" list: each instrument with the full reference frame. */
export function referenceItems(service: ChanceryService): ReferenceItem[] {
  return service.kb.instruments.map((ins) => {
    const frame = service.referenceFrame(ins.id);
    return { id: ins.id, title: ins.title, kind: ins.kind, detail: frame.detail, insertText: frame.text };
  });
}

/**
 * A readable overview of the knowledge base (the "show knowledge base" command). Everything in it
 * that comes from the corpus — titles, places, names, file names, problems — is escaped
 * (core/text/markdown.ts); the only links are the server's own, to the corpus files.
 */
export function kbMarkdown(kb: KnowledgeBase): string {
  const o = knowledgeOverview(kb);
  const t = escapeMarkdown;
  const lines: string[] = ['# Chancery knowledge base', ''];
  lines.push(`## Sources (${o.sources.length})`, '');
  for (const s of o.sources) lines.push(`- [${t(documentName(s.uri))}](${linkDestination(openableUri(s.uri))}) — ${s.chars} chars, ${t(s.encoding)}`);
  lines.push('');
  if (o.problems.length) {
    lines.push(`## Corpus problems (${o.problems.length})`, '');
    for (const p of o.problems.slice(0, MAX_PROBLEMS_LISTED)) lines.push(`- ${t(documentName(p.uri))}: ${t(p.message.en)}`);
    if (o.problems.length > MAX_PROBLEMS_LISTED) lines.push(`- … and ${o.problems.length - MAX_PROBLEMS_LISTED} more`);
    lines.push('');
  }
  lines.push(`## Instruments (${o.instruments.length})`, '');
  for (const i of o.instruments) {
    const a = i.adoption;
    const when = a?.date ? `${a.date.year ?? '?'}-${a.date.month}-${a.date.day ?? '?'}` : '';
    lines.push(`- ${mdTitle(i.title)} ${t(i.kind ?? '')} ${t([when, a?.place, a?.verb].filter(Boolean).join(' '))} — ${i.mentions} mention(s)`);
  }
  lines.push('', `## Events (${o.events.length})`, '');
  for (const e of o.events) lines.push(`- ${t(`${e.name} ${e.date?.text ?? ''} ${e.place ?? ''}`)}${e.online ? ' (video)' : ''}`);
  lines.push('', `## Officials (${o.officials.length})`, '');
  for (const x of o.officials) lines.push(`- ${t(x.name)}: ${t(`${x.country} ${x.role}`)}`);
  lines.push('', `## Abbreviations (${o.abbreviations.length})`, '');
  for (const a of o.abbreviations) lines.push(`- ${t(a.full)} → ${t(a.short.join('、'))}`);
  if (o.conflicts.length) {
    lines.push('', `## Conflicts (${o.conflicts.length})`, '');
    for (const c of o.conflicts) lines.push(`- ${t(`${c.subject} ${c.field}: ${c.values.map((v) => v.value).join(' / ')}`)}`);
  }
  return lines.join('\n') + '\n';
}
