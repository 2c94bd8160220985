// Engine API for folder operations that need no database: `migrate hash` (write atlas.sum) and the Kubernetes
// export (an AtlasMigration resource + a ConfigMap holding the folder and atlas.sum).
import fs from 'node:fs';
import path from 'node:path';
import type { MigrationDir } from '../migrate/dir';
import { DirError, textProblem } from '../migrate/dir';
import { k8sExport as renderK8s } from '../migrate/k8sExport';
import { SumError } from '../migrate/sum';
import { EngineError } from './errors';

export interface HashResult {
  /** the atlas.sum entries written, in order */
  entries: Array<{ name: string; hash: string }>;
  /** files that are not SQL text (hashed as raw bytes, as Atlas does) with the reason */
  nonText: Array<{ name: string; problem: string }>;
}

/** Recomputes and writes atlas.sum atomically. */
export function hash(dir: MigrationDir): HashResult {
  const nonText: HashResult['nonText'] = [];
  try {
    const sum = dir.checksum((name, bytes) => {
      const problem = textProblem(bytes);
      if (problem) nonText.push({ name, problem });
    });
    dir.writeSum(sum);
    return { entries: sum.entries.map((e) => ({ name: e.name, hash: e.hash })), nonText };
  } catch (e) {
    if (e instanceof DirError || e instanceof SumError) throw new EngineError('invalidInput', e.message);
    throw e;
  }
}

/** The warning line for a file that is not SQL text (it is still hashed as raw bytes, as Atlas does). */
export function nonTextWarning(name: string, problem: string): string {
  return `Warning: ${name}: ${problem}; it is hashed as raw bytes but is not a SQL text file\n`;
}

export interface K8sExportInput {
  dir: string;
  name?: string;
  namespace?: string;
  secretName?: string;
  secretKey?: string;
}

/** The folder (its `.sql` files and atlas.sum) as Atlas Operator resources. */
export function k8sExport(i: K8sExportInput): { yaml: string; files: number; warnings: string[] } {
  let names: string[];
  try {
    names = fs
      .readdirSync(i.dir)
      .filter((n) => n.endsWith('.sql') || n === 'atlas.sum')
      .sort();
  } catch (e) {
    throw new EngineError('notFound', `migration directory ${i.dir}: ${(e as Error).message}`);
  }
  const files = names.map((name) => ({ name, content: fs.readFileSync(path.join(i.dir, name), 'utf8') }));
  const out = renderK8s({ name: i.name ?? path.basename(i.dir), namespace: i.namespace, secretName: i.secretName, secretKey: i.secretKey, files });
  return { yaml: out.yaml, files: files.length, warnings: out.warnings };
}
