/**
 * Learning the phrasing model from corpus documents: the corpus in the model's text format
 * (encode.ts), the sentence formulas (formulas.ts), the templates and their choice lists
 * (templates.ts), and the index completion reads (modelIndex.ts), built now so that learning pays
 * for it, not the first completion.
 */
import type { CorpusDocument, KnowledgeBase } from '../types';
import { toSimplified } from '../lang/zh/script';
import { PHRASING_MODEL_VERSION, type PhrasingModel } from './model';
import { encodeCorpus } from './encode';
import { mineFormulas } from './formulas';
import { mineTemplates } from './templates';
import { modelIndex } from './modelIndex';

export interface LearnOptions {
  /** Minimum attestations for a formula or template (default 2). */
  minCount?: number;
}

/** Learn the phrasing model from corpus documents (and optionally the knowledge base built from them). */
export function learnPhrasing(docs: CorpusDocument[], kb?: KnowledgeBase, options: LearnOptions = {}): PhrasingModel {
  const t0 = Date.now();
  const minCount = options.minCount ?? 2;
  const corpus = encodeCorpus(docs);
  const { sentences, provenance } = corpus;
  const t1 = Date.now();
  const model: PhrasingModel = {
    version: PHRASING_MODEL_VERSION,
    text: corpus.text,
    uris: docs.map((d) => d.uri),
    anchors: corpus.anchors,
    formulas: [],
    templates: [],
    choices: { date: [], place: [], title: [] },
    stats: { documents: docs.length, paragraphs: corpus.paragraphs, sentences: sentences.length, chars: corpus.chars, learnMs: 0 },
  };
  model.formulas = mineFormulas(sentences, minCount, provenance);
  const t2 = Date.now();
  const { templates, choices } = mineTemplates(sentences, minCount, provenance, kb);
  const t3 = Date.now();
  model.templates = templates;
  model.choices = choices;
  modelIndex(model); // build the suffix array now: learning pays for it, not the first completion
  toSimplified('體'); // load the conversion table now too
  model.stats.phaseMs = { text: t1 - t0, formulas: t2 - t1, templates: t3 - t2, index: Date.now() - t3 };
  model.stats.learnMs = Date.now() - t0;
  return model;
}
