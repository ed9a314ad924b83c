/**
 * The overview of a knowledge base — what it was built from and what it holds — collected once.
 * Its views render from it: the server's markdown (server/src/host/views.ts, the "show knowledge
 * base" command) and the CLI's `kb` text output (server/src/cli.ts).
 */
import type { Abbreviation, Adoption, Conflict, CorpusProblem, CorpusSource, EventFact, KnowledgeBase, Official } from '../types';

export interface InstrumentOverview {
  title: string;
  kind?: string;
  /** How many times the corpus mentions it. */
  mentions: number;
  /** The first adoption the corpus records. */
  adoption?: Adoption;
  /** The first adoption with a date (it may be `adoption`). */
  datedAdoption?: Adoption;
}

export interface KnowledgeOverview {
  sources: readonly CorpusSource[];
  problems: readonly CorpusProblem[];
  instruments: InstrumentOverview[];
  events: readonly EventFact[];
  officials: readonly Official[];
  abbreviations: readonly Abbreviation[];
  conflicts: readonly Conflict[];
}

export function knowledgeOverview(kb: KnowledgeBase): KnowledgeOverview {
  return {
    sources: kb.sources,
    problems: kb.problems,
    instruments: kb.instruments.map((i) => ({
      title: i.title,
      kind: i.kind,
      mentions: i.mentions.length,
      adoption: i.adoptions[0],
      datedAdoption: i.adoptions.find((a) => a.date),
    })),
    events: kb.events,
    officials: kb.officials,
    abbreviations: kb.abbreviations,
    conflicts: kb.conflicts,
  };
}

/** `uri (chars chars, encoding), …` or `none`: the sources line of both views. */
export function sourcesLine(o: KnowledgeOverview): string {
  return o.sources.map((s) => `${s.uri} (${s.chars} chars, ${s.encoding})`).join(', ') || 'none';
}
