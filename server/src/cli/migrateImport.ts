// `atlas-wb migrate import --from "file://dir?format=goose" --to "file://migrations"`: converts a golang-migrate,
// goose, Flyway, Liquibase or dbmate folder into Atlas-format files and an atlas.sum (engine/importFolder.ts).
import { parseArgs, str } from './args';
import { UserError, type CliCommand } from './io';
import { withDirFormat } from '../migrate/formats';
import { EngineError } from '../engine/errors';
import { importFolder } from '../engine/importFolder';

export const usage = 'atlas-wb migrate import --from "file://dir?format=goose" --to file://migrations [--dir-format FORMAT]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { from: { type: 'string' }, to: { type: 'string' }, 'dir-format': { type: 'string' } });
  if (p.positional.length > 0) throw new UserError(`unknown command ${JSON.stringify(p.positional[0])} for "atlas-wb migrate import"`);
  const from = withDirFormat(str(p, 'from') ?? 'file://migrations', str(p, 'dir-format'));
  try {
    const r = importFolder({ from, to: str(p, 'to') ?? 'file://migrations', cwd: io.cwd });
    if (r.files.length === 0) io.err('nothing to import');
    return Promise.resolve(0);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    if (e.detail.preamble) io.out(e.detail.preamble);
    throw new UserError(e.message);
  }
};
