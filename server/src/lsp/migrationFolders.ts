// The migration folders of the workspace for the live checks (atlas.sum, lint): folders named by an atlas.hcl
// `migration { dir }` (default `migrations`) with the format their env reads them with, and folders holding an atlas.sum.
import fs from 'node:fs';
import path from 'node:path';
import { migrationDirFormat, migrationDirPath } from '../migrate/dir';
import { SUM_FILE } from '../migrate/sum';
import { envsFromText, findProjects } from './workbenchEnvs';

const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

/** Folders holding an atlas.sum under the workspace folders (bounded walk). */
export function foldersWithSum(roots: string[], maxDepth = 6, maxDirs = 5000): string[] {
  const found: string[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number) => {
    if (depth > maxDepth || ++seen > maxDirs) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && e.name === SUM_FILE)) found.push(dir);
    for (const e of entries) if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.')) walk(path.join(dir, e.name), depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return found;
}

/** How an env reads a migration folder: its format and the folder as the dir URL names it (for hints). */
export interface FolderReading {
  format: string;
  /** the folder as written in the dir URL (e.g. `migrations`), relative to the atlas.hcl folder */
  display: string;
}

/**
 * Migration folders named by the atlas.hcl files of the workspace (existing folders only), each with the format
 * its env reads it with (the first env naming a folder wins).
 */
export function folderReadings(roots: string[], read: (p: string) => string | undefined): Map<string, FolderReading> {
  const out = new Map<string, FolderReading>();
  for (const config of findProjects(roots)) {
    const text = read(config);
    if (text === undefined) continue;
    const all = envsFromText(config, text, process.env);
    const withDir = all.filter((e) => e.migrationDir);
    // no env names a dir: they all read the default `migrations` folder
    const envs = withDir.length ? withDir : all;
    const named = envs.length ? envs.map((e) => ({ dir: e.migrationDir, format: e.migrationFormat })) : [{ dir: undefined, format: undefined }];
    for (const { dir, format } of named) {
      const abs = migrationDirPath(config, dir);
      try {
        if (!abs || out.has(abs) || !fs.statSync(abs).isDirectory()) continue;
      } catch {
        continue; // not there yet
      }
      out.set(abs, { format: migrationDirFormat(dir, format), display: path.relative(path.dirname(config), abs) || '.' });
    }
  }
  return out;
}

/** Migration folders named by the atlas.hcl files of the workspace (existing folders only). */
export function foldersFromProjects(roots: string[], read: (p: string) => string | undefined): string[] {
  return [...folderReadings(roots, read).keys()];
}
