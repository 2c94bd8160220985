// `migrate set [version]`: edits the revisions table so the database is recorded at a
// version without running anything: later rows removed, missing rows up to the version marked
// "manually set", a failed/partial target row marked resolved. All in one transaction, under the lock.
import { openDatabase } from '../db/connect';
import type { MigrationDir } from './dir';
import { revisionsSchemaFor } from './apply';
import { acquireLock, EXECUTE_LOCK } from './lock';
import { newRevision, RevisionStore, TYPE_EXECUTE, TYPE_RESOLVED } from './revisions';

export interface SetChange {
  version: string;
  description: string;
  op: '+' | '-';
}
export interface SetResult {
  current?: string;
  changes: SetChange[];
  purged: boolean;
}

export class SetError extends Error {}

export async function migrateSet(o: { url: string; dir: MigrationDir; version?: string; revisionsSchema?: string; label?: string }): Promise<SetResult> {
  const files = o.dir.files();
  const hashes = new Map(o.dir.checksum().entries.map((e) => [e.name, e.hash]));
  const db = await openDatabase(o.url, { label: o.label });
  let release: (() => Promise<void>) | undefined;
  try {
    release = await acquireLock(db, EXECUTE_LOCK, 0);
    const store = new RevisionStore(db, revisionsSchemaFor(db, o.revisionsSchema));
    await store.migrate();
    await db.exec('BEGIN');
    try {
      const revs = await store.read();
      let target = o.version;
      const changes: SetChange[] = [];
      if (target === undefined) {
        if (revs.length === 0) throw new SetError('accepts 1 arg(s), received 0');
        target = files[files.length - 1]?.version;
      } else if (!files.some((f) => f.version === target)) {
        throw new SetError(`sql/migrate: migration with version ${JSON.stringify(target)} not found`);
      }
      for (const r of revs) {
        if (target === undefined || r.version > target) {
          await store.delete(r.version);
          changes.push({ version: r.version, description: r.description, op: '-' });
        }
      }
      if (target !== undefined) {
        const kept = revs.filter((r) => r.version <= target!);
        const tr = kept.find((r) => r.version === target);
        if (tr && (tr.error !== '' || tr.applied < tr.total) && (tr.type & TYPE_RESOLVED) === 0) {
          await store.write({ ...tr, type: TYPE_EXECUTE | TYPE_RESOLVED });
          changes.push({ version: tr.version, description: tr.description, op: '+' });
        }
        const lastKept = kept[kept.length - 1]?.version;
        for (const f of files) {
          if (f.isCheckpoint() && f.version !== target) continue;
          if ((lastKept === undefined || f.version > lastKept) && f.version <= target) {
            await store.write(newRevision(f.version, f.desc, { type: TYPE_RESOLVED, hash: hashes.get(f.name) ?? '' }));
            changes.push({ version: f.version, description: f.desc, op: '+' });
          }
        }
      }
      await db.exec('COMMIT');
      changes.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
      return { current: target, changes, purged: target === undefined };
    } catch (e) {
      await db.exec('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    if (release) await release().catch(() => undefined);
    await db.close();
  }
}

export function setText(r: SetResult): string {
  if (r.changes.length === 0) return '';
  const set = r.changes.filter((c) => c.op === '+').length;
  const removed = r.changes.length - set;
  let out: string;
  if (r.purged) out = `All revisions deleted (${removed} in total):\n`;
  else {
    const parts = [set ? `${set} set` : '', removed ? `${removed} removed` : ''].filter(Boolean).join(', ');
    out = `Current version is ${r.current}${parts ? ` (${parts})` : ''}:\n`;
  }
  out += '\n';
  for (const c of r.changes) out += `  ${c.op} ${c.version}${c.description ? ` (${c.description})` : ''}\n`;
  return out + '\n';
}
