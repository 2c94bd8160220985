// Bench: generate-migration end to end (replay a 100-file folder, load the desired schema, diff, write the
// file + atlas.sum) on the embedded PGlite dev database, as a user runs it: edit the desired schema, generate, keep
// the new file, repeat. Warm runs replay only the new file on the kept state (migrate/diffCurrent.ts); the peer,
// in the same run, is the same loop replaying the whole folder from clean each time (what every run did before).
// Goal (issue 13) ≤ 200 ms warm; the cold start (embedded server not running yet) is reported too.
// Run: node --import tsx bench/diff-speed.ts   (BENCH_FILES=1000 for a bigger folder)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMigration } from '../server/src/migrate/diff';
import { openDevDatabase, stopEmbeddedServer } from '../server/src/db/dev';
import { forgetCurrentStates } from '../server/src/migrate/diffCurrent';
import { writeFolder } from './generatedProject';
import { machineLoad } from './machineLoad';

const FILES = Number(process.env.BENCH_FILES ?? 100);

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-diffbench-'));
  const dir = path.join(work, 'migrations');
  const all = writeFolder(dir, FILES);
  const base = `${all}CREATE TABLE audit (id bigserial PRIMARY KEY, at timestamptz NOT NULL, what text);\nCREATE INDEX audit_at ON audit (at);\n`;
  let edits = 0;
  let clock = Date.UTC(2025, 0, 1);
  // One edit of the desired schema (a new column on audit), then generate; the new file stays in the folder.
  const once = async (full: boolean): Promise<{ ms: number; replayed: number; reused: number }> => {
    edits++;
    const cols = Array.from({ length: edits }, (_, k) => `, c${k} int`).join('');
    fs.writeFileSync(path.join(work, 'schema.sql'), base.replace('what text)', `what text${cols})`));
    if (full) {
      forgetCurrentStates();
      await (await openDevDatabase()).close(); // an ordinary lease resets the dev database: nothing kept
    }
    const t = performance.now();
    const r = await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'audit', cwd: work, date: new Date((clock += 1000)) });
    const ms = performance.now() - t;
    if (!r.file || !/"audit"/.test(r.content)) throw new Error(`unexpected plan:\n${r.content}`);
    return { ms, replayed: r.replay.files, reused: r.replay.reused };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  const loadBefore = machineLoad();
  try {
    await stopEmbeddedServer();
    const cold = await once(false);
    // Two unmeasured runs let the embedded server's WASM warm up, as it would in an editor session.
    await once(false);
    await once(false);
    const warm: number[] = [];
    const peer: number[] = [];
    let replayed = 0;
    let reused = 0;
    for (let i = 0; i < 5; i++) {
      const w = await once(false);
      warm.push(w.ms);
      replayed += w.replayed;
      reused += w.reused;
      peer.push((await once(true)).ms);
    }
    console.log(
      `diff-speed: ${FILES}-file folder, embedded PGlite dev database; cold ${cold.ms.toFixed(0)} ms; ` +
        `warm median ${median(warm).toFixed(0)} ms (runs ${fmt(warm)}; replayed ${replayed / 5} file per run, ${Math.round(reused / 5)} reused); ` +
        `whole-folder replay, same run: median ${median(peer).toFixed(0)} ms (runs ${fmt(peer)}) → ${(median(warm) / median(peer)).toFixed(2)}x; ` +
        `goal ≤ 200 ms warm → ${(median(warm) / 200).toFixed(2)}x of budget; ${loadBefore} at start, ${machineLoad()} at end`,
    );
  } finally {
    await stopEmbeddedServer();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
