// The generate-migration flow (Atlas's `migrate diff`): replay the folder on a clean dev database,
// load the desired state on a second clean one, diff, and write `<UTC ts>[_NAME].sql` + atlas.sum.
import type { ResolvedEnv } from '../config/types';
import type { DevDatabase } from '../db/dev';
import type { Realm } from '../schema/model';
import { diff, diffRenameCandidates, DiffError, type DiffOptions } from '../schema/diff';
import { renameSpec, type Rename } from '../schema/renames';
import { alignExpressions } from '../schema/normalize';
import { planStatements, planText, type PlanFormat } from '../schema/plan';
import { openDir, type MigrationDir } from './dir';
import { currentState, type ReplayCount } from './diffCurrent';
import { loadState, type SourceContext } from './diffSource';
import { createMigration } from './newFile';
import { validateDir } from './validate';

export const SYNCED_DIR = 'The migration directory is synced with the desired state, no changes to be made';

export interface GenerateOptions {
  /** migration folder URL (`file://migrations`) or an already opened folder */
  dir: string | MigrationDir;
  /** desired state URL(s) */
  to: string | string[];
  name?: string;
  devUrl?: string;
  cwd: string;
  env?: ResolvedEnv;
  format?: PlanFormat;
  /** clock for the file name (tests) */
  date?: Date;
  onDev?: (description: string, notice?: string) => void;
  environ?: Record<string, string | undefined>;
  /** schema scope: qualify names with this schema (`--qualifier`) */
  qualifier?: string;
  /**
   * Renames: confirmed ones (`Rename[]`, the decision is made: candidates not listed are drops and adds), or
   * `ask` to have each candidate confirmed by `confirm`, or `stop` to return the candidates without writing
   * anything (the editor asks, then calls again with the chosen renames), or `list` to return them and never
   * write. Default: no renames (Atlas's answer when nobody can be asked).
   */
  renames?: Rename[] | { ask: (candidate: Rename) => Promise<boolean> } | 'stop' | 'list';
}

export interface GenerateResult {
  /** absolute path of the written file; absent when in sync */
  file?: string;
  statements: string[];
  synced: boolean;
  /** content written (or that would be) */
  content: string;
  destructive: boolean;
  /** the statements that drop data or objects (Atlas's destructive changes), for warnings */
  destructiveStatements: string[];
  /** rename candidates the diff found (with `renames: 'stop'`, nothing was written when there are any) */
  renameCandidates: Rename[];
  /** the renames planned as ALTER … RENAME */
  renames: Rename[];
  /** what the current state cost: files and statements replayed, files reused from the dev database */
  replay: ReplayCount;
}

/** The dev database's scratch transaction ended early (the SQL committed or rolled back): load again from clean. */
class ScratchBroken extends Error {}

/** Generates the next migration file. Throws on an invalid folder, a failing replay or a bad source. */
export async function generateMigration(opts: GenerateOptions): Promise<GenerateResult> {
  const dir = typeof opts.dir === 'string' ? openDir(opts.dir, opts.cwd, { create: true }) : opts.dir;
  validateDir(dir);
  const ctx: SourceContext = { cwd: opts.cwd, devUrl: opts.devUrl, env: opts.env, environ: opts.environ };
  let announced = false;
  ctx.onDev = (d, n) => {
    if (!announced) {
      announced = true;
      opts.onDev?.(d, n);
    }
  };
  const { realm: current, schemaScope, embedded, replay } = await currentState(dir, ctx);
  // Expressions PostgreSQL prints differently but normalizes to the same form are no change (schema/normalize.ts):
  // compared on the dev database that holds the desired state, whose functions and types they use.
  // Loaded in a transaction rolled back at the end, so the replayed folder stays on the dev database for the next
  // run; any failure there (or SQL that ends the transaction) loads it again the ordinary way, for Atlas's errors.
  const urls = Array.isArray(opts.to) ? opts.to : [opts.to];
  const align = async (dev: DevDatabase, realm: Realm) => {
    if (dev.scratchIntact && !(await dev.scratchIntact())) throw new ScratchBroken();
    await alignExpressions(dev, current, realm);
  };
  let desired: Realm;
  try {
    desired = await loadState(urls, ctx, align, { lease: 'scratch' });
  } catch {
    desired = await loadState(urls, ctx, align);
  }
  const diffOpts: DiffOptions = {
    schemaScope,
    extensionVersions: !embedded,
    qualifier: opts.qualifier,
    skip: opts.env?.diff.skip,
    concurrentIndex: opts.env?.diff.concurrentIndex,
  };
  const candidates = diffRenameCandidates(current, desired, diffOpts);
  const none = { statements: [], content: '', destructive: false, destructiveStatements: [], renameCandidates: candidates, renames: [], replay };
  if ((candidates.length && opts.renames === 'stop') || opts.renames === 'list') return { synced: false, ...none };
  const renames = await chooseRenames(candidates, opts.renames);
  const changes = diff(current, desired, { ...diffOpts, renames });
  if (!changes.length) return { synced: true, ...none };
  const content = planText(changes, opts.format);
  const created = createMigration(dir, opts.name, { content, date: opts.date });
  const destructiveStatements = planStatements(changes.filter((c) => c.destructive));
  return {
    file: created.path,
    synced: false,
    statements: planStatements(changes),
    content,
    destructive: destructiveStatements.length > 0,
    destructiveStatements,
    renameCandidates: candidates,
    renames,
    replay,
  };
}

/** The candidates confirmed: listed ones (matched by kind, schema, table and names), or each one asked. */
async function chooseRenames(candidates: Rename[], choice: GenerateOptions['renames']): Promise<Rename[]> {
  if (!choice || typeof choice === 'string') return [];
  if (Array.isArray(choice)) {
    const unknown = choice.find((r) => !candidates.some((c) => sameRename(r, c)));
    if (unknown)
      throw new DiffError(
        `${renameSpec(unknown)} is not a rename the diff can make (a dropped and an added ${unknown.kind} of the same definition); ` +
          (candidates.length ? `candidates: ${candidates.map(renameSpec).join(', ')}` : 'there are no candidates'),
      );
    return choice.map((r) => candidates.find((c) => sameRename(r, c))!);
  }
  const out: Rename[] = [];
  // once an object is renamed, the other candidates involving it are not asked
  const taken = (c: Rename) =>
    out.some(
      (r) =>
        r.kind === c.kind &&
        r.schema === c.schema &&
        (r.kind === 'table' ? r.from === c.from || r.to === c.to : r.table === c.table && (r.from === c.from || r.to === c.to)),
    );
  for (const c of candidates) if (!taken(c) && (await choice.ask(c))) out.push(c);
  return out;
}

export const sameRename = (a: Rename, b: Rename): boolean =>
  a.kind === b.kind && a.schema === b.schema && a.table === b.table && a.from === b.from && a.to === b.to;
