// `atlasWorkbench.productionEnvPattern`: which env names count as production (Apply/Down/Set ask for the name to be
// typed). Pure (no vscode): the settings check and the guard share it, unit tests cover it.

import { defaultSettings } from '../../server/src/protocol';

/** The setting's default: one home, the server's `defaultSettings` (package.json's default is checked against it). */
export const DEFAULT_PRODUCTION_PATTERN = defaultSettings.productionEnvPattern;
/** Used instead of an invalid pattern: matches every name the default matches (and more), so the guard errs on the safe side. */
export const FALLBACK_PRODUCTION_PATTERN = '^(prod|live)';

export interface ProductionPattern {
  /** the pattern in force (the fallback when the setting is invalid) */
  regex: RegExp;
  /** why the configured pattern was not used, naming it and the fallback */
  error?: string;
}

/** Parses the setting (case-insensitive); an invalid regular expression gives the fallback and an error value. */
export function parseProductionPattern(pattern: string | undefined): ProductionPattern {
  const p = pattern ?? DEFAULT_PRODUCTION_PATTERN;
  try {
    return { regex: new RegExp(p, 'i') };
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
    return {
      regex: new RegExp(FALLBACK_PRODUCTION_PATTERN, 'i'),
      error:
        `atlasWorkbench.productionEnvPattern ${JSON.stringify(p)} is not a valid regular expression (${why}); ` +
        `using ${JSON.stringify(FALLBACK_PRODUCTION_PATTERN)} instead to decide which envs are production`,
    };
  }
}

export function isProductionName(name: string, pattern: string | undefined): boolean {
  return parseProductionPattern(pattern).regex.test(name);
}

/** Remembers which invalid patterns were already reported, so each is reported once per session. */
export class PatternWarnings {
  private seen = new Set<string>();
  /** The error to report for this pattern now, or undefined (valid, or already reported). */
  take(pattern: string | undefined): string | undefined {
    const r = parseProductionPattern(pattern);
    if (!r.error || this.seen.has(pattern ?? '')) return undefined;
    this.seen.add(pattern ?? '');
    return r.error;
  }
}
