import { describe, expect, it } from 'vitest';
import {
  absencePayload,
  absenceVariables,
  absentFor,
  chinaTime,
  daysBetween,
  isZero,
  ledgerKey,
  mayCloseCase,
  mayReportAbsence,
  mayViewDropout,
  mayWorkCase,
  offerAbsenceOnList,
  pendingAbsence,
  sortSteps,
  stepState,
  stepText,
  tileHint,
  validateAbsence,
} from './dropout';
import type { OutboxItem } from './offline/outbox';
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
type Pos = NonNullable<NonNullable<Viewer['person']>['positions']>[number];
const viewer = (permissions: P[], positions: Partial<Pos>[] = []): Pick<Viewer, 'person' | 'permissions'> => ({
  permissions,
  person: { id: '7', name: '张丽', phone: '13900000003', positions: positions as Pos[] },
});
const kid = { id: '1', villageCode: '130681100201', grade: 3, className: '2班', school: { id: '10', divisionCode: '130681100000' }, contactPerson: null };

describe('absence form and payload', () => {
  it('wants a date not after today and a short reason', () => {
    expect(validateAbsence({ absentSince: '', reason: '' }, '2026-11-10')).toEqual({ absentSince: '请选择缺勤开始日期' });
    expect(validateAbsence({ absentSince: '2026-11-11', reason: '' }, '2026-11-10').absentSince).toBe('缺勤开始日期不能晚于今天');
    expect(validateAbsence({ absentSince: '2026-11-10', reason: 'x'.repeat(501) }, '2026-11-10').reason).toBe('原因最多500字');
    expect(validateAbsence({ absentSince: '2026-11-10', reason: '生病' }, '2026-11-10')).toEqual({});
  });
  it('sends the outbox item id as the uuid, and no empty reason', () => {
    const p = absencePayload('1', '学生一', { absentSince: '2026-11-10', reason: '  ' });
    expect(p).toEqual({ input: { studentID: '1', absentSince: '2026-11-10' }, studentName: '学生一' });
    expect(absenceVariables({ id: 'u-1', payload: p })).toEqual({ input: { studentID: '1', absentSince: '2026-11-10', uuid: 'u-1' } });
    expect(absencePayload('1', 'a', { absentSince: '2026-11-10', reason: ' 生病 ' }).input.reason).toBe('生病');
  });
  it('finds the student\'s report still on the phone', () => {
    const item = (state: OutboxItem['state'], studentID: string, kind = 'absence') =>
      ({ id: studentID + state, kind, state, payload: { input: { studentID } } }) as unknown as OutboxItem;
    expect(pendingAbsence([item('sent', '1'), item('pending', '2'), item('pending', '1', 'contact')], '1')).toBeNull();
    expect(pendingAbsence([item('failed', '1')], '1')?.id).toBe('1failed');
  });
});

describe('steps and days', () => {
  it('reads a step as done, overdue or due, in China time', () => {
    expect(stepState({ doneAt: '2026-11-10T02:00:00Z', overdue: true })).toBe('done');
    expect(stepState({ overdue: true })).toBe('overdue');
    expect(chinaTime('2026-11-10T16:00:00Z')).toBe('11月11日 00:00');
    expect(stepText({ dueAt: '2026-11-10T16:00:00Z', overdue: true })).toBe('已逾期：应于 11月11日 00:00 前完成');
    expect(stepText({ dueAt: '2026-11-10T16:00:00Z', overdue: false })).toBe('应于 11月11日 00:00 前完成');
    expect(stepText({ dueAt: 'x', doneAt: '2026-11-10T02:05:00Z', overdue: false, doneBy: { name: '张丽' } })).toBe('已完成：11月10日 10:05 · 张丽');
  });
  it('orders the steps as they fall due', () => {
    const s = (kind: string) => ({ kind, dueAt: '2026-11-10T00:00:00Z' });
    expect(sortSteps([s('COUNTY_REPORT'), s('HOME_VISIT'), s('JOINT_VISIT'), s('SCHOOL_OFFICE')]).map((x) => x.kind)).toEqual([
      'HOME_VISIT',
      'SCHOOL_OFFICE',
      'JOINT_VISIT',
      'COUNTY_REPORT',
    ]);
    expect(sortSteps(null)).toEqual([]);
  });
  it('counts days absent from the first day', () => {
    expect(daysBetween('2026-11-08', '2026-11-10')).toBe(2);
    expect(absentFor('2026-11-10', '2026-11-10')).toBe('今天起缺勤');
    expect(absentFor('2026-11-08', '2026-11-10')).toBe('已缺勤3天');
  });
});

