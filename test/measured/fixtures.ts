// Reading the published measured-data fixtures (test/fixtures/measured/README.md says where each was published).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const FIXTURE_DIR = path.join(__dirname, '..', 'fixtures', 'measured');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURE_DIR, name), 'utf8');
}
