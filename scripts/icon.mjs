#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (256×256) in headless Chromium: the Marketplace and the
// Extensions view take PNG icons only, and the SVG's characters need a CJK font to be drawn
// (fonts-wqy-microhei, installed by scripts/e2e/install-tools.sh). Run after changing the SVG:
//   node scripts/icon.mjs
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './e2e/lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(path.join(ROOT, 'media/icon.svg'), 'utf8');
const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'chancery-icon-')), {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 256, height: 256 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(ROOT, 'media/icon.png'), omitBackground: true });
  console.log('media/icon.png written');
} finally {
  await context.close();
}
