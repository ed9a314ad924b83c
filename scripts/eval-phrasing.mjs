#!/usr/bin/env node
// Keystroke-savings evaluation of the learned phrasing (npm run eval:phrasing).
//
// The corpus is split into k folds by paragraph (paragraph i goes to fold i mod k). For each fold
// the phrasing model — and the knowledge base that fills template choice lists — is learned from
// the OTHER folds only; then every held-out paragraph is typed character by character. At each
// position the completion list is what the product offers there (completePhrasing); when its top
// item, applied, produces exactly the text that follows, it is accepted for one keystroke,
// otherwise one character is typed. keystroke savings = 1 − keystrokes / characters.
// The held-out paragraphs of a fold are typed one after another into one draft (its text so far is
// what the editor would pass to the completion). Next-phrase accuracy: at every position where a proposal is offered, whether the top item
// (top-1) or one of the first three (top-3) matches the text that follows.
//
// --curve: the learning curve — the same folds trained on evenly spaced subsets of their training
// paragraphs (none, 1/8 … all), with a log-linear fit of savings against training characters: how
// the figure grows with the amount of text of the genre (what a larger corpus would bring).
//
// Usage: node scripts/eval-phrasing.mjs [--folds 5] [--service | --inline] [--nested | --curve] [--json] [corpus files…]
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { core } = await import('../test/harness/core.mjs');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const k = Number(opt('--folds', 5));
const json = args.includes('--json');
// --service: evaluate the language service's whole completion list (knowledge-base items — titles after
// 《, places after 在, dates — merged with the phrasing items), in the order an editor shows it (sortText).
const viaService = args.includes('--service') || args.includes('--inline');
// --inline: what ghost text offers (service.inlineComplete: the top of that list where it only adds
// text after the cursor), the key a VS Code user presses to accept it.
const viaInline = args.includes('--inline');
// Development knob: completion options as JSON (the product uses the defaults).
const tuning = process.env.PHRASING_OPTS ? JSON.parse(process.env.PHRASING_OPTS) : undefined;
// --nested: for each fold, choose γ and β by an inner 4-fold cross-validation on its TRAINING
// paragraphs only, then type the held-out fold with them (an honest check of the tuned defaults).
const nested = args.includes('--nested');
const innerK = 4;
const curve = args.includes('--curve');
const FRACTIONS = [0, 1 / 8, 1 / 4, 1 / 2, 3 / 4, 1];
const grid = [];
for (const gamma of [3, 5, 8]) for (const beta of [0.5, 0.7, 1]) grid.push({ gamma, beta });
const corpusArg = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--folds');
// Paragraphs of every corpus document, with its uri. The corpus (the embedded one by default; or
// files and folders given) is read as the product reads one (loadCorpus: .txt, .md, .docx, .html;
// UTF-8, UTF-16, GB18030, Big5).
const paragraphs = [];
const corpusPaths = corpusArg.length ? corpusArg.map((f) => path.resolve(f)) : [path.join(root, 'server/corpus')];
const { docs: documents, problems } = await core.loadCorpus(corpusPaths, core.nodeCorpusReader);
for (const p of problems) console.error(`eval-phrasing: ${p.message.en}`);
for (const { uri, text } of documents) for (const sp of core.splitParagraphs(text)) paragraphs.push({ uri, text: text.slice(sp.start, sp.end) });
if (paragraphs.length < k) {
  console.error(`eval-phrasing: ${paragraphs.length} paragraph(s) in the corpus, fewer than the ${k} folds`);
  process.exit(2);
}

/** The text a completion entry inserts, with snippet tab stops filled by their first choice. */
export function expandEntry(e) {
  if (!e.snippet) return e.insertText;
  return e.insertText
    .replace(/\$\{\d+\|((?:\\.|[^,|\\])*)(?:,(?:\\.|[^|\\])*)*\|\}/g, (_, a) => a)
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_, a) => a)
    .replace(/\$\d+/g, '')
    .replace(/\\(.)/g, '$1');
}

