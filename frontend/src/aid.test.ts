import { describe, expect, it } from 'vitest';
import { categoryLabel, entitlementAmount, entitlementStatusLabel, payerLabel, validityLabel } from './aid';

describe('aid labels', () => {
  it('names stages, payers and states in Chinese', () => {
    expect(categoryLabel('COMPULSORY')).toBe('义务教育');
    expect(payerLabel('SHARED')).toBe('中央与地方');
    expect(entitlementStatusLabel('NEEDS_IDENTIFICATION')).toBe('待认定');
  });
  it('reads validity and amounts', () => {
    expect(validityLabel('2024—2025学年第一学期', '')).toBe('2024—2025学年第一学期起');
    expect(validityLabel('2019—2020学年第一学期', '2023—2024学年第二学期')).toBe('2019—2020学年第一学期至2023—2024学年第二学期');
    expect(entitlementAmount('WAIVER', 0)).toBe('免');
    expect(entitlementAmount('GRANT', 625)).toBe('625元');
    expect(entitlementAmount('LOAN', 10000)).toBe('最高10000元');
  });
});
