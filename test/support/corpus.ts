// Where the shared real-world corpus lives (never copied into the repo): ../shared/corpus beside the checkout.
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const corpusRoot = process.env.ATLAS_WB_CORPUS ?? path.resolve(repoRoot, '../shared/corpus');

export function corpusPath(...parts: string[]): string {
  return path.join(corpusRoot, ...parts);
}

/** Sub-folders (or files) of a corpus folder, sorted. */
export function corpusEntries(folder: string): string[] {
  const dir = corpusPath(folder);
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .sort()
        .map((e) => path.join(dir, e))
    : [];
}

/** The index.tsv rows (kind, local_path, repo, commit, original_path, license, features, dialect, sum_check). */
export function corpusIndex(): Array<Record<string, string>> {
  const [head, ...rows] = fs.readFileSync(corpusPath('index.tsv'), 'utf8').trim().split('\n');
  const cols = head.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
}
