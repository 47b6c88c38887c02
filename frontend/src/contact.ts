// The monthly contact (联系 / 走访) of the three guarantees: China-time dates,
// who is overdue this month, the contact form's checks and the payload it
// puts in the outbox, and the contact history shown on the family page
// (records stored on the server merged with those still on the phone).
// Pure functions, unit-tested.
import type { ContactMode, LogContactInput } from '@/gql/graphql';
import type { OutboxItem, OutboxState } from '@/offline/outbox';
import { responsibleState } from '@/responsibility';

export type { ContactMode };

/** 入户走访 / 电话 / 微信 / 到校面谈, in the order the form offers them. */
export const CONTACT_MODES: Record<ContactMode, string> = {
  HOME_VISIT: '入户走访',
  PHONE: '电话',
  WECHAT: '微信',
  SCHOOL_MEETING: '到校面谈',
};

export function modeLabel(m: string | null | undefined): string {
  return (m && CONTACT_MODES[m as ContactMode]) || m || '';
}

export interface ContactOptions {
  aidKinds: string[];
  policies: string[];
  flags: { key: string; label: string }[];
}

/**
 * The server's choices (contactOptions) as of this release. The form uses
 * the server's answer, stored for offline use; this copy only serves a phone
 * that opens the form offline before it ever loaded them.
 */
export const FALLBACK_OPTIONS: ContactOptions = {
  aidKinds: [
    '学前教育幼儿资助',
    '义务教育家庭经济困难学生生活补助',
    '农村义务教育营养改善计划',
    '普通高中国家助学金',
    '普通高中免学杂费',
    '中职国家助学金',
    '中职免学费',
    '生源地信用助学贷款',
    '大学新生入学资助',
    '高校国家助学金',
    '雨露计划',
    '县级资助',
  ],
  policies: ['各学段资助政策', '两课两信两回执', '控辍保学政策', '营养改善计划', '生源地助学贷款', '雨露计划', '残疾儿童送教上门'],
  flags: [
    { key: 'SUSPECTED_DROPOUT', label: '疑似辍学' },
    { key: 'ILLNESS', label: '因病致困' },
    { key: 'DISABILITY', label: '因残致困' },
    { key: 'HARDSHIP_WORSE', label: '家庭困难加剧' },
    { key: 'UNATTENDED', label: '监护缺失' },
    { key: 'AID_MISSING', label: '应助未助' },
  ],
};

/**
 * The 学段 an aid kind is for, read from its name as the bureaus write it
 * (a county's own kinds included); none: any stage (县级资助).
 */
const AID_STAGES: [RegExp, string[]][] = [
  [/学前|幼儿/, ['PRESCHOOL']],
  [/义务教育|营养改善/, ['PRIMARY', 'JUNIOR']],
  [/普通高中|高中/, ['SENIOR']],
  [/中职|职业/, ['VOCATIONAL']],
  [/雨露计划/, ['VOCATIONAL', 'HIGHER']],
  [/大学新生|生源地/, ['SENIOR', 'HIGHER']],
  [/高校|大学|本专科|研究生/, ['HIGHER']],
];

/** The 学段 an aid kind fits; null when it fits every stage. */
export function aidKindStages(kind: string): string[] | null {
  for (const [re, stages] of AID_STAGES) if (re.test(kind)) return stages;
  return null;
}

/**
 * The aid kinds a family's students may apply for first (帮办申请), the others
 * after, each in the server's order. A family with no student stage known
 * gets every kind as fitting.
 */
