/**
 * Child process of bench/ecs.bench.ts: `node --expose-gc --import tsx child.ts <suite> <case> <file>`
 * measures one case of one suite and writes what it measured as JSON to `file`.
 */
import { writeFileSync } from 'node:fs';
import { measureCase } from './measureCase.ts';
import type { CaseName } from './suite.ts';
import { SUITES } from './suites.ts';

const [suiteName, caseName, file] = process.argv.slice(2);
const suite = SUITES.find((s) => s.name === suiteName);
if (suite === undefined || file === undefined) {
  throw new Error(`usage: child.ts <suite> <case> <result file>; no suite ${suiteName}`);
}
writeFileSync(file, JSON.stringify(measureCase(suite, caseName as CaseName)));
