// `atlas-wb migrate diff [NAME] --dir URL --to URL [--dev-url URL] [--env NAME] [--format '{{ sql . "  " }}']`:
// writes the next migration file (Atlas's format) and re-hashes atlas.sum; prints Atlas's sentence when in sync.
// Without --dev-url the embedded PGlite dev database is used; stderr says which dev database ran the replay.
import nodePath from 'node:path';
import { devUrlOf, parseArgs, str, strs } from './args';
import { UserError, type CliCommand } from './io';
import { dirFlags, dirFromFlags } from './migrateHash';
import { envFromFlags } from './project';
import { viaEngine } from './engineCall';
import { checkedDir, generate } from '../engine/migrate';
import { SYNCED_DIR } from '../migrate/diff';
import { parseFormat } from './schemaInspect';

export const usage =
  'atlas-wb migrate diff [NAME] [--dir file://migrations] --to URL [--dev-url URL] [--env NAME] [-c file://atlas.hcl] [--format \'{{ sql . "  " }}\']';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { ...dirFlags, to: { type: 'strings' }, 'dev-url': { type: 'string' }, format: { type: 'string' }, qualifier: { type: 'string' } });
  if (p.positional.length > 1) throw new UserError(`accepts at most 1 arg(s), received ${p.positional.length}`);
  const env = await envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') });
  const to = strs(p, 'to').length ? strs(p, 'to') : (env?.src ?? []);
  if (!to.length) throw new UserError('required flag(s) "to" not set');
  const format = parseFormat(str(p, 'format') ?? env?.format['migrate.diff']);
  if (format.kind !== 'sql' && format.kind !== 'hcl') throw new UserError('migrate diff supports only --format \'{{ sql . "  " }}\'');
  const dir = await dirFromFlags(io, p, true);
  await viaEngine(io, () => checkedDir(dir));
  const result = await viaEngine(io, () =>
    generate({
      dir,
      to,
      name: p.positional[0],
      devUrl: devUrlOf(p, env, io),
      cwd: env && strs(p, 'to').length === 0 ? nodePath.dirname(env.configPath) : io.cwd,
      env,
      format: { indent: format.indent },
      environ: io.env,
      qualifier: str(p, 'qualifier'),
      onDev: (d, n) => io.err(`Using ${d}\n${n ? `Warning: ${n}\n` : ''}`),
    }),
  );
  if (result.synced) io.out(`${SYNCED_DIR}\n`);
  else if (result.destructive) {
    io.err(`Warning: ${nodePath.basename(result.file!)} contains destructive changes:\n${result.destructiveStatements.map((s) => `  ${s}\n`).join('')}`);
  }
  return 0;
};
