// Schema-aware SQL in a large migration folder (`npx tsx bench/sql-intellisense.ts`): a generated folder of FILES
// migrations (tables, columns, enums, indexes, drops); the last file is open and typed in. Measured in one run,
// beside the editor's per-keystroke lint latency (LintService.diagnostics on the same edits):
//   - completion after a keystroke (new text: the file is re-prepared, the state before it comes from the cache)
//   - hover on table and column names of the open file
//   - reference diagnostics after a keystroke
//   - after an edit of an early file (file EARLY): the first completion in the last file (states from that file on
//     re-applied; the files before it are not re-prepared), against a cold start of the whole folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { benchLintService } from './lintServiceHarness';
import { sqlCompletion } from '../server/src/lsp/sqlCompletion';
import { fileStatements, SqlIntel } from '../server/src/lsp/sqlIntelModel';
import { sqlHover } from '../server/src/lsp/sqlNavigation';
import { sqlRefDiagnostics } from '../server/src/lsp/sqlRefCheck';
import { URI } from '../server/src/lsp/uri';
import { openDirPath } from '../server/src/migrate/dir';
import { positionAt } from '../server/src/sql/offsets';
import { initSqlParser } from '../server/src/sql/parser';

const FILES = Number(process.env.FILES ?? 500);
const KEYSTROKES = Number(process.env.KEYSTROKES ?? 200);
const EARLY = Number(process.env.EARLY ?? 5);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const f = (n: number) => n.toFixed(2);

function migration(i: number): string {
  const t = `t${i % 150}`;
  if (i < 150)
    return `CREATE TABLE ${t} (\n  id bigint PRIMARY KEY,\n  name text NOT NULL,\n  org_id bigint${i ? ` REFERENCES t${i - 1} (id)` : ''},\n  created_at timestamptz DEFAULT now()\n);\nCREATE INDEX ${t}_name_idx ON ${t} (name);\n`;
  if (i % 50 === 0) return `CREATE TYPE status${i} AS ENUM ('new', 'active', 'gone');\nALTER TABLE ${t} ADD COLUMN status status${i} DEFAULT 'new';\n`;
  if (i % 7 === 0) return `ALTER TABLE ${t} DROP COLUMN IF EXISTS c${i - 7};\nALTER TABLE ${t} ADD COLUMN c${i} integer;\n`;
  return `ALTER TABLE ${t} ADD COLUMN c${i} text;\nCREATE INDEX ${t}_c${i}_idx ON ${t} (c${i});\nUPDATE ${t} SET c${i} = name WHERE id > 0;\n`;
}

async function main(): Promise<void> {
  await initSqlParser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sql-intellisense-'));
  const names: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const name = `${20240101000000 + i * 100}_m${i}.sql`;
    names.push(name);
    fs.writeFileSync(path.join(dir, name), migration(i));
  }
  openDirPath(dir).writeSum();
  console.log(`sql-intellisense: node ${process.version}, ${os.cpus().length} cpus; ${FILES} files, ${KEYSTROKES} keystrokes in the last one`);

  const { service, docs } = benchLintService(dir);
  const intel = new SqlIntel(service.model, () => ({ folder: dir, only: false, desired: false, related: [] }));
  const last = path.join(dir, names[names.length - 1]);
  const uri = URI.fromPath(last);
  const base = fs.readFileSync(last, 'utf8') + 'ALTER TABLE t42 ADD COLUMN x int;\n';
  docs.set(uri, TextDocument.create(uri, 'sql', 1, base));

  let t = performance.now();
  service.diagnostics(uri);
  const coldLint = performance.now() - t;
  t = performance.now();
  intel.doc(last);
  const coldIntel = performance.now() - t;

  const lint: number[] = [];
  const completion: number[] = [];
  const diagnostics: number[] = [];
  const typed = 'ALTER TABLE t42 DROP COLUMN ';
  for (let i = 0; i < KEYSTROKES; i++) {
    const text = `${base}-- edit ${i}\n${typed}`;
    docs.set(uri, TextDocument.create(uri, 'sql', i + 2, text));
    t = performance.now();
    service.diagnostics(uri);
    lint.push(performance.now() - t);
    t = performance.now();
    const doc = intel.doc(last)!;
    const lines = text.split('\n');
    const items = sqlCompletion(doc, { line: lines.length - 1, character: lines[lines.length - 1].length });
    completion.push(performance.now() - t);
    if (!items.some((x) => x.label === 'name')) throw new Error('expected the columns of t42');
    t = performance.now();
    sqlRefDiagnostics(intel.doc(last)!);
    diagnostics.push(performance.now() - t);
  }

  const hover: number[] = [];
  const doc = intel.doc(last)!;
  const text = doc.point.file.text;
  // every table and column name of the open file
  const spots = fileStatements(doc.point.file).flatMap((s) =>
    s.refs.filter((r) => r.kind === 'table' || (r.kind === 'column' && r.role !== 'create')).map((r) => positionAt(text, r.start + 1)),
  );
  for (let i = 0; i < KEYSTROKES; i++) {
    const pos = spots[i % spots.length];
    t = performance.now();
    const h = sqlHover(intel.doc(last)!, pos);
    hover.push(performance.now() - t);
    if (!h) throw new Error(`expected a hover at ${JSON.stringify(pos)}`);
  }

  // an edit of an early file: the states from it on are recomputed, the files before it are reused
  const early = path.join(dir, names[EARLY]);
  docs.set(URI.fromPath(early), TextDocument.create(URI.fromPath(early), 'sql', 1, fs.readFileSync(early, 'utf8') + 'ALTER TABLE t1 ADD COLUMN late int;\n'));
  intel.changed(early); // what the server does on the document change
  t = performance.now();
  const after = intel.doc(last)!;
  sqlCompletion(after, { line: 0, character: 0 });
  const incremental = performance.now() - t;
  const reprepared = after.point.reprepared;

  console.log(`  cold open of the last file: lint ${f(coldLint)} ms (prepares and replays ${FILES - 1} files), SQL model on top ${f(coldIntel)} ms`);
  console.log(`  per keystroke  lint (current)        p50 ${f(pct(lint, 0.5))} ms  p95 ${f(pct(lint, 0.95))} ms`);
  console.log(`  per keystroke  completion            p50 ${f(pct(completion, 0.5))} ms  p95 ${f(pct(completion, 0.95))} ms  (goal p95 ≤ 30 ms)`);
  console.log(`  per keystroke  reference diagnostics p50 ${f(pct(diagnostics, 0.5))} ms  p95 ${f(pct(diagnostics, 0.95))} ms`);
  console.log(`  hover                                p50 ${f(pct(hover, 0.5))} ms  p95 ${f(pct(hover, 0.95))} ms  (goal p95 ≤ 30 ms)`);
  console.log(
    `  edit of file ${EARLY + 1}/${FILES}: next completion in the last file ${f(incremental)} ms (${reprepared} earlier file re-prepared, ${FILES - EARLY - 1} states re-applied) vs cold ${f(coldLint + coldIntel)} ms`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