describe('dashboard', () => {
  const zero = { schoolAge: 9, studying: 9, studyingNowhere: 0, suspected: 0, dropouts: 0, longOpen: 0, closedThisTerm: 2, absencesOpen: 1, absencesOverdue: 0 };
  it('is 零辍学 with no open case and no child studying nowhere', () => {
    expect(isZero(zero)).toBe(true);
    expect(isZero({ ...zero, studyingNowhere: 1 })).toBe(false);
    expect(tileHint({ ...zero, longOpen: 2 }, 'suspected')).toBe('其中超过30天未结案 2 件（合计）');
    expect(tileHint(zero, 'absencesOverdue')).toBe('未结束的缺勤报告 1 份');
  });
  it('opens the cases ledger unless told otherwise', () => {
    expect(ledgerKey('absences')).toBe('absences');
    expect(ledgerKey('x')).toBe('cases');
    expect(ledgerKey(null)).toBe('cases');
  });
});

describe('who may do what', () => {
  it('lets a teacher of the school report, not work cases', () => {
    const v = viewer([perm('absence', 'write', { schoolIDs: ['10'] }), perm('absence', 'read', { schoolIDs: ['10'] })]);
    expect(mayReportAbsence(v, kid)).toBe(true);
    expect(mayReportAbsence(v, { ...kid, school: { id: '11' } })).toBe(false);
    expect(mayWorkCase(v, kid)).toBe(false);
    expect(mayViewDropout(v)).toBe(true);
  });
  it('lets a head teacher work the cases of their class only', () => {
    const v = viewer([perm('dropout', 'write')], [{ role: 'HEAD_TEACHER', grade: 3, className: '2班', org: { id: '10' } as Pos['org'] }]);
    expect(mayWorkCase(v, kid)).toBe(true);
    expect(mayWorkCase(v, { ...kid, className: '1班' })).toBe(false);
  });
  it('lets the contact person report, and the county close', () => {
    const v = viewer([perm('absence', 'write', { assigned: true })]);
    expect(mayReportAbsence(v, { ...kid, contactPerson: { id: '7' } })).toBe(true);
    expect(mayReportAbsence(v, kid)).toBe(false);
    const county = viewer([perm('dropout', 'close', { villageRanges: [{ from: '130681000000', to: '130681999999' }] })]);
    expect(mayCloseCase(county, kid)).toBe(true);
    expect(mayCloseCase(county, { ...kid, villageCode: '130682000001' })).toBe(false);
    expect(mayViewDropout(viewer([]))).toBe(false);
  });
  it('offers 报告缺勤 on list rows to the school staff and the contact person, not the county', () => {
    const head = viewer([perm('absence', 'write')], [{ role: 'HEAD_TEACHER', grade: 3, className: '2班', org: { id: '10' } as Pos['org'] }]);
    expect(offerAbsenceOnList(head, kid)).toBe(true);
    expect(offerAbsenceOnList(head, { ...kid, className: '1班' })).toBe(false);
    const contact = viewer([perm('absence', 'write', { assigned: true })]);
    expect(offerAbsenceOnList(contact, { ...kid, contactPerson: { id: '7' } })).toBe(true);
    const county = viewer([perm('absence', 'write', { all: true })]);
    expect(mayReportAbsence(county, kid)).toBe(true);
    expect(offerAbsenceOnList(county, kid)).toBe(false);
    expect(offerAbsenceOnList(null, kid)).toBe(false);
  });
});
