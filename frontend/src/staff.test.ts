import { describe, expect, it } from 'vitest';
import type { HandoverRowFragment, StaffPositionFragment } from '@/gql/graphql';
import {
  checkPassword,
  checkPerson,
  checkPosition,
  classOf,
  handoverRow,
  normalizePhone,
  orphanReason,
  positionInput,
  positionLabel,
  rolesOf,
  splitPositions,
  statusLabel,
  unitsOf,
} from './staff';

const school = { id: 's1', name: '松林店镇中心校', kind: 'SCHOOL' as const, schoolType: 'NINE_YEAR' as const };
const bureau = { id: 'b1', name: '涿州市教育和体育局', kind: 'COUNTY_BUREAU' as const, schoolType: null };
function pos(p: Partial<StaffPositionFragment>): StaffPositionFragment {
  return { id: '1', role: 'TEACHER', grade: null, className: null, startedAt: '2025-09-01T00:00:00+08:00', endedAt: null, endReason: null, org: school, ...p };
}

describe('positions', () => {
  const ps = [
    pos({ id: '1', role: 'TEACHER' }),
    pos({ id: '2', role: 'HEAD_TEACHER', grade: 4, className: '2班' }),
    pos({ id: '3', role: 'AID_OFFICER', org: bureau, endedAt: '2026-03-01T00:00:00+08:00', endReason: '调动' }),
    pos({ id: '4', role: 'TEACHER', org: bureau, endedAt: '2026-05-01T00:00:00+08:00', endReason: '免职' }),
  ];
  it('splits positions in force from history, newest ended first', () => {
    const { current, ended } = splitPositions(ps);
    expect(current.map((p) => p.id)).toEqual(['1', '2']);
    expect(ended.map((p) => p.id)).toEqual(['4', '3']);
  });
  it('labels them as staff say them', () => {
    expect(positionLabel(ps[1])).toBe('班主任（四年级2班）');
    expect(positionLabel(ps[2])).toBe('资助中心专干');
    expect(rolesOf({ positions: ps })).toBe('教师、班主任（四年级2班）');
    expect(unitsOf({ positions: ps })).toBe('松林店镇中心校');
  });
  it('names grades as schools do', () => {
    expect([1, 6, 7, 9, 10, 12].map(classOf)).toEqual(['一年级', '六年级', '初一', '初三', '高一', '高三']);
  });
  it('says who left and when', () => {
    const now = new Date('2026-11-30T12:00:00+08:00');
    expect(statusLabel({ active: true, leftAt: null }, now)).toBe('在职');
    expect(statusLabel({ active: false, leftAt: '2026-11-24T10:00:00+08:00' }, now)).toBe('11月24日离职');
  });
});

describe('forms', () => {
  it('normalizes and checks phones and names', () => {
    expect(normalizePhone(' +86 139-1234-5678')).toBe('13912345678');
    expect(normalizePhone('１３９１２３４５６７８')).toBe('13912345678');
    expect(checkPerson({ name: '王芳', phone: '139 1234 5678' })).toEqual({});
    expect(checkPerson({ name: ' ', phone: '1234' })).toEqual({ name: '请填写姓名', phone: '手机号应为11位手机号码' });
  });
  it('wants a class of a head teacher, and adds 班 to a bare number', () => {
    expect(checkPosition({ orgID: '', role: '', grade: null, className: '' })).toEqual({ orgID: '请选择单位', role: '请选择职务' });
    expect(checkPosition({ orgID: 's1', role: 'HEAD_TEACHER', grade: null, className: '' })).toEqual({
      grade: '请选择年级',
      className: '请填写班级，如 2班',
    });
    expect(positionInput({ orgID: 's1', role: 'HEAD_TEACHER', grade: 4, className: '2' })).toEqual({ orgID: 's1', role: 'HEAD_TEACHER', grade: 4, className: '2班' });
    expect(positionInput({ orgID: 's1', role: 'TEACHER', grade: 4, className: '2' })).toEqual({ orgID: 's1', role: 'TEACHER' });
  });
  it('checks a new password as the server will', () => {
    expect(checkPassword({ old: 'abcdefgh23', next: 'short', again: 'short' })).toEqual({ next: '新密码至少8位' });
    expect(checkPassword({ old: 'abcdefgh23', next: 'abcdefgh23', again: 'abcdefgh23' })).toEqual({ next: '新密码不能与原密码相同' });
    expect(checkPassword({ old: 'abcdefgh23', next: 'wangfang-2026', again: 'wangfang-2025' })).toEqual({ again: '两次输入的新密码不一致' });
    expect(checkPassword({ old: '', next: 'wangfang-2026', again: 'wangfang-2026' })).toEqual({ old: '请输入原密码' });
  });
});

describe('assignments left behind', () => {
  const base = { id: 'a1', endsAt: null, endReason: null, village: null, household: null, student: null };
  it('shows each kind by what it is about', () => {
    const h: HandoverRowFragment = { ...base, kind: 'HOUSEHOLD', household: { id: 'h', headName: '王斌建', number: 'H1', village: { id: 'v', name: '松林店村' } } };
    expect(handoverRow(h)).toEqual({ kind: '包户', title: '王斌建（户主）', sub: '松林店村 · 户编号 H1' });
    const s: HandoverRowFragment = {
      ...base,
      kind: 'STUDENT',
      student: { id: 's', name: '王小明', school: { id: 'o', name: '松林店镇中心校' }, household: { id: 'h', village: { id: 'v', name: '松林店村' } } },
    };
    expect(handoverRow(s)).toEqual({ kind: '包人', title: '王小明', sub: '松林店镇中心校 · 松林店村' });
    const v: HandoverRowFragment = { ...base, kind: 'VILLAGE', village: { id: 'v', name: '松林店村', parent: { id: 't', name: '松林店镇' } } };
    expect(handoverRow(v)).toEqual({ kind: '包村', title: '松林店村', sub: '松林店镇' });
  });
  it('says why nobody is responsible', () => {
    const now = new Date('2026-11-30T12:00:00+08:00');
    expect(orphanReason({ endsAt: '2026-11-24T10:00:00+08:00', endReason: '离职' }, now)).toBe('负责人11月24日离职');
    expect(orphanReason({ endsAt: null, endReason: null }, now)).toBe('负责人已不在岗');
  });
});
