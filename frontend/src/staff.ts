// 人员与任职: labels, checks and grouping for the staff screens. Pure
// functions, unit-tested; the server checks everything again.
import type { AssignmentKind, HandoverRowFragment, PositionRole, StaffPersonFragment, StaffPositionFragment } from '@/gql/graphql';
import { formatDate, gradeLabel, positionRoleLabel } from '@/format';

export type StaffStatus = 'ACTIVE' | 'LEFT';

export const STAFF_STATUS: Record<StaffStatus, string> = { ACTIVE: '在职', LEFT: '离职' };

/** The roles a form offers, in the order offices think of them. */
export const ROLE_ORDER: PositionRole[] = [
  'TEACHER',
  'HEAD_TEACHER',
  'PRINCIPAL',
  'VICE_PRINCIPAL',
  'DEPUTY',
  'AID_OFFICER',
  'CENTRAL_HEAD',
  'DIRECTOR',
  'INSPECTOR',
];

/** Positions in force, and the ended ones (history), newest first. */
export function splitPositions(ps: readonly StaffPositionFragment[] | null | undefined): {
  current: StaffPositionFragment[];
  ended: StaffPositionFragment[];
} {
  const all = ps ?? [];
  return {
    current: all.filter((p) => !p.endedAt),
    ended: all.filter((p) => !!p.endedAt).sort((a, b) => (b.endedAt ?? '').localeCompare(a.endedAt ?? '')),
  };
}

/** 教师、班主任(四年级2班) */
export function positionLabel(p: Pick<StaffPositionFragment, 'role' | 'grade' | 'className'> & { org: { kind?: string | null; schoolType?: string | null } }): string {
  const label = positionRoleLabel(p.role, p.org.kind, p.org.schoolType);
  return p.role === 'HEAD_TEACHER' && p.className ? `${label}（${classOf(p.grade)}${p.className}）` : label;
}

/** The units a person works at now, joined: 松林店镇中心校、涿州市第二中学. */
export function unitsOf(p: Pick<StaffPersonFragment, 'positions'>): string {
  return [...new Set(splitPositions(p.positions).current.map((x) => x.org.name))].join('、');
}

/** The positions a person holds now, as one line without the units. */
export function rolesOf(p: Pick<StaffPersonFragment, 'positions'>): string {
  return [...new Set(splitPositions(p.positions).current.map(positionLabel))].join('、');
}

/** 在职, or 离职 with the date. */
export function statusLabel(p: Pick<StaffPersonFragment, 'active' | 'leftAt'>, now = new Date()): string {
  if (p.active) return '在职';
  return p.leftAt ? `${formatDate(p.leftAt, now, true)}离职` : '离职';
}

/** A grade as schools say it: 一年级 … 六年级, 初一 … 初三, 高一 … 高三. */
export function classOf(grade: number | null | undefined): string {
  if (!grade) return '';
  if (grade <= 6) return gradeLabel('PRIMARY', grade);
  if (grade <= 9) return gradeLabel('JUNIOR', grade - 6);
  return gradeLabel('SENIOR', grade);
}

export const GRADES = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, text: classOf(i + 1) }));

const PHONE = /^1[3-9]\d{9}$/;

/** A mobile number as typed: spaces, dashes and full-width digits removed. */
export function normalizePhone(s: string): string {
  return s
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s-]/g, '')
    .replace(/^\+86/, '');
}

export interface PersonForm {
  name: string;
  phone: string;
}

export function checkPerson(f: PersonForm): Partial<Record<keyof PersonForm, string>> {
  const errs: Partial<Record<keyof PersonForm, string>> = {};
  if (!f.name.trim()) errs.name = '请填写姓名';
  else if (f.name.trim().length > 32) errs.name = '姓名不超过32个字';
  const phone = normalizePhone(f.phone);
  if (!phone) errs.phone = '请填写手机号';
  else if (!PHONE.test(phone)) errs.phone = '手机号应为11位手机号码';
  return errs;
}

export interface PositionForm {
  orgID: string;
  role: PositionRole | '';
  grade: number | null;
  className: string;
}

export function checkPosition(f: PositionForm): Partial<Record<keyof PositionForm, string>> {
  const errs: Partial<Record<keyof PositionForm, string>> = {};
  if (!f.orgID) errs.orgID = '请选择单位';
  if (!f.role) errs.role = '请选择职务';
  if (f.role === 'HEAD_TEACHER') {
    if (!f.grade) errs.grade = '请选择年级';
    if (!f.className.trim()) errs.className = '请填写班级，如 2班';
  }
  return errs;
}

/** The position input the API takes; a bare class number gets 班. */
export function positionInput(f: PositionForm): { orgID: string; role: PositionRole; grade?: number | null; className?: string | null } {
  if (f.role !== 'HEAD_TEACHER') return { orgID: f.orgID, role: f.role as PositionRole };
  const c = f.className.trim();
  return { orgID: f.orgID, role: f.role, grade: f.grade, className: /^\d+$/.test(c) ? `${c}班` : c };
}

export interface PasswordForm {
  old: string;
  next: string;
  again: string;
}

/** The checks of the change-password form (the server wants 8 characters and a change). */
export function checkPassword(f: PasswordForm): Partial<Record<keyof PasswordForm, string>> {
  const errs: Partial<Record<keyof PasswordForm, string>> = {};
  if (!f.old) errs.old = '请输入原密码';
  if (f.next.length < 8) errs.next = '新密码至少8位';
  else if (f.next === f.old) errs.next = '新密码不能与原密码相同';
  if (!errs.next && f.again !== f.next) errs.again = '两次输入的新密码不一致';
  return errs;
}

export const KIND_LABEL: Record<AssignmentKind, string> = { VILLAGE: '包村', HOUSEHOLD: '包户', STUDENT: '包人' };

/** One assignment left behind, as a list row: 包户 · 王斌建（户主） · 松林店村. */
export function handoverRow(a: HandoverRowFragment): { kind: string; title: string; sub: string } {
  const kind = KIND_LABEL[a.kind];
  if (a.village) return { kind, title: a.village.name, sub: a.village.parent?.name ?? '' };
  if (a.household) return { kind, title: `${a.household.headName}（户主）`, sub: `${a.household.village.name} · 户编号 ${a.household.number}` };
  if (a.student) {
    const where = [a.student.school?.name, a.student.household.village.name].filter(Boolean).join(' · ');
    return { kind, title: a.student.name, sub: where };
  }
  return { kind, title: '—', sub: '' };
}

/** Why an orphaned assignment has nobody: 11月24日离职 / 负责人已不在岗. */
export function orphanReason(a: Pick<HandoverRowFragment, 'endsAt' | 'endReason'>, now = new Date()): string {
  if (a.endsAt && a.endReason) return `负责人${formatDate(a.endsAt, now, true)}${a.endReason}`;
  return '负责人已不在岗';
}
