// `atlas-wb migrate checkpoint [TAG] [--dir URL] [--dev-url URL] [--env NAME]`: replays the folder on a clean dev
// database and writes the whole schema as a checkpoint file (`-- atlas:checkpoint[ TAG]`), then re-hashes atlas.sum.
// No output on success, as `migrate diff`; stderr says which dev database ran the replay.
import nodePath from 'node:path';
import { devUrlOf, parseArgs, str, strs } from './args';
import { UserError, type CliCommand } from './io';
import { dirFlags, dirFromFlags, userErrors } from './migrateHash';
import { envFromFlags } from './project';
import { parseFormat } from './schemaInspect';
import { generateCheckpoint } from '../migrate/checkpoint';
import { SourceError } from '../migrate/diffSource';
import { DirError } from '../migrate/dir';
import { SumError } from '../migrate/sum';
import { checkDir, checksumErrorText } from '../migrate/validate';
import { DiffError } from '../schema/diff';

export const usage = 'atlas-wb migrate checkpoint [TAG] [--dir file://migrations] [--dev-url URL] [--env NAME] [-c file://atlas.hcl]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { ...dirFlags, 'dev-url': { type: 'string' }, format: { type: 'string' } });
  if (p.positional.length > 1) throw new UserError(`accepts at most 1 arg(s), received ${p.positional.length}`);
  const env = await envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') });
  const format = parseFormat(str(p, 'format') ?? env?.format['migrate.diff']);
  if (format.kind !== 'sql' && format.kind !== 'hcl') throw new UserError('migrate checkpoint supports only --format \'{{ sql . "  " }}\'');
  const dir = await dirFromFlags(io, p);
  const problem = userErrors(() => checkDir(dir));
  if (problem) {
    io.out(checksumErrorText(problem));
    throw new UserError(problem.message);
  }
  try {
    await generateCheckpoint({
      dir,
      tag: p.positional[0],
      devUrl: devUrlOf(p, env, io),
      cwd: env ? nodePath.dirname(env.configPath) : io.cwd,
      env,
      format: { indent: format.indent },
      environ: io.env,
      onDev: (d, n) => io.err(`Using ${d}\n${n ? `Warning: ${n}\n` : ''}`),
    });
    return 0;
  } catch (e) {
    if (e instanceof SourceError || e instanceof DiffError || e instanceof DirError || e instanceof SumError) throw new UserError(e.message);
    throw e;
  }
};
