// atlasWorkbench.productionEnvPattern: parsing returns an error value (naming the bad pattern and the fallback)
// instead of falling back silently; the fallback still treats every default production name as production; each
// bad value is reported once; package.json says so in the settings UI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_PRODUCTION_PATTERN,
  FALLBACK_PRODUCTION_PATTERN,
  isProductionName,
  parseProductionPattern,
  PatternWarnings,
} from '../../../client/src/productionPattern';
import { defaultSettings } from '../../../server/src/protocol';

describe('workbench: productionEnvPattern', () => {
  it('a valid pattern is used as is, case-insensitive, with no error', () => {
    const r = parseProductionPattern('^(prd|main)$');
    assert.equal(r.error, undefined);
    assert.ok(r.regex.test('PRD'));
    assert.ok(!r.regex.test('prod'));
    assert.equal(DEFAULT_PRODUCTION_PATTERN, defaultSettings.productionEnvPattern);
  });

  it('an invalid pattern gives an error value naming it and the fallback', () => {
    const r = parseProductionPattern('^(prod');
    assert.match(
      r.error ?? '',
      /^atlasWorkbench\.productionEnvPattern "\^\(prod" is not a valid regular expression \(.*Unterminated group\); using "\^\(prod\|live\)" instead to decide which envs are production$/,
    );
    assert.equal(r.regex.source, FALLBACK_PRODUCTION_PATTERN);
    for (const bad of ['[', '*prod', '(?<x', 'a{2,1}']) assert.ok(parseProductionPattern(bad).error?.includes(JSON.stringify(bad)), bad);
  });

  it('the fallback covers every name the default pattern calls production', () => {
    const names = ['prod', 'production', 'live', 'prod-eu', 'PRODUCTION_2', 'live-us', 'Prod', 'staging', 'dev', 'local', 'products'];
    for (const n of names) {
      if (isProductionName(n, DEFAULT_PRODUCTION_PATTERN)) assert.ok(isProductionName(n, '^(prod'), `${n} stays production under the fallback`);
    }
    assert.equal(isProductionName('staging', '^(prod'), false);
  });

  it('each invalid value is reported once; valid values never', () => {
    const w = new PatternWarnings();
    assert.equal(w.take(DEFAULT_PRODUCTION_PATTERN), undefined);
    assert.match(w.take('^(prod') ?? '', /not a valid regular expression/);
    assert.equal(w.take('^(prod'), undefined);
    assert.match(w.take('[') ?? '', /"\["/);
  });

  it('the settings UI documents the fallback (markdownDescription)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
    const p = pkg.contributes.configuration.properties['atlasWorkbench.productionEnvPattern'];
    assert.ok(p.markdownDescription.includes(`\`${FALLBACK_PRODUCTION_PATTERN}\``), p.markdownDescription);
    assert.match(p.markdownDescription, /not a valid regular expression/);
  });
});
