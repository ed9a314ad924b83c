// Shared helpers for the end-to-end runners: tools, packaging, a private code-server, headless
// Chromium. Every process started here is tracked and killed by cleanup(), also on errors,
// timeouts and signals.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHANCERY_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export function log(...args) {
  console.log('[e2e]', ...args);
}

/** Times an async step and prints how long it took. */
export async function timed(label, fn) {
  const t0 = performance.now();
  log(`${label} …`);
  try {
    return await fn();
  } finally {
    log(`${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

// ---------------------------------------------------------------------------------------------
// cleanup of everything we started

const cleanups = [];
export function onCleanup(fn) {
  cleanups.push(fn);
}
let cleaning;
export async function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (e) {
        log('cleanup error:', e?.message ?? e);
      }
    }
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    log(`${sig}: cleaning up`);
    await cleanup();
    process.exit(130);
  });
}

/** Kill a process group we spawned with detached:true (the process and its children). */
function killGroup(child, signal = 'SIGTERM') {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

async function stopChild(child, ms = 3000) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  killGroup(child, 'SIGTERM');
  const timer = new Promise((r) => setTimeout(r, ms, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') killGroup(child, 'SIGKILL');
}

// ---------------------------------------------------------------------------------------------
// tools, packaging

/** Runs scripts/e2e/install-tools.sh (idempotent) and returns the code-server launcher. */
export function installTools() {
  if (process.env.CHANCERY_CODE_SERVER) return process.env.CHANCERY_CODE_SERVER;
  const out = execFileSync('bash', [path.join(REPO, 'scripts/e2e/install-tools.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(out);
  const m = /^code-server: (.+)$/m.exec(out);
  if (!m) throw new Error('install-tools.sh did not print the code-server path');
  return m[1].trim();
}

/** `npm run package` and returns the .vsix it produced (the newest *.vsix in the repo root). */
export function packageVsix() {
  if (process.env.CHANCERY_VSIX) return path.resolve(process.env.CHANCERY_VSIX);
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status})`);
  const candidates = readdirSync(REPO)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => path.join(REPO, f))
    .filter((f) => statSync(f).mtimeMs >= t0 - 1000)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!candidates.length) throw new Error('npm run package produced no .vsix in the repository root');
  return candidates[0];
}

// ---------------------------------------------------------------------------------------------
// code-server

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A private code-server home: user data, extensions, XDG dirs and a copy of the fixture
 * workspace, all under one temp folder removed at cleanup (unless CHANCERY_E2E_KEEP=1).
 */
export function makeHome(prefix = 'chancery-e2e-') {
  const home = mkdtempSync(path.join(tmpdir(), prefix));
  const dirs = {
    home,
    userData: path.join(home, 'ud'),
    extensions: path.join(home, 'ext'),
    chrome: path.join(home, 'chrome'),
    workspace: path.join(home, 'ws'),
    extraCorpus: path.join(home, 'extra-corpus'),
    results: path.join(home, 'results'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  for (const x of ['config', 'data', 'cache', 'state', 'runtime']) mkdirSync(path.join(home, 'xdg', x), { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'git.enabled': false,
        'files.autoSave': 'off',
        'editor.hover.delay': 100,
        'window.restoreWindows': 'none',
        'workbench.reduceMotion': 'on',
      },
      null,
      2,
    ),
  );
  // The fixture workspace is copied so that the tests may edit files and settings freely.
  cpSync(path.join(REPO, 'test/e2e/fixtures/workspace'), dirs.workspace, { recursive: true });
  cpSync(path.join(REPO, 'test/e2e/fixtures/extra-corpus'), dirs.extraCorpus, { recursive: true });
  onCleanup(() => {
    if (process.env.CHANCERY_E2E_KEEP === '1') log(`kept ${home}`);
    else rmSync(home, { recursive: true, force: true });
  });
  return dirs;
}

export function codeServerEnv(home, extra = {}) {
  const env = { ...process.env };
  // Never let code-server read or write the user's real config (it writes ~/.config/code-server).
  env.XDG_CONFIG_HOME = path.join(home, 'xdg', 'config');
  env.XDG_DATA_HOME = path.join(home, 'xdg', 'data');
  env.XDG_CACHE_HOME = path.join(home, 'xdg', 'cache');
  env.XDG_STATE_HOME = path.join(home, 'xdg', 'state');
  env.XDG_RUNTIME_DIR = path.join(home, 'xdg', 'runtime');
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  return Object.assign(env, extra);
}

/**
 * Installs the packaged .vsix with `code-server --install-extension` and returns the folder it
 * was unpacked to inside the private extensions dir (read from extensions.json / the manifest).
 */
export function installVsix(codeServer, vsix, dirs) {
  const r = spawnSync(
    codeServer,
    ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'],
    { env: codeServerEnv(dirs.home), encoding: 'utf8' },
  );
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status})`);
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
  const folder = readdirSync(dirs.extensions).find(
    (f) => f.toLowerCase().startsWith(id + '-') && existsSync(path.join(dirs.extensions, f, 'package.json')),
  );
  if (!folder) throw new Error(`the installed extension ${id} was not found in ${dirs.extensions}`);
  return path.join(dirs.extensions, folder);
}

/** Starts code-server on 127.0.0.1:<free port>, waits until it answers; returns {port, url, child}. */
export async function startCodeServer(codeServer, dirs, { extraEnv = {}, logFile } = {}) {
  const port = await freePort();
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    dirs.workspace,
  ];
  const child = spawn(codeServer, args, {
    env: codeServerEnv(dirs.home, extraEnv),
    detached: true, // own process group: cleanup kills the server and its extension hosts
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onCleanup(() => stopChild(child));
  let output = '';
  const keep = (b) => {
    output += b.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    if (process.env.CHANCERY_E2E_VERBOSE === '1') process.stdout.write('[code-server] ' + b.toString());
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  if (logFile) onCleanup(() => writeFileSync(logFile, output));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, base, child, output: () => output };
}

/** The URL that opens `folder` and runs extension tests in the (remote) extension host. */
export function payloadUrl(base, port, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['skipWelcome', 'true']];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// ---------------------------------------------------------------------------------------------
// Chromium

export async function launchChromium(dirs, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(dirs.chrome, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  onCleanup(async () => {
    await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`)), ms);
      timer.unref?.();
    }),
  ]).finally(() => clearTimeout(timer));
}
