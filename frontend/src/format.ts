// Labels and formatting in the users' own terms. Pure functions, unit-tested.
import type {
  HouseholdStatus,
  StudentEnrollmentStatus,
  StudentGender,
  StudentStage,
} from '@/gql/graphql';

export const HOUSEHOLD_STATUS: Record<HouseholdStatus, string> = {
  NOT_LIFTED: '未脱贫',
  LIFTED: '已脱贫',
  MARGINAL: '边缘户',
  HARDSHIP: '非建档立卡困难户',
};

/** Short forms for tags in lists. */
export const HOUSEHOLD_STATUS_SHORT: Record<HouseholdStatus, string> = {
  NOT_LIFTED: '未脱贫',
  LIFTED: '已脱贫',
  MARGINAL: '边缘户',
  HARDSHIP: '困难户',
};

export const STAGE: Record<StudentStage, string> = {
  PRESCHOOL: '学前',
  PRIMARY: '小学',
  JUNIOR: '初中',
  SENIOR: '高中',
  VOCATIONAL: '中职',
  HIGHER: '高校',
};

export const ENROLLMENT: Record<StudentEnrollmentStatus, string> = {
  ENROLLED: '在读',
  DROPOUT: '辍学',
  SUSPECTED_DROPOUT: '疑似辍学',
  SUSPENDED: '休学',
  GRADUATED: '毕业',
  NOT_ENROLLED: '未入学',
};

export const GENDER: Record<StudentGender, string> = { MALE: '男', FEMALE: '女' };

/** Student flags, in the order they are shown. */
export const STUDENT_FLAGS = {
  boarding: '寄宿',
  disabled: '残疾',
  leftBehind: '留守儿童',
  migrant: '随迁子女',
  ethnicMinority: '少数民族',
} as const;
export type StudentFlag = keyof typeof STUDENT_FLAGS;

export const HOUSEHOLD_FLAGS = {
  dibao: '低保',
  tekun: '特困供养',
  disabled: '残疾',
} as const;
export type HouseholdFlag = keyof typeof HOUSEHOLD_FLAGS;

export function flagLabels<K extends string>(labels: Record<K, string>, obj: Partial<Record<NoInfer<K>, boolean | null | undefined>>): string[] {
  return (Object.keys(labels) as K[]).filter((k) => obj[k]).map((k) => labels[k]);
}

export function householdStatusLabel(s: HouseholdStatus | null | undefined, short = false): string {
  if (!s) return '';
  return (short ? HOUSEHOLD_STATUS_SHORT : HOUSEHOLD_STATUS)[s] ?? s;
}

/** 建档立卡户 are 未脱贫 and 已脱贫 households. */
export function isRegistered(s: HouseholdStatus): boolean {
  return s === 'NOT_LIFTED' || s === 'LIFTED';
}

export function stageLabel(s: StudentStage | null | undefined): string {
  return s ? STAGE[s] ?? s : '';
}

export function enrollmentLabel(s: StudentEnrollmentStatus | null | undefined): string {
  return s ? ENROLLMENT[s] ?? s : '';
}

