// Coverage of the three guarantees (覆盖情况 / 两个清零): where a viewer
// starts, how far up they may go, the four gap lists and what each may be
// assigned as. Pure functions, unit-tested.
import type { AssignmentKind } from '@/gql/graphql';
import { areaOrg, ledSchoolIDs, roleKeys, type Viewer } from '@/scope';

/** Where a coverage report is taken: a division, or a unit (a school: by class). */
export type Place = { divisionCode: string; orgID?: undefined } | { orgID: string; divisionCode?: undefined };

export type GapKey = 'villages' | 'households' | 'students' | 'overdue';

export interface GapKind {
  key: GapKey;
  /** The tile's name. */
  short: string;
  /** The list's name. */
  label: string;
  /** What a row of the list may be assigned as; null: not an assignment gap. */
  assign: AssignmentKind | null;
  /** 包村责任人 / 包户责任人 / 帮扶联系人. */
  role: string;
  unit: string;
  /** Said when the list is empty (已清零). */
  clear: string;
}

export const GAPS: GapKind[] = [
  { key: 'villages', short: '包村', label: '无包村责任人的村', assign: 'VILLAGE', role: '包村责任人', unit: '个村', clear: '每个村都有包村责任人' },
  { key: 'households', short: '包户', label: '无包户责任人的户', assign: 'HOUSEHOLD', role: '包户责任人', unit: '户', clear: '每户建档立卡户都有包户责任人' },
  { key: 'students', short: '包人', label: '无帮扶联系人的学生', assign: 'STUDENT', role: '帮扶联系人', unit: '名学生', clear: '需要帮扶的学生都有帮扶联系人' },
  { key: 'overdue', short: '本月联系', label: '本月未联系的户', assign: null, role: '', unit: '户', clear: '建档立卡户本月已全部联系' },
];

export function gapKind(key: string | null | undefined): GapKind | undefined {
  return GAPS.find((g) => g.key === key);
}

interface Count {
  total: number;
  gaps: number;
}
export interface CoverageRowLike {
  villages: Count;
  households: Count;
  students: Count;
  overdue: number;
}

/** The gap count of a row for one list. */
export function gapCount(row: CoverageRowLike, key: GapKey): number {
  return key === 'overdue' ? row.overdue : row[key].gaps;
}

/** The total a gap is counted against (registered households for 本月联系). */
export function gapTotal(row: CoverageRowLike, key: GapKey): number {
  return key === 'overdue' ? row.households.total : row[key].total;
}

/** 已清零 when nothing is missing, else 缺 N. */
export function gapText(n: number): string {
  return n === 0 ? '已清零' : `缺 ${n}`;
}

/** Significant digits of a division code: 13 (province), 1306 (city), 130681 (county), 130681100, 130681100200. */
export function codePrefix(code: string): string {
  if (code.length !== 12) return code;
  if (code.slice(2) === '0000000000') return code.slice(0, 2);
  if (code.slice(4) === '00000000') return code.slice(0, 4);
  if (code.slice(6) === '000000') return code.slice(0, 6);
  if (code.slice(9) === '000') return code.slice(0, 9);
  return code;
}

/** Whether a division lies in (or is) another. */
export function within(code: string | null | undefined, root: string): boolean {
  return !!code && code.startsWith(codePrefix(root));
}

/**
 * Where the viewer's coverage view opens: a bureau's division; a township
 * central school's township; a school of its own. Null when the viewer
 * answers for no place (teachers).
 */
export function defaultPlace(v: Viewer | null | undefined): Place | null {
  const area = areaOrg(v);
  if (area) return { divisionCode: area.division.code };
  const keys = roleKeys(v);
  const schools = ledSchoolIDs(v);
  if (keys.includes('central_leader')) {
    const central = (v?.person?.positions ?? []).find((p) => p.org.kind === 'SCHOOL' && p.org.isCentral && p.org.division.level === 'TOWNSHIP');
    if (central) return { divisionCode: central.org.division.code };
  }
  if (keys.includes('school_leader') && schools.length) return { orgID: schools[0] };
  return null;
}

/** The coverage place from the URL (?division=… or ?org=…), else the viewer's own. */
export function placeFromQuery(q: { division?: string; org?: string }, v: Viewer | null | undefined): Place | null {
  if (q.org) return { orgID: q.org };
  if (q.division && /^\d{12}$/.test(q.division)) return { divisionCode: q.division };
  return defaultPlace(v);
}

export function placeQuery(p: Place): Record<string, string> {
  return p.orgID ? { org: p.orgID } : { division: p.divisionCode! };
}

/** Whether the viewer may go up to a division: only within their own place. */
export function mayGoUpTo(code: string | null | undefined, v: Viewer | null | undefined): boolean {
  const root = defaultPlace(v);
  if (!code || !root?.divisionCode) return false;
  return within(code, root.divisionCode);
}

/** 2026-11 → 2026年11月 */
export function monthKeyLabel(key: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? `${m[1]}年${Number(m[2])}月` : key;
}

/** The name of one of the viewer's own places (their county, township or school), else ''. */
export function placeLabel(p: Place, v: Viewer | null | undefined): string {
  for (const pos of v?.person?.positions ?? []) {
    if (p.orgID && pos.org.id === p.orgID) return pos.org.name;
    if (p.divisionCode && pos.org.division.code === p.divisionCode) return pos.org.division.name;
  }
  return '';
}
