/**
 * The command-line checker (dist/cli.js): the same core as the language server.
 *
 *   chancery check FILE… [--corpus PATH]… [--no-builtin] [--format text|json|sarif] [--lang en|zh]
 *                        [--disable CODE]… [--accept TITLE]…
 *   chancery kb [--corpus PATH]… [--no-builtin] [--format text|json]
 *
 * Exit status: 0 no error found, 1 an error-severity finding, 2 a usage or input problem
 * (bad option, missing draft, unreadable corpus). `--` ends the options (a draft may be named
 * `-x.communique`). Drafts are read as the corpus is: regular files only, opened without blocking
 * (a FIFO with no writer is refused, not waited on), at most CORPUS_LIMITS.maxFileBytes. Corpus problems that do not stop the run
 * (a file that cannot be decoded inside a corpus folder) are printed to stderr as warnings.
 * See docs/cli.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS_LIMITS, TooLarge, builtinCorpusDir, decodeBytes, nodeCorpusReader, uriForPath } from './core/corpus/load';
import { knowledgeOverview, sourcesLine } from './core/knowledge/overview';
import { createLanguageService } from './core/languageService';
import { buildKnowledge } from './core/pipeline';
import { LineIndex } from './core/text/positions';
import { formatDate } from './core/lang/zh/datesFormat';
import { FINDING_CODES, isFindingCode, type Finding, type FindingCode, type KnowledgeBase } from './core/types';
import { LOCALES, pick, type Locale } from './core/messages';
import { toSarif } from './sarif';

const USAGE = `Usage:
  chancery check FILE… [--corpus PATH]… [--no-builtin] [--format text|json|sarif] [--lang en|zh]
                       [--disable CODE]… [--accept TITLE]… [--exit-zero] [--] [FILE…]
  chancery kb [--corpus PATH]… [--no-builtin] [--format text|json]
  chancery --help | --version

Commands:
  check   Check drafts against the knowledge base learned from the corpus. Prints one line per
          finding (file:line:col severity code message) and its fixes. Exit status 1 when a
          finding is an error, 0 otherwise.
  kb      Print the knowledge base learned from the corpus (json: everything, with provenance;
          text: a summary).

Options:
  --corpus PATH    A corpus file or folder (.txt/.md; UTF-8, UTF-16 with BOM, GB18030). Repeatable.
  --no-builtin     Do not learn from the embedded corpus.
  --format F       text (default) or json; check also takes sarif (SARIF 2.1.0, for code
                   scanning: rules, results with regions, fixes).
  --lang L         Language of messages in text and SARIF output: en (default) or zh.
  --disable CODE   Do not report CODE (repeatable). Codes: ${FINDING_CODES.join(', ')}.
  --accept TITLE   Accept a title as written, with or without 《》 (repeatable).
  --exit-zero      Exit 0 even when errors are found (input problems still exit 2).
  --               End of the options: what follows are files, even when they start with -.
  -h, --help       Show this help.
  -v, --version    Show the version.

Exit status: 0 no error, 1 errors found (check), 2 bad usage or unreadable input.`;

class UsageError extends Error {}

interface Args {
  command: 'check' | 'kb' | 'help' | 'version';
  files: string[];
  corpora: string[];
  builtin: boolean;
  format: 'text' | 'json' | 'sarif';
  lang: Locale;
  disabled: FindingCode[];
  accepted: string[];
  exitZero: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { command: 'help', files: [], corpora: [], builtin: true, format: 'text', lang: 'en', disabled: [], accepted: [], exitZero: false };
  let command: string | undefined;
  const value = (i: number, name: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return v;
  };
  let options = true;
  const positional = (arg: string) => {
    if (command === undefined) command = arg;
    else a.files.push(arg);
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (options && arg === '--') {
      options = false;
      continue;
    }
    if (!options) {
      positional(arg);
      continue;
    }
    let inline: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = (name: string) => {
      if (inline !== undefined) return inline;
      const v = value(i, name);
      i++;
      return v;
    };
    switch (arg) {
      case '-h':
      case '--help':
        return { ...a, command: 'help' };
      case '-v':
      case '--version':
        return { ...a, command: 'version' };
      case '--corpus':
        a.corpora.push(take('--corpus'));
        break;
      case '--no-builtin':
        a.builtin = false;
        break;
      case '--exit-zero':
        a.exitZero = true;
        break;
      case '--format': {
        const f = take('--format');
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${f}"`);
        a.format = f;
        break;
      }
      case '--lang': {
        const l = take('--lang');
        if (!LOCALES.includes(l as Locale)) throw new UsageError(`--lang must be ${LOCALES.join(' or ')}, not "${l}"`);
        a.lang = l as Locale;
        break;
      }
      case '--disable': {
        for (const c of take('--disable').split(',')) {
          if (!isFindingCode(c)) throw new UsageError(`unknown finding code "${c}" (known: ${FINDING_CODES.join(', ')})`);
          a.disabled.push(c as FindingCode);
        }
        break;
      }
      case '--accept': {
        const t = take('--accept').trim();
        a.accepted.push(t.startsWith('《') && t.endsWith('》') ? t.slice(1, -1) : t);
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        positional(arg);
    }
  }
  if (command === undefined) throw new UsageError('no command given');
  if (command !== 'check' && command !== 'kb') throw new UsageError(`unknown command "${command}" (use check or kb)`);
  a.command = command;
  if (command === 'check' && a.files.length === 0) throw new UsageError('check needs at least one FILE');
  if (command === 'kb' && a.files.length) throw new UsageError(`kb takes no FILE (got ${a.files[0]}); use --corpus PATH`);
  if (command === 'kb' && a.format === 'sarif') throw new UsageError('kb prints text or json (sarif is for check)');
  return a;
}

function version(): string {
  for (const p of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, 'package.json')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(p, 'utf8'));
      if (pkg.name === 'chancery') return String(pkg.version);
    } catch {
      /* next */
    }
  }
  return 'unknown';
}

