// Workspace trust (issue 6). In an untrusted workspace VS Code itself hides workspace values of
// the settings listed in package.json capabilities.untrustedWorkspaces.restrictedConfigurations;
// the client also tells the server (initializationOptions.workspaceTrusted = vscode.workspace.isTrusted)
// and the server, as a second line of defence, reads no corpus path outside the workspace folders.
import { test, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspServer, ROOT } from '../harness/lspServer.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'chancery-trust-'));
const ws = path.join(root, 'ws');
const inside = path.join(ws, 'corpus');
const outside = path.join(root, 'secret');
mkdirSync(inside, { recursive: true });
mkdirSync(outside, { recursive: true });
const IN_TITLE = '《上合组织成员国工作区之内信任测试纲要》';
const OUT_TITLE = '《上合组织成员国工作区之外信任测试纲要》';
writeFileSync(path.join(inside, 'in.txt'), `　　2019年6月14日在比什凯克通过的${IN_TITLE}。\n`);
writeFileSync(path.join(outside, 'out.txt'), `　　2018年6月10日在青岛通过的${OUT_TITLE}。\n`);
// A symlink inside the workspace that points outside it: also outside.
symlinkSync(outside, path.join(ws, 'link-to-secret'));
const DRAFT = `　　${IN_TITLE}和${OUT_TITLE}。`;
const uri = pathToFileURL(path.join(ws, 'draft.communique')).href;

const servers = [];
after(async () => {
  for (const s of servers) await s.stop();
  rmSync(root, { recursive: true, force: true });
});

async function hoverFacts(trusted) {
  const chancery = { corpus: { paths: [outside, 'corpus', 'link-to-secret', '../secret'], includeBuiltin: true } };
  const s = await LspServer.start({
    settings: { chancery },
    initializationOptions: { ...chancery, workspaceTrusted: trusted },
    workspaceFolders: [ws],
  });
  servers.push(s);
  await s.waitFor(() => s.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready'), 60000, 'knowledge base ready');
  await s.openAndWait(uri, DRAFT);
  const inHover = JSON.stringify((await s.hover(uri, { line: 0, character: 4 }))?.contents ?? null);
  const outHover = JSON.stringify((await s.hover(uri, { line: 0, character: 2 + IN_TITLE.length + 1 + 2 }))?.contents ?? null);
  s.close(uri);
  return { s, inHover, outHover };
}

describe('workspace trust', () => {
  test('untrusted: corpus paths outside the workspace folders are not read, inside ones are', { timeout: 90000 }, async () => {
    const { s, inHover, outHover } = await hoverFacts(false);
    assert.match(inHover, /比什凯克/, 'the corpus inside the workspace is loaded');
    assert.doesNotMatch(outHover, /青岛/, `nothing read from outside: ${outHover}`);
    const said = [...s.shown.map((m) => m.message), ...s.logs.map((l) => l.message)].join('\n');
    assert.match(said, /trust/i, 'the user is told why paths were ignored');
  });

  test('trusted: absolute corpus paths outside the workspace are read', { timeout: 90000 }, async () => {
    const { inHover, outHover } = await hoverFacts(true);
    assert.match(inHover, /比什凯克/);
    assert.match(outHover, /青岛/);
  });

  test('trust granted later (chancery/workspaceTrust): the outside corpus is read after the rebuild', { timeout: 90000 }, async () => {
    const { s, outHover } = await hoverFacts(false);
    assert.doesNotMatch(outHover, /青岛/);
    const readies = () => s.notifications.filter((n) => n.method === 'chancery/status' && n.params?.state === 'ready').length;
    const before = readies();
    s.notify('chancery/workspaceTrust', { trusted: true });
    await s.waitFor(() => readies() > before, 60000, 'rebuild after trust was granted');
    await s.openAndWait(uri, DRAFT);
    const after = JSON.stringify((await s.hover(uri, { line: 0, character: 2 + IN_TITLE.length + 1 + 2 }))?.contents ?? null);
    assert.match(after, /青岛/);
    s.close(uri);
  });

  test('package.json declares limited support in untrusted workspaces and restricts corpus paths', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const u = pkg.capabilities?.untrustedWorkspaces;
    assert.equal(u?.supported, 'limited');
    assert.ok(u.restrictedConfigurations?.includes('chancery.corpus.paths'), JSON.stringify(u));
    assert.ok(typeof u.description === 'string' && u.description.length > 0, 'a description for the trust dialog');
  });

  test('the client passes vscode.workspace.isTrusted to the server', () => {
    const src = readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    assert.match(src, /workspaceTrusted\s*:\s*[^,}\n]*isTrusted/, 'initializationOptions.workspaceTrusted = vscode.workspace.isTrusted');
    assert.match(src, /onDidGrantWorkspaceTrust/, 'granting trust later reaches the server');
  });
});
