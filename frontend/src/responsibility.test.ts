import { describe, expect, it } from 'vitest';
import { checkReason, current, responsibleState, ROLE, timeline } from './responsibility';

describe('who answers for it', () => {
  it('names the person, says 已落实 for one out of sight, 未落实 only when nobody', () => {
    expect(responsibleState(true, { name: '张丽' })).toEqual({ state: 'named', text: '张丽' });
    expect(responsibleState(true, null)).toEqual({ state: 'hidden', text: '已落实' });
    expect(responsibleState(false, null)).toEqual({ state: 'none', text: '未落实' });
    expect(responsibleState(false, undefined, false)).toEqual({ state: 'not-needed', text: '无需' });
    expect(ROLE.STUDENT).toBe('帮扶联系人');
  });
});

describe('history', () => {
  const now = new Date('2026-11-24T08:00:00+08:00');
  const entries = [
    { id: '1', startsAt: '2025-09-01T09:00:00+08:00', endsAt: '2026-03-01T10:00:00+08:00', endReason: '调动', responsible: { id: 'p1', name: '王芳' }, assignedBy: { name: '李文静' } },
    { id: '2', startsAt: '2026-03-01T10:00:00+08:00', endsAt: null, responsible: null, assignedBy: null },
  ];
  it('lists the newest first with its period, reason and who assigned', () => {
    const t = timeline(entries, now);
    expect(t.map((x) => x.id)).toEqual(['2', '1']);
    expect(t[0]).toMatchObject({ current: true, who: '（不在您的查看范围）', period: '2026年3月1日起', reason: '' });
    expect(t[1]).toMatchObject({ current: false, who: '王芳', period: '2025年9月1日至2026年3月1日', reason: '调动', by: '李文静' });
    expect(timeline([{ ...entries[0], endReason: '' }], now)[0].reason).toBe('已结束');
  });
  it('finds the assignment in force', () => {
    expect(current(entries)?.id).toBe('2');
    expect(current(entries.slice(0, 1))).toBeNull();
  });
});

describe('reasons', () => {
  it('requires one, of at most 100 characters', () => {
    expect(checkReason('  ')).toBe('请填写原因');
    expect(checkReason('调'.repeat(101))).toBe('原因不超过100字');
    expect(checkReason('教师调动')).toBeNull();
  });
});
