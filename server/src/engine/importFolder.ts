// Engine API for `migrate import` and the editor's "Convert Folder to Atlas Format": converts a golang-migrate,
// goose, Flyway, Liquibase or dbmate folder into Atlas-format files and an atlas.sum (Atlas's texts and rules).
// All files are computed before anything is written; the target must hold no migration file.
import fs from 'node:fs';
import nodePath from 'node:path';
import { DirError, openDir, parseDirUrl } from '../migrate/dir';
import { detectForeignLayout, type ForeignLayout } from '../migrate/formats/detect';
import { ImportError, importFiles } from '../migrate/formats/importDir';
import { ErrChecksumNotFound, SumError, writeFileAtomic } from '../migrate/sum';
import { checkDir, checksumErrorText } from '../migrate/validate';
import { EngineError, toEngineError } from './errors';

export interface ImportFolderInput {
  /** source folder URL with its format (`file://db?format=goose`) */
  from: string;
  /** target folder URL (`file://migrations`); created when missing */
  to: string;
  /** folder relative URLs resolve against */
  cwd: string;
}

export interface ImportFolderResult {
  /** absolute path of the target folder */
  target: string;
  /** absolute paths of the files written, in version order (empty: nothing to import) */
  files: string[];
}

export function importFolder(i: ImportFolderInput): ImportFolderResult {
  try {
    const src = openDir(i.from, i.cwd);
    const problem = checkDir(src);
    if (problem && problem.message !== ErrChecksumNotFound)
      throw new EngineError('checksumMismatch', problem.message, { preamble: checksumErrorText(problem) });
    if (parseDirUrl(i.from).format === 'atlas') throw new EngineError('invalidInput', 'cannot import a migration directory already in "atlas" format');
    const target = openDir(i.to, i.cwd, { create: true });
    if (target.names().length !== 0) throw new EngineError('invalidInput', 'target migration directory must be empty');
    const files = src.files();
    if (files.length === 0) return { target: target.path, files: [] };
    const out = importFiles({
      format: src.format,
      files: files.map((f) => ({ name: f.name, version: f.version, desc: f.desc, bytes: f.bytes, text: f.text })),
    });
    const names = new Set<string>();
    for (const f of out) {
      if (names.has(f.name) || f.name.includes('/') || f.name.includes(nodePath.sep))
        throw new EngineError('invalidInput', `migrate import: two source files map to ${JSON.stringify(f.name)}`);
      names.add(f.name);
    }
    for (const f of out) writeFileAtomic(target.path, f.name, f.content);
    target.refresh();
    target.writeSum();
    return { target: target.path, files: out.map((f) => nodePath.join(target.path, f.name)) };
  } catch (e) {
    if (e instanceof DirError || e instanceof ImportError || e instanceof SumError) throw new EngineError('invalidInput', e.message);
    throw toEngineError(e);
  }
}

/** The other tool a folder was written for, from its `*.sql` names and the first bytes of its files. */
export function detectFolderFormat(folder: string): ForeignLayout | undefined {
  let names: string[];
  try {
    names = fs
      .readdirSync(folder)
      .filter((n) => n.endsWith('.sql'))
      .sort();
  } catch (e) {
    throw new EngineError('notFound', `cannot read ${folder}: ${(e as Error).message}`);
  }
  return detectForeignLayout(names, (n) => {
    const fd = fs.openSync(nodePath.join(folder, n), 'r');
    try {
      const buf = Buffer.alloc(4096);
      return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  });
}