export function genderLabel(g: StudentGender | null | undefined): string {
  return g ? GENDER[g] ?? g : '';
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/**
 * 年级 as said in each 学段: 四年级, 八年级 (or 初二 when stored as 1–3),
 * 高一, 中职二年级, 大三. Returns '' when unknown.
 */
export function gradeLabel(stage: StudentStage, grade: number | null | undefined): string {
  if (grade == null || grade < 1) return '';
  const n = DIGITS[grade] ?? String(grade);
  switch (stage) {
    case 'PRIMARY':
      return `${n}年级`;
    case 'JUNIOR':
      return grade <= 3 ? `初${n}` : `${n}年级`;
    case 'SENIOR':
      return grade >= 10 ? `高${DIGITS[grade - 9]}` : `高${n}`;
    case 'VOCATIONAL':
      return `中职${n}年级`;
    case 'HIGHER':
      return `大${n}`;
    default:
      return `${n}年级`;
  }
}

/** 学段 · 年级班级, e.g. 小学 · 四年级2班. */
export function classLabel(stage: StudentStage, grade: number | null | undefined, className?: string | null): string {
  const g = gradeLabel(stage, grade) + (className ?? '');
  return g ? `${stageLabel(stage)} · ${g}` : stageLabel(stage);
}

/**
 * Shows an ID number in groups (area, birth date, sequence) so the masked
 * form reads clearly: 130681 ******** 123X. Full numbers group the same way.
 */
export function formatIdNumber(id: string | null | undefined): string {
  if (!id) return '—';
  const s = id.replace(/\s+/g, '');
  if (s.length !== 18) return s;
  return `${s.slice(0, 6)} ${s.slice(6, 14)} ${s.slice(14)}`;
}

export function isMaskedId(id: string | null | undefined): boolean {
  return !!id && id.includes('*');
}

/** A phone number as a tel: href, or null when there is nothing to call. */
export function telHref(phone: string | null | undefined): string | null {
  const s = (phone ?? '').replace(/[^\d+]/g, '');
  return s.length >= 5 ? `tel:${s}` : null;
}

export function schoolLabel(s: { school?: { name: string } | null; outsideSchoolName?: string | null }): string {
  if (s.school?.name) return s.school.name;
  if (s.outsideSchoolName) return `${s.outsideSchoolName}（县外）`;
  return '未登记学校';
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const pad = (n: number) => String(n).padStart(2, '0');

function toDate(t: number | string | Date): Date {
  return t instanceof Date ? t : new Date(t);
}

/** 2026年11月24日 星期二 */
export function formatLongDate(t: number | string | Date): string {
  const d = toDate(t);
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 星期${WEEKDAYS[d.getDay()]}`;
}

/** 2026年11月24日 (year omitted when it is the current year and short is set) */
export function formatDate(t: number | string | Date, now: Date = new Date(), short = false): string {
  const d = toDate(t);
  if (Number.isNaN(d.getTime())) return '';
  const md = `${d.getMonth() + 1}月${d.getDate()}日`;
  return short && d.getFullYear() === now.getFullYear() ? md : `${d.getFullYear()}年${md}`;
}

/**
 * When data was last fetched, as people say it: 刚刚, 5分钟前, 今天 09:05,
 * 昨天 18:30, 11月20日 10:32, 2025年11月20日 10:32.
 */
export function formatUpdatedAt(t: number | string | Date, now: Date = new Date()): string {
  const d = toDate(t);
  if (Number.isNaN(d.getTime())) return '';
  const diff = now.getTime() - d.getTime();
  if (diff >= 0 && diff < 60_000) return '刚刚';
  if (diff >= 0 && diff < 3_600_000) return `${Math.floor(diff / 60_000)}分钟前`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (d.getTime() >= startOfToday && d.getTime() < startOfToday + 86_400_000) return `今天 ${hm}`;
  if (d.getTime() >= startOfToday - 86_400_000 && d.getTime() < startOfToday) return `昨天 ${hm}`;
  return `${formatDate(d, now, true)} ${hm}`;
}

/** 2026年11月 */
export function monthLabel(now: Date = new Date()): string {
  return `${now.getFullYear()}年${now.getMonth() + 1}月`;
}

/** Days left in the month, today included. */
export function daysLeftInMonth(now: Date = new Date()): number {
  const last = new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate();
  return last - now.getDate() + 1;
}

/** Counts: plain up to 9999 (3000), grouped from five digits on (12,345). */
export function formatCount(n: number | null | undefined): string {
  if (n == null) return '—';
  return n >= 10000 ? n.toLocaleString('en-US') : String(n);
}

/** Share as a percentage with one decimal, '—' when the whole is 0. */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  const p = (part / whole) * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

const POSITION_ROLE: Record<string, string> = {
  DIRECTOR: '局长',
  DEPUTY: '分管领导',
  AID_OFFICER: '资助专干',
  PRINCIPAL: '校长',
  VICE_PRINCIPAL: '副校长',
  CENTRAL_HEAD: '中心校负责人',
  HEAD_TEACHER: '班主任',
  TEACHER: '教师',
  INSPECTOR: '督导',
};

/**
 * A position as staff say it; the aid officer of a bureau is 资助中心专干, a
 * kindergarten's head is 园长 (as authz.PositionLabel on the server).
 */
export function positionRoleLabel(role: string, orgKind?: string | null, schoolType?: string | null): string {
  if (role === 'AID_OFFICER' && orgKind && orgKind !== 'SCHOOL') return '资助中心专干';
  if (schoolType === 'KINDERGARTEN' && role === 'PRINCIPAL') return '园长';
  if (schoolType === 'KINDERGARTEN' && role === 'VICE_PRINCIPAL') return '副园长';
  return POSITION_ROLE[role] ?? role;
}

/** The class a head teacher (班主任) leads: 四年级2班. */
export function headTeacherClassLabel(grade: number | null | undefined, className: string | null | undefined): string {
  return (gradeLabel('PRIMARY', grade) || '') + (className ?? '');
}

/**
 * Positions as one line, grouped by unit: 松林店镇中心校 教师、班主任(四年级2班).
 */
export function positionsLine(
  positions: readonly {
    role: string;
    grade?: number | null;
    className?: string | null;
    org: { name: string; kind?: string | null; schoolType?: string | null };
  }[],
): string {
  const byOrg = new Map<string, string[]>();
  for (const p of positions) {
    let label = positionRoleLabel(p.role, p.org.kind, p.org.schoolType);
    const cls = p.role === 'HEAD_TEACHER' ? headTeacherClassLabel(p.grade, p.className) : '';
    if (cls) label += `（${cls}）`;
    const roles = byOrg.get(p.org.name) ?? [];
    if (!roles.includes(label)) roles.push(label);
    byOrg.set(p.org.name, roles);
  }
  return [...byOrg].map(([org, roles]) => `${org} ${roles.join('、')}`).join('；');
}
