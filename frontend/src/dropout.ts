// 控辍保学: the labels schools use, the 零辍学 dashboard's tiles, the absence
// report the outbox carries, the escalation steps' state, and what the
// viewer may do. Pure functions, unit-tested; the server decides.
import type {
  CaseActionInput,
  CaseActionKind,
  CaseActionOutcome,
  DropoutCaseCloseReason,
  DropoutCaseKind,
  DropoutCaseSource,
  ReportAbsenceInput,
} from '@/gql/graphql';
import type { OutboxItem } from '@/offline/outbox';
import { chinaDate } from '@/contact';
import { inRanges, permission, type Viewer } from '@/scope';

export const CASE_KIND: Record<DropoutCaseKind, string> = { SUSPECTED: '疑似辍学', DROPOUT: '辍学' };

export const CASE_SOURCE: Record<DropoutCaseSource, string> = {
  CHECK_UNENROLLED: '户籍比对学籍时发现',
  CHECK_ABSENCE: '学籍比对在校时发现（连续缺勤）',
  CHECK_LIFTED: '辍学比对脱贫户时发现',
  ABSENCE_REPORT: '学校缺勤报告',
  CONTACT: '走访时发现',
  MANUAL: '手工立案',
};

export const CLOSE_REASONS: Record<DropoutCaseCloseReason, string> = {
  RETURNED: '返校复学',
  STUDYING_ELSEWHERE: '在外就读',
  TRANSFERRED: '转学',
  HOME_TEACHING: '送教上门',
  SUSPENDED: '休学',
  OVER_AGE: '超龄',
  GRADUATED: '毕业',
  DECEASED: '死亡',
};

export const ACTION_KIND: Record<CaseActionKind, string> = { PERSUASION: '劝返', VERIFICATION: '核查', REPORT: '上报', NOTE: '记录', NOTICE: '复学通知书' };

export const ACTION_OUTCOME: Record<CaseActionOutcome, string> = {
  RETURNED: '已返校',
  PROMISED: '同意返校',
  REFUSED: '拒绝返校',
  NOT_FOUND: '未见到',
  OTHER: '其他',
};

/** 入户 / 电话 / 到校面谈 / 微信: how a persuasion attempt was made. */
export const ACTION_METHODS = ['入户', '电话', '到校面谈', '微信'];

export type LedgerKey = 'children' | 'cases' | 'absences';

export const LEDGERS: { key: LedgerKey; label: string }[] = [
  { key: 'cases', label: '疑似辍学 / 辍学' },
  { key: 'absences', label: '缺勤报告' },
  { key: 'children', label: '适龄儿童' },
];

export function ledgerKey(s: string | null | undefined): LedgerKey {
  return LEDGERS.find((l) => l.key === s)?.key ?? 'cases';
}

export interface DropoutCountsLike {
  schoolAge: number;
  studying: number;
  studyingNowhere: number;
  suspected: number;
  dropouts: number;
  longOpen: number;
  closedThisTerm: number;
  absencesOpen: number;
  absencesOverdue: number;
}

export type TileKey = 'suspected' | 'dropouts' | 'absencesOverdue' | 'studyingNowhere' | 'closedThisTerm' | 'schoolAge';

/** The dashboard's tiles; alert: a number that should be zero. Each opens its ledger. */
export const TILES: { key: TileKey; label: string; alert: boolean; ledger: LedgerKey; query: Record<string, string> }[] = [
  { key: 'suspected', label: '疑似辍学', alert: true, ledger: 'cases', query: { kind: 'SUSPECTED' } },
  { key: 'dropouts', label: '辍学未结案', alert: true, ledger: 'cases', query: { kind: 'DROPOUT' } },
  { key: 'absencesOverdue', label: '缺勤处置逾期', alert: true, ledger: 'absences', query: { overdue: '1' } },
  { key: 'studyingNowhere', label: '无就读信息', alert: true, ledger: 'children', query: { nowhere: '1' } },
  { key: 'closedThisTerm', label: '本学期已结案', alert: false, ledger: 'cases', query: { status: 'CLOSED' } },
  { key: 'schoolAge', label: '适龄儿童', alert: false, ledger: 'children', query: {} },
];

