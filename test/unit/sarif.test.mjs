// `chancery check --format sarif` (#15 item 11): a SARIF 2.1.0 log that code-scanning views read,
// validated against the SARIF 2.1.0 JSON schema with a real validator (ajv), with the rules' metadata
// and the fixes as replacements that give the same text as the core's fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { source } from '../harness/sources.mjs';
import { core, applyEdits } from './helpers.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SAMPLE = path.join(ROOT, 'samples', 'draft.communique');
const { CHECKS } = source('core/features/checks');

function cli(args, cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * The SARIF 2.1.0 schema (the final one, 2.1.0-rtm.5) as the npm package @microsoft/jest-sarif
 * ships it, or the file $CHANCERY_SARIF_SCHEMA names.
 */
function schemaFile() {
  if (process.env.CHANCERY_SARIF_SCHEMA) return process.env.CHANCERY_SARIF_SCHEMA;
  try {
    return require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  } catch {
    return undefined;
  }
}

/**
 * A validator of the schema. The schema is written in JSON Schema draft-04, which ajv 8 reads as
 * draft-07 once its top-level `id` is `$id` (it uses no keyword whose meaning changed between
 * them: no exclusiveMinimum/Maximum). Its patterns are ECMAScript regular expressions without the
 * `u` flag (the pattern of `run.language` has a stray `]` that the `u` flag refuses). Formats are
 * checked too.
 */
function sarifValidator(file) {
  const Ajv = require('ajv');
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  schema.$id = schema.id;
  delete schema.id;
  schema.$schema = 'http://json-schema.org/draft-07/schema#';
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s) => {
    try {
      return !!new URL(s);
    } catch {
      return false;
    }
  });
  ajv.addFormat('uri-reference', (s) => !/[\s<>"{}|\\^`]/.test(s));
  ajv.addFormat('date-time', (s) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

const schema = schemaFile();
const skip = schema && existsSync(schema) ? false : 'the SARIF 2.1.0 schema is not installed (npm package @microsoft/jest-sarif, or CHANCERY_SARIF_SCHEMA=file)';

test('the sample draft as SARIF 2.1.0: valid against the schema; rules, results, regions and fixes', { skip }, () => {
  const validate = sarifValidator(schema);
  const r = cli(['check', SAMPLE, '--format', 'sarif']);
  assert.equal(r.code, 1, r.err); // errors found: exit 1 as with text
  const log = JSON.parse(r.out);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  // The validator is not vacuous: a result without its message is refused.
  const broken = structuredClone(log);
  delete broken.runs[0].results[0].message;
  assert.equal(validate(broken), false);

  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.deepEqual(run.tool.driver.rules.map((x) => x.id), [...core.FINDING_CODES]);
  const misquoted = run.tool.driver.rules.find((x) => x.id === 'title-misquoted');
  assert.equal(misquoted.shortDescription.text, CHECKS['title-misquoted'].description.en);
  assert.equal(misquoted.defaultConfiguration.level, 'error');
  assert.equal(run.tool.driver.rules.find((x) => x.id === 'title-unknown').defaultConfiguration.level, 'note');

  // The same findings as --format json, at the same places.
  const json = JSON.parse(cli(['check', SAMPLE, '--format', 'json']).out).files[0].findings;
  assert.equal(run.results.length, json.length);
  const text = readFileSync(SAMPLE, 'utf8');
  for (const [i, res] of run.results.entries()) {
    const f = json[i];
    assert.equal(res.ruleId, f.code);
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, f.code);
    const loc = res.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'samples/draft.communique', uriBaseId: 'SRCROOT' });
    assert.deepEqual([loc.region.startLine, loc.region.startColumn, loc.region.endLine, loc.region.endColumn], [f.line, f.column, f.endLine, f.endColumn]);
    assert.equal(loc.region.snippet.text, text.slice(f.start, f.end));
    assert.match(res.partialFingerprints['chancery/v1'], /^[0-9a-f]{32}$/);
    // Each fix's replacements, applied by their regions, give the text the core's fix gives.
    assert.equal(res.fixes.length, f.fixes.length);
    for (const [k, fix] of res.fixes.entries()) {
      const lines = new core.LineIndex(text);
      const edits = fix.artifactChanges[0].replacements.map((rep) => ({
        start: lines.offsetAt({ line: rep.deletedRegion.startLine - 1, character: rep.deletedRegion.startColumn - 1 }),
        end: lines.offsetAt({ line: rep.deletedRegion.endLine - 1, character: rep.deletedRegion.endColumn - 1 }),
        newText: rep.insertedContent.text,
      }));
      assert.equal(applyEdits(text, edits), applyEdits(text, f.fixes[k].edits), fix.description.text);
    }
  }
  assert.equal(run.originalUriBaseIds.SRCROOT.uri, pathToFileURL(ROOT).href + '/');
});

