// Who answers for a village, household or student (三包): what the page says
// about it, the history as a timeline, and the checks of a reason to end or
// change it. Pure functions, unit-tested.
import type { AssignmentKind } from '@/gql/graphql';
import { formatDate } from '@/format';

export type { AssignmentKind };

/** The role as people say it, by what is guaranteed. */
export const ROLE: Record<AssignmentKind, string> = {
  VILLAGE: '包村责任人',
  HOUSEHOLD: '包户责任人',
  STUDENT: '帮扶联系人',
};

export type ResponsibleState = 'named' | 'hidden' | 'none' | 'not-needed';

/**
 * What to show for the person responsible. The server says whether there is
 * one (has…) apart from whether the viewer may see them (the person edge is
 * null then): someone outside the viewer's scope is 已落实, never 未落实.
 */
export function responsibleState(has: boolean, person: { name: string } | null | undefined, needed = true): { state: ResponsibleState; text: string } {
  if (person) return { state: 'named', text: person.name };
  if (has) return { state: 'hidden', text: '已落实' };
  if (!needed) return { state: 'not-needed', text: '无需' };
  return { state: 'none', text: '未落实' };
}

export interface AssignmentEntry {
  id: string;
  startsAt: string;
  endsAt?: string | null;
  endReason?: string | null;
  responsible?: { id: string; name: string; phone?: string | null } | null;
  assignedBy?: { name: string } | null;
}

export interface TimelineItem {
  id: string;
  who: string;
  /** 2026年3月1日起 / 2025年9月1日至2026年3月1日 */
  period: string;
  current: boolean;
  reason: string;
  by: string;
}

/** The history, newest first, as the page lists it. */
export function timeline(entries: readonly AssignmentEntry[], now: Date = new Date()): TimelineItem[] {
  return [...entries]
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .map((a) => ({
      id: a.id,
      who: a.responsible?.name ?? '（不在您的查看范围）',
      period: a.endsAt ? `${formatDate(a.startsAt, now)}至${formatDate(a.endsAt, now)}` : `${formatDate(a.startsAt, now)}起`,
      current: !a.endsAt,
      reason: a.endsAt ? a.endReason || '已结束' : '',
      by: a.assignedBy?.name ?? '',
    }));
}

/** The assignment in force, if any. */
export function current<T extends { endsAt?: string | null }>(entries: readonly T[]): T | null {
  return entries.find((a) => !a.endsAt) ?? null;
}

/** Reasons people give, offered as chips; any other may be typed. */
export const END_REASONS = ['调动', '离职', '工作调整', '对象已无需帮扶'];

/** A reason to end or change an assignment: required, at most 100 characters. */
export function checkReason(reason: string): string | null {
  const r = reason.trim();
  if (!r) return '请填写原因';
  if ([...r].length > 100) return '原因不超过100字';
  return null;
}
