// The current state of a migration folder for generate migration, incrementally: the files replayed so far stay
// on the embedded dev database (a 'keep' lease, db/dev.ts), labelled by their atlas.sum entries. atlas.sum hashes
// are cumulative, so an entry names its file and every file before it: a kept state whose label is a prefix of
// the folder's is exactly the state after those files, and only the files after it are replayed. Any change to a
// file of the prefix changes its entry (and every later one), so the kept state is not used and the folder is
// replayed from clean. The inspected model of a whole folder is remembered under the same label.
import type { DevDatabase } from '../db/dev';
import { inspect } from '../schema/inspect';
import type { Realm } from '../schema/model';
import type { MigrationDir, MigrationFile } from './dir';
import { replayFiles, withDev, type SourceContext } from './diffSource';

/** What generating a migration replayed: an observable for tests and reports (no timing). */
export interface ReplayCount {
  /** files replayed on the dev database by this run */
  files: number;
  /** statements executed for them */
  statements: number;
  /** files not replayed because the dev database still held the state after them */
  reused: number;
  /** true when the whole folder's inspected state was remembered (nothing replayed, nothing inspected) */
  remembered: boolean;
}

export interface CurrentState {
  realm: Realm;
  schemaScope: boolean;
  embedded: boolean;
  replay: ReplayCount;
}

// A statement whose effect outlives it in the session (settings, temporary objects) would reach later files in one
// replay but not across leases: a folder with one is always replayed whole.
const SESSION_STATE = /^\s*(SET|RESET|DISCARD|LISTEN|PREPARE|DECLARE)\b|\bset_config\s*\(|^\s*CREATE\s+(GLOBAL\s+|LOCAL\s+)?TEMP(ORARY)?\b/i;

function sessionBound(files: MigrationFile[]): boolean {
  return files.some((f) => f.stmts().some((s) => SESSION_STATE.test(s.text)));
}

/** The label of each file from the last checkpoint: its name and cumulative atlas.sum hash (folder validated). */
function labelOf(dir: MigrationDir, files: MigrationFile[]): string[] | undefined {
  const sum = dir.readSum();
  if (!sum) return files.length ? undefined : [];
  const byName = new Map(sum.entries.map((e) => [e.name, e.hash]));
  const label: string[] = [];
  for (const f of files) {
    const h = byName.get(f.name);
    if (h === undefined) return undefined;
    label.push(`${f.name} h1:${h}`);
  }
  return label;
}

let remembered: { key: string; state: Omit<CurrentState, 'replay'> } | undefined;

/** Forgets the remembered model (tests). */
export function forgetCurrentStates(): void {
  remembered = undefined;
}

/** Replays the folder (only what the dev database does not already hold) and inspects it. */
export async function currentState(dir: MigrationDir, ctx: SourceContext): Promise<CurrentState> {
  const files = dir.filesFromLastCheckpoint();
  const label = labelOf(dir, files);
  const key = label ? JSON.stringify([ctx.devUrl ?? '', label]) : undefined;
  if (key !== undefined && remembered?.key === key) {
    return { ...remembered.state, realm: structuredClone(remembered.state.realm), replay: { files: 0, statements: 0, reused: files.length, remembered: true } };
  }
  const reusable = label !== undefined && !sessionBound(files);
  return withDev(
    ctx,
    async (dev: DevDatabase) => {
      const from = reusable && dev.kept ? dev.kept.length : 0;
      const statements = await replayFiles(dev, files.slice(from));
      const realm = await inspect(dev, { schema: dev.schema });
      const state = { realm, schemaScope: dev.schema !== undefined, embedded: dev.kind === 'pglite' };
      if (reusable && dev.keep) {
        dev.keep(label);
        remembered = { key: key!, state: { ...state, realm: structuredClone(realm) } };
      }
      return { ...state, replay: { files: files.length - from, statements, reused: from, remembered: false } };
    },
    reusable ? { lease: 'keep', want: label } : undefined,
  );
}
