// Attacks on the workspace trust boundary through the protocol (#12 items 1 and 2), with real
// files and links: an untrusted workspace reads nothing outside its folders, whatever a path or a
// symbolic link inside a corpus folder says (a linked file, a linked folder), and a relative corpus
// path is checked resolution by resolution when workspace folders are nested. The secret's text
// never shows in a hover, a completion, a definition or the knowledge-base views.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspServer } from '../harness/lspServer.mjs';

const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'chancery-attacks-trust-')));
after(() => rmSync(root, { recursive: true, force: true }));

const GOOD_TITLE = '《上合组织成员国工作区内部合作纲要》';
const GOOD = `　　2020年11月30日在比什凯克通过的${GOOD_TITLE}。\n`;
// Every secret holds 机密 (in its title and its place): none of it may reach the client.
const SECRET_FILE_TITLE = '《上合组织成员国机密文件泄露合作纲要》';
const SECRET_DIR_TITLE = '《上合组织成员国机密文件夹泄露合作纲要》';
const SECRET_CLIMB_TITLE = '《上合组织成员国机密上级目录合作纲要》';
// What only the secret files say (places and dates): never in any answer. Their titles hold 机密,
// which the drafts also write: never in what comes from the knowledge base alone.
const LEAK = /机密城|机密镇|机密港|2011年1月3日|2012年2月5日|2013年3月7日/;
const SECRET = /机密/;

const servers = [];
after(async () => {
  for (const s of servers) await s.stop();
});

async function start(chancery, folders, trusted) {
  const s = await LspServer.start({ settings: { chancery }, initializationOptions: { ...chancery, workspaceTrusted: trusted }, workspaceFolders: folders });
  servers.push(s);
  await s.waitFor(() => s.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready'), 60000, 'knowledge base ready');
  return s;
}

/**
 * Everything the server tells a client about `draft` (opened in `folder`): a hover and a definition
 * at every character, its diagnostics, and what comes from the knowledge base alone (completion
 * after 《, both knowledge-base views, the reference list). Checks that no secret shows; returns
 * all of it as text.
 */
async function everythingShown(s, folder, draft) {
  const uri = pathToFileURL(path.join(folder, 'draft.communique')).href;
  const { diagnostics } = await s.openAndWait(uri, draft);
  const answers = [JSON.stringify(diagnostics)];
  const fromKb = [];
  for (let character = 0; character <= draft.length; character++) {
    const position = { line: 0, character };
    answers.push(JSON.stringify(await s.hover(uri, position)));
    answers.push(JSON.stringify(await s.request('textDocument/definition', { textDocument: { uri }, position })));
    if (draft[character - 1] === '《') fromKb.push(JSON.stringify(await s.completion(uri, position)));
  }
  fromKb.push(JSON.stringify(await s.request('chancery/knowledgeBase', { format: 'markdown' })));
  fromKb.push(JSON.stringify(await s.request('chancery/knowledgeBase', { format: 'json' })));
  fromKb.push(JSON.stringify(await s.request('chancery/references', {})));
  s.close(uri);
  return { all: [...answers, ...fromKb].join('\n'), fromKb: fromKb.join('\n') };
}

describe('untrusted workspace: links inside a corpus folder that lead outside', () => {
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  before(() => {
    mkdirSync(path.join(ws, 'corpus'), { recursive: true });
    mkdirSync(path.join(outside, 'secrets'), { recursive: true });
    writeFileSync(path.join(ws, 'corpus', 'good.txt'), GOOD);
    writeFileSync(path.join(outside, 'secret.txt'), `　　2011年1月3日在机密城通过的${SECRET_FILE_TITLE}。\n`);
    writeFileSync(path.join(outside, 'secrets', 'more.txt'), `　　2012年2月5日在机密镇批准的${SECRET_DIR_TITLE}。\n`);
    // A linked file (relative target) and a linked folder (absolute target) inside the corpus folder.
    symlinkSync('../../outside/secret.txt', path.join(ws, 'corpus', 'leak.txt'));
    symlinkSync(path.join(outside, 'secrets'), path.join(ws, 'corpus', 'linked'));
  });
  const draft = `　　${GOOD_TITLE}、${SECRET_FILE_TITLE}和${SECRET_DIR_TITLE}，《`;

  test('the linked file and folder are not read; the workspace corpus and the embedded one are', { timeout: 120000 }, async () => {
    const s = await start({ corpus: { paths: ['corpus'], includeBuiltin: true } }, [ws], false);
    const shown = await everythingShown(s, ws, draft);
    assert.doesNotMatch(shown.all, LEAK, 'nothing of the secrets is shown');
    assert.doesNotMatch(shown.fromKb, SECRET, 'no secret instrument in the knowledge base');
    assert.match(shown.all, /比什凯克/, 'the corpus inside the workspace is read');
    assert.match(shown.fromKb, /杜尚别/, 'the embedded corpus is read');
    const said = s.logs.map((l) => l.message).join('\n');
    assert.match(said, /leak\.txt: it leads outside the workspace folders/, 'the refused link is named in the log');
    assert.match(said, /linked: it leads outside the workspace folders/);
  });

  test('trusted, the same links are read (the test can see a leak)', { timeout: 120000 }, async () => {
    const s = await start({ corpus: { paths: ['corpus'], includeBuiltin: true } }, [ws], true);
    const { all } = await everythingShown(s, ws, draft);
    assert.match(all, /机密城/);
    assert.match(all, /机密镇/);
  });
});

describe('nested workspace folders: a relative path is checked resolution by resolution', () => {
  // Folders /n and /n/inner both list "../up": from /n it is /up (outside every folder), from
  // /n/inner it is /n/up (inside /n). Only the inside one is read, trusted or not.
  const outer = path.join(root, 'n');
  const inner = path.join(outer, 'inner');
  before(() => {
    mkdirSync(inner, { recursive: true });
    mkdirSync(path.join(root, 'up'), { recursive: true });
    mkdirSync(path.join(outer, 'up'), { recursive: true });
    writeFileSync(path.join(root, 'up', 'secret.txt'), `　　2013年3月7日在机密港签署的${SECRET_CLIMB_TITLE}。\n`);
    writeFileSync(path.join(outer, 'up', 'good.txt'), GOOD);
  });
  const draft = `　　${GOOD_TITLE}和${SECRET_CLIMB_TITLE}，《`;

  for (const trusted of [true, false]) {
    test(`${trusted ? 'trusted' : 'untrusted'}: "../up" is read inside /n, refused outside it`, { timeout: 120000 }, async () => {
      const s = await start({ corpus: { paths: ['../up'], includeBuiltin: false } }, [outer, inner], trusted);
      const shown = await everythingShown(s, inner, draft);
      assert.doesNotMatch(shown.all, LEAK, 'nothing of the secret is shown');
      assert.doesNotMatch(shown.fromKb, SECRET, 'no secret instrument in the knowledge base');
      assert.match(shown.all, /比什凯克/, 'the resolution inside the workspace is read');
      const told = [...s.shown.map((m) => m.message), ...s.logs.map((l) => l.message)].join('\n');
      assert.match(told, /"\.\.\/up".*outside the workspace folders/, 'the refusal is said');
    });
  }
});