/** Loads the corpora; an explicit --corpus that cannot be read at all is a usage problem. */
async function learn(args: Args): Promise<KnowledgeBase> {
  for (const c of args.corpora) {
    try {
      fs.statSync(c);
    } catch (e) {
      throw new UsageError(`cannot read corpus ${c}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String((e as Error).message)}`);
    }
  }
  const paths = [...(args.builtin ? [builtinCorpusDir()] : []), ...args.corpora];
  const { kb } = await buildKnowledge(paths, nodeCorpusReader, {
    onLoaded: ({ docs, problems }) => {
      // A corpus file or folder named on the command line that cannot be read is an input error.
      for (const c of args.corpora) {
        const uri = uriForPath(c);
        const bad = problems.find((p) => p.uri === uri);
        if (bad) throw new UsageError(`cannot read corpus ${c}: ${bad.message.en}`);
      }
      for (const p of problems) process.stderr.write(`chancery: warning: ${pick(p.message, args.lang)}\n`);
      if (docs.length === 0) process.stderr.write('chancery: warning: the corpus is empty: only brackets and dates are checked\n');
    },
  });
  return kb;
}

/** A draft's text, read as the corpus is read (bounded, without blocking, regular files only). */
async function readDraft(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await nodeCorpusReader.readFile(file, CORPUS_LIMITS.maxFileBytes);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${whyUnreadable(file, e)}`);
  }
  const d = decodeBytes(bytes);
  if ('error' in d) throw new UsageError(`cannot read ${file}: ${d.error}`);
  return d.text;
}

function whyUnreadable(file: string, e: unknown): string {
  if (e instanceof TooLarge) return `larger than ${CORPUS_LIMITS.maxFileBytes / (1024 * 1024)} MB (the most a draft or a corpus file is read to)`;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR' || code === 'ENOTFILE') {
    let folder = false;
    try {
      folder = fs.statSync(file).isDirectory();
    } catch {
      /* gone meanwhile */
    }
    return folder ? 'is a folder' : 'not a regular file (a pipe, a device or a socket); drafts are read from files';
  }
  return String((e as Error)?.message ?? e);
}

function quote(s: string): string {
  return s.replace(/\n/g, '\\n');
}

async function check(args: Args): Promise<number> {
  const drafts: { file: string; text: string }[] = [];
  for (const file of args.files) drafts.push({ file, text: await readDraft(file) });
  const service = createLanguageService({ kb: await learn(args) });
  let errors = 0;
  let warnings = 0;
  const results: { file: string; findings: (Finding & { line: number; column: number; endLine: number; endColumn: number })[] }[] = [];
  for (const { file, text } of drafts) {
    const findings = service.diagnose(text, { disabled: args.disabled, acceptedTitles: args.accepted });
    const lines = new LineIndex(text);
    const rows = findings.map((f) => {
      const s = lines.positionAt(f.start);
      const e = lines.positionAt(f.end);
      return { ...f, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
    });
    for (const f of findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
    results.push({ file, findings: rows });
  }
  if (args.format === 'json') {
    process.stdout.write(JSON.stringify({ version: version(), files: results, summary: { errors, warnings } }, null, 2) + '\n');
  } else if (args.format === 'sarif') {
    const files = results.map((r, i) => ({ file: r.file, text: drafts[i].text, findings: r.findings }));
    process.stdout.write(JSON.stringify(toSarif({ version: version(), lang: args.lang, root: process.cwd(), files }), null, 2) + '\n');
  } else {
    const out: string[] = [];
    for (const r of results) {
      for (const f of r.findings) {
        out.push(`${r.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${pick(f.message, args.lang)}`);
        for (const fix of f.fixes) {
          const text = drafts.find((d) => d.file === r.file)!.text;
          const lines = new LineIndex(text);
          const edits = fix.edits.map((e) => {
            const at = lines.positionAt(e.start);
            const where = `${at.line + 1}:${at.character + 1}`;
            return e.start === e.end ? `insert "${quote(e.newText)}" at ${where}` : `replace "${quote(text.slice(e.start, e.end))}" with "${quote(e.newText)}"`;
          });
          const single = fix.edits.length === 1 && fix.edits[0].start !== fix.edits[0].end;
          out.push(`    fix: ${single ? edits[0] : `${pick(fix.title, args.lang)}: ${edits.join('; ')}`}`);
        }
      }
    }
    const total = results.reduce((n, r) => n + r.findings.length, 0);
    out.push(
      pick(
        {
          en: `${total} finding${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}) in ${results.length} file${results.length === 1 ? '' : 's'}`,
          zh: `${results.length} 个文件中发现 ${total} 个问题（${errors} 个错误，${warnings} 个警告）`,
        },
        args.lang,
      ),
    );
    process.stdout.write(out.join('\n') + '\n');
  }
  return errors > 0 && !args.exitZero ? 1 : 0;
}

async function kbCommand(args: Args): Promise<number> {
  const kb = await learn(args);
  if (args.format === 'json') {
    process.stdout.write(JSON.stringify(kb, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(kbText(kb));
  return 0;
}

/** The `kb` command's text output: a summary of the knowledge base (core/knowledge/overview.ts). */
function kbText(kb: KnowledgeBase): string {
  const o = knowledgeOverview(kb);
  const out: string[] = [];
  out.push(`sources: ${sourcesLine(o)}`);
  out.push(`instruments: ${o.instruments.length}, events: ${o.events.length}, abbreviations: ${o.abbreviations.length}, officials: ${o.officials.length}, conflicts: ${o.conflicts.length}, problems: ${o.problems.length}`);
  out.push('');
  for (const inst of o.instruments) {
    const a = inst.datedAdoption ?? inst.adoption;
    const facts = a ? [a.date ? formatDate(a.date, 'arabic') : '', a.place ?? '', a.verb ?? ''].filter(Boolean).join(' ') : '';
    out.push(`《${inst.title}》${inst.kind ? ' [' + inst.kind + ']' : ''}${facts ? '  ' + facts : ''}  (${inst.mentions} mention${inst.mentions === 1 ? '' : 's'})`);
  }
  if (o.events.length) {
    out.push('');
    for (const e of o.events) out.push(`${e.name}${e.date ? '  ' + e.date.text : ''}${e.place ? '  ' + e.place : ''}${e.online ? '  (video)' : ''}`);
  }
  for (const c of o.conflicts) out.push(`conflict: ${c.subject} ${c.field}: ${c.values.map((v) => v.value).join(' / ')}`);
  return out.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`chancery: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  try {
    switch (args.command) {
      case 'help':
        process.stdout.write(USAGE + '\n');
        return 0;
      case 'version':
        process.stdout.write(`chancery ${version()}\n`);
        return 0;
      case 'kb':
        return await kbCommand(args);
      case 'check':
        return await check(args);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`chancery: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`chancery: internal error: ${(e as Error)?.stack ?? e}\n`);
    return 2;
  }
}

// `chancery kb --format json | head`: the reader closing the pipe early is not an error. Stop
// quietly (with the status the command decided, if it got that far) instead of an EPIPE trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`chancery: internal error: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
