/**
 * The server's settings: the `chancery` section as workspace/configuration and
 * initializationOptions carry it (protocol.ts ChancerySettings), read with every bad value
 * reported and replaced by its default (`readSettings`), and resolved per scope — a document's
 * or a workspace folder's uri — as multi-root workspaces need (`ScopedSettings`).
 */
import type { DiagnoseOptions } from '../core/service';
import { FINDING_CODES, isFindingCode, type FindingCode } from '../core/types';
import type { ChancerySettings } from '../protocol';
import { quoted } from './report';

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
    problems.push(`chancery.${name}: expected a list of strings, got ${quoted(v)}; using the default`);
    return undefined;
  };
  s.corpus.paths = strings('corpus.paths', get('corpus.paths')) ?? s.corpus.paths;
  const ib = get('corpus.includeBuiltin');
  if (ib !== undefined && ib !== null) {
    if (typeof ib === 'boolean') s.corpus.includeBuiltin = ib;
    else problems.push(`chancery.corpus.includeBuiltin: expected true or false, got ${quoted(ib)}; using true`);
  }
  const disabled = strings('diagnostics.disabled', get('diagnostics.disabled'));
  if (disabled) {
    const unknown: string[] = [];
    for (const c of disabled) {
      if (isFindingCode(c)) s.diagnostics.disabled.push(c);
      else unknown.push(c);
    }
    if (unknown.length) problems.push(`chancery.diagnostics.disabled: ${unknownCodes(unknown)} (known: ${FINDING_CODES.join(', ')})`);
  }
  const sev = get('diagnostics.severity');
  if (sev !== undefined && sev !== null) {
    if (typeof sev !== 'object' || Array.isArray(sev)) {
      problems.push(`chancery.diagnostics.severity: expected an object of code → level, got ${quoted(sev)}`);
    } else {
      const unknown: string[] = [];
      for (const [code, level] of Object.entries(sev as Record<string, unknown>)) {
        if (!isFindingCode(code)) unknown.push(code);
        else if (typeof level !== 'string' || !SEVERITY_VALUES.includes(level))
          problems.push(`chancery.diagnostics.severity.${code}: expected one of ${SEVERITY_VALUES.join('|')}, got ${quoted(level)}`);
        else s.diagnostics.severity[code] = level;
      }
      if (unknown.length) problems.push(`chancery.diagnostics.severity: ${unknownCodes(unknown)}`);
    }
  }
  const max = get('diagnostics.maxProblems');
  if (max !== undefined && max !== null) {
    if (typeof max === 'number' && Number.isInteger(max) && max >= 0) s.diagnostics.maxProblems = max;
    else problems.push(`chancery.diagnostics.maxProblems: expected a whole number ≥ 0 (0: no limit), got ${quoted(max)}; using ${s.diagnostics.maxProblems}`);
  }
  s.acceptedTitles = strings('acceptedTitles', get('acceptedTitles')) ?? s.acceptedTitles;
  return { settings: s, problems };
}

/** `unknown code "x"`, or `100000 unknown codes, e.g. "a", "b", "c"` (codes quoted and cut short). */
function unknownCodes(codes: string[]): string {
  if (codes.length === 1) return `unknown code ${quoted(codes[0])}`;
  return `${codes.length} unknown codes, e.g. ${codes.slice(0, 3).map(quoted).join(', ')}`;
}

/** What the core's diagnose takes from the settings. */
export function diagnoseOptions(s: ChancerySettings): DiagnoseOptions {
  return {
    disabled: s.diagnostics.disabled as FindingCode[],
    severity: s.diagnostics.severity as DiagnoseOptions['severity'],
    acceptedTitles: s.acceptedTitles,
  };
}

/** `workspace/configuration` for the `chancery` section: one value per scope (undefined: the window), in order. */
export type GetConfiguration = (scopes: readonly (string | undefined)[]) => Promise<unknown[]>;

export interface ScopedSettingsOptions {
  /** Reports problems of settings read (each problem once until `invalidate`; the window's at each `load`). */
  report: (problems: string[]) => void;
  log: (message: string) => void;
  /** The scope a document's settings default to until its own are read: its workspace folder's uri. */
  parent?: (uri: string) => string | undefined;
  /** A document's own settings came and differ from those it was checked with meanwhile. */
  changed?: (uri: string) => void;
}

/**
 * Settings per scope: the window (no scope), a workspace folder's uri (its corpus paths) or a
 * document's uri (what is reported in it: disabled codes, severities, accepted titles, maxProblems).
 *
 * With a client that answers `workspace/configuration` each scope is asked for (`scopeUri`) once
 * and kept until the next `load` (didChangeConfiguration); scopes asked for in the same turn go in
 * one request. Without one (`init` without `getConfiguration`) every scope reads the same settings:
 * those of initializationOptions, then of the last didChangeConfiguration (`setFallback`).
 *
 * `now(uri)` answers at once — a document's settings, or its folder's until they come (`ask`), or
 * the window's — so that a check never waits for the client; `changed` says when a document's own
 * settings turn out to differ.
 */
