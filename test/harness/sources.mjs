// Modules of server/src loaded from their TypeScript sources (tsx), for unit tests of parts that
// are not the core's API (the LSP adapter's host/, convert.ts, core internals by path).
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);

/** The exports of server/src/<modules>.ts, merged: `source('host/settings', 'host/corpusPaths')`. */
export function source(...modules) {
  return Object.assign({}, ...modules.map((m) => require(`../../server/src/${m}.ts`)));
}
