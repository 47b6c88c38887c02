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

/** Reaches beyond oneself: everywhere, a division subtree or some schools. */
function reachesBeyondSelf(p: Permission | undefined): boolean {
  return !!p && (p.all || p.villageRanges.length > 0 || p.schoolRanges.length > 0 || p.schoolIDs.length > 0);
}

export interface HouseholdScopeInfo {
  villageCode?: string | null;
  guarantor?: { id: string } | null;
  students?: readonly { contactPerson?: { id: string } | null; school?: { id: string; divisionCode?: string | null } | null }[] | null;
}

/** Whether the viewer is the household's 包户责任人 or a student's 帮扶联系人. */
export function isResponsibleFor(v: Pick<Viewer, 'person'> | null | undefined, h: HouseholdScopeInfo): boolean {
  const me = v?.person?.id;
  if (!me) return false;
  return h.guarantor?.id === me || (h.students ?? []).some((s) => s.contactPerson?.id === me);
}

/**
 * Whether to offer 记录联系 for a household: the viewer holds contact/write
 * and is responsible for it, or supervises it (its village, or a school one
 * of its students attends, lies in the permission's scope).
 */
export function canLogContact(v: Pick<Viewer, 'person' | 'permissions'> | null | undefined, h: HouseholdScopeInfo): boolean {
  const p = permission(v, 'contact', 'write');
  if (!p || !v?.person?.id) return false;
  if (p.all) return true;
  if (p.assigned && isResponsibleFor(v, h)) return true;
  if (inRanges(h.villageCode, p.villageRanges)) return true;
  return (h.students ?? []).some((s) => !!s.school && (p.schoolIDs.includes(s.school.id) || inRanges(s.school.divisionCode, p.schoolRanges)));
}

/** May make people responsible for villages, households and students (包村、包户、包人). */
export function mayAssign(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return reachesBeyondSelf(permission(v, 'assignment', 'write'));
}

/** May issue agreements (下发责任书). */
export function mayIssue(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return reachesBeyondSelf(permission(v, 'agreement', 'issue'));
}

/** May follow others' signing (签订进度): reads agreements beyond their own. */
export function mayFollowAgreements(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return reachesBeyondSelf(permission(v, 'agreement', 'read'));
}

/** May edit the county's agreement templates. */
export function mayEditTemplates(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return reachesBeyondSelf(permission(v, 'agreementtemplate', 'write'));
}

/** Sees coverage (覆盖情况): bureaus, overseers, inspectors, school leaders. */
export function mayViewCoverage(v: Pick<Viewer, 'roles'> | null | undefined): boolean {
  const s = homeSections(v);
  return s.includes('area') || s.includes('school');
}

/**
 * The units the viewer issues agreements for: a county bureau where they
 * hold agreement/issue over an area, the schools named in it.
 */
export function issuerOrgs(v: Viewer | null | undefined): Position['org'][] {
  const p = permission(v, 'agreement', 'issue');
  if (!p) return [];
  const out = new Map<string, Position['org']>();
  for (const pos of v?.person?.positions ?? []) {
    const o = pos.org;
    const bureau = o.kind === 'COUNTY_BUREAU' && (p.all || inRanges(o.divisionCode, p.villageRanges));
    const school = o.kind === 'SCHOOL' && p.schoolIDs.includes(o.id);
    if (bureau || school) out.set(o.id, o);
  }
  return [...out.values()];
}

/** The county whose templates the viewer edits: the division of their county bureau. */
export function templateCounty(v: Viewer | null | undefined): { code: string; name: string } | null {
  if (!mayEditTemplates(v)) return null;
  const bureau = (v?.person?.positions ?? []).find((p) => p.org.kind === 'COUNTY_BUREAU');
  return bureau ? { code: bureau.org.division.code, name: bureau.org.division.name } : null;
}

/** May add people, give positions, move, deactivate and reset passwords (人员). */
export function mayManageStaff(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return reachesBeyondSelf(permission(v, 'person', 'write'));
}

/** May add households (the county's registry): household/write beyond oneself. */
export function mayAddHouseholds(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return reachesBeyondSelf(permission(v, 'household', 'write'));
}

/** May add students: student/write beyond oneself. */
export function mayAddStudents(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return reachesBeyondSelf(permission(v, 'student', 'write'));
}

/** May edit a household: household/write over its village. */
export function canEditHousehold(v: Pick<Viewer, 'permissions'> | null | undefined, h: { villageCode?: string | null }): boolean {
  const p = permission(v, 'household', 'write');
  return !!p && (p.all || inRanges(h.villageCode, p.villageRanges));
}

/**
 * How the viewer may edit a student: 'full' with student/write over the
 * student's village; 'enrollment' (学籍: stage, grade, class, status,
 * boarding) for the leaders of the student's school; null otherwise.
 */
export function studentEditMode(v: Pick<Viewer, 'permissions'> | null | undefined, s: StudentScopeInfo): 'full' | 'enrollment' | null {
  const w = permission(v, 'student', 'write');
  if (w && (w.all || inRanges(s.villageCode, w.villageRanges))) return 'full';
  const e = permission(v, 'student', 'write_enrollment');
  if (!e) return null;
  const schoolID = s.schoolID ?? s.school?.id ?? null;
  if (e.all || (schoolID && e.schoolIDs.includes(schoolID)) || inRanges(s.school?.divisionCode, e.schoolRanges)) return 'enrollment';
  return null;
}

/**
 * Whether to offer 更换 / 结束 for the person responsible for a village,
 * household or student: assignment/write over its village, or (students) its
 * school. The server decides; this only hides what would be refused.
 */
export function canAssignTarget(v: Pick<Viewer, 'permissions'> | null | undefined, t: StudentScopeInfo): boolean {
  const p = permission(v, 'assignment', 'write');
  if (!p) return false;
  if (p.all || inRanges(t.villageCode, p.villageRanges)) return true;
  const schoolID = t.schoolID ?? t.school?.id ?? null;
  return (!!schoolID && p.schoolIDs.includes(schoolID)) || inRanges(t.school?.divisionCode, p.schoolRanges);
}

/** May void (作废) or correct (更正) an agreement: the issuing side, while it is not void. */
export function mayVoidAgreement(
  v: Pick<Viewer, 'permissions'> | null | undefined,
  a: { state: string; issuerOrg: { id: string; divisionCode: string } },
): boolean {
  const p = permission(v, 'agreement', 'issue');
  if (!p || a.state === 'VOID') return false;
  return p.all || inRanges(a.issuerOrg.divisionCode, p.villageRanges) || p.schoolIDs.includes(a.issuerOrg.id);
}
