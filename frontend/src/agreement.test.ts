import { describe, expect, it } from 'vitest';
import {
  completionShare,
  countInk,
  currentTerm,
  dataURLBytes,
  kindsForIssuer,
  localSignatures,
  MIN_INK,
  termOptions,
  padPixels,
  unsignedCount,
  validateSigning,
  type SignaturePayload,
} from './agreement';
import type { OutboxItem } from './offline/outbox';

describe('terms', () => {
  it('is the school year from September, in China time', () => {
    expect(currentTerm(new Date('2026-11-24T08:00:00Z'))).toBe('2026—2027学年');
    expect(currentTerm(new Date('2027-08-31T15:59:00Z'))).toBe('2026—2027学年');
    expect(currentTerm(new Date('2027-08-31T16:00:00Z'))).toBe('2027—2028学年'); // 1 September in China
    const terms = [
      { label: '2027—2028学年', isYear: true, current: false },
      { label: '2027—2028学年第一学期', isYear: false, current: false },
      { label: '2026—2027学年', isYear: true, current: true },
      { label: '2026—2027学年第一学期', isYear: false, current: true },
      { label: '2026—2027学年第二学期', isYear: false, current: false },
    ];
    expect(termOptions(terms)).toEqual([
      { year: '2027—2028学年', options: [{ value: '2027—2028学年', text: '2027—2028学年 全学年' }, { value: '2027—2028学年第一学期', text: '第一学期' }] },
      {
        year: '2026—2027学年',
        options: [
          { value: '2026—2027学年', text: '2026—2027学年 全学年（本学年）' },
          { value: '2026—2027学年第一学期', text: '第一学期（本学期）' },
          { value: '2026—2027学年第二学期', text: '第二学期' },
        ],
      },
    ]);
    // An old link's term stays chosen, apart.
    expect(termOptions(terms, '2019—2020学年').at(-1)).toEqual({ year: '其他', options: [{ value: '2019—2020学年', text: '2019—2020学年' }] });
  });
});

describe('kinds and shares', () => {
  it('a bureau issues to schools, a school to its people', () => {
    expect(kindsForIssuer('COUNTY_BUREAU')).toEqual(['BUREAU_SCHOOL']);
    expect(kindsForIssuer('SCHOOL')).toEqual(['SCHOOL_PRINCIPAL', 'SCHOOL_DEPUTY', 'SCHOOL_CONTACT']);
  });

  it('rounds the share signed', () => {
    expect(completionShare(637, 808)).toBe(79);
    expect(completionShare(0, 0)).toBe(0);
    expect(completionShare(14, 14)).toBe(100);
  });
});

function rgba(pixels: [number, number, number, number][]): Uint8ClampedArray {
  return new Uint8ClampedArray(pixels.flat());
}

describe('signature checks', () => {
  it('counts dark opaque pixels only, as the server does', () => {
    const data = rgba([
      [0, 0, 0, 255], // ink
      [30, 30, 30, 200], // ink
      [0, 0, 0, 0], // transparent
      [255, 255, 255, 255], // white paper
      [200, 200, 200, 255], // light grey
    ]);
    expect(countInk(data)).toBe(2);
    expect(countInk(rgba(Array.from({ length: 500 }, () => [0, 0, 0, 255] as [number, number, number, number])), MIN_INK)).toBe(MIN_INK);
  });

  it('sizes the pad within the bounds the server accepts', () => {
    expect(padPixels(328, 180, 3)).toEqual({ width: 656, height: 360, scale: 2 });
    expect(padPixels(328, 180, 1)).toEqual({ width: 328, height: 180, scale: 1 });
    const wide = padPixels(1400, 600, 2);
    expect(wide.width).toBeLessThanOrEqual(2000);
    expect(wide.height).toBeLessThanOrEqual(1000);
    expect(padPixels(60, 20, 1)).toMatchObject({ width: 100, height: 40 });
  });

  it('wants the signer’s own name and a real drawing', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(validateSigning('张丽', '张丽', 400, png)).toEqual({});
    expect(validateSigning(' 张丽 ', '张丽', 400, png)).toEqual({});
    expect(validateSigning('', '张丽', 400, png).name).toBe('请输入您的姓名');
    expect(validateSigning('张立', '张丽', 400, png).name).toBe('请输入本人姓名（张丽）确认签署');
    expect(validateSigning('张丽', '张丽', 0, png).signature).toBe('请在签名区手写签名');
    expect(validateSigning('张丽', '张丽', 20, png).signature).toMatch(/签名太短/);
    expect(validateSigning('张丽', '张丽', 400, 'data:image/jpeg;base64,AA').signature).toMatch(/无法生成/);
    expect(validateSigning('张丽', '张丽', 400, `data:image/png;base64,${'A'.repeat(420_000)}`).signature).toMatch(/过大/);
  });

  it('measures a data URL', () => {
    expect(dataURLBytes('data:image/png;base64,AAAA')).toBe(3);
    expect(dataURLBytes('data:image/png;base64,AAA=')).toBe(2);
    expect(dataURLBytes('nonsense')).toBe(0);
  });
});

const sig = (id: string, agreementID: string, state: OutboxItem['state']): OutboxItem<SignaturePayload> => ({
  id,
  owner: 'p1',
  kind: 'signature',
  payload: { input: { id: agreementID, signedName: '张丽', signature: 'data:image/png;base64,AA' }, title: '责任书', signedAt: 1 },
  createdAt: 1,
  state,
  attempts: 0,
  lastError: null,
  sentAt: null,
  seq: 1,
});

describe('signatures on the phone', () => {
  it('takes an agreement signed here off the count to sign, but not a failed attempt', () => {
    const items = [sig('s1', 'a1', 'pending'), sig('s2', 'a2', 'failed'), sig('s3', 'a9', 'sent')];
    expect([...localSignatures(items).keys()]).toEqual(['a1', 'a9']);
    expect(unsignedCount(['a1', 'a2'], 2, items)).toBe(1);
    expect(unsignedCount(['a1', 'a2'], 2, [])).toBe(2);
    expect(unsignedCount([], 0, items)).toBe(0);
  });
});
