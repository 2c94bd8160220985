// Test helpers for the migration-folder engine: temp folders, corpus copies, in-process CLI runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import { memoryIO } from '../../../server/src/cli/io';

const made: string[] = [];

export function tempDir(prefix = 'atlas-wb-migrate-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Removes every temp folder made so far (call from an after() hook). */
export function cleanTemp(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Copies a folder's top-level files into a fresh temp folder (optionally without some names). */
export function copyFolder(src: string, skip: string[] = []): string {
  const d = tempDir();
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    if (e.isFile() && !skip.includes(e.name)) fs.copyFileSync(path.join(src, e.name), path.join(d, e.name));
  }
  return d;
}

/** Writes files (name → content) into a fresh temp folder. */
export function folderWith(files: Record<string, string | Uint8Array>): string {
  const d = tempDir();
  for (const [n, c] of Object.entries(files)) fs.writeFileSync(path.join(d, n), c);
  return d;
}

export async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIO(cwd, {});
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Every folder under `root` holding an atlas.sum (recursive). */
export function foldersWithSum(root: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(p, e.name));
      else if (e.name === 'atlas.sum') out.push(p);
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out.sort();
}
