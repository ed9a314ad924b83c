// What the two LSP test harnesses (testClient.mjs and lspServer.mjs) share.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The bundles under test: dist/, or CHANCERY_DIST when set. */
export const DIST = process.env.CHANCERY_DIST ? path.resolve(process.env.CHANCERY_DIST) : path.join(ROOT, 'dist');
export const SERVER = path.join(DIST, 'server.js');
/** How the VS Code client starts the server: node options and environment (server/launch.json). */
export const LAUNCH = JSON.parse(readFileSync(path.join(ROOT, 'server', 'launch.json'), 'utf8'));

/** Reads `a.b.c` out of nested settings (null when missing), as workspace/configuration answers. */
export function configurationValue(settings, section) {
  if (!section) return settings;
  let v = settings;
  for (const k of section.split('.')) {
    if (v == null || typeof v !== 'object') return null;
    v = v[k];
  }
  return v === undefined ? null : v;
}
