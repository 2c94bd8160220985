// Engine API for `migrate status`: the folder checked against atlas.sum, then the database's revisions merged with it.
import { migrateStatus, type StatusReport } from '../migrate/status';
import { checkDir, checksumErrorText } from '../migrate/validate';
import { EngineError, toEngineError } from './errors';
import type { Target } from './target';

export async function status(t: Target, o: { revisionsSchema?: string } = {}): Promise<StatusReport> {
  const problem = checkDir(t.dir);
  if (problem) throw new EngineError('checksumMismatch', problem.message, { preamble: checksumErrorText(problem) });
  try {
    return await migrateStatus({ url: t.url, dir: t.dir, revisionsSchema: o.revisionsSchema, label: t.label });
  } catch (e) {
    throw toEngineError(e);
  }
}
