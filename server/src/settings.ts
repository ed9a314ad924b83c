/**
 * The server's settings: the `chancery` section as workspace/configuration and
 * initializationOptions carry it (protocol.ts ChancerySettings), read with every bad value
 * reported and replaced by its default.
 */
import type { DiagnoseOptions } from './core/service';
import { FINDING_CODES, isFindingCode, type FindingCode } from './core/types';
import type { ChancerySettings } from './protocol';

export const DEFAULT_SETTINGS: ChancerySettings = {
  corpus: { paths: [], includeBuiltin: true },
  diagnostics: { disabled: [], severity: {}, maxProblems: 1000 },
  acceptedTitles: [],
};

const SEVERITY_VALUES = ['error', 'warning', 'information', 'hint', 'off'];

/** Accepts `{chancery: {...}}`, the inner object, or flat dotted keys; returns valid settings + problems. */
export function readSettings(raw: unknown): { settings: ChancerySettings; problems: string[] } {
  const problems: string[] = [];
  const s: ChancerySettings = structuredClone(DEFAULT_SETTINGS);
  if (raw === null || raw === undefined) return { settings: s, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('settings: expected an object');
    return { settings: s, problems };
  }
  let obj = raw as Record<string, unknown>;
  if (obj.chancery && typeof obj.chancery === 'object') obj = obj.chancery as Record<string, unknown>;
  const get = (dotted: string): unknown => {
    const flat = (raw as Record<string, unknown>)['chancery.' + dotted] ?? obj[dotted];
    if (flat !== undefined) return flat;
    let cur: unknown = obj;
    for (const k of dotted.split('.')) {
      if (!cur || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[k];
    }
    return cur;
  };
  const strings = (name: string, v: unknown): string[] | undefined => {
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    problems.push(`chancery.${name}: expected a list of strings, got ${JSON.stringify(v)}; using the default`);
    return undefined;
  };
  s.corpus.paths = strings('corpus.paths', get('corpus.paths')) ?? s.corpus.paths;
  const ib = get('corpus.includeBuiltin');
  if (ib !== undefined && ib !== null) {
    if (typeof ib === 'boolean') s.corpus.includeBuiltin = ib;
    else problems.push(`chancery.corpus.includeBuiltin: expected true or false, got ${JSON.stringify(ib)}; using true`);
  }
  const disabled = strings('diagnostics.disabled', get('diagnostics.disabled'));
  if (disabled) {
    for (const c of disabled) {
      if (isFindingCode(c)) s.diagnostics.disabled.push(c);
      else problems.push(`chancery.diagnostics.disabled: unknown code "${c}" (known: ${FINDING_CODES.join(', ')})`);
    }
  }
  const sev = get('diagnostics.severity');
  if (sev !== undefined && sev !== null) {
    if (typeof sev !== 'object' || Array.isArray(sev)) {
      problems.push(`chancery.diagnostics.severity: expected an object of code → level, got ${JSON.stringify(sev)}`);
    } else {
      for (const [code, level] of Object.entries(sev as Record<string, unknown>)) {
        if (!isFindingCode(code)) problems.push(`chancery.diagnostics.severity: unknown code "${code}"`);
        else if (typeof level !== 'string' || !SEVERITY_VALUES.includes(level))
          problems.push(`chancery.diagnostics.severity.${code}: expected one of ${SEVERITY_VALUES.join('|')}, got ${JSON.stringify(level)}`);
        else s.diagnostics.severity[code] = level;
      }
    }
  }
  const max = get('diagnostics.maxProblems');
  if (max !== undefined && max !== null) {
    if (typeof max === 'number' && Number.isInteger(max) && max >= 0) s.diagnostics.maxProblems = max;
    else problems.push(`chancery.diagnostics.maxProblems: expected a whole number ≥ 0 (0: no limit), got ${JSON.stringify(max)}; using ${s.diagnostics.maxProblems}`);
  }
  s.acceptedTitles = strings('acceptedTitles', get('acceptedTitles')) ?? s.acceptedTitles;
  return { settings: s, problems };
}

/** What the core's diagnose takes from the settings. */
export function diagnoseOptions(s: ChancerySettings): DiagnoseOptions {
  return {
    disabled: s.diagnostics.disabled as FindingCode[],
    severity: s.diagnostics.severity as DiagnoseOptions['severity'],
    acceptedTitles: s.acceptedTitles,
  };
}
