// Attribution shipped with the extension: THIRD_PARTY_NOTICES.md for the content sources, and the
// licences of the bundled npm packages generated at build time from esbuild's metafile.
// test/package/vsix.test.ts checks that both files are inside the .vsix.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundledPackages, renderNotices } from '../../../scripts/licenses/bundledLicenses.mjs';

const root = resolve(__dirname, '../../..');

describe('packaging: third-party notices', () => {
  it('names every content source with its licence: MQG4AI (Apache-2.0, its copyright holder), ALTAI, NCSC/CISA (OGL v3), AMLAS, the AI Act', () => {
    const text = readFileSync(join(root, 'THIRD_PARTY_NOTICES.md'), 'utf8');
    assert.match(text, /## MQG4AI/);
    assert.match(text, /Apache License, Version 2\.0/);
    assert.match(text, /Copyright 2025 @miriamelia/);
    assert.match(text, /TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION/, 'the Apache-2.0 text itself (section 4(a))');
    assert.match(text, /## ALTAI[\s\S]*Commission Decision\s+2011\/833\/EU/);
    assert.match(text, /Contains public sector information licensed under the Open Government Licence v3\.0/);
    assert.match(text, /## AMLAS[\s\S]*Hawkins/);
    assert.match(text, /Regulation \(EU\) 2024\/1689/);
  });

  it('has a README section "Sources and licences" pointing at both notice files', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Sources and licences'));
    assert.ok(readme.includes('## Sources and licences'));
    for (const needle of [
      'THIRD_PARTY_NOTICES.md',
      'dist/third-party-licenses.txt',
      'Apache License 2.0',
      'Open Government Licence v3.0',
      'AMLAS',
      '2011/833/EU',
    ])
      assert.ok(section.includes(needle), needle);
  });

  it('lists a bundled package with its declared licence and the text of its licence file', () => {
    // What esbuild's metafile says for a bundle that pulls in `yaml`.
    const packages = bundledPackages([{ inputs: { 'node_modules/yaml/dist/index.js': {}, 'server/src/lsp/main.ts': {} } }], root);
    assert.deepEqual(
      packages.map((p) => p.name),
      ['yaml'],
      'only inputs under node_modules are packages',
    );
    const [yaml] = packages;
    assert.equal(yaml.license, 'ISC');
    assert.ok(
      yaml.files.some((f) => /^LICENSE/i.test(f.name) && /Permission to use, copy, modify/.test(f.text)),
      'the ISC text of the package',
    );
    const notices = renderNotices(packages);
    assert.match(notices, new RegExp(`^- yaml ${yaml.version.replace(/\./g, '\\.')}: ISC$`, 'm'));
    assert.match(notices, /--- LICENSE ---/);
  });

  it('is written by the build and shipped: esbuild.mjs asks for the metafile, .vscodeignore lets both files in', () => {
    const build = readFileSync(join(root, 'esbuild.mjs'), 'utf8');
    assert.match(build, /metafile: true/);
    assert.match(build, /writeBundledLicenses\(results, 'dist\/third-party-licenses\.txt'\)/);
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/third-party-licenses.txt') && ignore.includes('!THIRD_PARTY_NOTICES.md'));
  });
});
