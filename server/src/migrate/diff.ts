// The generate-migration flow (Atlas's `migrate diff`): replay the folder on a clean dev database,
// load the desired state on a second clean one, diff, and write `<UTC ts>[_NAME].sql` + atlas.sum.
import type { ResolvedEnv } from '../config/types';
import { diff } from '../schema/diff';
import { inspect } from '../schema/inspect';
import { alignExpressions } from '../schema/normalize';
import { planStatements, planText, type PlanFormat } from '../schema/plan';
import { openDir, type MigrationDir } from './dir';
import { loadState, replayDir, withDev, type SourceContext } from './diffSource';
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
}

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
  let schemaScope = false;
  let embedded = false;
  const current = await withDev(ctx, async (dev) => {
    schemaScope = dev.schema !== undefined;
    embedded = dev.kind === 'pglite';
    await replayDir(dev, dir);
    return inspect(dev, { schema: dev.schema });
  });
  // Expressions PostgreSQL prints differently but normalizes to the same form are no change (schema/normalize.ts):
  // compared on the dev database that holds the desired state, whose functions and types they use.
  const desired = await loadState(Array.isArray(opts.to) ? opts.to : [opts.to], ctx, async (dev, realm) => {
    await alignExpressions(dev, current, realm);
  });
  const changes = diff(current, desired, {
    schemaScope,
    extensionVersions: !embedded,
    qualifier: opts.qualifier,
    skip: opts.env?.diff.skip,
    concurrentIndex: opts.env?.diff.concurrentIndex,
  });
  if (!changes.length) return { synced: true, statements: [], content: '', destructive: false, destructiveStatements: [] };
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
  };
}