export function aidKindsByFit(kinds: readonly string[], stages: readonly (string | null | undefined)[]): { fit: string[]; other: string[] } {
  const have = new Set(stages.filter((s): s is string => !!s));
  if (!have.size) return { fit: [...kinds], other: [] };
  const fit: string[] = [];
  const other: string[] = [];
  for (const k of kinds) {
    const st = aidKindStages(k);
    (!st || st.some((s) => have.has(s)) ? fit : other).push(k);
  }
  return { fit, other };
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The date in China (UTC+8, no daylight saving) as YYYY-MM-DD. */
export function chinaDate(t: Date | number = new Date()): string {
  const ms = typeof t === 'number' ? t : t.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first day of the month in China, YYYY-MM-01: contacts before it are last month's. */
export function monthStart(now: Date | number = new Date()): string {
  return `${chinaDate(now).slice(0, 7)}-01`;
}

/** The later of two YYYY-MM-DD dates ('' is never). */
export function laterDate(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * A family is overdue (本月未联系) when its last contact, on the server or
 * recorded on this phone and not yet sent, is before the first of this month.
 */
export function isOverdue(lastContactOn: string | null | undefined, now: Date | number = new Date(), localDates: readonly string[] = []): boolean {
  const last = localDates.reduce(laterDate, lastContactOn ?? '');
  return last < monthStart(now);
}

/** 10月3日, or 2025年10月3日 outside the current (China) year; 从未联系 for ''. */
export function dayLabel(ymd: string | null | undefined, now: Date | number = new Date()): string {
  if (!ymd) return '从未联系';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const md = `${Number(m[2])}月${Number(m[3])}日`;
  return m[1] === chinaDate(now).slice(0, 4) ? md : `${m[1]}年${md}`;
}

/** What the contact form holds. */
export interface ContactForm {
  date: string;
  mode: ContactMode | '';
  learnedSituation: boolean;
  aidApplied: string[];
  policiesExplained: string[];
  flags: string[];
  /** The student the contact was about, or null for the whole family. */
  studentID: string | null;
  /** On whose behalf a supervisor records it; null for oneself. */
  personID: string | null;
  notes: string;
}

export function emptyContactForm(today: string): ContactForm {
  return {
    date: today,
    mode: '',
    learnedSituation: true,
    aidApplied: [],
    policiesExplained: [],
    flags: [],
    studentID: null,
    personID: null,
    notes: '',
  };
}

export type ContactField = 'date' | 'mode' | 'tasks' | 'flags' | 'notes';
export type ContactErrors = Partial<Record<ContactField, string>>;

export const MAX_NOTES = 2000;
const MAX_ITEMS = 20;

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Checks a contact as the server will (date not in the future, lists within
 * bounds, notes' length) plus what makes a record worth keeping: a mode and
 * at least one of the three tasks; 疑似辍学 names the student. Returns the
 * errors by field; empty when the form may be saved.
 */
export function validateContact(f: ContactForm, today: string, studentCount = 0): ContactErrors {
  const e: ContactErrors = {};
  if (!f.date) e.date = '请选择联系日期';
  else if (!validDate(f.date)) e.date = '日期应为 年-月-日';
  else if (f.date > today) e.date = '联系日期不能晚于今天';
  else if (f.date < '2015-01-01') e.date = '联系日期过早';
  if (!f.mode || !(f.mode in CONTACT_MODES)) e.mode = '请选择联系方式';
  if (!f.learnedSituation && f.aidApplied.length === 0 && f.policiesExplained.length === 0) {
    e.tasks = '请至少完成一项：了解情况、帮办申请或宣传政策';
  } else if (f.aidApplied.length > MAX_ITEMS || f.policiesExplained.length > MAX_ITEMS) {
    e.tasks = `每项最多选 ${MAX_ITEMS} 个`;
  }
  if (f.flags.includes('SUSPECTED_DROPOUT') && studentCount > 0 && !f.studentID) {
    e.flags = '标记“疑似辍学”时，请在上面选择是哪名学生';
  }
  if ([...f.notes.trim()].length > MAX_NOTES) e.notes = `备注最多 ${MAX_NOTES} 字`;
  return e;
}

/** Keeps the choices in the order the options list them, without repeats. */
export function inOrder(chosen: readonly string[], options: readonly string[]): string[] {
  const set = new Set(chosen);
  const known = options.filter((o) => set.has(o));
  const extra = [...set].filter((c) => !options.includes(c));
  return [...known, ...extra];
}

/** The mutation's input without its uuid (the outbox item's id is the uuid). */
export type ContactInput = Omit<LogContactInput, 'uuid'>;

/** What a contact looks like in the outbox. */
export interface ContactPayload {
  input: ContactInput;
  /** For lists on the phone: 户主, and who the record is about or for. */
  headName: string;
  studentName: string | null;
  personName: string;
  /** Who recorded it, when on behalf of personName (代为记录). */
  recordedByName?: string | null;
}

export function buildContactInput(householdID: string, f: ContactForm, options: ContactOptions): ContactInput {
  if (!f.mode) throw new Error('contact: mode is required');
  const input: ContactInput = {
    householdID,
    date: f.date,
    mode: f.mode,
    learnedSituation: f.learnedSituation,
    aidApplied: inOrder(f.aidApplied, options.aidKinds),
    policiesExplained: inOrder(f.policiesExplained, options.policies),
    flags: inOrder(
      f.flags,
      options.flags.map((x) => x.key),
    ),
  };
  if (f.studentID) input.studentID = f.studentID;
  if (f.personID) input.personID = f.personID;
  const notes = f.notes.trim();
  if (notes) input.notes = notes;
  return input;
}

/** A contact stored on the server, as the family page queries it. */
export interface StoredContact {
  id: string;
  uuid: string;
  date: string;
  mode: ContactMode;
  learnedSituation: boolean;
  aidApplied?: string[] | null;
  policiesExplained?: string[] | null;
  flags?: string[] | null;
  notes?: string | null;
  createdAt: string;
  person: { id: string; name: string };
  recordedBy: { id: string; name: string };
  student?: { id: string; name: string } | null;
}

/** One line of the contact history. */
export interface ContactEntry {
  key: string;
  date: string;
  mode: ContactMode;
  learnedSituation: boolean;
  aidApplied: string[];
  policiesExplained: string[];
  flags: string[];
  notes: string;
  personName: string;
  recordedByName: string | null;
  studentName: string | null;
  /** stored: on the server; pending / sent / failed: made on this phone. */
  status: 'stored' | OutboxState;
  error: string | null;
  /** For ordering records of the same day: newest first. */
  at: number;
}

/**
 * The family's contacts, newest first: those on the server, and those made on
 * this phone for it. A record made here and already on the server shows once,
 * as 已发送; one still waiting shows as 待发送 (or 发送失败 with the reason).
 */
export function mergeContacts(householdID: string, stored: readonly StoredContact[], local: readonly OutboxItem[]): ContactEntry[] {
  const mine = local.filter((i): i is OutboxItem<ContactPayload> => i.kind === 'contact' && (i.payload as ContactPayload)?.input?.householdID === householdID);
  const byUuid = new Map(mine.map((i) => [i.id.toLowerCase(), i]));
  const out: ContactEntry[] = stored.map((c) => {
    const here = byUuid.get(c.uuid.toLowerCase());
    if (here) byUuid.delete(c.uuid.toLowerCase());
    return {
      key: c.id,
      date: c.date,
      mode: c.mode,
      learnedSituation: c.learnedSituation,
      aidApplied: c.aidApplied ?? [],
      policiesExplained: c.policiesExplained ?? [],
      flags: c.flags ?? [],
      notes: c.notes ?? '',
      personName: c.person.name,
      recordedByName: c.recordedBy.id !== c.person.id ? c.recordedBy.name : null,
      studentName: c.student?.name ?? null,
      status: here ? 'sent' : 'stored',
      error: null,
      at: Date.parse(c.createdAt) || 0,
    };
  });
  for (const i of byUuid.values()) {
    const p = i.payload;
    out.push({
      key: i.id,
      date: p.input.date,
      mode: p.input.mode,
      learnedSituation: p.input.learnedSituation,
      aidApplied: p.input.aidApplied ?? [],
      policiesExplained: p.input.policiesExplained ?? [],
      flags: p.input.flags ?? [],
      notes: p.input.notes ?? '',
      personName: p.personName,
      recordedByName: p.recordedByName ?? null,
      studentName: p.studentName,
      status: i.state,
      error: i.state === 'failed' ? i.lastError : null,
      at: i.createdAt,
    });
  }
  return out.sort((a, b) => (a.date === b.date ? b.at - a.at : a.date < b.date ? 1 : -1));
}

/** Dates of the contacts made on this phone for each household (not failed). */
export function localContactDates(items: readonly OutboxItem[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const i of items) {
    if (i.kind !== 'contact' || i.state === 'failed') continue;
    const input = (i.payload as ContactPayload)?.input;
    if (!input?.householdID) continue;
    out.set(input.householdID, [...(out.get(input.householdID) ?? []), input.date]);
  }
  return out;
}

/** Household ids with a contact still waiting on this phone. */
export function pendingHouseholds(items: readonly OutboxItem[]): Set<string> {
  const out = new Set<string>();
  for (const i of items) {
    if (i.kind === 'contact' && i.state === 'pending') {
      const id = (i.payload as ContactPayload)?.input?.householdID;
      if (id) out.add(id);
    }
  }
  return out;
}

/** The flag labels of a record, from the options' keys. */
export function flagLabelsOf(keys: readonly string[], options: ContactOptions = FALLBACK_OPTIONS): string[] {
  return keys.map((k) => options.flags.find((f) => f.key === k)?.label ?? k);
}

/**
 * Whether a student must have a 帮扶联系人 (包人), as the server counts it:
 * registered-card (建档立卡) students, dropouts and suspected dropouts, unless
 * graduated.
 */
export function needsContactPerson(enrollmentStatus: string, householdStatus: string | null | undefined): boolean {
  if (enrollmentStatus === 'GRADUATED') return false;
  if (enrollmentStatus === 'DROPOUT' || enrollmentStatus === 'SUSPECTED_DROPOUT') return true;
  return householdStatus === 'NOT_LIFTED' || householdStatus === 'LIFTED';
}

/**
 * 帮扶联系人 as shown for a student: the name; 已落实 when there is one the
 * viewer may not see (hasContactPerson with a null contactPerson); 未落实 when
 * missing, 无需 when not needed.
 */
export function contactPersonText(
  s: { enrollmentStatus: string; contactPerson?: { name: string } | null; hasContactPerson?: boolean | null },
  householdStatus: string | null | undefined,
): string {
  return responsibleState(!!s.hasContactPerson, s.contactPerson, needsContactPerson(s.enrollmentStatus, householdStatus)).text;
}
