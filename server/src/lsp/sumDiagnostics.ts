// Live atlas.sum check for the editor (pure): from a snapshot of a migration folder (open documents already
// overlaid on disk content) to diagnostics on each .sql file and on the matching atlas.sum line, plus the quick fixes.
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { findSumConflict } from '../migrate/sumConflict';
import { compareSums, IncrementalHash, parseSum, SumError, type HashFile, type ParsedSum, type Reason } from '../migrate/sum';

export const REHASH_COMMAND = 'atlas.rehash';
export const MOVE_EDIT_COMMAND = 'atlas.moveEditToNewMigration';
/** The client command that plans and applies `migrate rebase` (with a preview of the renames). */
export const REBASE_COMMAND = 'atlasWorkbench.rebaseMigrations';
export const SUM_DOC_URL = 'https://atlasgo.io/concepts/migration-directory-integrity';

export interface SnapshotFile {
  name: string;
  bytes?: Uint8Array;
  /** why it could not be read */ error?: string;
}

export interface FolderSnapshot {
  dirPath: string;
  /** top-level *.sql files in Atlas order */
  files: SnapshotFile[];
  /** atlas.sum content; undefined when the file does not exist */
  sum?: string;
  /** the hint when the folder is read as Atlas format but looks like another tool's (and atlas.sum agrees) */
  foreignHint?: string;
}

/** State kept between checks of one folder (optional): hash states per file and the last parsed atlas.sum. */
export class SumCheckMemo {
  readonly hash = new IncrementalHash();
  sumText?: string;
  parsed?: ParsedSum | Error;

  parse(text: string): ParsedSum {
    if (this.sumText !== text || !this.parsed) {
      this.sumText = text;
      try {
        this.parsed = parseSum(text);
      } catch (e) {
        this.parsed = e as Error;
      }
    }
    if (this.parsed instanceof Error) throw this.parsed;
    return this.parsed;
  }
}

/** What a sum diagnostic carries for its code actions. */
export interface SumDiagnosticData {
  kind: 'atlas.sum';
  dir: string;
  file?: string;
  reason?: Reason | 'missing' | 'invalid' | 'unreadable' | 'conflict' | 'format';
  /** set by the feature when the edit can be moved to a new migration (appended text, original in git) */
  movable?: boolean;
}

export const APPLIED_ADVICE =
  "This file is listed in atlas.sum; if it was already applied anywhere, don't edit it: " +
  'revert and add a new migration. If it was never applied, re-hash the migration folder.';

const lineRange = (lines: string[], line: number) => {
  const last = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 2 : lines.length - 1;
  const l = Math.max(0, Math.min(line, last));
  return { start: { line: l, character: 0 }, end: { line: l, character: (lines[l] ?? '').replace(/\r$/, '').length } };
};
const fileTop = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function diag(range: Diagnostic['range'], message: string, data: SumDiagnosticData, severity: DiagnosticSeverity = DiagnosticSeverity.Error): Diagnostic {
  return { range, message, severity, source: 'atlas.sum', code: 'checksum', codeDescription: { href: SUM_DOC_URL }, data };
}

export const CONFLICT_MESSAGE = "atlas.sum has a merge conflict — Rebase migrations to move one branch's new files after the latest version and re-hash";

function conflictMessage(kind: string): string {
  const where = kind === 'ours' ? 'start of the conflict' : kind === 'theirs' ? 'end of the conflict' : kind === 'base' ? 'common ancestor part' : 'separator';
  return `${CONFLICT_MESSAGE} (git conflict marker: ${where}). Atlas: migrate rebase VERSION…`;
}

function sqlMessage(name: string, reason: Reason, line: number): string {
  if (reason === 'edited') return `${name} was edited: checksum mismatch with atlas.sum (L${line}). ${APPLIED_ADVICE}`;
  return `${name} was added but atlas.sum does not list it (checksum mismatch): re-hash the migration folder (atlas migrate hash).`;
}

function sumMessage(name: string, reason: Reason, line: number): string {
  if (reason === 'edited') return `L${line}: ${name} was edited. ${APPLIED_ADVICE}`;
  if (reason === 'added') return `L${line}: ${name} was added: re-hash the migration folder to list it.`;
  return `L${line}: ${name} was removed: the migration listed here is missing. If it was applied anywhere, restore it; otherwise re-hash the migration folder.`;
}

/**
 * Diagnostics per absolute path (every .sql file of the folder and atlas.sum get an entry, [] when clean), following
 * Atlas's Validate: the first mismatch with its reason, plus every other file added to or removed from the folder.
 */
