// The core for unit tests, scripts and benchmarks, loaded from its TypeScript sources (tsx compiles
// each module on load; no bundle, no build step): `api` is the core's public API
// (server/src/core/index.ts), `core` that API plus the internals that tests exercise directly
// (scanners, extraction, matching, the phrasing model's parts …), by module.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const src = (m) => require(`../../server/src/core/${m}.ts`);

/** The public API of the core. */
export const api = src('index');

/** Internal modules tests read directly (their exports are merged into `core`). */
const INTERNALS = [
  'types',
  'messages',
  'text/normalize',
  'text/calendar',
  'text/positions',
  'text/brackets',
  'text/markdown',
  'text/paragraphs',
  'util/stringCache',
  'lang/index',
  'lang/zh/script',
  'lang/zh/dates',
  'lang/zh/datesFormat',
  'lang/zh/synonyms',
  'lang/zh/events',
  'lang/zh/session',
  'lang/zh/kinds',
  'lang/zh/officials',
  'lang/zh/phrasing',
  'corpus/files',
  'corpus/load',
  'corpus/formats',
  'corpus/markup',
  'corpus/split',
  'scan/index',
  'scan/landmarks',
  'knowledge/extract',
  'knowledge/provenance',
  'knowledge/abbreviations',
  'knowledge/officials',
  'knowledge/kinds',
  'knowledge/build',
  'knowledge/knowledgeIndex',
  'knowledge/titleMatch',
  'knowledge/overview',
  'phrasing/model',
  'phrasing/learn',
  'phrasing/serialize',
  'phrasing/complete',
  'phrasing/snippetText',
  'phrasing/snippets',
  'features/diagnostics/index',
  'features/diagnostics/findings',
  'features/diagnostics/markers',
  'features/diagnostics/dates',
  'features/inline',
  'languageService',
  'pipeline',
];

/** The public API and the internals, as one object (what `core.X` names in the tests). */
export const core = Object.freeze(Object.assign({}, ...INTERNALS.map(src), api));
