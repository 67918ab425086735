// Regenerates schemas/mqg4ai.schema.json (the JSON schema of `.mqg4ai.yaml` /
// `.mqg4ai.json` and of the `mqg4ai.*` settings' shapes). The `rules` section lists
// every diagnostic code from the registry, so the file must be regenerated when a
// code is added: `npm run generate:schema` (a test fails when it is out of date).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildConfigSchema } from '../server/src/config/configSchema';

const output = resolve(__dirname, '../schemas/mqg4ai.schema.json');
writeFileSync(output, `${JSON.stringify(buildConfigSchema(), null, 2)}\n`);
console.log(`Wrote ${output}`);
