// The editor's handlers on folders of other tools (goose, golang-migrate) read with their env's format, on the
// fixture projects test/fixtures/formats/<format>/ (copied to a temp folder; atlas.sum written by the engine's
// `migrate hash` for that format, the reference): the folder's reading from atlas.hcl, the live atlas.sum check, lint
// from the Up parts with diagnostics on the file's own lines (expected lines are found by the statement's text in the
// fixture file), the sidebar's file list, and the hint for a folder that looks like another tool's but is read as Atlas.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { repoRoot } from '../../support/corpus';
import { ready } from '../lint/helpers';
import { openDir, openDirPath } from '../../../server/src/migrate/dir';
import { dbmateUpText, gooseUp, upPartSourceOffset } from '../../../server/src/migrate/formats/annotated';
import { splitStatements } from '../../../server/src/migrate/splitter';
import { formatSourceOffset, genericScannerOptions } from '../../../server/src/migrate/formats';
import { folderReadings } from '../../../server/src/lsp/migrationFolders';
import { LintModel } from '../../../server/src/lsp/lintModel';
import { lintDiagnostics } from '../../../server/src/lsp/lintDiagnostics';
import { SnapshotCache } from '../../../server/src/lsp/sumSnapshot';
import { sumCodeActions, sumDiagnostics } from '../../../server/src/lsp/sumDiagnostics';
import { mergeStatus } from '../../../server/src/lsp/workbenchStatus';
import { readFolder } from '../../../server/src/lsp/workbenchFeature';
import { foreignLayoutEditorHint } from '../../../server/src/migrate/formats/detect';

const fixture = (f: string) => path.join(repoRoot, 'test/fixtures/formats', f);
const made: string[] = [];
/** A temp copy of a fixture project; atlas.sum written over its migrations as `format` reads them (or not at all). */
function project(name: string, hashAs: string | null = name): { root: string; dir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `aw-fmt-${name}-`));
  made.push(root);
  fs.cpSync(fixture(name), root, { recursive: true });
  const dir = path.join(root, 'migrations');
  if (hashAs) openDir(`file://${dir}?format=${hashAs}`, '/').writeSum();
  return { root, dir };
}
/** 0-based line of the first line of `text` holding `needle` (the fixture's line marker). */
/** A diagnostic's message as text. */
const msg = (d: Pick<Diagnostic, 'message'> | undefined): string => (d === undefined ? '' : typeof d.message === 'string' ? d.message : d.message.value);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
const read = (p: string) => fs.readFileSync(p, 'utf8');

