// The architecture as a test: every import of server/src and client/src follows the layers that the
// folders' README.md files describe, the core never reaches the editor or the connection, and no
// import circle exists. Reads the sources' import statements (static ones; the code has no dynamic
// imports of its own modules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = path.join(ROOT, 'server', 'src');

/**
 * Layers, low to high: a file may import files of its own layer or of lower ones. The order is
 * the data flow of DESIGN.md: text facts → corpus → scanning → knowledge → phrasing → features →
 * the facade → the LSP adapter and the CLI.
 */
const LAYERS = [
  ['core/util/', 'core/types.ts', 'core/messages.ts', 'core/service.ts'],
  ['core/lang/'],
  ['core/text/'],
  ['core/corpus/'],
  ['core/scan/'],
  ['core/knowledge/'],
  ['core/phrasing/'],
  ['core/features/'],
  ['core/languageService.ts', 'core/pipeline.ts', 'core/index.ts'],
  ['convert.ts', 'protocol.ts', 'sarif.ts', 'transport.ts'],
  ['workers/', 'host/'],
  ['server.ts', 'cli.ts'],
  ['main.ts'],
];

function layerOf(rel) {
  const i = LAYERS.findIndex((l) => l.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p)));
  return i;
}

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Module specifiers of a file's import and export-from statements (type-only ones too). */
function imports(source) {
  const out = [];
  const re = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
  let m;
  while ((m = re.exec(source))) out.push(m[1] ?? m[2]);
  return out;
}

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base + '.ts', path.join(base, 'index.ts'), base]) if (existsSync(c) && statSync(c).isFile()) return c;
  return undefined;
}

const all = files(SRC);
const graph = new Map();
const problems = [];
for (const f of all) {
  const rel = path.relative(SRC, f).split(path.sep).join('/');
  const layer = layerOf(rel);
  if (layer < 0) problems.push(`${rel}: in no layer (add its folder to LAYERS and a README)`);
  const deps = [];
  for (const spec of imports(readFileSync(f, 'utf8'))) {
    if (!spec.startsWith('.')) {
      if (rel.startsWith('core/') && /^vscode(-languageserver(?!-textdocument)|-languageclient|-jsonrpc)?(\/|$)/.test(spec))
        problems.push(`${rel}: the core imports ${spec}`);
      continue;
    }
    const target = resolve(f, spec);
    if (!target) {
      if (!spec.endsWith('.json')) problems.push(`${rel}: cannot resolve ${spec}`);
      continue;
    }
    if (!target.startsWith(SRC)) continue;
    const trel = path.relative(SRC, target).split(path.sep).join('/');
    deps.push(trel);
    const tl = layerOf(trel);
    if (tl > layer) problems.push(`${rel} (layer ${layer}) imports ${trel} (layer ${tl}): an import runs back up`);
  }
  graph.set(rel, deps);
}

test('every file is in a layer and imports only its own layer or lower ones; the core imports no editor or connection', () => {
  assert.deepEqual(problems, []);
});

test('no import circles', () => {
  // Tarjan's strongly connected components.
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const circles = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) circles.push(comp.sort().join(' ↔ '));
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  assert.deepEqual(circles, []);
});

test('the VS Code client imports only the protocol of the server', () => {
  const client = path.join(ROOT, 'client', 'src');
  const bad = [];
  for (const f of files(client)) {
    for (const spec of imports(readFileSync(f, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(f, spec);
      if (target && target.startsWith(SRC) && path.relative(SRC, target) !== 'protocol.ts') bad.push(`${path.relative(ROOT, f)} imports ${path.relative(ROOT, target)}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the check sees the code: it finds the imports of a known file', () => {
  assert.ok((graph.get('server.ts') ?? []).length >= 5, JSON.stringify(graph.get('server.ts')));
  assert.ok(graph.size >= 60, `${graph.size} files`);
});
