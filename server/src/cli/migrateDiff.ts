// `atlas-wb migrate diff [NAME] --dir URL --to URL [--dev-url URL] [--env NAME] [--format '{{ sql . "  " }}']`:
// writes the next migration file (Atlas's format) and re-hashes atlas.sum; prints Atlas's sentence when in sync.
// Without --dev-url the embedded PGlite dev database is used; stderr says which dev database ran the replay.
import nodePath from 'node:path';
import { devUrlOf, parseArgs, str, strs } from './args';
import { UserError, type CliCommand, type CliIO } from './io';
import { dirFlags, dirFromFlags } from './migrateHash';
import { envFromFlags } from './project';
import { viaEngine } from './engineCall';
import { checkedDir, generate } from '../engine/migrate';
import { sameRename, SYNCED_DIR, type GenerateOptions } from '../migrate/diff';
import { parseFormat } from './schemaInspect';
import { parseGoDuration } from '../migrate/lock';
import { parseRenameSpec, renameQuestion, renameSpec, type Rename } from '../schema/renames';

/** --rename values (or the terminal's answers) as the generate flow takes them. */
function renameChoice(specs: string[], io: CliIO): GenerateOptions['renames'] {
  if (specs.includes('all')) return { ask: () => Promise.resolve(true) };
  if (specs.includes('none')) return [];
  if (specs.length) {
    const out: Rename[] = [];
    for (const s of specs) {
      const r = parseRenameSpec(s);
      if (typeof r === 'string') throw new UserError(r);
      out.push(r);
    }
    return out;
  }
  const choose = io.choose;
  if (!choose) return undefined;
  return {
    ask: async (c) => {
      const answer = await choose(renameQuestion(c), ['Yes', 'No']);
      if (answer === undefined) throw new UserError('^D');
      return answer === 'Yes';
    },
  };
}

export const usage =
  'atlas-wb migrate diff [NAME] [--dir file://migrations] --to URL [--dev-url URL] [--env NAME] [-c file://atlas.hcl] [--format \'{{ sql . "  " }}\'] [--lock-timeout 10s] [--rename SPEC]...\n\n' +
  'A dropped and an added column (or table) with the same definition may be a rename: in a terminal each one is asked\n' +
  '("Did you rename …?"); otherwise --rename decides: column:[schema.]table.column:new_name, table:[schema.]table:new_name,\n' +
  'all (every candidate) or none. Without an answer they stay a drop and an add. --rename is an Atlas Workbench addition.';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, {
    ...dirFlags,
    to: { type: 'strings' },
    'dev-url': { type: 'string' },
    format: { type: 'string' },
    qualifier: { type: 'string' },
    'lock-timeout': { type: 'string' },
    rename: { type: 'strings' },
  });
  const renames = renameChoice(strs(p, 'rename'), io);
  // Atlas takes a lock on the dev database for the diff; ours is private to the run, so the timeout is only validated.
  if (str(p, 'lock-timeout') !== undefined) parseGoDuration(str(p, 'lock-timeout')!);
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
      renames,
      onDev: (d, n) => io.err(`Using ${d}\n${n ? `Warning: ${n}\n` : ''}`),
    }),
  );
  const declined = result.renameCandidates.filter((c) => !result.renames.some((r) => sameRename(r, c)));
  if (declined.length && !renames)
    io.err(`Planned as drop and add (no terminal to ask; --rename SPEC makes them renames): ${declined.map(renameSpec).join(', ')}\n`);
  if (result.synced) io.out(`${SYNCED_DIR}\n`);
  else if (result.destructive) {
    io.err(`Warning: ${nodePath.basename(result.file!)} contains destructive changes:\n${result.destructiveStatements.map((s) => `  ${s}\n`).join('')}`);
  }
  return 0;
};
