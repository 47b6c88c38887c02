import { describe, expect, it } from 'vitest';
import { exportURL, gapExport, ledgerExport, placeParams } from './exports';

describe('exports', () => {
  it('builds the URL with the filters that are set', () => {
    expect(exportURL('village-ledger')).toBe('/exports/village-ledger.xlsx');
    expect(exportURL('village-ledger', { division: '130681100200', school: '', month: null })).toBe('/exports/village-ledger.xlsx?division=130681100200');
    expect(exportURL('unsigned', { term: '2026—2027学年', school: '7' })).toBe('/exports/unsigned.xlsx?term=2026%E2%80%942027%E5%AD%A6%E5%B9%B4&school=7');
  });
  it('maps a coverage place and its gap lists', () => {
    expect(placeParams({ orgID: '12' })).toEqual({ school: '12' });
    expect(placeParams({ divisionCode: '130681000000' })).toEqual({ division: '130681000000' });
    expect(gapExport('households', { divisionCode: '130681000000' })).toBe('/exports/gaps.xlsx?gap=households&division=130681000000');
    expect(gapExport('overdue', { orgID: '3' })).toBe('/exports/overdue.xlsx?school=3');
  });
  it('exports a dropout ledger tab with its place and filter', () => {
    expect(ledgerExport('cases', { divisionCode: '130681100000' })).toBe('/exports/dropout-cases.xlsx?division=130681100000');
    expect(ledgerExport('absences', { orgID: '5' })).toBe('/exports/absence-reports.xlsx?school=5');
    expect(ledgerExport('children', null, { nowhere: '1' })).toBe('/exports/school-age.xlsx?nowhere=1');
    expect(ledgerExport('children', { orgID: '5' }, { nowhere: '' })).toBe('/exports/school-age.xlsx?school=5');
  });
});
