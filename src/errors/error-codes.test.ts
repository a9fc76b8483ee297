import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes } from './error-codes.js';

const catalogue = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

/** The rows of the tables in docs/errors.md: `| \`code\` | statuses | meaning | action |`. */
const rows = catalogue
  .split('\n')
  .map((line) => /^\|\s*`([a-z0-9_]+)`\s*\|([^|]+)\|([^|]+)\|([^|]+)\|\s*$/.exec(line))
  .filter((match): match is RegExpExecArray => match !== null)
  .map(([, code, statuses]) => ({
    code: code ?? '',
    statuses: (statuses ?? '').split(',').map((status) => Number(status.trim())),
  }));

describe('the error catalogue', () => {
  it('should document every code of error-codes.ts in docs/errors.md', () => {
    const documented = new Set(rows.map((row) => row.code));

    expect(Object.keys(errorCodes).filter((code) => !documented.has(code))).toEqual([]);
  });

  it('should list in docs/errors.md no code that error-codes.ts lacks', () => {
    expect(rows.map((row) => row.code).filter((code) => !(code in errorCodes))).toEqual([]);
  });

  it('should document each code once', () => {
    const codes = rows.map((row) => row.code);

    expect(codes.filter((code, index) => codes.indexOf(code) !== index)).toEqual([]);
  });

  it('should give each code the HTTP statuses of an error', () => {
    const wrong = rows.filter(
      (row) => !row.statuses.every((status) => status >= 400 && status < 600),
    );

    expect(wrong).toEqual([]);
  });
});
