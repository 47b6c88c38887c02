// 提醒: the words and links of reminders (the teacher's families still to
// contact, who is behind, agreements waiting), the audit log's filters and
// who keeps an outbox. Pure, so it is tested without a browser.
import { areaOrg, ledSchoolIDs, permission, roleKeys, TEACHER_ROLES, type Viewer } from '@/scope';

/** 本月还有 3 户未联系，还剩 5 天; null when nothing is due. */
export function familiesReminder(due: number | null | undefined, daysLeft: number): string | null {
  if (!due) return null;
  return `本月还有 ${due} 户未联系，还剩 ${daysLeft} 天`;
}

/** The badge's text: the count, 99+ past 99; '' for none. */
export function badgeText(n: number | null | undefined): string {
  if (!n || n < 0) return '';
  return n > 99 ? '99+' : String(n);
}

/** 最久已等 12 天 (今天 for 0 days); '' when nothing waits. */
export function waitingText(days: number | null | undefined): string {
  if (days == null) return '';
  return days === 0 ? '最早一份今天下发' : `最久已等 ${days} 天`;
}

/** tel: link of a phone number, digits and a leading + only. */
export function telHref(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/[^\d+]/g, '');
  return digits ? `tel:${digits}` : null;
}

/**
 * The division whose people a viewer follows, for the list of whom to call:
 * a bureau's division, a central school's township, a school's location.
 */
export function scopeDivision(v: Viewer | null | undefined): string | null {
  const area = areaOrg(v);
  if (area) return area.division.code;
  const positions = v?.person?.positions ?? [];
  const keys = roleKeys(v);
  if (keys.includes('central_leader')) {
    const central = positions.find((p) => p.org.kind === 'SCHOOL' && p.org.isCentral && p.org.division.level === 'TOWNSHIP');
    if (central) return central.org.division.code;
  }
  const led = ledSchoolIDs(v);
  const school = positions.find((p) => led.includes(p.org.id));
  return school?.org.divisionCode ?? null;
}

/** The spreadsheet of overdue families with their responsible person's phone. */
export function overdueXlsxHref(division: string | null): string | null {
  return division ? `/exports/overdue.xlsx?division=${encodeURIComponent(division)}` : null;
}

/**
 * Whether the viewer keeps an outbox of contacts: those who log them (a
 * teacher, a school or bureau that logs on behalf of its staff), or anyone
 * with items in it (a signature waiting to be sent). Overseers and
 * inspectors see no outbox text.
 */
export function keepsOutbox(v: Pick<Viewer, 'roles' | 'permissions'> | null | undefined, items: number): boolean {
  if (items > 0) return true;
  if (roleKeys(v).some((k) => TEACHER_ROLES.includes(k))) return true;
  const p = permission(v, 'contact', 'write');
  return !!p && (p.all || p.villageRanges.length > 0 || p.schoolRanges.length > 0 || p.schoolIDs.length > 0);
}

/** Whether the viewer may read the audit log (审计日志). */
export function mayReadAudit(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return !!permission(v, 'auditlog', 'read');
}

export const AUDIT_ACTIONS = [
  { key: 'VIEW_STUDENT', label: '查看学生' },
  { key: 'REVEAL_ID_NUMBER', label: '查看完整身份证号' },
  { key: 'EXPORT', label: '导出' },
  { key: 'VIEW_LIST', label: '查看名单' },
] as const;

export function auditActionLabel(a: string): string {
  return AUDIT_ACTIONS.find((x) => x.key === a)?.label ?? a;
}

export interface AuditFilter {
  person?: string;
  target?: string;
  action?: string;
  /** YYYY-MM-DD, both days included (China time). */
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day after d (YYYY-MM-DD), for an end date that includes its day. */
function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** The filter as an AuditLogWhereInput: the person by name, the target by student or subject. */
export function auditWhere(f: AuditFilter): Record<string, unknown> | null {
  const and: Record<string, unknown>[] = [];
  const person = f.person?.trim();
  const target = f.target?.trim();
  if (person) and.push({ actorNameContains: person });
  if (target) and.push({ or: [{ studentNameContains: target }, { subjectContains: target }] });
  if (f.action && AUDIT_ACTIONS.some((a) => a.key === f.action)) and.push({ action: f.action });
  if (f.from && DAY.test(f.from)) and.push({ atGTE: `${f.from}T00:00:00+08:00` });
  if (f.to && DAY.test(f.to)) and.push({ atLT: `${nextDay(f.to)}T00:00:00+08:00` });
  if (and.length === 0) return null;
  return and.length === 1 ? and[0] : { and };
}

/** The audit log's spreadsheet with the same filter (the exports endpoint's contract). */
export function auditXlsxHref(f: AuditFilter): string {
  const q = new URLSearchParams({
    person: f.person?.trim() ?? '',
    target: f.target?.trim() ?? '',
    from: f.from && DAY.test(f.from) ? f.from : '',
    to: f.to && DAY.test(f.to) ? f.to : '',
    action: f.action ?? '',
  });
  return `/exports/auditlog.xlsx?${q.toString()}`;
}

/** What an audit row is about: the student, or the exported list and its rows. */
export function auditTarget(r: { action: string; studentName?: string | null; subject?: string | null; rows?: number | null }): string {
  if (r.action === 'EXPORT') return r.rows != null ? `${r.subject || '名单'}（${r.rows} 行）` : r.subject || '名单';
  return r.studentName || '—';
}