export function sumDiagnostics(snap: FolderSnapshot, join: (dir: string, name: string) => string, memo = new SumCheckMemo()): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const sumPath = join(snap.dirPath, 'atlas.sum');
  const add = (p: string, d: Diagnostic) => out.get(p)!.push(d);
  for (const f of snap.files) out.set(join(snap.dirPath, f.name), []);
  out.set(sumPath, []);
  const base = { kind: 'atlas.sum' as const, dir: snap.dirPath };
  const unreadable = snap.files.filter((f) => f.error !== undefined);
  const sumLines = (snap.sum ?? '').split('\n');
  if (unreadable.length > 0) {
    for (const f of unreadable) {
      add(sumPath, diag(lineRange(sumLines, 0), `cannot check atlas.sum: ${f.error}`, { ...base, file: f.name, reason: 'unreadable' }));
    }
    return out;
  }
  if (snap.foreignHint !== undefined) {
    // instead of "added"/"removed" for the files the other tool's reading counts differently
    const data = { ...base, reason: 'format' as const };
    const hint = (range: Diagnostic['range'], d: SumDiagnosticData) => ({ ...diag(range, snap.foreignHint!, d, DiagnosticSeverity.Warning), code: 'format' });
    for (const f of snap.files) add(join(snap.dirPath, f.name), hint(fileTop, { ...data, file: f.name }));
    if (snap.sum !== undefined) add(sumPath, hint(lineRange(sumLines, 0), data));
    return out;
  }
  if (snap.sum === undefined) {
    for (const f of snap.files) {
      add(
        join(snap.dirPath, f.name),
        diag(
          fileTop,
          'checksum file not found: this migration folder has no atlas.sum. Create it with "Re-hash migration folder" (atlas migrate hash).',
          { ...base, file: f.name, reason: 'missing' },
          DiagnosticSeverity.Warning,
        ),
      );
    }
    return out;
  }
  const conflict = findSumConflict(snap.sum);
  if (conflict) {
    for (const m of conflict.markers) add(sumPath, diag(lineRange(sumLines, m.line), conflictMessage(m.kind), { ...base, reason: 'conflict' }));
    return out;
  }
  let stored: HashFile;
  try {
    stored = memo.parse(snap.sum).file;
  } catch (e) {
    const msg =
      e instanceof SumError && e.message === 'checksum mismatch'
        ? 'checksum mismatch: the first line of atlas.sum does not match its entries (was atlas.sum edited by hand?). Re-hash the migration folder.'
        : `${(e as Error).message}: re-hash the migration folder to rewrite atlas.sum.`;
    add(sumPath, diag(lineRange(sumLines, 0), msg, { ...base, reason: 'invalid' }));
    return out;
  }
  const computed = memo.hash.compute(snap.files.map((f) => ({ name: f.name, bytes: f.bytes! })));
  const first = compareSums(stored, computed);
  if (!first) return out;
  const seen = new Set<string>();
  const report = (name: string, reason: Reason, line: number) => {
    if (seen.has(name)) return;
    seen.add(name);
    if (reason !== 'removed' && out.has(join(snap.dirPath, name))) {
      add(join(snap.dirPath, name), diag(fileTop, sqlMessage(name, reason, line), { ...base, file: name, reason }));
    }
    add(sumPath, diag(lineRange(sumLines, line - 1), sumMessage(name, reason, line), { ...base, file: name, reason }));
  };
  report(first.file, first.reason, first.line);
  const storedNames = new Set(stored.entries.map((e) => e.name));
  const computedNames = new Set(computed.entries.map((e) => e.name));
  stored.entries.forEach((e, i) => {
    if (!computedNames.has(e.name)) report(e.name, 'removed', i + 2);
  });
  for (const e of computed.entries) if (!storedNames.has(e.name)) report(e.name, 'added', stored.entries.length + 2);
  return out;
}

/** Quick fixes for the sum diagnostics of a document. */
export function sumCodeActions(diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data as SumDiagnosticData | undefined;
    if (data?.kind !== 'atlas.sum') continue;
    if (data.reason === 'edited' && data.movable) {
      actions.push({
        title: 'Create new migration with this change (revert this file)',
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        command: { title: 'Create new migration with this change', command: MOVE_EDIT_COMMAND, arguments: [data.dir, data.file] },
      });
    }
    if (data.reason === 'unreadable' || data.reason === 'format') continue;
    if (data.reason === 'conflict') {
      actions.push({
        title: "Rebase migrations… (move the other branch's files after the latest, re-hash)",
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        command: { title: 'Rebase Migrations…', command: REBASE_COMMAND, arguments: [data.dir] },
      });
    }
    actions.push({
      title: 'Re-hash migration folder',
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: !(data.reason === 'edited' && data.movable) && data.reason !== 'conflict',
      command: { title: 'Re-hash migration folder', command: REHASH_COMMAND, arguments: [data.dir] },
    });
  }
  return actions;
}