function applies(e, typed, target) {
  const ins = expandEntry(e);
  const result = typed.slice(0, e.replace.start) + ins + typed.slice(e.replace.end);
  return result.length > typed.length && target.startsWith(result) ? result.length : 0;
}

function evaluateFold(fold) {
  const train = paragraphs.filter((_, i) => i % k !== fold);
  const test = paragraphs.filter((_, i) => i % k === fold);
  // --nested: the knobs chosen by an inner cross-validation on the training paragraphs only
  // (completePhrasing's options; the --service path always uses the product defaults)
  const chosen = nested ? chooseByInnerCV(train) : undefined;
  return { ...evaluateSplit(train, test, chosen ?? tuning, !nested), fold, chosen };
}

/** Nested cross-validation: the grid point with the best savings over inner folds of `train`. */
function chooseByInnerCV(train) {
  let best;
  for (const g of grid) {
    let keys = 0;
    let chars = 0;
    for (let f = 0; f < innerK; f++) {
      const r = evaluateSplit(
        train.filter((_, i) => i % innerK !== f),
        train.filter((_, i) => i % innerK === f),
        { ...tuning, ...g },
        false,
      );
      keys += r.keystrokes;
      chars += r.chars;
    }
    const savings = 1 - keys / chars;
    if (!best || savings > best.savings) best = { g, savings };
  }
  return { ...tuning, ...best.g };
}

function evaluateSplit(train, test, tuning, withCeilings) {
  const byUri = new Map();
  for (const p of train) byUri.set(p.uri, (byUri.get(p.uri) ?? []).concat(p.text));
  const docs = [...byUri].map(([uri, ps]) => ({ uri, text: ps.map((t) => '\u3000\u3000' + t).join(''), encoding: 'utf-8' }));
  const t0 = performance.now();
  const kb = core.buildKnowledgeBase ? core.buildKnowledgeBase(docs) : undefined;
  const model = core.learnPhrasing(docs, kb);
  const learnMs = performance.now() - t0;
  const index = kb ? new core.KnowledgeIndex(kb) : undefined;
  // Titles cited in the held-out paragraphs that the training folds know (the rest cannot be proposed).
  const knownTitles = new Set((kb?.instruments ?? []).map((x) => x.title));
  const cited = test.flatMap((p) => [...p.text.matchAll(/《([^《》\n]+)》/g)].map((m) => m[1]));
  const titleCoverage = { cited: cited.length, known: cited.filter((t) => knownTitles.has(t)).length, chars: cited.reduce((a, t) => a + t.length, 0) };
  const service = viaService ? core.createLanguageService({ kb, phrasing: model }) : undefined;
  const completeAt = (typed, i) => {
    if (!service) return core.completePhrasing(model, typed, i, index, tuning);
    if (viaInline) return service.inlineComplete(typed, i);
    const list = service.complete(typed, i);
    return list
      .map((e, n) => ({ e, n }))
      .sort((a, b) => (a.e.sortText ?? a.e.label).localeCompare(b.e.sortText ?? b.e.label) || a.n - b.n)
      .map((x) => x.e);
  };
  let chars = 0;
  let keys = 0;
  let queries = 0;
  let offered = 0;
  let top1 = 0;
  let top3 = 0;
  let accepted = 0;
  let acceptedChars = 0;
  let completeMs = 0;
  const byKind = {};
  // The held-out paragraphs are typed one after another into one draft, as a drafter would:
  // the text already written is part of the context the product sees.
  let draft = '';
  for (const p of test) {
    const before = draft ? draft + '\n' : '';
    const target = before + p.text;
    chars += p.text.length;
    let i = before.length;
    while (i < target.length) {
      const typed = target.slice(0, i);
      const c0 = performance.now();
      const items = completeAt(typed, i);
      completeMs += performance.now() - c0;
      queries++;
      keys++;
      if (items.length) {
        offered++;
        const hits = items.slice(0, 3).map((e) => applies(e, typed, target));
        if (hits[0]) top1++;
        if (hits.some(Boolean)) top3++;
        if (hits[0]) {
          accepted++;
          acceptedChars += hits[0] - i;
          byKind[items[0].kind] = (byKind[items[0].kind] ?? 0) + 1;
          i = hits[0];
          continue;
        }
      }
      i++;
    }
    draft = target;
  }
  // Ceilings (what limits the figure), by the same simulation with an oracle choosing:
  // offered — the longest matching item among everything the completion offered at that point;
  // attested — the longest continuation attested anywhere in the training text after the same
  // previous character (no model could propose more from this training data with that context).
  const trainText = train.map((p) => p.text).join('\n');
  const ceiling = (choose) => {
    let keys = 0;
    let draft = '';
    for (const p of test) {
      const before = draft ? draft + '\n' : '';
      const target = before + p.text;
      let i = before.length;
      while (i < target.length) {
        keys++;
        const to = choose(target, i);
        i = to > i + 1 ? to : i + 1;
      }
      draft = target;
    }
    return 1 - keys / chars;
  };
  if (!withCeilings) return { chars, keystrokes: keys, savings: 1 - keys / chars, trainParagraphs: train.length, testParagraphs: test.length, offered, top1: offered ? top1 / offered : 0, top3: offered ? top3 / offered : 0, accepted, acceptedChars, byKind, learnMs, msPerCompletion: completeMs / queries, offeredCeiling: 0, attestedCeiling: 0, titleCoverage };
  const offeredCeiling = ceiling((target, i) => {
    const typed = target.slice(0, i);
    return Math.max(0, ...completeAt(typed, i).map((e) => applies(e, typed, target)));
  });
  const attestedCeiling = ceiling((target, i) => {
    const c0 = Math.max(0, i - 1);
    let best = 0;
    for (let L = 2; i + L <= target.length && trainText.includes(target.slice(c0, i + L)); L++) best = i + L;
    return best;
  });
  return {
    offeredCeiling,
    attestedCeiling,
    trainParagraphs: train.length,
    testParagraphs: test.length,
    chars,
    keystrokes: keys,
    savings: 1 - keys / chars,
    offered,
    top1: offered ? top1 / offered : 0,
    top3: offered ? top3 / offered : 0,
    accepted,
    acceptedChars,
    byKind,
    learnMs,
    msPerCompletion: completeMs / queries,
    titleCoverage,
  };
}

