// What the signed-in person may see and do, from viewer.roles and
// viewer.permissions. The server enforces all of it; this only decides what
// to show.
import type { ViewerQuery } from '@/gql/graphql';

export type Viewer = NonNullable<ViewerQuery['viewer']>;
export type Permission = Viewer['permissions'][number];
export type Position = NonNullable<NonNullable<Viewer['person']>['positions']>[number];

export const AREA_ROLES = ['county_admin', 'county_aid', 'overseer', 'inspector'];
export const SCHOOL_ROLES = ['school_leader', 'central_leader'];
export const TEACHER_ROLES = ['teacher', 'head_teacher'];

export type HomeSection = 'area' | 'school' | 'teacher';

export function roleKeys(v: Pick<Viewer, 'roles'> | null | undefined): string[] {
  return (v?.roles ?? []).map((r) => r.key);
}

/** Home sections for the viewer's roles, widest first. */
export function homeSections(v: Pick<Viewer, 'roles'> | null | undefined): HomeSection[] {
  const keys = roleKeys(v);
  const out: HomeSection[] = [];
  if (keys.some((k) => AREA_ROLES.includes(k))) out.push('area');
  if (keys.some((k) => SCHOOL_ROLES.includes(k))) out.push('school');
  if (keys.some((k) => TEACHER_ROLES.includes(k))) out.push('teacher');
  return out;
}

export function permission(v: Pick<Viewer, 'permissions'> | null | undefined, object: string, action: string): Permission | undefined {
  return v?.permissions.find((p) => p.object === object && p.action === action);
}

export function inRanges(code: string | null | undefined, ranges: readonly { from: string; to: string }[]): boolean {
  if (!code) return false;
  return ranges.some((r) => code >= r.from && code <= r.to);
}

export interface StudentScopeInfo {
  villageCode?: string | null;
  schoolID?: string | null;
  school?: { id?: string; divisionCode?: string | null } | null;
}

/**
 * Whether to offer 显示完整身份证号 for this student: the viewer holds
 * student/reveal_id and the student lies in that permission's scope.
 */
export function canRevealId(v: Pick<Viewer, 'permissions'> | null | undefined, s: StudentScopeInfo): boolean {
  const p = permission(v, 'student', 'reveal_id');
  if (!p) return false;
  if (p.all) return true;
  const schoolID = s.schoolID ?? s.school?.id ?? null;
  if (schoolID && p.schoolIDs.includes(schoolID)) return true;
  if (inRanges(s.villageCode, p.villageRanges)) return true;
  return inRanges(s.school?.divisionCode, p.schoolRanges);
}

/** Schools the viewer leads: student/read schoolIDs, named from positions where possible. */
export function ledSchoolIDs(v: Pick<Viewer, 'permissions'> | null | undefined): string[] {
  return [...new Set(permission(v, 'student', 'read')?.schoolIDs ?? [])];
}

/** The org that gives the viewer an area-wide view (a bureau), if any. */
export function areaOrg(v: Viewer | null | undefined): Position['org'] | null {
  const positions = v?.person?.positions ?? [];
  const bureau = positions.find((p) => p.org.kind !== 'SCHOOL');
  return bureau?.org ?? null;
}

/** 全县概况 / 全市概况 / 全省概况 after the level of the viewer's area. */
export function areaTitle(level: string | null | undefined): string {
  switch (level) {
    case 'PROVINCE':
      return '全省概况';
    case 'CITY':
      return '全市概况';
    default:
      return '全县概况';
  }
}

/** The class a head teacher (班主任) is in charge of, e.g. 四年级2班. */
export function headTeacherClasses(v: Viewer | null | undefined): Position[] {
  return (v?.person?.positions ?? []).filter((p) => p.role === 'HEAD_TEACHER');
}
