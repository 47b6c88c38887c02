// The registry screens (户 and 学生): filters as the server takes them, the
// tables' sorting, the add and edit forms' payloads, and the server's
// refusals placed under the input they are about. Pure functions, unit-tested.
import type {
  CreateHouseholdInput,
  CreateStudentInput,
  HouseholdStatus,
  HouseholdWhereInput,
  StudentEnrollmentStatus,
  StudentStage,
  StudentWhereInput,
  UpdateHouseholdInput,
  UpdateStudentInput,
} from '@/gql/graphql';
import { ApiError } from '@/api/errors';
import { HOUSEHOLD_FLAGS, HOUSEHOLD_STATUS, STUDENT_FLAGS } from '@/format';

// ---------- the server's refusals ----------

/** A refusal's reason without the field name the server puts before it ("idNumber: …"). */
export function reasonOnly(message: string): string {
  return message.replace(/^[A-Za-z][A-Za-z0-9.]*\s*[::]\s*/, '');
}

/**
 * Where a refusal belongs: the input named by extensions.field (when the
 * form has it), else the form as a whole.
 */
export function placeError(err: unknown, fields: readonly string[]): { field: string | null; message: string } {
  if (err instanceof ApiError && err.code === 'BAD_USER_INPUT' && err.field && fields.includes(err.field)) {
    return { field: err.field, message: reasonOnly(err.message) };
  }
  if (err instanceof ApiError && err.code === 'CONFLICT') {
    // A duplicate names the field before the reason (idNumber: 该身份证号已登记).
    const m = /^([A-Za-z][A-Za-z0-9]*)\s*[::]/.exec(err.message);
    if (m && fields.includes(m[1])) return { field: m[1], message: reasonOnly(err.message) };
  }
  return { field: null, message: err instanceof Error && err.message ? reasonOnly(err.message) : '保存失败，请稍后再试' };
}

// ---------- sorting ----------

export type Direction = 'ASC' | 'DESC';
export interface Sort<F extends string> {
  field: F;
  direction: Direction;
}

/** Columns a table may sort on: never empty nor null, so paging by cursor keeps every row. */
export const HOUSEHOLD_SORTS = ['NUMBER', 'HEAD_NAME', 'STATUS'] as const;
export const STUDENT_SORTS = ['NAME', 'STAGE', 'ENROLLMENT_STATUS'] as const;

/** The sort in the URL: FIELD or -FIELD (descending); anything else is the fallback. */
export function parseSort<F extends string>(raw: string, allowed: readonly F[], fallback: Sort<F>): Sort<F> {
  const desc = raw.startsWith('-');
  const field = (desc ? raw.slice(1) : raw) as F;
  return allowed.includes(field) ? { field, direction: desc ? 'DESC' : 'ASC' } : fallback;
}

export function sortParam<F extends string>(s: Sort<F>, fallback: Sort<F>): string {
  if (s.field === fallback.field && s.direction === fallback.direction) return '';
  return (s.direction === 'DESC' ? '-' : '') + s.field;
}

/** Clicking a column: the same column turns around, another starts ascending. */
export function toggleSort<F extends string>(cur: Sort<F>, field: F): Sort<F> {
  if (cur.field === field) return { field, direction: cur.direction === 'ASC' ? 'DESC' : 'ASC' };
  return { field, direction: 'ASC' };
}

export function ariaSort<F extends string>(cur: Sort<F>, field: F): 'ascending' | 'descending' | 'none' {
  if (cur.field !== field) return 'none';
  return cur.direction === 'ASC' ? 'ascending' : 'descending';
}

// ---------- filters ----------

export const REGISTERED: HouseholdStatus[] = ['NOT_LIFTED', 'LIFTED'];
const HOUSEHOLD_STATUSES = Object.keys(HOUSEHOLD_STATUS) as HouseholdStatus[];

/** Whether someone answers for it: 已落实 / 未落实. */
export type Coverage = '' | 'yes' | 'no';

