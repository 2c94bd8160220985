// `atlas-wb migrate import --from "file://dir?format=goose" --to "file://migrations"`: converts a golang-migrate,
// goose, Flyway, Liquibase or dbmate folder into Atlas-format files and an atlas.sum (Atlas's texts and rules).
// All files are computed before anything is written; the target must hold no migration file.
import nodePath from 'node:path';
import { parseArgs, str } from './args';
import { UserError, type CliCommand } from './io';
import { userErrors } from './migrateHash';
import { openDir, parseDirUrl } from '../migrate/dir';
import { withDirFormat } from '../migrate/formats';
import { ImportError, importFiles } from '../migrate/formats/importDir';
import { writeFileAtomic, ErrChecksumNotFound } from '../migrate/sum';
import { checkDir, checksumErrorText } from '../migrate/validate';

export const usage = 'atlas-wb migrate import --from "file://dir?format=goose" --to file://migrations [--dir-format FORMAT]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { from: { type: 'string' }, to: { type: 'string' }, 'dir-format': { type: 'string' } });
  if (p.positional.length > 0) throw new UserError(`unknown command ${JSON.stringify(p.positional[0])} for "atlas-wb migrate import"`);
  const fromUrl = withDirFormat(str(p, 'from') ?? 'file://migrations', str(p, 'dir-format'));
  const toUrl = str(p, 'to') ?? 'file://migrations';
  const src = userErrors(() => openDir(fromUrl, io.cwd));
  const problem = userErrors(() => checkDir(src));
  if (problem && problem.message !== ErrChecksumNotFound) {
    io.out(checksumErrorText(problem));
    throw new UserError(problem.message);
  }
  if (userErrors(() => parseDirUrl(fromUrl)).format === 'atlas') throw new UserError('cannot import a migration directory already in "atlas" format');
  const target = userErrors(() => openDir(toUrl, io.cwd, { create: true }));
  if (target.names().length !== 0) throw new UserError('target migration directory must be empty');
  const files = userErrors(() => src.files());
  if (files.length === 0) {
    io.err('nothing to import');
    return 0;
  }
  let out;
  try {
    out = userErrors(() =>
      importFiles({
        format: src.format,
        files: files.map((f) => ({ name: f.name, version: f.version, desc: f.desc, bytes: f.bytes, text: f.text })),
      }),
    );
  } catch (e) {
    if (e instanceof ImportError) throw new UserError(e.message);
    throw e;
  }
  const names = new Set<string>();
  for (const f of out) {
    if (names.has(f.name) || f.name.includes('/') || f.name.includes(nodePath.sep))
      throw new UserError(`migrate import: two source files map to ${JSON.stringify(f.name)}`);
    names.add(f.name);
  }
  for (const f of out) writeFileAtomic(target.path, f.name, f.content);
  target.refresh();
  userErrors(() => target.writeSum());
  return 0;
};
