// Student aid (学生资助): labels of the catalog and of entitlements.
import type { AidPolicyCategory, AidPolicyPayer, EntitlementStatus } from '@/gql/graphql';

export const AID_CATEGORIES: { key: AidPolicyCategory; label: string }[] = [
  { key: 'PRESCHOOL', label: '学前' },
  { key: 'COMPULSORY', label: '义务教育' },
  { key: 'SENIOR', label: '高中' },
  { key: 'VOCATIONAL', label: '中职' },
  { key: 'HIGHER', label: '高校' },
];

export function categoryLabel(c: AidPolicyCategory): string {
  return AID_CATEGORIES.find((x) => x.key === c)?.label ?? c;
}

const PAYERS: Record<AidPolicyPayer, string> = {
  CENTRAL: '中央',
  SHARED: '中央与地方',
  PROVINCE: '省级',
  COUNTY: '县级',
};

export function payerLabel(p: AidPolicyPayer): string {
  return PAYERS[p] ?? p;
}

const STATUS: Record<EntitlementStatus, string> = {
  ENTITLED: '应享',
  NEEDS_IDENTIFICATION: '待认定',
  BY_STUDY_PLACE: '由就读地落实',
};

export function entitlementStatusLabel(s: EntitlementStatus): string {
  return STATUS[s] ?? s;
}

/** 自…起, 至…止: a version's validity. */
export function validityLabel(from: string, until: string): string {
  return until ? `${from}至${until}` : `${from}起`;
}

/** The amount due, as read on the student page: 625元, or 免 for a waiver. */
export function entitlementAmount(kind: string, amount: number): string {
  if (kind === 'WAIVER') return '免';
  if (kind === 'LOAN') return `最高${amount}元`;
  return `${amount}元`;
}
