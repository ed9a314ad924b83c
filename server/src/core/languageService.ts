/**
 * createLanguageService: the facade of the core (service.ts's LanguageService) over one knowledge base.
 * One file per feature in ./features; this file only wires them.
 */
import type { CodeActionEntry, LanguageService } from './service';
import type { KnowledgeBase } from './types';
import { KnowledgeIndex } from './knowledge/knowledgeIndex';
import { matchTitle } from './knowledge/titleMatch';
import { inlineCompletions } from './features/inline';
import { diagnose } from './features/diagnostics';
import type { PhrasingModel } from './phrasing/model';
import type { Locale } from './messages';
import { createContext } from './features/context';
import { fullReference } from './features/presentation';
import { hover, instrumentMarkdown } from './features/hover';
import { complete } from './features/completion';
import { codeActions } from './features/codeActions';
import { symbols } from './features/symbols';
import { definition, instrumentAt, mentionsOf } from './features/navigation';
import { semanticTokens, semanticTokensIn } from './features/semanticTokens';
import { folding } from './features/folding';

export interface LanguageServiceInit {
  kb: KnowledgeBase;
  /** A phrasing model (learnPhrasing); sentence formulas and phrase completions come from it. */
  phrasing?: PhrasingModel;
  /** Language of titles and texts the service writes (hover headings, action titles). Default 'en'. */
  locale?: Locale;
  /**
   * Sentence openers when no phrasing model is given (symbols and semantic tokens use them): the
   * check worker gets these from the main thread's service instead of the whole model.
   */
  formulas?: readonly string[];
}

/** A LanguageService with the extras the LSP adapter uses (the insert-reference list). */
export interface ChanceryService extends LanguageService {
  /** The full reference frame of an instrument (`DATE在PLACE通过的《T》`) and its detail line. */
  referenceFrame(id: string): { text: string; detail: string };
  /** The sentence openers the service names paragraphs and tokens by (from the phrasing model). */
  readonly formulas: readonly string[];
}

/**
 * The language service facade over one knowledge base: builds the KnowledgeIndex and the lookup
 * tables once, and returns a frozen object of bound methods (LanguageService, service.ts).
 */
export function createLanguageService(init: LanguageServiceInit): ChanceryService {
  const ctx = createContext(init.kb, {
    phrasing: init.phrasing,
    formulas: init.formulas,
    locale: init.locale,
    resolveTitle: (title, index) => {
      const m = matchTitle(title, index);
      return m.kind === 'exact' || m.kind === 'variant' || m.kind === 'misquote' ? m.instrument : undefined;
    },
  });
  const kb = init.kb;
  const service: ChanceryService = {
    kb,
    formulas: Object.freeze([...ctx.formulas]),
    summary: () => ({
      instruments: kb.instruments.length,
      events: kb.events.length,
      abbreviations: kb.abbreviations.length,
      officials: kb.officials.length,
      sources: kb.sources.length,
      problems: kb.problems.length,
    }),
    diagnose: (text, options, token) => diagnose(text, ctx.index, options, token),
    hover: (text, offset) => hover(ctx, text, offset),
    complete: (text, offset, token, trigger) => complete(ctx, text, offset, token, trigger),
    inlineComplete: (text, offset, token) => inlineCompletions(ctx, text, offset, token),
    resolveCompletion: (id) => {
      const ins = ctx.index.instrument(id);
      return ins && instrumentMarkdown(ctx, ins);
    },
    codeActions: (text, range, findings): CodeActionEntry[] => codeActions(ctx, text, range, findings),
    symbols: (text) => symbols(ctx, text),
    definition: (text, offset) => definition(ctx, text, offset),
    instrumentAt: (text, offset) => instrumentAt(ctx, text, offset),
    mentionsOf: (text, id) => mentionsOf(ctx, text, id),
    semanticTokens: (text, span) => (span ? semanticTokensIn(ctx, text, span) : semanticTokens(ctx, text)),
    folding: (text) => folding(text),
    referenceFrame: (id) => {
      const ins = ctx.index.instrument(id);
      if (!ins) return { text: '', detail: '' };
      const r = fullReference(ins);
      return { text: r.text, detail: r.detail };
    },
  };
  return Object.freeze(service);
}
