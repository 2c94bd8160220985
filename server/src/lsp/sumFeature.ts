// Live atlas.sum check in the editor: migration folders (named by an atlas.hcl `migration { dir }`, default
// `migrations`, or holding an atlas.sum) are re-checked as documents change (open documents win over disk) and as
// files change on disk; diagnostics go on the .sql file and the atlas.sum line, with "Re-hash migration folder"
// and, for an appended edit of a committed migration, "Create new migration with this change".
import fs from 'node:fs';
import path from 'node:path';
import { CodeActionKind, FileChangeType, type Diagnostic } from 'vscode-languageserver';
import { openDirPath } from '../migrate/dir';
import { SUM_FILE } from '../migrate/sum';
import type { Feature, ServerContext } from './context';
import { handlerHub } from './sumHandlerHub';
import { foreignLayoutEditorHint } from '../migrate/formats/detect';
import { MOVE_EDIT_COMMAND, REHASH_COMMAND, SumCheckMemo, sumCodeActions, sumDiagnostics, type FolderSnapshot, type SumDiagnosticData } from './sumDiagnostics';
import { SnapshotCache } from './sumSnapshot';
import { moveEditToNewMigration, planMoveEdit } from './sumMoveEdit';
import { notifyConflict, registerRebaseRequests } from './sumRebase';
import { URI } from './uri';
import { folderReadings, foldersWithSum, type FolderReading } from './migrationFolders';

export class SumChecker {
  private folders = new Set<string>();
  /** the format and display path of the folders named by an atlas.hcl (others are read as Atlas format) */
  private readings = new Map<string, FolderReading>();
  /** per folder read as Atlas format: the foreign-layout hint, kept while the listing and atlas.sum are the same */
  private foreign = new Map<string, { key: string; hint?: string }>();
  /** per folder: path → JSON of the non-empty diagnostics last published (only changes are sent) */
  private published = new Map<string, Map<string, string>>();
  private pending = new Set<string>();
  private scheduled = false;
  /** resolves when the pending checks have run (tests and commands wait on it) */
  idle: Promise<void> = Promise.resolve();

  readonly cache: SnapshotCache;

  constructor(private readonly ctx: ServerContext) {
    this.cache = new SnapshotCache((p) => this.text(p));
  }

  private text(p: string): string | undefined {
    return this.ctx.openText(p);
  }

