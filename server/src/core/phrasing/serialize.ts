/**
 * The phrasing model as JSON text: its data only (the index completion reads is rebuilt from it,
 * modelIndex.ts), checked against the version on the way back.
 */
import { PHRASING_MODEL_VERSION, type PhrasingModel } from './model';
import { modelIndex } from './modelIndex';

/** Serialise to JSON text (the suffix array is not stored; it is rebuilt when the model is read back). */
export function serializePhrasing(model: PhrasingModel): string {
  return JSON.stringify(model);
}

/** Parse a serialised model (and build its index); throws on a different version. */
export function deserializePhrasing(json: string): PhrasingModel {
  const m = JSON.parse(json) as PhrasingModel;
  if (m.version !== PHRASING_MODEL_VERSION) throw new Error(`phrasing model version ${m.version}, expected ${PHRASING_MODEL_VERSION}`);
  modelIndex(m);
  return m;
}
