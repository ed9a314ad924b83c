// server/src/host/settings.ts readSettings (re-exported by server.ts): the settings shape shared by workspace/configuration and
// initializationOptions, with bad values reported and replaced by defaults. Loaded from the TypeScript sources (test/harness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { source } from '../harness/sources.mjs';
import { core } from './helpers.mjs';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { readSettings, DEFAULT_SETTINGS } = source('host/settings');

test('defaults; nested, wrapped and dotted forms read the same', () => {
  assert.deepEqual(readSettings(undefined), { settings: DEFAULT_SETTINGS, problems: [] });
  const inner = { corpus: { paths: ['corpus'], includeBuiltin: false }, diagnostics: { disabled: ['title-unknown'], severity: { 'title-variant': 'hint' }, maxProblems: 50 }, acceptedTitles: ['甲'] };
  const a = readSettings(inner);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(a.settings, inner);
  assert.deepEqual(readSettings({ chancery: inner }).settings, a.settings);
  const dotted = readSettings({ 'chancery.corpus.paths': ['corpus'], 'chancery.corpus.includeBuiltin': false, 'chancery.diagnostics.disabled': ['title-unknown'], 'chancery.diagnostics.severity': { 'title-variant': 'hint' }, 'chancery.diagnostics.maxProblems': 50, 'chancery.acceptedTitles': ['甲'] });
  assert.deepEqual(dotted.settings, a.settings);
  assert.equal(DEFAULT_SETTINGS.diagnostics.maxProblems, 1000);
});

test('bad values: each named in a problem, the default used', () => {
  const { settings, problems } = readSettings({ corpus: { paths: 5, includeBuiltin: 'yes' }, diagnostics: { disabled: ['nope', 'date-invalid'], severity: { 'title-unknown': 'purple', 'no-such': 'error', 'date-invalid': 'off' }, maxProblems: -3 }, acceptedTitles: { a: 1 } });
  assert.deepEqual(settings.corpus, DEFAULT_SETTINGS.corpus);
  assert.deepEqual(settings.diagnostics.disabled, ['date-invalid']);
  assert.deepEqual(settings.diagnostics.severity, { 'date-invalid': 'off' });
  assert.deepEqual(settings.acceptedTitles, []);
  assert.equal(settings.diagnostics.maxProblems, 1000);
  for (const bad of [1.5, '100', true]) assert.equal(readSettings({ diagnostics: { maxProblems: bad } }).problems.length, 1, String(bad));
  const text = problems.join('\n');
  for (const name of ['corpus.paths', 'includeBuiltin', '"nope"', 'title-unknown', '"no-such"', 'maxProblems', 'acceptedTitles']) assert.ok(text.includes(name), `${name} in ${text}`);
  assert.deepEqual(readSettings('junk').problems.length, 1);
});

test('package.json names exactly the finding codes of the core, in its order', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(props['chancery.diagnostics.disabled'].items.enum, [...core.FINDING_CODES]);
  assert.deepEqual(props['chancery.diagnostics.severity'].propertyNames.enum, [...core.FINDING_CODES]);
  assert.deepEqual(Object.keys(core.DEFAULT_SEVERITY), [...core.FINDING_CODES]);
});
