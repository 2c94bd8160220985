// The resolved view of one env of an atlas.hcl, as every engine command consumes it.
// Produced by config/resolve.ts (resolveEnv); flags given on the CLI win over these values (Atlas's maySetFlag).

export interface AnalyzerConfig {
  error?: boolean;
  [key: string]: unknown;
}

export interface LintConfig {
  latest?: number;
  git?: { base?: string; dir?: string };
  format?: string;
  review?: string;
  /** per analyzer (destructive, data_depend, incompatible, condrop, concurrent_index, naming, ...) */
  analyzers: Record<string, AnalyzerConfig>;
}

export interface DiffConfig {
  skip: Record<string, boolean>;
  concurrentIndex?: { add?: boolean; create?: boolean; drop?: boolean };
}

export interface ResolvedEnv {
  /** atlas.hcl path (absolute); relative file:// URLs resolve against its folder */
  configPath: string;
  name?: string;
  url?: string;
  devUrl?: string;
  /** desired-state URLs (file://…, env src, data source urls); non-URL strings already turned into file://<abs> */
  src: string[];
  schemas: string[];
  exclude: string[];
  migration: {
    dir?: string;
    format?: string;
    baseline?: string;
    execOrder?: string;
    lockTimeout?: string;
    revisionsSchema?: string;
    exclude?: string[];
  };
  lint: LintConfig;
  diff: DiffConfig;
  /** format.migrate.{apply,diff,lint,status,down} and format.schema.{...} templates */
  format: Record<string, string>;
  /** external_schema data sources referenced by src: program + working dir, to run to get SQL */
  externalSchemas: Record<string, { program: string[]; workingDir?: string }>;
  /** extra attributes of the env block (Atlas passes them as input variables) */
  extra: Record<string, unknown>;
  /** values that could not be resolved statically (getenv unset, data.sql …): attribute → reason */
  unresolved: Record<string, string>;
  /** getenv() names that were unset ("") while evaluating an attribute: attribute key (url, dev, …) → names */
  unsetGetenv?: Record<string, string[]>;
}

export interface ResolveOptions {
  /** atlas.hcl path; default <cwd>/atlas.hcl */
  configPath: string;
  env?: string;
  /** --var k=v */
  vars?: Record<string, string>;
  /** process environment for getenv() (plus .env file values) */
  environ?: Record<string, string | undefined>;
  /** the .env file read before getenv() (default: `.env` in the atlas.hcl folder, if there is one; '' for none) */
  dotenvPath?: string;
}
