// Which PostgreSQL major the dev database is, which major the env targets, and the notice shown when they
// differ. Kept as data ({devMajor, targetMajor, message}) so the CLI prints it on stderr and the language
// server sends it with the env list.
import { maskUrl, parseDbUrl } from './url';

/** The embedded dev database: PGlite 0.5.14 is PostgreSQL 18.6. */
export const EMBEDDED_PGLITE = '0.5.14';
export const EMBEDDED_PG_MAJOR = 18;
export const EMBEDDED_DESCRIPTION = `embedded PGlite ${EMBEDDED_PGLITE} (PostgreSQL ${EMBEDDED_PG_MAJOR})`;

export interface DevVersionNotice {
  devMajor: number;
  targetMajor: number;
  message: string;
}

/**
 * The PostgreSQL major a `docker://` dev URL asks for (`docker://postgres/15/dev` → 15, `docker://postgres/16-alpine`
 * → 16, `docker://pgvector/pgvector:pg16` → 16); undefined for other URLs, `latest` or no tag.
 */
export function requestedMajor(devUrl: string | undefined): number | undefined {
  if (!devUrl || !/^docker(\+postgres)?:\/\//i.test(devUrl.trim())) return undefined;
  let tag: string | undefined;
  try {
    const p = parseDbUrl(devUrl.trim());
    tag = p.kind === 'docker' ? p.tag : undefined;
  } catch {
    return undefined;
  }
  const m = /^(?:.*:)?(?:pg)?(\d{1,2})(?:[.\-_]|$)/i.exec(tag ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The major of a `server_version_num` value (150004 → 15). */
export function majorOf(serverVersionNum: string | number): number {
  return Math.floor(Number(serverVersionNum) / 10000);
}

/** A notice when the dev database's major differs from the target's; undefined when equal or unknown. */
export function devVersionNotice(
  devMajor: number,
  targetMajor: number | undefined,
  names: { dev?: string; target?: string } = {},
): DevVersionNotice | undefined {
  if (targetMajor === undefined || !Number.isFinite(targetMajor) || targetMajor === devMajor) return undefined;
  const message =
    `${names.dev ?? 'the dev database'} is PostgreSQL ${devMajor} but ${names.target ?? 'the target database'} is PostgreSQL ${targetMajor}; ` +
    (targetMajor < devMajor
      ? `known differences are neutralized (PostgreSQL ${devMajor}'s named NOT NULL constraints; functions and syntax newer than ${targetMajor} fail when the dev URL names ${targetMajor}), others may remain. `
      : 'features newer than the dev database fail to replay. ') +
    `To replay on PostgreSQL ${targetMajor} itself, use a real dev database of that version: ` +
    `--dev-url "postgres://postgres:pass@localhost:5432/dev?sslmode=disable" (or dev = "postgres://…" in the env).`;
  return { devMajor, targetMajor, message };
}

/** The notice for an env's dev URL: the embedded database standing in for a `docker://postgres/<major>/…` URL. */
export function embeddedNoticeFor(devUrl: string | undefined): DevVersionNotice | undefined {
  return devVersionNotice(EMBEDDED_PG_MAJOR, requestedMajor(devUrl), {
    dev: `the embedded dev database (PGlite ${EMBEDDED_PGLITE})`,
    target: `the requested ${maskUrl(devUrl ?? '')}`,
  });
}
