// Kubernetes export for the Atlas Operator: an `AtlasMigration` resource plus a ConfigMap that holds
// the migration folder (every file, atlas.sum included) — the layout users otherwise write by hand.
// Pure: files in, YAML text out.

export interface K8sExportFile {
  name: string;
  content: string;
}

export interface K8sExportOptions {
  /** base name: ConfigMap `<name>-migrations`, AtlasMigration `<name>-migration` */
  name: string;
  namespace?: string;
  /** Secret with the target database URL (default `<name>-db-app`, key `uri`, as CloudNativePG creates it) */
  secretName?: string;
  secretKey?: string;
  files: K8sExportFile[];
}

/** ConfigMap keys must match this (Kubernetes validation). */
const KEY = /^[-._a-zA-Z0-9]+$/;
/** ConfigMap data limit (1 MiB) — the API server rejects larger objects. */
export const CONFIGMAP_LIMIT = 1024 * 1024;

/** A Kubernetes object name: lower-case RFC 1123 label. */
export function k8sName(raw: string): string {
  const n = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-{2,}/g, '-');
  return (n || 'atlas').slice(0, 50);
}

/** A double-quoted YAML scalar (JSON strings are valid YAML). */
const q = (s: string): string => JSON.stringify(s);

/**
 * A YAML block scalar for `content`, its lines at `indent` spaces, under a key at `parentIndent`
 * (keeps the text byte for byte).
 */
export function blockScalar(content: string, indent: number, parentIndent = indent - 2): string {
  if (content === '') return '""';
  // Content a block scalar cannot carry exactly (CR, other control characters, leading blank line trickery): quote it.
  if (/[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/.test(content)) return q(content);
  const pad = ' '.repeat(indent);
  const trailing = content.match(/\n*$/)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing > 0 ? content.slice(0, content.length - trailing) : content;
  const lines = body.split('\n');
  // An indentation indicator (relative to the parent) is needed when the first line starts with a space.
  const first = lines.find((l) => l !== '') ?? '';
  const indicator = /^[ ]/.test(first) ? String(indent - parentIndent) : '';
  const out = lines.map((l) => (l === '' ? '' : pad + l));
  const extra = trailing > 1 ? '\n'.repeat(trailing - 1) : '';
  return `|${indicator}${chomp}\n${out.join('\n')}${extra}`;
}

export interface K8sExport {
  yaml: string;
  warnings: string[];
}

export function k8sExport(opts: K8sExportOptions): K8sExport {
  const warnings: string[] = [];
  const base = k8sName(opts.name);
  const cm = `${base}-migrations`;
  const secretName = opts.secretName ?? `${base}-db-app`;
  const secretKey = opts.secretKey ?? 'uri';
  const files = [...opts.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (!files.some((f) => f.name === 'atlas.sum'))
    warnings.push('the folder has no atlas.sum: run "Migrate Hash" first, the operator refuses a folder without it');
  let size = 0;
  const data: string[] = [];
  for (const f of files) {
    if (!KEY.test(f.name)) {
      warnings.push(`skipped "${f.name}": not a valid ConfigMap key`);
      continue;
    }
    size += Buffer.byteLength(f.content, 'utf8');
    data.push(`  ${q(f.name)}: ${blockScalar(f.content, 4)}`);
  }
  if (size > CONFIGMAP_LIMIT) warnings.push(`the folder is ${size} bytes; a ConfigMap holds at most ${CONFIGMAP_LIMIT}`);
  const ns = opts.namespace ? `  namespace: ${q(opts.namespace)}\n` : '';
  const labels = `  labels:\n    app.kubernetes.io/name: ${q(base + '-migration')}\n    app.kubernetes.io/managed-by: atlas-workbench\n`;
  const yaml =
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${q(cm)}\n${ns}${labels}data:${data.length ? '\n' + data.join('\n') + '\n' : ' {}\n'}` +
    `---\napiVersion: db.atlasgo.io/v1alpha1\nkind: AtlasMigration\nmetadata:\n  name: ${q(base + '-migration')}\n${ns}${labels}` +
    `spec:\n  urlFrom:\n    secretKeyRef:\n      name: ${q(secretName)}\n      key: ${q(secretKey)}\n  dir:\n    configMapRef:\n      name: ${q(cm)}\n`;
  return { yaml, warnings };
}
