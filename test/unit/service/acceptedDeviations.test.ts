import assert from 'node:assert/strict';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { buildCoverageReport } from '../../../server/src/engine/coverageReport';
import { buildIndex } from '../helpers';

describe('service: the exported coverage report lists accepted deviations', () => {
  it('lists findings silenced by mqg4ai-disable comments with their reasons, as the CLI does', async () => {
    const { index } = await buildIndex({
      '/ws/a.md': '# A\n\n<!-- mqg4ai-disable-next-line link.missing-file -- delivered with release 2 -->\nThe [manual](./manual.md).\n\n[Other](./other.md)\n',
      '/ws/b.md': '# B\n',
    });
    const provider = {
      provideReport: (request: Parameters<typeof buildCoverageReport>[2], token: typeof neverCancelled) =>
        buildCoverageReport(index, altaiCatalogue(), request, token, () => undefined),
    };
    const data = JSON.parse(provider.provideReport({ format: 'json', rootPath: '/ws' }, neverCancelled).content) as {
      summary: { acceptedDeviations: number };
      acceptedDeviations: Array<{ file: string; line: number; code: string; reason: string }>;
    };
    assert.equal(data.summary.acceptedDeviations, 1);
    assert.deepEqual(
      data.acceptedDeviations.map((d) => `${d.file}:${d.line} ${d.code} ${d.reason}`),
      ['a.md:4 link.missing-file delivered with release 2'],
    );
    const md = provider.provideReport({ format: 'md', rootPath: '/ws' }, neverCancelled).content;
    assert.match(md, /^## Accepted deviations \(1\)$/m);
  });
});
