/**
 * What completion derives from a model's data: the suffix array of its text, the templates by the
 * last two characters of their leads, the openers. Not data: it is never serialised, and rebuilt
 * from the data in one pass.
 *
 * The model object owns it, under a symbol key and non-enumerable: JSON (serializePhrasing) and
 * structured clones (the build worker's message) leave it out, so a model costs no more to store
 * or send. learnPhrasing and deserializePhrasing build it; a model that arrives without it (a
 * clone, a model parsed by hand) gets it on its first completion.
 */
import { buildSuffixArray, SuffixIndex } from './suffixArray';
import type { Formula, PhrasingModel, Template } from './model';

/** Suffixes are ordered on this many units: contexts (a sliding window of ≤ 7) never look further. */
export const SA_DEPTH = 8;

export interface ModelIndex {
  sa: SuffixIndex;
  templatesByLead: Map<string, { t: Template; count: number }[]>;
  openers: Formula[];
}

const INDEX = Symbol('phrasing model index');

/** A model with its index attached (see the file's comment). */
type Indexed = PhrasingModel & { [INDEX]?: ModelIndex };

/** The index of `model`: the one it holds, or built now and attached to it. */
export function modelIndex(model: PhrasingModel): ModelIndex {
  const m = model as Indexed;
  let ix = m[INDEX];
  if (!ix) {
    ix = buildModelIndex(model);
    // (a frozen model cannot hold it: it is then rebuilt per call, as correct and slower)
    if (Object.isExtensible(m)) Object.defineProperty(m, INDEX, { value: ix, enumerable: false, writable: false, configurable: false });
  }
  return ix;
}

function buildModelIndex(model: PhrasingModel): ModelIndex {
  const units = new Uint16Array(model.text.length);
  for (let i = 0; i < units.length; i++) units[i] = model.text.charCodeAt(i);
  return {
    sa: new SuffixIndex(units, buildSuffixArray(units, SA_DEPTH), SA_DEPTH),
    templatesByLead: templateLeadIndex(model.templates),
    openers: model.formulas.filter((f) => f.kind === 'opener'),
  };
}

function templateLeadIndex(templates: Template[]): Map<string, { t: Template; count: number }[]> {
  const m = new Map<string, { t: Template; count: number }[]>();
  for (const t of templates)
    for (const l of t.leads) {
      const key = l.text.slice(-2);
      let list = m.get(key);
      if (!list) m.set(key, (list = []));
      const e = list.find((x) => x.t === t);
      if (e) e.count += l.count;
      else list.push({ t, count: l.count });
    }
  return m;
}
