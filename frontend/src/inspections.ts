// 抽查 and 登记问题: labels, who may draw, record and raise, and the raise
// form's checks. The server decides (authz/inspect.go); this mirrors it so
// that only what would succeed is offered.
import type { InspectionRowFragment, ProblemSource, RaiseProblemInput } from '@/gql/graphql';
import { inRanges, permission, type Position, type Viewer } from '@/scope';

type V = Pick<Viewer, 'person' | 'permissions'> | null | undefined;

export function drawStateLabel(s: string): string {
  return s === 'PUBLISHED' ? '已发布' : '草稿';
}

export function drawLevelLabel(s: string): string {
  return s === 'COUNTY' ? '抽县' : '抽校';
}

/** The bureaus the viewer may draw for: their own units (not schools) inside inspection/write. */
export function drawOrgs(v: V): Position['org'][] {
  const w = permission(v, 'inspection', 'write');
  if (!w || !v?.person?.id) return [];
  const out = new Map<string, Position['org']>();
  for (const pos of v.person.positions ?? []) {
    const o = pos.org;
    if (o.kind === 'SCHOOL') continue;
    if (w.all || inRanges(o.divisionCode, w.villageRanges)) out.set(o.id, o);
  }
  return [...out.values()];
}

/** The share drawn by default: 20% of a city's counties, 30% of a county's schools. */
export function defaultShare(o: Pick<Position['org'], 'kind'> | null | undefined): number {
  return o?.kind === 'CITY_BUREAU' ? 20 : 30;
}

/** 记录检查: a planned inspection of the viewer's inspecting area, not of their own unit. */
export function mayRecord(v: V, i: Pick<InspectionRowFragment, 'state' | 'inspectorCode' | 'target'>): boolean {
  if (i.state !== 'PLANNED' || !v?.person?.id) return false;
  const w = permission(v, 'inspection', 'write');
  if (!w || !(w.all || inRanges(i.inspectorCode, w.villageRanges))) return false;
  return !(v.person.positions ?? []).some((p) => p.org.id === i.target.id);
}

/** The bureaus a problem may be raised in the name of (one's own, not schools), when one may raise. */
export function raiseOrgs(v: V): Position['org'][] {
  const r = permission(v, 'problem', 'raise');
  if (!r || !v?.person?.id) return [];
  if (!r.all && r.villageRanges.length === 0) return [];
  const out = new Map<string, Position['org']>();
  for (const pos of v.person.positions ?? []) if (pos.org.kind !== 'SCHOOL') out.set(pos.org.id, pos.org);
  return [...out.values()];
}

export function mayRaise(v: V): boolean {
  return raiseOrgs(v).length > 0;
}

export const RAISE_SOURCES: { key: ProblemSource; label: string }[] = [
  { key: 'INSPECTION' as ProblemSource, label: '检查' },
  { key: 'AUDIT' as ProblemSource, label: '审计' },
  { key: 'SUPERVISION' as ProblemSource, label: '督查' },
  { key: 'MANUAL' as ProblemSource, label: '其他' },
];

export interface RaiseForm {
  source: string;
  sourceDoc: string;
  inspectionID: string;
  unitOrgID: string;
  ownerID: string;
  raisedOrgID: string;
  category: string;
  description: string;
  /** YYYY-MM-DD */
  deadline: string;
}

export function emptyRaiseForm(): RaiseForm {
  return { source: '', sourceDoc: '', inspectionID: '', unitOrgID: '', ownerID: '', raisedOrgID: '', category: '', description: '', deadline: '' };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Field → message for what is missing; empty when the form may be sent. */
export function checkRaiseForm(f: RaiseForm): Partial<Record<keyof RaiseForm, string>> {
  const e: Partial<Record<keyof RaiseForm, string>> = {};
  if (!RAISE_SOURCES.some((s) => s.key === f.source)) e.source = '请选择问题来源';
  else if (f.source === 'INSPECTION' && !f.inspectionID) e.source = '来源为检查的问题须从已记录的检查登记';
  else if (f.source !== 'INSPECTION' && !f.sourceDoc.trim()) e.sourceDoc = '请填写文号';
  if (!f.unitOrgID) e.unitOrgID = '请选择责任单位';
  if (!f.ownerID) e.ownerID = '请选择整改责任人';
  if (!f.raisedOrgID) e.raisedOrgID = '请选择登记单位';
  if (!f.category) e.category = '请选择问题类别';
  if (!f.description.trim()) e.description = '请填写问题描述';
  if (!DAY.test(f.deadline)) e.deadline = '请选择整改期限';
  return e;
}

/**
 * The mutation's input; the deadline is the end of that day, China time,
 * sent in UTC: the server stores an offset time on SQLite as text it cannot
 * read back.
 */
export function raiseInput(f: RaiseForm): RaiseProblemInput {
  const inspection = f.source === 'INSPECTION';
  return {
    source: f.source as ProblemSource,
    sourceDoc: f.sourceDoc.trim() || null,
    inspectionID: inspection ? f.inspectionID : null,
    unitOrgID: f.unitOrgID,
    ownerID: f.ownerID,
    raisedOrgID: f.raisedOrgID,
    category: f.category,
    description: f.description.trim(),
    deadline: new Date(`${f.deadline}T23:59:59+08:00`).toISOString(),
  };
}
