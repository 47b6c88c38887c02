import { describe, expect, it } from 'vitest';
import { codePrefix, defaultPlace, gapCount, gapKind, gapText, gapTotal, mayGoUpTo, monthKeyLabel, placeFromQuery, placeQuery, within } from './coverage';
import type { Viewer } from './scope';

type P = Viewer['permissions'][number];
const perm = (object: string, action: string, p: Partial<P> = {}): P => ({
  object,
  action,
  all: false,
  assigned: false,
  villageRanges: [],
  schoolRanges: [],
  schoolIDs: [],
  ...p,
});
const org = (id: string, kind: string, code: string, level: string, isCentral = false) => ({
  id,
  name: id,
  kind,
  isCentral,
  divisionCode: code,
  division: { id: `d${code}`, name: code, code, level },
});
const viewer = (roles: string[], positions: ReturnType<typeof org>[], permissions: P[] = []): Viewer =>
  ({
    name: 'x',
    person: { id: 'me', name: 'x', phone: '', positions: positions.map((o, i) => ({ id: `pos${i}`, role: 'PRINCIPAL', grade: null, className: null, org: o })) },
    roles: roles.map((key) => ({ key, label: key })),
    permissions,
  }) as unknown as Viewer;

const bureau = org('b1', 'COUNTY_BUREAU', '130681000000', 'COUNTY');
const central = org('s1', 'SCHOOL', '130681100000', 'TOWNSHIP', true);
const village = org('s2', 'SCHOOL', '130681100200', 'VILLAGE');

describe('where coverage opens', () => {
  it('at the county for its bureau, the township for a central school, the school for another', () => {
    expect(defaultPlace(viewer(['county_aid'], [bureau]))).toEqual({ divisionCode: '130681000000' });
    expect(defaultPlace(viewer(['school_leader', 'central_leader'], [central], [perm('student', 'read', { schoolIDs: ['s1'] })]))).toEqual({
      divisionCode: '130681100000',
    });
    expect(defaultPlace(viewer(['school_leader'], [village], [perm('student', 'read', { schoolIDs: ['s2'] })]))).toEqual({ orgID: 's2' });
    expect(defaultPlace(viewer(['teacher'], [village]))).toBeNull();
    expect(defaultPlace(null)).toBeNull();
  });

  it('follows the URL, else the viewer', () => {
    const v = viewer(['county_aid'], [bureau]);
    expect(placeFromQuery({ division: '130681100000' }, v)).toEqual({ divisionCode: '130681100000' });
    expect(placeFromQuery({ org: 's1' }, v)).toEqual({ orgID: 's1' });
    expect(placeFromQuery({ division: 'drop table' }, v)).toEqual({ divisionCode: '130681000000' });
    expect(placeQuery({ orgID: 's1' })).toEqual({ org: 's1' });
    expect(placeQuery({ divisionCode: '130681100000' })).toEqual({ division: '130681100000' });
  });

  it('goes up only within the viewer’s own place', () => {
    const county = viewer(['county_aid'], [bureau]);
    expect(mayGoUpTo('130681000000', county)).toBe(true);
    expect(mayGoUpTo('130681100000', county)).toBe(true);
    expect(mayGoUpTo('130600000000', county)).toBe(false);
    const town = viewer(['school_leader', 'central_leader'], [central]);
    expect(mayGoUpTo('130681100000', town)).toBe(true);
    expect(mayGoUpTo('130681000000', town)).toBe(false);
    expect(mayGoUpTo(null, county)).toBe(false);
  });
});

describe('division codes', () => {
  it('keeps the significant digits', () => {
    expect(codePrefix('130000000000')).toBe('13');
    expect(codePrefix('130600000000')).toBe('1306');
    expect(codePrefix('130681000000')).toBe('130681');
    expect(codePrefix('130681100000')).toBe('130681100');
    expect(codePrefix('130681100200')).toBe('130681100200');
    expect(within('130681100200', '130681100000')).toBe(true);
    expect(within('130681200200', '130681100000')).toBe(false);
  });
});

describe('gaps', () => {
  const row = { villages: { total: 33, gaps: 3 }, households: { total: 190, gaps: 0 }, students: { total: 300, gaps: 16 }, overdue: 85 };
  it('counts each list and says 已清零 at zero', () => {
    expect(gapCount(row, 'villages')).toBe(3);
    expect(gapCount(row, 'overdue')).toBe(85);
    expect(gapTotal(row, 'overdue')).toBe(190);
    expect(gapText(gapCount(row, 'households'))).toBe('已清零');
    expect(gapText(3)).toBe('缺 3');
  });

  it('knows what each list is assigned as', () => {
    expect(gapKind('villages')?.assign).toBe('VILLAGE');
    expect(gapKind('students')?.role).toBe('帮扶联系人');
    expect(gapKind('overdue')?.assign).toBeNull();
    expect(gapKind('nope')).toBeUndefined();
    expect(monthKeyLabel('2026-11')).toBe('2026年11月');
  });
});