/** The hint under a tile. */
export function tileHint(r: DropoutCountsLike, key: TileKey): string {
  switch (key) {
    case 'suspected':
    case 'dropouts':
      return r.longOpen ? `其中超过30天未结案 ${r.longOpen} 件（合计）` : '未结案';
    case 'absencesOverdue':
      return `未结束的缺勤报告 ${r.absencesOpen} 份`;
    case 'studyingNowhere':
      return '适龄未入学、无学籍';
    case 'closedThisTerm':
      return '本学期';
    default:
      return `在读 ${r.studying} 人`;
  }
}

/** 零辍学: no open case and no child studying nowhere. */
export function isZero(r: DropoutCountsLike): boolean {
  return r.suspected + r.dropouts + r.studyingNowhere === 0;
}

// ---- Absence reports through the outbox ----

/** What the outbox keeps for a 报告缺勤: the item's id is the uuid. */
export interface AbsencePayload {
  input: Omit<ReportAbsenceInput, 'uuid'>;
  studentName: string;
}

export interface AbsenceForm {
  absentSince: string;
  reason: string;
}

/** The form's errors, by field; empty when it may be sent. */
export function validateAbsence(f: AbsenceForm, today: string): Partial<Record<keyof AbsenceForm, string>> {
  const e: Partial<Record<keyof AbsenceForm, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.absentSince)) e.absentSince = '请选择缺勤开始日期';
  else if (f.absentSince > today) e.absentSince = '缺勤开始日期不能晚于今天';
  if (f.reason.length > 500) e.reason = '原因最多500字';
  return e;
}

export function absencePayload(studentID: string, studentName: string, f: AbsenceForm): AbsencePayload {
  const reason = f.reason.trim();
  return { input: { studentID, absentSince: f.absentSince, ...(reason ? { reason } : {}) }, studentName };
}

/** The mutation's variables for an outbox item. */
export function absenceVariables(item: Pick<OutboxItem<AbsencePayload>, 'id' | 'payload'>): { input: ReportAbsenceInput } {
  return { input: { ...item.payload.input, uuid: item.id } };
}

/** The viewer's absence reports for a student still on the phone (not yet accepted). */
export function pendingAbsence(items: readonly OutboxItem[], studentID: string): OutboxItem<AbsencePayload> | null {
  const i = items.find((x) => x.kind === 'absence' && x.state !== 'sent' && (x.payload as AbsencePayload)?.input?.studentID === studentID);
  return (i as OutboxItem<AbsencePayload>) ?? null;
}

// ---- Case actions (劝返 / 核查 / 上报 / 记录) through the outbox ----

/** What the outbox keeps for a case action: the item's id is the uuid. */
export interface CaseActionPayload {
  input: Omit<CaseActionInput, 'uuid'>;
  studentName: string;
}

export interface CaseActionForm {
  kind: CaseActionKind;
  date: string;
  participants: string;
  method: string;
  outcome: CaseActionOutcome | '';
  notes: string;
}

/** The form's errors, by field; empty when it may be sent. The server checks again. */
export function validateCaseAction(f: CaseActionForm, today: string): Partial<Record<keyof CaseActionForm, string>> {
  const e: Partial<Record<keyof CaseActionForm, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) e.date = '请选择日期';
  else if (f.date > today) e.date = '日期不能晚于今天';
  if (f.kind === 'PERSUASION' && !f.participants.trim()) e.participants = '请填写参与劝返的人员';
  if (!f.outcome) e.outcome = '请选择结果';
  return e;
}

export function caseActionPayload(caseID: string, studentName: string, f: CaseActionForm): CaseActionPayload {
  const participants = f.participants.trim();
  const notes = f.notes.trim();
  return {
    input: {
      caseID,
      kind: f.kind,
      date: f.date,
      outcome: f.outcome as CaseActionOutcome,
      ...(participants ? { participants } : {}),
      ...(f.method ? { method: f.method } : {}),
      ...(notes ? { notes } : {}),
    },
    studentName,
  };
}

/** The mutation's variables for an outbox item. */
export function caseActionVariables(item: Pick<OutboxItem<CaseActionPayload>, 'id' | 'payload'>): { input: CaseActionInput } {
  return { input: { ...item.payload.input, uuid: item.id } };
}

/** The viewer's actions on a case still on the phone (not yet accepted), oldest first. */
export function pendingCaseActions(items: readonly OutboxItem[], caseID: string): OutboxItem<CaseActionPayload>[] {
  return items.filter(
    (x) => x.kind === 'caseAction' && x.state !== 'sent' && (x.payload as CaseActionPayload)?.input?.caseID === caseID,
  ) as OutboxItem<CaseActionPayload>[];
}

