// Responsibility agreements (责任书): terms, kinds, states in the users' words,
// the checks a drawn signature must pass, and what the outbox holds for an
// offline signature. Pure functions, unit-tested.
import type { AgreementKind, AgreementState, SignAgreementInput } from '@/gql/graphql';
import type { OutboxItem } from '@/offline/outbox';

export type { AgreementKind, AgreementState };

/** 层层签订: the county bureau with its schools, a school with its people. */
export const KIND_LABEL: Record<AgreementKind, string> = {
  BUREAU_SCHOOL: '教育局与学校',
  SCHOOL_PRINCIPAL: '学校与校长',
  SCHOOL_DEPUTY: '学校与分管领导',
  SCHOOL_CONTACT: '学校与帮扶责任人',
};

export const KIND_ORDER: AgreementKind[] = ['BUREAU_SCHOOL', 'SCHOOL_PRINCIPAL', 'SCHOOL_DEPUTY', 'SCHOOL_CONTACT'];

export const STATE_LABEL: Record<AgreementState, string> = {
  ISSUED: '已下发',
  SIGNED: '已签署',
  VOID: '已作废',
};

/** The kinds a unit issues: a bureau 教育局与学校; a school the other three. */
export function kindsForIssuer(orgKind: string | null | undefined): AgreementKind[] {
  return orgKind === 'SCHOOL' ? ['SCHOOL_PRINCIPAL', 'SCHOOL_DEPUTY', 'SCHOOL_CONTACT'] : ['BUREAU_SCHOOL'];
}

/**
 * The school year (学年) running on a day in China: from September, e.g.
 * 2026—2027学年. Only a default until the server's list of terms arrives
 * (useTerms); terms are chosen from that list, never typed.
 */
export function currentTerm(now: Date | number = new Date()): string {
  const d = new Date((typeof now === 'number' ? now : now.getTime()) + 8 * 3600 * 1000); // China, UTC+8
  let y = d.getUTCFullYear();
  if (d.getUTCMonth() + 1 < 9) y--;
  return `${y}—${y + 1}学年`;
}

export interface TermChoice {
  label: string;
  isYear: boolean;
  current: boolean;
}

/**
 * The server's terms grouped by school year for a picker: the year itself
 * (全学年) and its semesters, the running ones marked. A chosen value the list
 * lacks (an old link) stays chosen, in a group of its own.
 */
export function termOptions(terms: readonly TermChoice[], chosen = ''): { year: string; options: { value: string; text: string }[] }[] {
  const groups: { year: string; options: { value: string; text: string }[] }[] = [];
  for (const t of terms) {
    const mark = t.current ? (t.isYear ? '（本学年）' : '（本学期）') : '';
    if (t.isYear) groups.push({ year: t.label, options: [{ value: t.label, text: `${t.label} 全学年${mark}` }] });
    else groups[groups.length - 1]?.options.push({ value: t.label, text: `${t.label.replace(/^.*学年/, '')}${mark}` });
  }
  if (chosen && !terms.some((t) => t.label === chosen)) groups.push({ year: '其他', options: [{ value: chosen, text: chosen }] });
  return groups;
}

/** Signing progress as a share: 10 / 14 → 71%. */
export function completionShare(signed: number, issued: number): number {
  return issued > 0 ? Math.round((signed / issued) * 100) : 0;
}

// A drawn signature must satisfy the server (agreement/sign.go): a PNG between
// 100×40 and 2000×1000 pixels, under 300 KB, with at least 150 dark, opaque
// pixels. The pad checks the ink before sending so a tap is not a signature.
export const MIN_INK = 150;
export const MAX_SIGNATURE_BYTES = 300 * 1024;
export const SIGNATURE_MIN = { width: 100, height: 40 };
export const SIGNATURE_MAX = { width: 2000, height: 1000 };

/** Dark, opaque pixels of RGBA image data (the server's rule), counted up to stopAt. */
export function countInk(rgba: ArrayLike<number>, stopAt = Infinity): number {
  let n = 0;
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    if (rgba[i + 3] > 128 && rgba[i] + rgba[i + 1] + rgba[i + 2] < 3 * 128) {
      if (++n >= stopAt) return n;
    }
  }
  return n;
}

/** The canvas size for a pad of w×h CSS pixels on a screen of ratio dpr, within the server's bounds. */
export function padPixels(w: number, h: number, dpr: number): { width: number; height: number; scale: number } {
  let scale = Math.max(1, Math.min(dpr || 1, 2));
  scale = Math.min(scale, SIGNATURE_MAX.width / Math.max(w, 1), SIGNATURE_MAX.height / Math.max(h, 1));
  const width = Math.max(SIGNATURE_MIN.width, Math.floor(w * scale));
  const height = Math.max(SIGNATURE_MIN.height, Math.floor(h * scale));
  return { width, height, scale };
}

/** Bytes of a base64 data URL's content. */
export function dataURLBytes(url: string): number {
  const i = url.indexOf(',');
  if (i < 0) return 0;
  const b64 = url.slice(i + 1);
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}

export type SignErrors = Partial<Record<'name' | 'signature', string>>;

/** The typed name must be the signer's own; the drawing must be a signature. */
export function validateSigning(typedName: string, signerName: string, ink: number, dataURL: string | null): SignErrors {
  const e: SignErrors = {};
  const name = typedName.trim();
  if (!name) e.name = '请输入您的姓名';
  else if (name !== signerName.trim()) e.name = `请输入本人姓名（${signerName}）确认签署`;
  if (ink < MIN_INK) e.signature = ink === 0 ? '请在签名区手写签名' : '签名太短，请在签名区完整签名';
  else if (!dataURL || !dataURL.startsWith('data:image/png;base64,')) e.signature = '签名图片无法生成，请清除后重签';
  else if (dataURLBytes(dataURL) > MAX_SIGNATURE_BYTES) e.signature = '签名图片过大，请清除后重签';
  return e;
}

/** What the outbox holds for a signature made on the phone. */
export interface SignaturePayload {
  input: SignAgreementInput;
  /** For lists on the phone. */
  title: string;
  signedAt: number;
}

/** Local signature items by agreement id (the latest one that did not fail). */
export function localSignatures(items: readonly OutboxItem[]): Map<string, OutboxItem<SignaturePayload>> {
  const out = new Map<string, OutboxItem<SignaturePayload>>();
  for (const i of items) {
    if (i.kind !== 'signature' || i.state === 'failed') continue;
    const id = (i.payload as SignaturePayload)?.input?.id;
    if (id) out.set(id, i as OutboxItem<SignaturePayload>);
  }
  return out;
}

/** Agreements still to sign: the server's, less those signed on this phone and waiting. */
export function unsignedCount(serverIds: readonly string[], serverTotal: number, items: readonly OutboxItem[]): number {
  const local = localSignatures(items);
  const signedHere = serverIds.filter((id) => local.has(id)).length;
  return Math.max(0, serverTotal - signedHere);
}
