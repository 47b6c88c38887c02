// Spreadsheet imports: the upload (multipart, not GraphQL) and how a job's
// state reads. The server checks every row and stores nothing on any error.
import type { ImportJobState } from '@/gql/graphql';
import type { Viewer } from '@/scope';
import { permission } from '@/scope';

export const STATE_LABEL: Record<ImportJobState, string> = {
  QUEUED: '排队中',
  CHECKING: '校验中',
  STORING: '导入中',
  DONE: '完成',
  FAILED: '失败',
};

export interface JobProgress {
  state: ImportJobState;
  rowsTotal: number;
  rowsChecked: number;
}

/** Whole percent of the way: checking fills to 90, storing to 99, done is 100. */
export function progressPercent(j: JobProgress): number {
  switch (j.state) {
    case 'QUEUED':
      return 0;
    case 'CHECKING':
      return j.rowsTotal > 0 ? Math.min(90, Math.floor((90 * j.rowsChecked) / j.rowsTotal)) : 5;
    case 'STORING':
      return 95;
    default:
      return 100;
  }
}

export function finished(state: ImportJobState): boolean {
  return state === 'DONE' || state === 'FAILED';
}

/** Who sees the import page: those who keep a registry. */
export function mayImport(v: Pick<Viewer, 'permissions'> | null | undefined): boolean {
  return !!(permission(v, 'household', 'write') || permission(v, 'student', 'write') || permission(v, 'student', 'write_enrollment'));
}

export const MAX_BYTES = 20 << 20;

/** Files sanbao reads: .xlsx and .csv (not the old .xls). */
export function checkFile(f: { name: string; size: number }): string | null {
  if (!/\.(xlsx|csv)$/i.test(f.name)) return '请选择 .xlsx 或 .csv 文件（.xls 请先另存为 .xlsx）';
  if (f.size > MAX_BYTES) return '文件过大：最多 20 MB';
  if (f.size === 0) return '文件是空的';
  return null;
}

/** POSTs a file to url (multipart field "file"); resolves with the job ID. */
export async function upload(url: string, file: File): Promise<string> {
  const body = new FormData();
  body.append('file', file, file.name);
  return postForID(url, body);
}

/** Runs an interrupted job again. */
export function retry(id: string): Promise<string> {
  return postForID(`/imports/${encodeURIComponent(id)}/retry`);
}

async function postForID(url: string, body?: FormData): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body, credentials: 'same-origin' });
  } catch {
    throw new Error('网络不可用，请检查网络后重试');
  }
  let out: { id?: string; error?: string } = {};
  try {
    out = await res.json();
  } catch {
    // not JSON: a proxy's page
  }
  if (res.status !== 202 || !out.id) throw new Error(out.error || `上传失败（${res.status}）`);
  return out.id;
}