// ---- Escalation steps ----

const STEP_ORDER = ['HOME_VISIT', 'SCHOOL_OFFICE', 'JOINT_VISIT', 'COUNTY_REPORT'];

/** The steps in the order they fall due. */
export function sortSteps<S extends { kind: string; dueAt: string }>(steps: readonly S[] | null | undefined): S[] {
  return [...(steps ?? [])].sort((a, b) => STEP_ORDER.indexOf(a.kind) - STEP_ORDER.indexOf(b.kind) || a.dueAt.localeCompare(b.dueAt));
}

export type StepState = 'done' | 'overdue' | 'due';

export function stepState(s: { doneAt?: string | null; overdue: boolean }): StepState {
  if (s.doneAt) return 'done';
  return s.overdue ? 'overdue' : 'due';
}

/** 11月10日 14:05 in China time. */
export function chinaTime(t: string | number | Date): string {
  const ms = new Date(t).getTime();
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + 8 * 3600 * 1000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

export function stepText(s: { doneAt?: string | null; dueAt: string; overdue: boolean; doneBy?: { name: string } | null }): string {
  switch (stepState(s)) {
    case 'done':
      return `已完成：${chinaTime(s.doneAt!)}${s.doneBy ? ` · ${s.doneBy.name}` : ''}`;
    case 'overdue':
      return `已逾期：应于 ${chinaTime(s.dueAt)} 前完成`;
    default:
      return `应于 ${chinaTime(s.dueAt)} 前完成`;
  }
}

/** Days between two YYYY-MM-DD dates (b after a: positive). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

/** 缺勤3天 counting from the first day absent to today, or 今天起缺勤. */
export function absentFor(since: string, today: string = chinaDate()): string {
  const n = daysBetween(since, today) + 1;
  return n <= 1 ? '今天起缺勤' : `已缺勤${n}天`;
}

// ---- What the viewer may do (the server enforces it) ----

export interface StudentPlace {
  id: string;
  villageCode?: string | null;
  grade?: number | null;
  className?: string | null;
  school?: { id: string; divisionCode?: string | null } | null;
  contactPerson?: { id: string } | null;
}

function reaches(v: Pick<Viewer, 'person' | 'permissions'> | null | undefined, object: string, action: string, s: StudentPlace): boolean {
  const p = permission(v, object, action);
  if (!p || !v?.person?.id) return false;
  if (p.all) return true;
  if (p.assigned && s.contactPerson?.id === v.person.id) return true;
  if (inRanges(s.villageCode, p.villageRanges)) return true;
  if (s.school && (p.schoolIDs.includes(s.school.id) || inRanges(s.school.divisionCode, p.schoolRanges))) return true;
  // A head teacher's own class (班主任).
  return (v.person.positions ?? []).some(
    (pos) => pos.role === 'HEAD_TEACHER' && !!s.school && pos.org.id === s.school.id && pos.grade === s.grade && pos.className === s.className,
  );
}

/** 报告缺勤 for this student. */
export function mayReportAbsence(v: Pick<Viewer, 'person' | 'permissions'> | null | undefined, s: StudentPlace): boolean {
  return reaches(v, 'absence', 'write', s);
}

/**
 * 报告缺勤 on a row of the student list: for the school's own staff (a head
 * teacher's class, a teacher's school) and the student's contact person, not
 * for the county reading the whole list.
 */
export function offerAbsenceOnList(v: Pick<Viewer, 'person' | 'permissions'> | null | undefined, s: StudentPlace): boolean {
  const me = v?.person;
  if (!me || !mayReportAbsence(v, s)) return false;
  return s.contactPerson?.id === me.id || (!!s.school && (me.positions ?? []).some((p) => p.org.id === s.school?.id));
}

/** Work a case: record attempts, confirm. */
export function mayWorkCase(v: Pick<Viewer, 'person' | 'permissions'> | null | undefined, s: StudentPlace): boolean {
  return reaches(v, 'dropout', 'write', s);
}

/** Close a case (the county). */
export function mayCloseCase(v: Pick<Viewer, 'person' | 'permissions'> | null | undefined, s: StudentPlace): boolean {
  return reaches(v, 'dropout', 'close', s);
}

/** Whether the viewer sees any dropout control at all (the page, the home card). */
export function mayViewDropout(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return !!permission(v, 'dropout', 'read') || !!permission(v, 'absence', 'read');
}
