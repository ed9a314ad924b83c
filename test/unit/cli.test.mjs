// The command-line checker, spawned as users run it: node dist/cli.js …
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SAMPLE = path.join(ROOT, 'samples', 'draft.communique');

function cli(args, opts = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: opts.cwd ?? ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = mkdtempSync(path.join(tmpdir(), 'chancery-cli-'));
const write = (name, content) => {
  const p = path.join(tmp, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
};

test('check the sample draft: the five kinds of slips, file:line:col, fixes, exit 1', () => {
  const r = cli(['check', SAMPLE]);
  assert.equal(r.code, 1, r.err);
  for (const code of ['title-misquoted', 'date-mismatch', 'place-mismatch', 'date-invalid', 'bracket-unclosed']) {
    assert.match(r.out, new RegExp(`draft\\.communique:\\d+:\\d+: error ${code}: `), code);
  }
  assert.match(r.out, /draft\.communique:3:34: error title-misquoted: .*协议/);
  assert.match(r.out, /fix: replace "上合组织成员国政府间国际道路运输便利化协议" with "上合组织成员国政府间国际道路运输便利化协定"/);
  assert.match(r.out, /fix: replace "2021年8月13日" with "2021年8月12日"/);
  assert.match(r.out, /\d+ findings \(5 errors, 3 warnings\) in 1 file/);
  assert.equal(r.err, '');
});

test('--exit-zero, --lang zh, --disable, --accept', () => {
  assert.equal(cli(['check', SAMPLE, '--exit-zero']).code, 0);
  assert.match(cli(['check', SAMPLE, '--lang', 'zh']).out, /语料中没有《上合组织成员国政府间国际道路运输便利化协议》/);
  const r = cli(['check', SAMPLE, '--disable', 'title-misquoted,date-invalid', '--disable=bracket-unclosed']);
  assert.doesNotMatch(r.out, /title-misquoted|date-invalid|bracket-unclosed/);
  assert.match(r.out, /place-mismatch/);
  const a = cli(['check', SAMPLE, '--accept', '《上合组织成员国政府间国际道路运输便利化协议》']);
  assert.doesNotMatch(a.out, /title-misquoted/);
});

test('json output: findings with positions, spans and fixes', () => {
  const r = cli(['check', SAMPLE, '--format', 'json']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out);
  assert.equal(j.files.length, 1);
  const text = readFileSync(SAMPLE, 'utf8');
  const f = j.files[0].findings.find((x) => x.code === 'date-mismatch');
  assert.equal(text.slice(f.start, f.end), '2021年8月13日');
  assert.equal(f.line, 5);
  assert.deepEqual(f.fixes[0].edits, [{ start: f.start, end: f.end, newText: '2021年8月12日' }]);
  assert.equal(j.summary.errors, 5);
});

test('a clean draft exits 0; drafts are decoded like corpus files (GB18030, UTF-16)', () => {
  const clean = '各代表团团长认为，应继续落实2019年6月14日在比什凯克通过的《上合组织成员国地方合作发展纲要》。\n';
  const r = cli(['check', write('clean.txt', clean)]);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /0 findings/);
  const bad = clean.replace('比什凯克', '塔什干');
  const gb = cli(['check', write('gb.txt', iconv.encode(bad, 'gb18030'))]);
  assert.equal(gb.code, 1);
  assert.match(gb.out, /gb\.txt:1:\d+: error place-mismatch/);
  const u16 = cli(['check', write('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bad, 'utf16le')]))]);
  assert.match(u16.out, /place-mismatch/);
});

test('--corpus and --no-builtin: facts come from the corpus given', () => {
  const corpus = write('corpus/a.txt', '　　各方欢迎2020年1月2日在甲城通过的《甲乙丙丁合作协定》。');
  const draft = write('d.txt', '欢迎2020年1月3日在甲城通过的《甲乙丙丁合作协定》。');
  const r = cli(['check', draft, '--no-builtin', '--corpus', path.dirname(corpus)]);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /date-mismatch: .*a\.txt, line 1\) says 2020年1月2日/);
  // Without the corpus, nothing is known about it.
  assert.equal(cli(['check', draft, '--no-builtin']).code, 0);
});

test('kb: json with provenance, text summary', () => {
  const r = cli(['kb', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const kb = JSON.parse(r.out);
  const inst = kb.instruments.find((i) => i.title === '上合组织成员国政府间国际道路运输便利化协定');
  assert.ok(inst);
  assert.equal(inst.adoptions[0].place, '杜尚别');
  assert.match(inst.adoptions[0].provenance.uri, /^builtin:\//);
  assert.ok(inst.adoptions[0].provenance.sentence.includes('便利化协定'));
  const t = cli(['kb']);
  assert.equal(t.code, 0);
  assert.match(t.out, /instruments: \d+/);
  assert.match(t.out, /《上合组织成员国艺术节文艺演出章程》.*2021年8月18日 杜尚别 签署/);
  const none = cli(['kb', '--no-builtin', '--format', 'json']);
  assert.equal(JSON.parse(none.out).instruments.length, 0);
});

test('--help and --version', () => {
  const h = cli(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /chancery check FILE/);
  const v = cli(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.out, /^chancery \d+\.\d+\.\d+/);
});

test('clear errors, exit 2: missing file, unreadable corpus, bad options', () => {
  const cases = [
    [['check', path.join(tmp, 'nope.txt')], /cannot read .*nope\.txt: no such file/],
    [['check', tmp], /is a folder/],
    [['check', SAMPLE, '--corpus', path.join(tmp, 'missing-corpus')], /cannot read corpus .*missing-corpus/],
    [['check', SAMPLE, '--corpus', write('binary.txt', Buffer.from([0, 1, 2, 3, 0, 0xff]))], /cannot read corpus .*binary\.txt/],
    [['check', SAMPLE, '--format', 'xml'], /--format must be text, json or sarif/],
    [['check', SAMPLE, '--disable', 'nonsense'], /unknown finding code "nonsense"/],
    [['check', SAMPLE, '--frobnicate'], /unknown option --frobnicate/],
    [['check'], /check needs at least one FILE/],
    [['lint', SAMPLE], /unknown command "lint"/],
    [[], /no command given/],
    [['check', SAMPLE, '--corpus'], /--corpus needs a value/],
    [['check', write('bin.txt', Buffer.from([0, 0, 0, 1]))], /cannot read .*bin\.txt/],
  ];
  for (const [args, re] of cases) {
    const r = cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
    assert.match(r.err, re, args.join(' '));
  }
});

test('corpus problems that do not stop the run are warnings on stderr', () => {
  const dir = path.join(tmp, 'mixed');
  write('mixed/good.txt', '　　各方欢迎2020年1月2日在甲城通过的《甲乙丙丁合作协定》。');
  write('mixed/bad.txt', Buffer.from([0, 1, 2, 0xff, 0xfe, 0]));
  const r = cli(['check', SAMPLE, '--corpus', dir]);
  assert.equal(r.code, 1);
  assert.match(r.err, /chancery: warning: .*bad\.txt/);
  if (process.getuid && process.getuid() !== 0) {
    const locked = write('locked/a.txt', 'x');
    chmodSync(path.dirname(locked), 0o000);
    const l = cli(['check', SAMPLE, '--corpus', path.dirname(locked)]);
    chmodSync(path.dirname(locked), 0o755);
    assert.equal(l.code, 2, l.err);
    assert.match(l.err, /cannot read corpus/);
  }
});

test('a reader that closes the pipe early (| head) ends the run quietly, no EPIPE trace', async () => {
  const { spawn } = await import('node:child_process');
  // The JSON knowledge base of 40 copies of the embedded corpus (megabytes, every mention with its
  // provenance) is far larger than a pipe's buffer: the write is still going on when the reader goes away.
  const corpusText = readFileSync(path.join(ROOT, 'server', 'corpus', 'sco-2021-heads-of-government-communique.zh.txt'), 'utf8');
  const big = write('pipe/big.txt', corpusText.repeat(40));
  const child = spawn(process.execPath, [CLI, 'kb', '--format', 'json', '--corpus', big], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => (err += d));
  let first = '';
  child.stdout.once('data', (d) => {
    first = String(d);
    child.stdout.destroy();
  });
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
  assert.match(first, /^\{/);
  assert.doesNotMatch(err, /EPIPE|Error/, err);
  assert.equal(err, '');
  assert.equal(code, 0);
});