export interface HouseholdFilters {
  /** A status, or REGISTERED for 未脱贫 and 已脱贫 together. */
  status: string;
  flags: string[];
  guarantor: Coverage;
}

export function householdWhere(f: HouseholdFilters): HouseholdWhereInput {
  const w: HouseholdWhereInput = {};
  if (f.status === 'REGISTERED') w.statusIn = REGISTERED;
  else if ((HOUSEHOLD_STATUSES as string[]).includes(f.status)) w.status = f.status as HouseholdStatus;
  for (const flag of f.flags) if (flag in HOUSEHOLD_FLAGS) w[flag as keyof typeof HOUSEHOLD_FLAGS] = true;
  if (f.guarantor === 'yes') w.guarantorIDNotNil = true;
  if (f.guarantor === 'no') w.guarantorIDIsNil = true;
  return w;
}

/** where and more, as the server takes it: an empty where cannot be a part of `and`. */
function both<W extends object>(where: W, more: W): W {
  return Object.keys(where).length ? ({ and: [where, more] } as W) : more;
}

/** The registered-card households among those shown, and those of them with a 包户责任人. */
export function householdTotalsWhere(where: HouseholdWhereInput): { registered: HouseholdWhereInput; guaranteed: HouseholdWhereInput } {
  return {
    registered: both(where, { statusIn: REGISTERED }),
    guaranteed: both(where, { statusIn: REGISTERED, guarantorIDNotNil: true }),
  };
}

export const STUDENT_FILTER_FLAGS: Record<string, string> = { ...STUDENT_FLAGS, outside: '县外就读' };
const STAGES: StudentStage[] = ['PRESCHOOL', 'PRIMARY', 'JUNIOR', 'SENIOR', 'VOCATIONAL', 'HIGHER'];
const ENROLLMENTS: StudentEnrollmentStatus[] = ['ENROLLED', 'DROPOUT', 'SUSPECTED_DROPOUT', 'SUSPENDED', 'GRADUATED', 'NOT_ENROLLED'];

export interface StudentFilters {
  stage: string;
  status: string;
  flags: string[];
  school: string;
  contact: Coverage;
}

export function studentWhere(f: StudentFilters): StudentWhereInput {
  const w: StudentWhereInput = {};
  if ((STAGES as string[]).includes(f.stage)) w.stage = f.stage as StudentStage;
  if ((ENROLLMENTS as string[]).includes(f.status)) w.enrollmentStatus = f.status as StudentEnrollmentStatus;
  for (const flag of f.flags) {
    if (flag === 'outside') {
      w.schoolIDIsNil = true;
      w.outsideSchoolNameNotNil = true;
    } else if (flag in STUDENT_FLAGS) w[flag as keyof typeof STUDENT_FLAGS] = true;
  }
  if (f.school) w.schoolID = f.school;
  if (f.contact === 'yes') w.contactPersonIDNotNil = true;
  if (f.contact === 'no') w.contactPersonIDIsNil = true;
  return w;
}

/** Of the students shown who need a 帮扶联系人 (needsContact), those who have one. */
export function studentTotalsWhere(where: StudentWhereInput): { where: StudentWhereInput; withContact: StudentWhereInput } {
  return { where, withContact: both(where, { contactPersonIDNotNil: true }) };
}

/** The household statuses a student filter may name: one, or REGISTERED for both registered-card ones. */
export function householdStatusIn(s: string): HouseholdStatus[] | null {
  if (s === 'REGISTERED') return REGISTERED;
  return (HOUSEHOLD_STATUSES as string[]).includes(s) ? [s as HouseholdStatus] : null;
}

// ---------- forms ----------

export type FormErrors = Record<string, string>;

const trim = (s: string | null | undefined) => (s ?? '').trim();

export interface HouseholdForm {
  number: string;
  headName: string;
  villageID: string;
  status: HouseholdStatus | '';
  dibao: boolean;
  tekun: boolean;
  disabled: boolean;
  size: string;
  phone: string;
  address: string;
}