test('SARIF in Chinese, for a draft in a folder with a Chinese name and one outside the working folder', { skip }, () => {
  const validate = sarifValidator(schema);
  const tmp = mkdtempSync(path.join(tmpdir(), 'chancery-sarif-'));
  mkdirSync(path.join(tmp, '草稿 2024'));
  writeFileSync(path.join(tmp, '草稿 2024', '公报.txt'), '　　各方欢迎2021年9月17日在杜尚别批准的《上合组织经济论坛纲要》。\n');
  const outside = path.join(mkdtempSync(path.join(tmpdir(), 'chancery-sarif-out-')), 'x.txt');
  writeFileSync(outside, '　　各方欢迎《上合组织经济论坛构想》（2021年9月17日，杜尚别。\n');
  const r = cli(['check', path.join('草稿 2024', '公报.txt'), outside, '--format', 'sarif', '--lang', 'zh'], tmp);
  const log = JSON.parse(r.out);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const [a, b] = [log.runs[0].results.find((x) => x.locations[0].physicalLocation.artifactLocation.uriBaseId), log.runs[0].results.find((x) => !x.locations[0].physicalLocation.artifactLocation.uriBaseId)];
  assert.equal(a.locations[0].physicalLocation.artifactLocation.uri, '%E8%8D%89%E7%A8%BF%202024/%E5%85%AC%E6%8A%A5.txt');
  assert.match(a.message.text, /[\u4e00-\u9fff]/);
  assert.equal(b.locations[0].physicalLocation.artifactLocation.uri, pathToFileURL(outside).href);
  assert.match(log.runs[0].tool.driver.rules[0].shortDescription.text, /书名/);
});

test('kb does not take sarif; a clean draft gives a valid log with no results', { skip }, () => {
  assert.equal(cli(['kb', '--format', 'sarif']).code, 2);
  const validate = sarifValidator(schema);
  const tmp = mkdtempSync(path.join(tmpdir(), 'chancery-sarif-clean-'));
  writeFileSync(path.join(tmp, 'ok.txt'), '　　各方欢迎2021年9月17日在杜尚别批准的《上合组织经济论坛构想》。\n');
  const r = cli(['check', 'ok.txt', '--format', 'sarif'], tmp);
  assert.equal(r.code, 0);
  const log = JSON.parse(r.out);
  assert.ok(validate(log), JSON.stringify(validate.errors));
  assert.deepEqual(log.runs[0].results, []);
});

test('the checks\' descriptions are the ones the VS Code settings show (package.nls*.json)', () => {
  const en = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
  const zh = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.zh-cn.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties;
  for (const code of core.FINDING_CODES) {
    assert.equal(en[`config.code.${code}`], CHECKS[code].description.en, code);
    assert.equal(zh[`config.code.${code}`], CHECKS[code].description.zh, code);
  }
  const keys = core.FINDING_CODES.map((c) => `%config.code.${c}%`);
  assert.deepEqual(props['chancery.diagnostics.disabled'].items.enumDescriptions, keys);
  assert.deepEqual(props['chancery.diagnostics.severity'].propertyNames.enumDescriptions, keys);
});

test('the pre-commit hook of docs/cli.md stops a commit with an error, lets a clean one through', () => {
  const doc = readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8');
  const m = /<!-- test\/unit\/sarif\.test\.mjs runs this block[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(doc);
  assert.ok(m, 'the hook is in docs/cli.md');
  const repo = mkdtempSync(path.join(tmpdir(), 'chancery-hook-'));
  const git = (...args) => spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, CHANCERY_CLI: CLI, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  assert.equal(git('init', '-q').status, 0);
  mkdirSync(path.join(repo, 'corpus'));
  writeFileSync(path.join(repo, 'corpus', 'a.txt'), '　　各方欢迎2023年7月4日在新德里通过的《上合组织成员国政府间极地科学考察合作协定》。\n');
  writeFileSync(path.join(repo, '.git', 'hooks', 'pre-commit'), m[1], { mode: 0o755 });
  // A clean draft (a name with a space and Chinese characters) is committed.
  writeFileSync(path.join(repo, '公报 草稿.txt'), '　　各方欢迎2023年7月4日在新德里通过的《上合组织成员国政府间极地科学考察合作协定》。\n');
  git('add', '.');
  const ok = git('commit', '-q', '-m', 'clean');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  // A draft with a misquoted title of the corpus is not.
  writeFileSync(path.join(repo, 'bad.communique'), '　　各方欢迎2023年7月4日在新德里通过的《上合组织成员国政府间极地科学考查合作协定》。\n');
  git('add', 'bad.communique');
  const bad = git('commit', '-q', '-m', 'bad');
  assert.notEqual(bad.status, 0, 'the commit is stopped');
  assert.match(bad.stdout + bad.stderr, /bad\.communique:1:\d+: error title-misquoted/);
  assert.match(git('log', '--oneline').stdout, /^\S+ clean\n$/);
});
