// `migrate checkpoint [TAG]`: the whole schema the folder builds, as one file marked `-- atlas:checkpoint[ TAG]`.
// The folder is replayed on a clean dev database (from its last checkpoint, as Atlas replays), the result is
// diffed against the clean database and written in Atlas's plan format as `<version>_checkpoint.sql` (or
// `<version>_<TAG>.sql`), then atlas.sum is re-hashed. A new database then starts from the latest checkpoint.
import type { ResolvedEnv } from '../config/types';
import { diff } from '../schema/diff';
import { inspect } from '../schema/inspect';
import { planText, type PlanFormat } from '../schema/plan';
import { fileComments } from './directives';
import { DirError, type MigrationDir } from './dir';
import { replayDir, withDev, type SourceContext } from './diffSource';
import { createMigration } from './newFile';
import { validateDir } from './validate';

export interface CheckpointOptions {
  dir: MigrationDir;
  /** the directive's tag (also the file's description); `checkpoint` names the file without one */
  tag?: string;
  devUrl?: string;
  cwd: string;
  env?: ResolvedEnv;
  format?: PlanFormat;
  environ?: Record<string, string | undefined>;
  /** clock for the file name (tests) */
  date?: Date;
  onDev?: (description: string, notice?: string) => void;
}

export interface CheckpointResult {
  /** absolute path of the checkpoint file */
  file: string;
  name: string;
  content: string;
  statements: number;
}

/** `LocalFile.AddDirective`: the directive line first, then a blank line unless the file starts with header comments. */
export function withDirective(content: string, name: string, args: string[] = []): string {
  const line = `-- atlas:${name}${args.length ? ` ${args.join(' ')}` : ''}\n`;
  return line + (fileComments(content).length === 0 ? '\n' : '') + content;
}

/** Writes the checkpoint file of the folder's current schema. Throws DirError when the folder builds nothing. */
export async function generateCheckpoint(opts: CheckpointOptions): Promise<CheckpointResult> {
  const { dir } = opts;
  if (opts.tag !== undefined && (opts.tag === '' || /[\s\\/\0]/.test(opts.tag))) {
    throw new DirError(`invalid checkpoint tag ${JSON.stringify(opts.tag)}: it names the file and must not contain spaces or path separators`);
  }
  validateDir(dir);
  const ctx: SourceContext = { cwd: opts.cwd, devUrl: opts.devUrl, env: opts.env, environ: opts.environ, onDev: opts.onDev };
  const changes = await withDev(ctx, async (dev) => {
    const clean = await inspect(dev, { schema: dev.schema });
    await replayDir(dev, dir);
    const current = await inspect(dev, { schema: dev.schema });
    return diff(clean, current, {
      schemaScope: dev.schema !== undefined,
      extensionVersions: dev.kind !== 'pglite',
      skip: opts.env?.diff.skip,
    });
  });
  if (changes.length === 0) throw new DirError('the migration directory builds no schema objects: nothing to checkpoint');
  const content = withDirective(planText(changes, opts.format), 'checkpoint', opts.tag ? [opts.tag] : []);
  const made = createMigration(dir, opts.tag ?? 'checkpoint', { content, date: opts.date });
  return { file: made.path, name: made.name, content, statements: changes.length };
}
