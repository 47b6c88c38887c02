// Spreadsheets out: the address of each list's .xlsx (GET /exports/{kind}.xlsx).
// The server reads the list under the signed-in viewer's scope (the session
// cookie goes with a plain link), writes the audit row and answers the file.
import type { Place } from '@/coverage';
import type { LedgerKey } from '@/dropout';

export type ExportKind =
  | 'school-ledger'
  | 'village-ledger'
  | 'village-archive'
  | 'gaps'
  | 'overdue'
  | 'unsigned'
  | 'coverage'
  | 'auditlog'
  | 'compare'
  | 'school-age'
  | 'dropout-cases'
  | 'absence-reports';

/** The export URL with the given parameters; empty ones are left out. */
export function exportURL(kind: ExportKind, params: Record<string, string | null | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return `/exports/${kind}.xlsx${s ? `?${s}` : ''}`;
}

/** A coverage place as export parameters: a school by its ID, else the division. */
export function placeParams(p: Place | null | undefined): Record<string, string | undefined> {
  if (!p) return {};
  return p.orgID ? { school: p.orgID } : { division: p.divisionCode };
}

/** The export of a coverage gap list: 未联系 is the overdue list. */
export function gapExport(gap: string, p: Place | null | undefined): string {
  if (gap === 'overdue') return exportURL('overdue', placeParams(p));
  return exportURL('gaps', { gap, ...placeParams(p) });
}

/** The .xlsx of a dropout ledger tab: the place it shows; the school-age
 * ledger also takes 无就读信息 (the case and absence exports hold every row,
 * open and closed: the server takes no other filter). */
export function ledgerExport(ledger: LedgerKey, p: Place | null | undefined, filters: { nowhere?: string } = {}): string {
  switch (ledger) {
    case 'cases':
      return exportURL('dropout-cases', placeParams(p));
    case 'absences':
      return exportURL('absence-reports', placeParams(p));
    default:
      return exportURL('school-age', { ...placeParams(p), nowhere: filters.nowhere === '1' ? '1' : undefined });
  }
}
