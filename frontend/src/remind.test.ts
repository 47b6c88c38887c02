import { describe, expect, it } from 'vitest';
import {
  auditTarget,
  auditWhere,
  auditXlsxHref,
  badgeText,
  familiesReminder,
  keepsOutbox,
  mayReadAudit,
  overdueXlsxHref,
  scopeDivision,
  telHref,
  waitingText,
} from './remind';
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
const county = [{ from: '130681000000', to: '130681999999' }];

function viewer(roles: string[], permissions: P[], orgs: { id: string; kind: string; isCentral?: boolean; code: string; level: string }[] = []): Viewer {
  return {
    name: '某人',
    mustChangePassword: false,
    roles: roles.map((key) => ({ key, label: key })),
    permissions,
    person: {
      id: '1',
      name: '某人',
      phone: '13900000000',
      positions: orgs.map((o, i) => ({
        id: String(i),
        role: 'TEACHER',
        grade: null,
        className: null,
        org: { id: o.id, name: o.id, kind: o.kind, isCentral: !!o.isCentral, divisionCode: o.code, division: { id: o.code, name: o.code, code: o.code, level: o.level } },
      })),
    },
  } as unknown as Viewer;
}

describe('reminder words', () => {
  it('says how many families are left and the days', () => {
    expect(familiesReminder(3, 5)).toBe('本月还有 3 户未联系，还剩 5 天');
    expect(familiesReminder(0, 5)).toBeNull();
    expect(familiesReminder(null, 5)).toBeNull();
  });
  it('caps the badge', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(150)).toBe('99+');
  });
  it('says how long the oldest agreement waited', () => {
    expect(waitingText(null)).toBe('');
    expect(waitingText(0)).toBe('最早一份今天下发');
    expect(waitingText(12)).toBe('最久已等 12 天');
  });
  it('dials only digits', () => {
    expect(telHref('139 0000-0003')).toBe('tel:13900000003');
    expect(telHref('')).toBeNull();
  });
});

describe('scopeDivision', () => {
  it('is the bureau’s division, the central school’s township, or the school’s place', () => {
    const bureau = viewer(['county_admin'], [perm('household', 'read', { villageRanges: county })], [
      { id: 'b', kind: 'COUNTY_BUREAU', code: '130681000000', level: 'COUNTY' },
    ]);
    expect(scopeDivision(bureau)).toBe('130681000000');
    expect(overdueXlsxHref(scopeDivision(bureau))).toBe('/exports/overdue.xlsx?division=130681000000');
    const central = viewer(['school_leader', 'central_leader'], [perm('student', 'read', { schoolIDs: ['c'] })], [
      { id: 'c', kind: 'SCHOOL', isCentral: true, code: '130681100000', level: 'TOWNSHIP' },
    ]);
    expect(scopeDivision(central)).toBe('130681100000');
    const school = viewer(['school_leader'], [perm('student', 'read', { schoolIDs: ['k'] })], [
      { id: 'k', kind: 'SCHOOL', code: '130681101000', level: 'TOWNSHIP' },
    ]);
    expect(scopeDivision(school)).toBe('130681101000');
    expect(scopeDivision(viewer(['teacher'], [], [{ id: 'k', kind: 'SCHOOL', code: '130681101000', level: 'TOWNSHIP' }]))).toBeNull();
    expect(overdueXlsxHref(null)).toBeNull();
  });
});

describe('keepsOutbox', () => {
  const assignedOnly = [perm('contact', 'write', { assigned: true })];
  it('is for those who log contacts', () => {
    expect(keepsOutbox(viewer(['teacher'], assignedOnly), 0)).toBe(true);
    expect(keepsOutbox(viewer(['school_leader'], [perm('contact', 'write', { schoolIDs: ['1'] })]), 0)).toBe(true);
    expect(keepsOutbox(viewer(['county_admin'], [perm('contact', 'write', { villageRanges: county })]), 0)).toBe(true);
  });
  it('is not for overseers and inspectors, unless something waits in it', () => {
    expect(keepsOutbox(viewer(['overseer', 'area_reader'], assignedOnly), 0)).toBe(false);
    expect(keepsOutbox(viewer(['inspector', 'area_reader'], assignedOnly), 0)).toBe(false);
    expect(keepsOutbox(viewer(['inspector'], assignedOnly), 1)).toBe(true);
  });
});

describe('audit log', () => {
  it('is read by those granted it', () => {
    expect(mayReadAudit(viewer(['inspector'], [perm('auditlog', 'read', { villageRanges: county })]))).toBe(true);
    expect(mayReadAudit(viewer(['teacher'], []))).toBe(false);
  });
  it('filters by person, target, action and days in China time', () => {
    expect(auditWhere({})).toBeNull();
    expect(auditWhere({ person: ' 李文静 ' })).toEqual({ actorNameContains: '李文静' });
    expect(auditWhere({ person: '李', target: '王', action: 'EXPORT', from: '2026-11-01', to: '2026-11-30' })).toEqual({
      and: [
        { actorNameContains: '李' },
        { or: [{ studentNameContains: '王' }, { subjectContains: '王' }] },
        { action: 'EXPORT' },
        { atGTE: '2026-11-01T00:00:00+08:00' },
        { atLT: '2026-12-01T00:00:00+08:00' },
      ],
    });
    expect(auditWhere({ action: 'DROP', from: '11/01' })).toBeNull();
  });
  it('links the spreadsheet with the same filter', () => {
    expect(auditXlsxHref({ person: '李', from: '2026-11-01', action: 'EXPORT' })).toBe(
      '/exports/auditlog.xlsx?person=%E6%9D%8E&target=&from=2026-11-01&to=&action=EXPORT',
    );
  });
  it('names what an export was about', () => {
    expect(auditTarget({ action: 'EXPORT', subject: '村台账 涿州市', rows: 120 })).toBe('村台账 涿州市（120 行）');
    expect(auditTarget({ action: 'VIEW_STUDENT', studentName: '王小明' })).toBe('王小明');
  });
});