export const HOUSEHOLD_FIELDS = ['number', 'headName', 'villageID', 'status', 'size', 'phone', 'address'];

export function emptyHouseholdForm(): HouseholdForm {
  return { number: '', headName: '', villageID: '', status: '', dibao: false, tekun: false, disabled: false, size: '', phone: '', address: '' };
}

export function householdForm(h: {
  number: string;
  headName: string;
  status: HouseholdStatus;
  dibao: boolean;
  tekun: boolean;
  disabled: boolean;
  size?: number | null;
  phone?: string | null;
  address?: string | null;
  village: { id: string };
}): HouseholdForm {
  return {
    number: h.number,
    headName: h.headName,
    villageID: h.village.id,
    status: h.status,
    dibao: h.dibao,
    tekun: h.tekun,
    disabled: h.disabled,
    size: h.size == null ? '' : String(h.size),
    phone: h.phone ?? '',
    address: h.address ?? '',
  };
}

/** What must be filled before asking the server, which checks the rest. */
export function checkHouseholdForm(f: HouseholdForm): FormErrors {
  const e: FormErrors = {};
  if (!trim(f.number)) e.number = '请填写户编号';
  if (!trim(f.headName)) e.headName = '请填写户主姓名';
  if (!f.villageID) e.villageID = '请选择户籍所在村';
  if (!f.status) e.status = '请选择户类别';
  const size = trim(f.size);
  if (size && !/^\d{1,2}$/.test(size)) e.size = '家庭人口应为 1 到 30 的整数';
  return e;
}

export function createHouseholdInput(f: HouseholdForm): CreateHouseholdInput {
  const size = trim(f.size);
  return {
    number: trim(f.number),
    headName: trim(f.headName),
    villageID: f.villageID,
    status: f.status as HouseholdStatus,
    dibao: f.dibao,
    tekun: f.tekun,
    disabled: f.disabled,
    ...(size ? { size: Number(size) } : {}),
    ...(trim(f.phone) ? { phone: trim(f.phone) } : {}),
    ...(trim(f.address) ? { address: trim(f.address) } : {}),
  };
}

/** The whole form; emptied optional inputs are cleared on the server. */
export function updateHouseholdInput(f: HouseholdForm): UpdateHouseholdInput {
  const { size, phone, address, ...rest } = createHouseholdInput(f);
  return {
    ...rest,
    ...(size != null ? { size } : { clearSize: true }),
    ...(phone ? { phone } : { clearPhone: true }),
    ...(address ? { address } : { clearAddress: true }),
  };
}

export interface StudentForm {
  name: string;
  /** Empty on an edit: the number stays as it is. */
  idNumber: string;
  householdID: string;
  stage: StudentStage | '';
  grade: string;
  className: string;
  enrollmentStatus: StudentEnrollmentStatus;
  /** Enrolled in a school in sanbao, or outside the county (县外 / 省外). */
  where: 'school' | 'outside';
  schoolID: string;
  outsideSchoolName: string;
  boarding: boolean;
  disabled: boolean;
  leftBehind: boolean;
  migrant: boolean;
  ethnicMinority: boolean;
}

export const STUDENT_FIELDS = ['name', 'idNumber', 'householdID', 'stage', 'grade', 'className', 'enrollmentStatus', 'schoolID', 'outsideSchoolName'];

/** What a school may change of its own students (学籍): the rest is the county's. */
export const ENROLLMENT_FIELDS = ['stage', 'grade', 'className', 'enrollmentStatus', 'boarding'];

export function emptyStudentForm(householdID = ''): StudentForm {
  return {
    name: '',
    idNumber: '',
    householdID,
    stage: '',
    grade: '',
    className: '',
    enrollmentStatus: 'ENROLLED',
    where: 'school',
    schoolID: '',
    outsideSchoolName: '',
    boarding: false,
    disabled: false,
    leftBehind: false,
    migrant: false,
    ethnicMinority: false,
  };
}

