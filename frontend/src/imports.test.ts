import { describe, expect, test } from 'vitest';
import { checkFile, mayImport, progressPercent } from './imports';

describe('imports', () => {
  test('progress fills while checking and ends at 100', () => {
    expect(progressPercent({ state: 'QUEUED', rowsTotal: 0, rowsChecked: 0 })).toBe(0);
    expect(progressPercent({ state: 'CHECKING', rowsTotal: 20000, rowsChecked: 10000 })).toBe(45);
    expect(progressPercent({ state: 'CHECKING', rowsTotal: 10, rowsChecked: 10 })).toBe(90);
    expect(progressPercent({ state: 'STORING', rowsTotal: 10, rowsChecked: 10 })).toBe(95);
    expect(progressPercent({ state: 'FAILED', rowsTotal: 10, rowsChecked: 3 })).toBe(100);
  });
  test('only .xlsx and .csv up to 20 MB', () => {
    expect(checkFile({ name: '名单.XLSX', size: 10 })).toBeNull();
    expect(checkFile({ name: '名单.csv', size: 10 })).toBeNull();
    expect(checkFile({ name: '名单.xls', size: 10 })).toContain('另存为');
    expect(checkFile({ name: '名单.xlsx', size: 21 << 20 })).toContain('20 MB');
  });
  test('the page is for those who keep a registry', () => {
    const p = (object: string, action: string) => ({ object, action, all: false, assigned: false, villageRanges: [], schoolRanges: [], schoolIDs: [] });
    expect(mayImport({ permissions: [p('household', 'write')] })).toBe(true);
    expect(mayImport({ permissions: [p('student', 'write_enrollment')] })).toBe(true);
    expect(mayImport({ permissions: [p('household', 'read')] })).toBe(false);
  });
});
