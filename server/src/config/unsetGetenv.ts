// Texts naming getenv() calls that found their variable unset (getenv gives "" then, as in Atlas), for
// listEnvs' unresolved reasons and the CLI's error when an env's url came out empty. No parser imports.
import type { ResolvedEnv } from './types';

/** Why getenv() gave "" for these names, with where to set them (getenv reads the environment, then .env beside atlas.hcl). */
export function unsetGetenvReason(names: string[]): string {
  const calls = names.map((n) => `getenv(${JSON.stringify(n)})`);
  const list = calls.length > 1 ? `${calls.slice(0, -1).join(', ')} and ${calls[calls.length - 1]}` : calls[0];
  return `${list} ${calls.length > 1 ? 'are' : 'is'} not set (set ${calls.length > 1 ? 'them' : 'it'} in the environment or in .env beside atlas.hcl)`;
}

/** The message for an env whose url is empty or missing: names the unset getenv() it came from, when it did. */
export function missingUrlReason(env: ResolvedEnv): string {
  const names = env.unsetGetenv?.url;
  if (names?.length) return `url is empty: ${unsetGetenvReason(names)}`;
  return 'no url set (set url in the env block or pass --url)';
}
