// Attacks on the command line (#12 items 6 and 15): a FIFO with no writer named as a draft hung
// the CLI forever (it is now refused at once with a clear message, as the corpus loader refuses
// it), and `chancery check -- -x.communique` exited 2 instead of checking the file (`--` ends the
// options).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, realpathSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI } from '../harness/lspServer.mjs';

let dir;
before(() => {
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'chancery-attacks-cli-')));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in `dir`; resolves {status, stdout, stderr}, or {status: 'hung'} after `limitMs`. */
function cli(args, limitMs = 30000) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      resolve({ status: 'hung', stdout, stderr });
    }, limitMs);
    p.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const DRAFT = '　　2021年9月17日在杜尚别通过的《上合组织成员国政府间教育合作的协定》。\n';

test('a FIFO with no writer named as a draft: refused at once, with the reason', { timeout: 60000 }, async () => {
  execFileSync('mkfifo', [path.join(dir, 'pipe.communique')]);
  writeFileSync(path.join(dir, 'good.communique'), DRAFT);
  const r = await cli(['check', 'good.communique', 'pipe.communique'], 20000);
  assert.notEqual(r.status, 'hung', 'the CLI does not wait for a writer');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read pipe\.communique: not a regular file/);
});

test('a device, a folder and a file over the size limit named as drafts: refused by what they are', { timeout: 60000 }, async () => {
  const big = path.join(dir, 'sparse.communique');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 1024 * 1024 * 1024);
  closeSync(fd);
  const cases = [
    ['/dev/zero', /cannot read \/dev\/zero: not a regular file/],
    [dir, /is a folder/],
    ['sparse.communique', /cannot read sparse\.communique: larger than 64 MB/],
    ['missing.communique', /no such file/],
  ];
  for (const [file, message] of cases) {
    const r = await cli(['check', file], 20000);
    assert.equal(r.status, 2, `${file}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

test('`--` ends the options: a draft whose name starts with - is checked', { timeout: 60000 }, async () => {
  writeFileSync(path.join(dir, '-x.communique'), DRAFT);
  writeFileSync(path.join(dir, '--odd.communique'), DRAFT);
  const r = await cli(['check', '--format', 'json', '--exit-zero', '--', '-x.communique', '--odd.communique']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.files.map((f) => f.file), ['-x.communique', '--odd.communique']);
  assert.ok(out.files.every((f) => f.findings.some((x) => x.code === 'title-misquoted')), 'each checked: its misquoted title found');
  // Without `--` such a name is still an unknown option.
  const bad = await cli(['check', '-x.communique']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown option -x\.communique/);
});