describe('lsp: folders of other tools read with their format', () => {
  before(ready);
  after(() => made.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('reads each folder with the format its env names (`format = goose`, `?format=golang-migrate`)', () => {
    const goose = project('goose');
    const gm = project('golang-migrate');
    const readings = folderReadings([goose.root, gm.root], (p) => read(p));
    assert.deepEqual(readings.get(goose.dir), { format: 'goose', display: 'migrations' });
    assert.deepEqual(readings.get(gm.dir), { format: 'golang-migrate', display: 'migrations' });
  });

  it('maps goose up-part offsets back to the file: every statement lies on its own lines of the file', () => {
    const text = read(fixture('goose/migrations/2_change.sql'));
    const up = gooseUp('2_change.sql', text);
    const at = upPartSourceOffset(up, text);
    const bytes = Buffer.from(text);
    const located = splitStatements(up.text, genericScannerOptions).map((s) => {
      const start = at(s.start);
      const end = at(s.start + Buffer.byteLength(s.text));
      return [lineOf(text, s.text.split('\n')[0]), bytes.subarray(start, end).toString()];
    });
    assert.deepEqual(located, [
      [5, 'CREATE FUNCTION one() RETURNS int AS $$\nBEGIN\n  RETURN 1;   \nEND;\n$$ LANGUAGE plpgsql;'],
      [11, 'ALTER TABLE a DROP COLUMN b;'],
      [12, 'CREATE INDEX a_id ON a (id);'],
    ]);
    // the statement starts where the file has it, not where the rewritten text has it (2 lines added on top)
    assert.equal(text.split('\n')[5], 'CREATE FUNCTION one() RETURNS int AS $$');
  });

  it('maps dbmate up-part offsets back to the file (lines before `-- migrate:up` dropped)', () => {
    const text = '-- a note\n-- migrate:up\nCREATE TABLE a (id int);\n\nALTER TABLE a ADD b int;\n-- migrate:down\nDROP TABLE a;\n';
    const at = formatSourceOffset('dbmate', '1_a.sql', text)!;
    const stmts = splitStatements(dbmateUpText(text), genericScannerOptions);
    const bytes = Buffer.from(text);
    assert.deepEqual(
      stmts.map((s) => bytes.subarray(at(s.start), at(s.start + Buffer.byteLength(s.text))).toString()),
      ['CREATE TABLE a (id int);', 'ALTER TABLE a ADD b int;'],
    );
    assert.equal(formatSourceOffset('golang-migrate', '1_a.up.sql', text), undefined, 'read as it is: no mapping');
  });

  it('checks atlas.sum over the files the format counts, as `migrate hash --dir …?format=` wrote it', () => {
    for (const format of ['goose', 'golang-migrate']) {
      const { dir } = project(format);
      const docs = new Map<string, string>();
      const cache = new SnapshotCache((p) => docs.get(p));
      const snap = cache.snapshot(dir, format);
      assert.deepEqual(
        snap.files.map((f) => f.name),
        openDir(`file://${dir}?format=${format}`, '/')
          .names()
          .map((n) => n.name),
      );
      const clean = sumDiagnostics(snap, path.join);
      assert.deepEqual([...clean.values()].flat(), [], `${format}: a folder hashed by the engine is clean`);
      // the same folder read as Atlas format disagrees (the down files are not hashed by golang-migrate's reading)
      if (format === 'golang-migrate') assert.ok([...sumDiagnostics(cache.snapshot(dir), path.join).values()].flat().length > 0);
      const up = format === 'goose' ? '2_change.sql' : '2_change.up.sql';
      docs.set(path.join(dir, up), `${read(path.join(dir, up))}-- typed\n`);
      const edited = sumDiagnostics(cache.snapshot(dir, format), path.join);
      assert.match(msg((edited.get(path.join(dir, up)) ?? [])[0]), new RegExp(`^${up.replace(/\./g, '\\.')} was edited`));
    }
    // a golang-migrate down file is not hashed: editing it changes nothing
    const { dir } = project('golang-migrate');
    const docs = new Map([[path.join(dir, '2_change.down.sql'), 'DROP TABLE everything;\n']]);
    const snap = new SnapshotCache((p) => docs.get(p)).snapshot(dir, 'golang-migrate');
    assert.deepEqual([...sumDiagnostics(snap, path.join).values()].flat(), []);
    assert.equal(sumDiagnostics(snap, path.join).has(path.join(dir, '2_change.down.sql')), false);
  });

  it('lints a goose file from its Up part: the base replayed from Up parts only, diagnostics on the file’s lines', () => {
    const { dir } = project('goose');
    const model = new LintModel(
      () => undefined,
      () => 'goose',
    );
    const run = model.lintDocument(dir, '2_change.sql')!;
    const text = read(path.join(dir, '2_change.sql'));
    const diags = lintDiagnostics(run.file, run.result);
    const byCode = (c: string) => diags.filter((d) => d.code === c);
    // DS103 needs column b of table a: the Down part of 1_init.sql (DROP TABLE a) was not replayed
    assert.deepEqual(
      byCode('DS103').map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]),
      [[lineOf(text, 'ALTER TABLE a DROP COLUMN b'), 0, lineOf(text, 'ALTER TABLE a DROP COLUMN b'), 'ALTER TABLE a DROP COLUMN b;'.length]],
    );
    const downStart = lineOf(text, '-- +goose Down');
    assert.ok(
      diags.every((d) => d.range.start.line < downStart),
      `nothing from the Down part: ${JSON.stringify(diags.map((d) => [d.code, d.range.start.line]))}`,
    );
    assert.equal(byCode('DS102').length, 0, 'the Down part drops table a; it is never analysed');
    // the same folder without its format: the Down parts are read too (this is what the format changes)
    assert.equal(run.file.statementCount, 3);
    assert.equal(new LintModel(() => undefined).lintDocument(dir, '2_change.sql')!.file.statementCount, 6);
  });

  it('lints a golang-migrate up file after the earlier up files, and never a down file', () => {
    const { dir } = project('golang-migrate');
    const model = new LintModel(
      () => undefined,
      () => 'golang-migrate',
    );
    const run = model.lintDocument(dir, '2_change.up.sql')!;
    const text = read(path.join(dir, '2_change.up.sql'));
    const ds = lintDiagnostics(run.file, run.result).filter((d) => d.code === 'DS103');
    assert.deepEqual(
      ds.map((d) => d.range.start.line),
      [lineOf(text, 'DROP COLUMN b')],
    );
    assert.equal(model.lintDocument(dir, '2_change.down.sql'), undefined);
    assert.equal(model.lintDocument(dir, '1_init.down.sql'), undefined);
  });

  it('lists the sidebar files as the format reads them, with status merged by version', () => {
    const { dir } = project('golang-migrate');
    const files = readFolder(dir, 'golang-migrate');
    const merged = mergeStatus(files, {
      Status: 'PENDING',
      Applied: [{ Version: '1', Description: 'init', Applied: 1, Total: 1, ExecutedAt: '2026-12-02T00:00:00Z' }],
      Pending: [{ Name: '2_change.up.sql', Version: '2', Description: 'change' }],
    });
    assert.deepEqual(
      merged.map((f) => [f.name, f.version, f.description, f.state]),
      [
        ['1_init.up.sql', '1', 'init', 'applied'],
        ['2_change.up.sql', '2', 'change', 'pending'],
      ],
    );
    const goose = project('goose');
    assert.deepEqual(
      readFolder(goose.dir, 'goose').map((f) => [f.name, f.version, f.description]),
      [
        ['1_init.sql', '1', 'init'],
        ['2_change.sql', '2', 'change'],
      ],
    );
  });

  it('hints at the format for a golang-migrate folder read as Atlas format, instead of checksum errors', () => {
    const { dir } = project('golang-migrate');
    const found = openDirPath(dir).foreignLayout();
    assert.equal(found?.format, 'golang-migrate');
    const hint = foreignLayoutEditorHint(found!, 'migrations');
    assert.match(
      hint,
      /looks like a golang-migrate migration directory \(1_init\.up\.sql and 1_init\.down\.sql side by side\) .* `format = golang-migrate` in the env's migration block of atlas\.hcl \(or dir = "file:\/\/migrations\?format=golang-migrate"\)/,
    );
    const snap = new SnapshotCache(() => undefined).snapshot(dir);
    assert.ok(
      [...sumDiagnostics(snap, path.join).values()].flat().some((d) => /was (added|removed)/.test(msg(d))),
      'without the hint: checksum errors',
    );
    const diags: Diagnostic[] = [...sumDiagnostics({ ...snap, foreignHint: hint }, path.join).values()].flat();
    assert.equal(diags.length, 5, 'one per file and one on atlas.sum');
    assert.ok(diags.every((d) => d.code === 'format' && msg(d) === hint && d.severity === 2));
    assert.deepEqual(sumCodeActions(diags), [], 're-hashing as Atlas format would hide the real problem');
    // read with its format: no hint
    assert.equal(openDirPath(dir, undefined, 'golang-migrate').foreignLayout(), undefined);
    // a goose folder without atlas.sum gets the hint; with one (goose and Atlas hash the same files) it is an Atlas
    // folder that keeps goose annotations, as the CLI decides
    assert.equal(openDirPath(project('goose', null).dir).foreignLayout()?.format, 'goose');
    assert.equal(openDirPath(project('goose').dir).foreignLayout(), undefined);
  });
});
