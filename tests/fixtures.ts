/** Where the shared fixtures live: ../shared/fixtures beside the repository (never copied in). */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = process.env.EARSHOT_FIXTURES ?? resolve(here, '../../shared/fixtures');
export const fixturePath = (...parts: string[]): string => resolve(FIXTURES, ...parts);
export const readFixture = (...parts: string[]): string => readFileSync(fixturePath(...parts), 'utf8');
export const readFixtureJson = <T = unknown>(...parts: string[]): T => JSON.parse(readFixture(...parts)) as T;
