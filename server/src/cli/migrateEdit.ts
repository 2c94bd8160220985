// `atlas-wb migrate edit VERSION [--dir URL | --env NAME]`: opens the migration file (by version or file name) in
// $EDITOR (`vi` when unset; run through `sh -c` as Atlas runs editors) on a temporary copy, writes the result back
// atomically when it changed, and re-hashes atlas.sum. No output, as Atlas.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from './args';
import { UserError, type CliCommand } from './io';
import { dirFlags, dirFromFlags, userErrors } from './migrateHash';
import { hash } from '../engine/folder';
import { EngineError } from '../engine/errors';
import { writeFileAtomic } from '../migrate/sum';

export const usage = 'atlas-wb migrate edit VERSION [--dir file://migrations] [--env NAME] [-c file://atlas.hcl]';

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, dirFlags);
  if (p.positional.length !== 1) throw new UserError(`accepts 1 arg(s), received ${p.positional.length}`);
  const dir = await dirFromFlags(io, p);
  const want = p.positional[0];
  const matches = userErrors(() => dir.files()).filter((f) => f.version === want || f.name === want);
  if (matches.length === 0) throw new UserError(`sql/migrate: migration with version ${JSON.stringify(want)} not found`);
  if (matches.length > 1) throw new UserError(`version ${JSON.stringify(want)} names ${matches.length} files: pass the file name`);
  const file = matches[0];
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-edit-'));
  try {
    const tmp = path.join(tmpDir, file.name);
    const before = Buffer.from(file.bytes);
    fs.writeFileSync(tmp, before);
    const editor = io.env.EDITOR || 'vi';
    const r = spawnSync('sh', ['-c', `${editor} ${shellQuote(tmp)}`], { stdio: 'inherit', env: io.env as NodeJS.ProcessEnv });
    if (r.error) throw new UserError(`exec edit: ${r.error.message}`);
    if (r.status !== 0) throw new UserError(`exec edit: ${editor} exited with ${r.status ?? r.signal}; ${file.name} was left unchanged`);
    const after = fs.readFileSync(tmp);
    if (!after.equals(before)) userErrors(() => writeFileAtomic(dir.path, file.name, after));
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  try {
    hash(dir);
  } catch (e) {
    if (e instanceof EngineError) throw new UserError(e.message);
    throw e;
  }
  return 0;
};