export function studentForm(s: {
  name: string;
  stage: StudentStage;
  grade?: number | null;
  className?: string | null;
  enrollmentStatus: StudentEnrollmentStatus;
  schoolID?: string | null;
  outsideSchoolName?: string | null;
  boarding: boolean;
  disabled: boolean;
  leftBehind: boolean;
  migrant: boolean;
  ethnicMinority: boolean;
  household: { id: string };
}): StudentForm {
  return {
    name: s.name,
    idNumber: '',
    householdID: s.household.id,
    stage: s.stage,
    grade: s.grade == null ? '' : String(s.grade),
    className: s.className ?? '',
    enrollmentStatus: s.enrollmentStatus,
    where: !s.schoolID && s.outsideSchoolName ? 'outside' : 'school',
    schoolID: s.schoolID ?? '',
    outsideSchoolName: s.outsideSchoolName ?? '',
    boarding: s.boarding,
    disabled: s.disabled,
    leftBehind: s.leftBehind,
    migrant: s.migrant,
    ethnicMinority: s.ethnicMinority,
  };
}

export function checkStudentForm(f: StudentForm, creating: boolean): FormErrors {
  const e: FormErrors = {};
  if (!trim(f.name)) e.name = '请填写姓名';
  if (creating && !trim(f.idNumber)) e.idNumber = '请填写身份证号';
  if (!f.householdID) e.householdID = '请选择所在户';
  if (!f.stage) e.stage = '请选择学段';
  const g = trim(f.grade);
  if (g && !/^\d{1,2}$/.test(g)) e.grade = '年级应为 1 到 12 的整数';
  if (f.where === 'outside' && !trim(f.outsideSchoolName)) e.outsideSchoolName = '请填写县外就读学校';
  return e;
}

export function createStudentInput(f: StudentForm): CreateStudentInput {
  const grade = trim(f.grade);
  const school = f.where === 'school' && f.schoolID ? { schoolID: f.schoolID } : {};
  const outside = f.where === 'outside' && trim(f.outsideSchoolName) ? { outsideSchoolName: trim(f.outsideSchoolName) } : {};
  return {
    name: trim(f.name),
    idNumber: trim(f.idNumber),
    householdID: f.householdID,
    stage: f.stage as StudentStage,
    enrollmentStatus: f.enrollmentStatus,
    ...(grade ? { grade: Number(grade) } : {}),
    ...(trim(f.className) ? { className: trim(f.className) } : {}),
    ...school,
    ...outside,
    boarding: f.boarding,
    disabled: f.disabled,
    leftBehind: f.leftBehind,
    migrant: f.migrant,
    ethnicMinority: f.ethnicMinority,
  };
}

/**
 * An edit: the whole form, emptied inputs cleared, the ID number only when a
 * new one was typed; a school's edit (enrollmentOnly) sends 学籍 fields only.
 */
export function updateStudentInput(f: StudentForm, enrollmentOnly = false): UpdateStudentInput {
  const grade = trim(f.grade);
  const cls = trim(f.className);
  const enrollment: UpdateStudentInput = {
    stage: f.stage as StudentStage,
    enrollmentStatus: f.enrollmentStatus,
    boarding: f.boarding,
    ...(grade ? { grade: Number(grade) } : { clearGrade: true }),
    ...(cls ? { className: cls } : { clearClassName: true }),
  };
  if (enrollmentOnly) return enrollment;
  const where: UpdateStudentInput =
    f.where === 'outside'
      ? { outsideSchoolName: trim(f.outsideSchoolName), clearSchool: true }
      : f.schoolID
        ? { schoolID: f.schoolID }
        : { clearSchool: true, clearOutsideSchoolName: true, clearOutsideDivision: true };
  return {
    ...enrollment,
    ...where,
    name: trim(f.name),
    householdID: f.householdID,
    ...(trim(f.idNumber) ? { idNumber: trim(f.idNumber) } : {}),
    disabled: f.disabled,
    leftBehind: f.leftBehind,
    migrant: f.migrant,
    ethnicMinority: f.ethnicMinority,
  };
}
