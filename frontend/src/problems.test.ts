import { describe, expect, it } from 'vitest';
import { mayAccept, mayRectify, mayStart, problemWhere, sortProblems, stateLabel } from './problems';
import type { Viewer } from './scope';

const range = { from: '130681000000', to: '130681999999' };
function viewer(personID: string, perms: Partial<Viewer['permissions'][number]>[], orgs: { id: string; kind: string }[] = []): Viewer {
  return {
    name: 'x',
    mustChangePassword: false,
    roles: [],
    person: { id: personID, name: 'x', phone: '', positions: orgs.map((o, i) => ({ id: String(i), role: 'STAFF', grade: null, className: null, org: { id: o.id, name: '', kind: o.kind, isCentral: false, divisionCode: null, division: null } })) },
    permissions: perms.map((p) => ({ object: 'problem', action: 'read', all: false, assigned: false, villageRanges: [], schoolRanges: [], schoolIDs: [], ...p })),
  } as unknown as Viewer;
}
const base = { ownerID: '2', raisedByID: '5', raisedOrgID: '100', unitCode: '130681101000', unitOrgID: '200' };

describe('problems', () => {
  it('labels the states', () => {
    expect(stateLabel('IN_PROGRESS')).toBe('整改中');
    expect(stateLabel('CLOSED')).toBe('已销号');
  });

  it('filters by state and 再犯', () => {
    expect(problemWhere({ state: '', repeat: false })).toEqual({});
    expect(problemWhere({ state: 'PENDING', repeat: true })).toEqual({ state: 'PENDING', repeat: true });
    expect(problemWhere({ state: 'nonsense', repeat: false })).toEqual({});
  });

  it('puts overdue first, then the earliest deadline', () => {
    const rows = [
      { id: '1', overdue: false, deadline: '2026-12-01T00:00:00Z' },
      { id: '2', overdue: true, deadline: '2026-11-20T00:00:00Z' },
      { id: '3', overdue: false, deadline: '2026-11-01T00:00:00Z' },
      { id: '4', overdue: true, deadline: '2026-11-10T00:00:00Z' },
    ];
    expect(sortProblems(rows).map((r) => r.id)).toEqual(['4', '2', '3', '1']);
  });

  it('offers 开始整改 to the owner and to those who work the unit', () => {
    const owner = viewer('2', [{ action: 'work' }]);
    const school = viewer('9', [{ action: 'work', schoolIDs: ['200'] }]);
    const other = viewer('9', [{ action: 'work' }]);
    expect(mayStart(owner, { ...base, state: 'PENDING' })).toBe(true);
    expect(mayStart(school, { ...base, state: 'PENDING' })).toBe(true);
    expect(mayStart(other, { ...base, state: 'PENDING' })).toBe(false);
    expect(mayStart(owner, { ...base, state: 'IN_PROGRESS' })).toBe(false);
  });

  it('offers 提交整改 to the owner alone', () => {
    expect(mayRectify(viewer('2', []), { ...base, state: 'IN_PROGRESS' })).toBe(true);
    expect(mayRectify(viewer('9', [{ action: 'work', all: true }]), { ...base, state: 'IN_PROGRESS' })).toBe(false);
    expect(mayRectify(viewer('2', []), { ...base, state: 'RECTIFIED' })).toBe(false);
  });

  it('offers 验收销号 to the raiser and to the raising bureau with accept over an area', () => {
    const raiser = viewer('5', [{ action: 'accept' }]);
    const bureau = viewer('7', [{ action: 'accept', villageRanges: [range] }], [{ id: '100', kind: 'COUNTY_BUREAU' }]);
    const elsewhere = viewer('7', [{ action: 'accept', villageRanges: [range] }], [{ id: '101', kind: 'COUNTY_BUREAU' }]);
    const owner = viewer('2', [{ action: 'accept' }], [{ id: '200', kind: 'SCHOOL' }]);
    expect(mayAccept(raiser, { ...base, state: 'RECTIFIED' })).toBe(true);
    expect(mayAccept(bureau, { ...base, state: 'RECTIFIED' })).toBe(true);
    expect(mayAccept(elsewhere, { ...base, state: 'RECTIFIED' })).toBe(false);
    expect(mayAccept(owner, { ...base, state: 'RECTIFIED' })).toBe(false);
    expect(mayAccept(raiser, { ...base, state: 'IN_PROGRESS' })).toBe(false);
  });
});
