// 问题清单: labels, the list's order and filters, and which state moves to
// offer. The server decides (authz/inspect.go); this mirrors it so that only
// the moves that would succeed are shown.
import type { ProblemRowFragment, ProblemSource, ProblemState, ProblemWhereInput } from '@/gql/graphql';
import { inRanges, permission, type Viewer } from '@/scope';

export const PROBLEM_STATES: { key: ProblemState; label: string }[] = [
  { key: 'PENDING' as ProblemState, label: '待整改' },
  { key: 'IN_PROGRESS' as ProblemState, label: '整改中' },
  { key: 'RECTIFIED' as ProblemState, label: '已整改' },
  { key: 'CLOSED' as ProblemState, label: '已销号' },
];

export function stateLabel(s: string | null | undefined): string {
  return PROBLEM_STATES.find((x) => x.key === s)?.label ?? (s ? s : '新建');
}

const SOURCES: Record<string, string> = { INSPECTION: '抽查', AUDIT: '审计', SUPERVISION: '督查', MANUAL: '手工录入' };
export function sourceLabel(s: ProblemSource | string): string {
  return SOURCES[s] ?? s;
}

export interface ProblemFilter {
  state: string;
  repeat: boolean;
}

export function problemWhere(f: ProblemFilter): ProblemWhereInput {
  const w: ProblemWhereInput = {};
  if (PROBLEM_STATES.some((s) => s.key === f.state)) w.state = f.state as ProblemState;
  if (f.repeat) w.repeat = true;
  return w;
}

type Sortable = Pick<ProblemRowFragment, 'overdue' | 'deadline' | 'id'>;

/** Overdue first, then by deadline (the earliest first). */
export function sortProblems<T extends Sortable>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    const d = Date.parse(a.deadline) - Date.parse(b.deadline);
    return d !== 0 ? d : Number(a.id) - Number(b.id);
  });
}

/** Sees a problem list at all: every signed-in person holds problem/read (their own at least). */
export function mayReadProblems(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return !!permission(v, 'problem', 'read');
}

type Subject = Pick<ProblemRowFragment, 'state' | 'ownerID' | 'raisedByID' | 'raisedOrgID' | 'unitCode' | 'unitOrgID'>;

function isOwner(v: Pick<Viewer, 'person'> | null | undefined, p: Subject): boolean {
  return !!v?.person?.id && v.person.id === p.ownerID;
}

/** 开始整改: 待整改, by the owner or whoever works the unit's problems. */
export function mayStart(v: Pick<Viewer, 'person' | 'permissions'> | null | undefined, p: Subject): boolean {
  if (p.state !== 'PENDING') return false;
  const w = permission(v, 'problem', 'work');
  if (!w || !v?.person?.id) return false;
  return isOwner(v, p) || w.all || w.schoolIDs.includes(p.unitOrgID) || inRanges(p.unitCode, w.villageRanges);
}

/** 提交整改: 整改中, by the owner alone. */
export function mayRectify(v: Pick<Viewer, 'person'> | null | undefined, p: Subject): boolean {
  return p.state === 'IN_PROGRESS' && isOwner(v, p);
}

/** 验收销号 and 退回: 已整改, by whoever raised it or, holding accept over an area, their bureau. */
export function mayAccept(v: Pick<Viewer, 'person' | 'permissions'> | null | undefined, p: Subject): boolean {
  if (p.state !== 'RECTIFIED') return false;
  const a = permission(v, 'problem', 'accept');
  const me = v?.person?.id;
  if (!a || !me) return false;
  if (p.raisedByID === me) return true;
  if (!a.all && a.villageRanges.length === 0) return false;
  return (v?.person?.positions ?? []).some((pos) => pos.org.kind !== 'SCHOOL' && pos.org.id === p.raisedOrgID);
}