export class ScopedSettings {
  private getConfiguration?: GetConfiguration;
  private fallback: unknown;
  /** Settings read, per scope ('' for the window). */
  private known = new Map<string, ChancerySettings>();
  /** Reads asked for since the last load, per scope. */
  private asked = new Map<string, Promise<ChancerySettings>>();
  private reported = new Set<string>();
  private batch?: { scopes: (string | undefined)[]; done: Promise<unknown[]> };
  private defaults?: ChancerySettings;

  constructor(private readonly o: ScopedSettingsOptions) {}

  /**
   * At initialize: how to ask the client (undefined when it does not answer workspace/configuration)
   * and the initializationOptions.
   */
  init(getConfiguration: GetConfiguration | undefined, initializationOptions: unknown): void {
    this.getConfiguration = getConfiguration;
    this.setFallback(initializationOptions);
  }

  /** The settings read when the client cannot be asked (or its answer is null or fails). */
  setFallback(raw: unknown): void {
    this.fallback = raw;
    this.defaults = undefined;
  }

  /**
   * Reads the window's settings and those of `scopes` afresh, in one request (startup, and each
   * configuration change: `invalidate` first). The window's problems are reported each time.
   */
  async load(scopes: readonly string[] = []): Promise<ChancerySettings> {
    const all = [undefined, ...scopes];
    const read = all.map((s) => this.read(s));
    for (const [i, s] of all.entries()) this.asked.set(s ?? '', read[i]);
    const values = await Promise.all(read);
    for (const [i, s] of all.entries()) if (this.asked.get(s ?? '') === read[i]) this.known.set(s ?? '', values[i]);
    return values[0];
  }

  /** The configuration changed: settings are asked for again (`known` ones serve until then). */
  invalidate(): void {
    this.asked.clear();
    this.reported.clear();
  }

  /** Forgets a closed document's settings. */
  forget(uri: string): void {
    this.asked.delete(uri);
    this.known.delete(uri);
  }

  /** The settings of `scope` (a folder's or document's uri; undefined: the window), read once. */
  get(scope?: string): Promise<ChancerySettings> {
    const key = scope ?? '';
    let p = this.asked.get(key);
    if (!p) {
      p = this.read(scope).then((s) => {
        if (this.asked.get(key) === p) this.known.set(key, s);
        return s;
      });
      this.asked.set(key, p);
    }
    return p;
  }

  /** The settings of each scope, in order (one request for those not read yet). */
  getAll(scopes: readonly (string | undefined)[]): Promise<ChancerySettings[]> {
    return Promise.all(scopes.map((s) => this.get(s)));
  }

  /** Asks for a document's own settings (when it opens); `changed` is called if they differ from its folder's. */
  ask(uri: string): void {
    if (this.asked.has(uri) || !this.getConfiguration) return;
    void this.get(uri).then((s) => {
      if (this.known.get(uri) === s && JSON.stringify(s) !== JSON.stringify(this.inherited(uri))) this.o.changed?.(uri);
    });
  }

  /** The settings to use now for `uri`: its own, else its folder's, else the window's. */
  now(uri?: string): ChancerySettings {
    return (uri !== undefined && this.known.get(uri)) || this.inherited(uri);
  }

  /** The settings `uri` has without its own: its folder's, else the window's. */
  private inherited(uri: string | undefined): ChancerySettings {
    const parent = uri === undefined ? undefined : this.o.parent?.(uri);
    return (parent !== undefined && this.known.get(parent)) || this.known.get('') || (this.defaults ??= readSettings(this.fallback).settings);
  }

  private async read(scope: string | undefined): Promise<ChancerySettings> {
    let raw: unknown = this.fallback;
    if (this.getConfiguration) {
      try {
        const fromClient = await this.request(scope);
        if (fromClient !== null && fromClient !== undefined) raw = { chancery: fromClient };
      } catch (e) {
        this.o.log(`chancery: workspace/configuration failed: ${(e as Error).message}`);
      }
    }
    const { settings, problems } = readSettings(raw);
    const fresh = scope === undefined ? problems : problems.filter((p) => !this.reported.has(p));
    for (const p of problems) this.reported.add(p);
    if (fresh.length) this.o.report(fresh);
    return settings;
  }

  /** One scope's answer; the scopes asked for in the same turn share one request. */
  private async request(scope: string | undefined): Promise<unknown> {
    if (!this.batch) {
      const scopes: (string | undefined)[] = [];
      const done = Promise.resolve().then(() => {
        if (this.batch?.scopes === scopes) this.batch = undefined;
        return this.getConfiguration!(scopes);
      });
      this.batch = { scopes, done };
    }
    const i = this.batch.scopes.push(scope) - 1;
    return (await this.batch.done)?.[i];
  }
}

/** The corpus settings: the window's (the embedded corpus; paths when there is no folder) and each workspace folder's paths. */
export interface CorpusSettings {
  includeBuiltin: boolean;
  paths: string[];
  folders: { path: string; paths: string[] }[];
}

/** The corpus settings now, each workspace folder's read in its own scope (one request). */
export async function corpusSettings(settings: ScopedSettings, folders: readonly { uri: string; path: string }[]): Promise<CorpusSettings> {
  const [window, ...own] = await settings.getAll([undefined, ...folders.map((f) => f.uri)]);
  return {
    includeBuiltin: window.corpus.includeBuiltin,
    paths: window.corpus.paths,
    folders: folders.map((f, i) => ({ path: f.path, paths: own[i].corpus.paths })),
  };
}
