// Process entry of the bundled CLI (dist/cli.js loads the ESM chunk built from this file; see scripts/build.mjs).
// Only the command being run is loaded: commands.ts imports each command module lazily, and esbuild splits them.
import { createRequire } from 'node:module';
import { runCli } from './main';
import { processIO } from './io';

/** Long-running commands: they keep V8's default WebAssembly tiering (TurboFan for hot PGlite/parser code). */
const LONG_RUNNING = new Set(['lsp', 'devdb']);

/** One-shot commands that compile no WebAssembly: they skip loading node:v8 (it pulls in node:stream, ~10 ms of CPU). */
const NO_WASM = new Set(['migrate hash']);

/**
 * One-shot commands compile WebAssembly with Liftoff only. With the default dynamic tiering V8 recompiles
 * hot functions (the libpg-query grammar's giant parse loop) with TurboFan on a background thread, and the
 * process waits for that job before it exits: ~300 ms of CPU per run for a speed-up the run never uses
 * (measured in bench/lint-speed.ts). Must run before any WebAssembly module is compiled.
 */
export function tuneForOneShot(argv: string[]): void {
  if (LONG_RUNNING.has(argv[0] ?? '') || NO_WASM.has(argv.slice(0, 2).join(' ')) || process.env.ATLAS_WB_WASM_TIERUP === '1') return;
  const { setFlagsFromString } = createRequire(__filename)('node:v8') as typeof import('node:v8');
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
}

const argv = process.argv.slice(2);
tuneForOneShot(argv);
void runCli(argv, processIO()).then((code) => {
  if (argv[0] !== 'lsp') process.exit(code);
});
