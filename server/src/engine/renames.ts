// Engine API: the rename candidates a `migrate diff` of an env would meet (a dropped and an added column or table
// with the same definition), as data for the editor to ask about; nothing is written. The editor then generates
// the migration with the chosen ones (`migrate diff --rename SPEC`, or GenerateOptions.renames).
import type { ResolvedEnv } from '../config/types';
import { generateMigration } from '../migrate/diff';
import { SourceError } from '../migrate/diffSource';
import { DiffError } from '../schema/diff';
import { renameQuestion, renameSpec, type Rename } from '../schema/renames';
import { EngineError, toEngineError } from './errors';

export interface RenameCandidatesInput {
  env: ResolvedEnv;
  /** desired state URLs (default: the env's src) */
  to?: string[];
  devUrl?: string;
  /** folder the env's relative URLs resolve against (the atlas.hcl folder) */
  cwd: string;
  environ: Record<string, string | undefined>;
}

export interface RenameCandidateInfo extends Rename {
  /** Atlas's question for it */
  question: string;
  /** its `--rename` spelling */
  spec: string;
}

export async function renameCandidates(i: RenameCandidatesInput): Promise<RenameCandidateInfo[]> {
  const to = i.to?.length ? i.to : i.env.src;
  if (!i.env.migration.dir) throw new EngineError('invalidInput', 'the env has no migration { dir }');
  if (!to.length) throw new EngineError('invalidInput', 'the env has no src (desired state) to diff with');
  try {
    const r = await generateMigration({ dir: i.env.migration.dir, to, devUrl: i.devUrl, cwd: i.cwd, env: i.env, environ: i.environ, renames: 'list' });
    return r.renameCandidates.map((c) => ({ ...c, question: renameQuestion(c), spec: renameSpec(c) }));
  } catch (e) {
    if (e instanceof SourceError || e instanceof DiffError) throw new EngineError('invalidInput', e.message);
    throw toEngineError(e);
  }
}