/** Every paragraph j of `list` kept when the evenly spaced subset of fraction f reaches it. */
const subset = (list, f) => list.filter((_, j) => Math.floor((j + 1) * f) > Math.floor(j * f));

/** Learning curve: savings over all folds when each trains on a fraction of its training paragraphs. */
function learningCurve() {
  const points = FRACTIONS.map((f) => {
    let keys = 0;
    let chars = 0;
    let trainChars = 0;
    for (let fold = 0; fold < k; fold++) {
      const train = subset(paragraphs.filter((_, i) => i % k !== fold), f);
      const r = evaluateSplit(train, paragraphs.filter((_, i) => i % k === fold), tuning, false);
      keys += r.keystrokes;
      chars += r.chars;
      trainChars += train.reduce((a, p) => a + p.text.length, 0);
    }
    return { fraction: f, trainChars: trainChars / k, chars, keystrokes: keys, savings: 1 - keys / chars };
  });
  // least squares savings = a + b·log2(training characters), over the points that train on something
  const fit = points.filter((p) => p.trainChars > 0);
  const xs = fit.map((p) => Math.log2(p.trainChars));
  const mx = xs.reduce((a, x) => a + x, 0) / xs.length;
  const my = fit.reduce((a, p) => a + p.savings, 0) / fit.length;
  const b = fit.reduce((a, p, i) => a + (xs[i] - mx) * (p.savings - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const a = my - b * mx;
  const needed = (target) => (b > 0 ? 2 ** ((target - a) / b) : Infinity);
  return { points, perDoubling: b, charsFor35: needed(0.35) };
}

if (curve) {
  const c = learningCurve();
  if (json) console.log(JSON.stringify({ folds: k, paragraphs: paragraphs.length, curve: c }, null, 2));
  else {
    console.log(`Learning curve — ${k} folds by paragraph, each trained on an evenly spaced share of its training paragraphs`);
    console.log('share  training chars  savings');
    for (const p of c.points) console.log(`${p.fraction.toFixed(3).padStart(5)}  ${Math.round(p.trainChars).toString().padStart(14)}  ${(100 * p.savings).toFixed(1).padStart(6)}%`);
    console.log(
      `log-linear fit: +${(100 * c.perDoubling).toFixed(1)} points per doubling of the training text; ` +
        `35% would need ≈ ${Number.isFinite(c.charsFor35) ? Math.round(c.charsFor35).toLocaleString('en') : '∞'} training characters (an extrapolation)`,
    );
  }
  process.exit(0);
}

const results = [];
for (let f = 0; f < k; f++) results.push(evaluateFold(f));
const sum = (key) => results.reduce((a, r) => a + r[key], 0);
const overall = {
  chars: sum('chars'),
  keystrokes: sum('keystrokes'),
  savings: 1 - sum('keystrokes') / sum('chars'),
  top1: results.reduce((a, r) => a + r.top1 * r.offered, 0) / sum('offered'),
  top3: results.reduce((a, r) => a + r.top3 * r.offered, 0) / sum('offered'),
  accepted: sum('accepted'),
  acceptedChars: sum('acceptedChars'),
  offeredCeiling: results.reduce((a, r) => a + r.offeredCeiling * r.chars, 0) / sum('chars'),
  attestedCeiling: results.reduce((a, r) => a + r.attestedCeiling * r.chars, 0) / sum('chars'),
};
if (json) {
  console.log(JSON.stringify({ folds: k, paragraphs: paragraphs.length, results, overall, kb: !!core.buildKnowledgeBase }, null, 2));
} else {
  const pct = (x) => (100 * x).toFixed(1).padStart(5) + '%';
  console.log(`Phrasing keystroke savings — ${k} folds by paragraph over ${paragraphs.length} paragraphs (${documents.map((d) => decodeURIComponent(d.uri.split('/').pop())).join(', ')})`);
  console.log(`knowledge base for template choices: ${core.buildKnowledgeBase ? 'from the training folds' : 'not available (corpus frames only)'}`);
  console.log('fold  train/test  chars  keystrokes  savings   top-1   top-3  accepted  learn ms  ms/completion');
  for (const r of results)
    console.log(
      `${String(r.fold).padStart(4)}  ${String(r.trainParagraphs).padStart(5)}/${String(r.testParagraphs).padEnd(4)} ${String(r.chars).padStart(6)}  ${String(r.keystrokes).padStart(10)}  ${pct(r.savings)}  ${pct(r.top1)}  ${pct(r.top3)}  ${String(r.accepted).padStart(8)}  ${r.learnMs.toFixed(0).padStart(8)}  ${r.msPerCompletion.toFixed(3).padStart(13)}`,
    );
  if (nested) console.log(`nested: knobs chosen per fold by inner cross-validation on its training paragraphs: ${results.map((r) => JSON.stringify(r.chosen)).join(' ')}`);
  console.log(
    ` all              ${String(overall.chars).padStart(6)}  ${String(overall.keystrokes).padStart(10)}  ${pct(overall.savings)}  ${pct(overall.top1)}  ${pct(overall.top3)}  ${String(overall.accepted).padStart(8)}`,
  );
  if (!nested) console.log(
    `ceilings (an oracle choosing the longest match): among the items offered ${pct(overall.offeredCeiling).trim()}; ` +
      `any continuation attested in the training folds after the same character ${pct(overall.attestedCeiling).trim()}`,
  );
  const tc = results.reduce((a, r) => ({ cited: a.cited + r.titleCoverage.cited, known: a.known + r.titleCoverage.known, chars: a.chars + r.titleCoverage.chars }), { cited: 0, known: 0, chars: 0 });
  console.log(`titles cited in held-out paragraphs: ${tc.cited} (${tc.chars} characters), of which known to the training folds: ${tc.known}`);
  console.log(`accepted completions by kind: ${JSON.stringify(results.reduce((a, r) => { for (const [kk, v] of Object.entries(r.byKind)) a[kk] = (a[kk] ?? 0) + v; return a; }, {}))}; characters inserted by completions: ${overall.acceptedChars}`);
}