  discover(): void {
    const roots = this.ctx.workspaceFolders();
    const read = (p: string) => {
      try {
        return this.text(p) ?? fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    };
    this.readings = folderReadings(roots, read);
    this.foreign.clear();
    const next = new Set([...this.readings.keys(), ...foldersWithSum(roots)]);
    this.cache.clear();
    for (const f of this.folders) if (!next.has(f)) this.clear(f);
    this.folders = next;
    for (const f of next) this.schedule(f);
  }

  /** The format the folder is read with (its env's; Atlas format for a folder found by its atlas.sum alone). */
  formatOf(dir: string): string {
    return this.readings.get(dir)?.format ?? 'atlas';
  }

  /** The foreign-layout hint of a folder read as Atlas format (memoized on its listing and atlas.sum). */
  private foreignHint(dir: string, snap: FolderSnapshot): string | undefined {
    if (this.formatOf(dir) !== 'atlas') return undefined;
    const key = `${snap.files.map((f) => f.name).join('\0')}\0\0${snap.sum ?? '\0none'}`;
    const hit = this.foreign.get(dir);
    if (hit?.key === key) return hit.hint;
    const found = openDirPath(dir, (n) => this.text(path.join(dir, n))).foreignLayout();
    const hint = found && foreignLayoutEditorHint(found, this.readings.get(dir)?.display ?? dir);
    this.foreign.set(dir, { key, hint });
    return hint;
  }

  /** The folder of a .sql/atlas.sum path if it is (or has become) a migration folder. */
  folderOf(p: string): string | undefined {
    const base = path.basename(p);
    if (!base.endsWith('.sql') && base !== SUM_FILE) return undefined;
    const dir = path.dirname(p);
    if (this.folders.has(dir)) return dir;
    if (fs.existsSync(path.join(dir, SUM_FILE))) {
      this.folders.add(dir);
      return dir;
    }
    return undefined;
  }

  schedule(dir: string): void {
    this.pending.add(dir);
    if (this.scheduled) return;
    this.scheduled = true;
    this.idle = new Promise((resolve) =>
      setImmediate(() => {
        this.scheduled = false;
        const dirs = [...this.pending];
        this.pending.clear();
        void Promise.all(dirs.map((d) => this.check(d))).finally(resolve);
      }),
    );
  }

  private generation = new Map<string, number>();
  private memos = new Map<string, SumCheckMemo>();

  async check(dir: string): Promise<void> {
    const gen = (this.generation.get(dir) ?? 0) + 1;
    this.generation.set(dir, gen);
    if (!fs.existsSync(dir)) {
      this.clear(dir);
      this.folders.delete(dir);
      return;
    }
    let result: Map<string, Diagnostic[]>;
    try {
      let memo = this.memos.get(dir);
      if (!memo) this.memos.set(dir, (memo = new SumCheckMemo()));
      const snap = this.cache.snapshot(dir, this.formatOf(dir));
      const foreignHint = this.foreignHint(dir, snap);
      result = sumDiagnostics(foreignHint === undefined ? snap : { ...snap, foreignHint }, path.join, memo);
    } catch (e) {
      this.ctx.log(`atlas.sum check of ${dir} failed: ${(e as Error).message}`);
      return;
    }
    for (const [p, diags] of result) {
      for (const d of diags) {
        const data = d.data as SumDiagnosticData;
        if (data.reason !== 'edited' || !data.file || p.endsWith(SUM_FILE)) continue;
        // offered only for a saved edit: the file on disk is what gets restored
        const current = this.currentText(dir, data.file);
        if (current !== undefined && current === this.diskText(dir, data.file)) data.movable = await this.movable(dir, data.file, current);
      }
    }
    if (this.generation.get(dir) !== gen) return; // a newer check of this folder started while git ran
    const before = this.published.get(dir) ?? new Map<string, string>();
    const after = new Map<string, string>();
    for (const [p, diags] of result) if (diags.length > 0) after.set(p, JSON.stringify(diags));
    for (const p of before.keys()) if (!after.has(p)) this.ctx.publish(URI.fromPath(p), 'sum', []);
    for (const [p, json] of after) if (before.get(p) !== json) this.ctx.publish(URI.fromPath(p), 'sum', result.get(p)!);
    this.published.set(dir, after);
    notifyConflict(this.ctx, dir, before, after);
  }

  currentText(dir: string, name: string): string | undefined {
    const p = path.join(dir, name);
    try {
      return this.text(p) ?? fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  }

  private movableMemo = new Map<string, { key: string; value: boolean }>();

  /** planMoveEdit (which runs git) once per file content and atlas.sum state. */
  private async movable(dir: string, name: string, current: string): Promise<boolean> {
    let sum = '';
    try {
      sum = fs.readFileSync(path.join(dir, SUM_FILE), 'utf8');
    } catch {
      /* none */
    }
    const key = `${current.length}:${current}\0${sum}`;
    const hit = this.movableMemo.get(path.join(dir, name));
    if (hit?.key === key) return hit.value;
    const value = (await planMoveEdit(dir, name, current)) !== undefined;
    this.movableMemo.set(path.join(dir, name), { key, value });
    return value;
  }

  diskText(dir: string, name: string): string | undefined {
    try {
      return fs.readFileSync(path.join(dir, name), 'utf8');
    } catch {
      return undefined;
    }
  }

  clear(dir: string): void {
    for (const p of this.published.get(dir)?.keys() ?? []) this.ctx.publish(URI.fromPath(p), 'sum', []);
    this.published.delete(dir);
  }
}

let active: SumChecker | undefined;

export const feature: Feature = {
  capabilities: {
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    executeCommandProvider: { commands: [REHASH_COMMAND, MOVE_EDIT_COMMAND] },
  },
  register(ctx: ServerContext) {
    const checker = (active = new SumChecker(ctx));
    const hub = handlerHub(ctx.connection);
    const onDoc = (uri: string) => {
      if (!uri.startsWith('file:')) return;
      const p = URI.toPath(uri);
      if (path.basename(p) === 'atlas.hcl' || p.endsWith('.atlas.hcl')) return;
      const dir = checker.folderOf(p);
      if (dir) checker.schedule(dir);
    };
    ctx.documents.onDidChangeContent((e) => onDoc(e.document.uri));
    ctx.documents.onDidClose((e) => {
      if (e.document.uri.startsWith('file:')) checker.cache.invalidate(URI.toPath(e.document.uri));
      onDoc(e.document.uri);
    });
    hub.watchedFiles((p) => {
      let rediscover = false;
      for (const c of p.changes) {
        if (!c.uri.startsWith('file:')) continue;
        const fp = URI.toPath(c.uri);
        checker.cache.invalidate(fp);
        if (path.basename(fp) === 'atlas.hcl' || (path.basename(fp) === SUM_FILE && c.type !== FileChangeType.Changed)) {
          rediscover = true;
          continue;
        }
        const dir = checker.folderOf(fp);
        if (dir) checker.schedule(dir);
      }
      if (rediscover) checker.discover();
    });
    hub.codeAction((p) => sumCodeActions(p.context.diagnostics));
    registerRebaseRequests(ctx, async (dir) => {
      checker.cache.clear();
      checker.schedule(dir);
      await checker.idle;
    });
    hub.command(REHASH_COMMAND, async (args) => {
      const dir = String(args[0] ?? '');
      if (!path.isAbsolute(dir) || !fs.existsSync(dir)) throw new Error(`not a migration folder: ${dir}`);
      const md = openDirPath(dir, undefined, checker.formatOf(dir));
      md.writeSum();
      checker.cache.clear();
      const unsaved = md.files().filter((f) => {
        const t = ctx.documents.get(URI.fromPath(f.path))?.getText();
        return t !== undefined && t !== f.text;
      });
      if (unsaved.length)
        void ctx.connection.window.showWarningMessage(
          `atlas.sum was re-hashed from the files on disk; ${unsaved.length} unsaved migration file(s) will need a re-hash after saving.`,
        );
      checker.schedule(dir);
      await checker.idle;
      return { written: path.join(dir, SUM_FILE) };
    });
    hub.command(MOVE_EDIT_COMMAND, async (args) => {
      const dir = String(args[0] ?? '');
      const name = String(args[1] ?? '');
      const current = checker.currentText(dir, name);
      if (current === undefined) throw new Error(`cannot read ${name}`);
      const created = await moveEditToNewMigration(dir, name, current);
      checker.cache.clear();
      checker.schedule(dir);
      await checker.idle;
      void ctx.connection.window.showDocument({ uri: URI.fromPath(created), takeFocus: true });
      return { created };
    });
  },
  async init() {
    active?.discover();
    await active?.idle;
  },
};
