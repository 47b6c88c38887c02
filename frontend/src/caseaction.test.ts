import { describe, expect, it } from 'vitest';
import { caseActionPayload, caseActionVariables, pendingCaseActions, validateCaseAction, type CaseActionForm } from './dropout';
import type { OutboxItem } from './offline/outbox';

const form = (f: Partial<CaseActionForm> = {}): CaseActionForm => ({
  kind: 'PERSUASION',
  date: '2026-11-09',
  participants: ' 班主任张丽 ',
  method: '入户',
  outcome: 'PROMISED',
  notes: '',
  ...f,
});

const item = (id: string, kind: string, caseID: string, state: OutboxItem['state'] = 'pending'): OutboxItem => ({
  id,
  owner: 'p1',
  kind,
  payload: { input: { caseID, kind: 'PERSUASION', date: '2026-11-09', outcome: 'PROMISED' }, studentName: '王小明' },
  createdAt: 1,
  state,
  attempts: 0,
  lastError: null,
  sentAt: null,
  seq: 1,
});

describe('case action form and payload', () => {
  it('checks the date, the outcome and who went on a 劝返', () => {
    expect(validateCaseAction(form(), '2026-11-10')).toEqual({});
    expect(validateCaseAction(form({ date: '2026-11-11' }), '2026-11-10').date).toBe('日期不能晚于今天');
    expect(validateCaseAction(form({ date: '' }), '2026-11-10').date).toBe('请选择日期');
    expect(validateCaseAction(form({ outcome: '' }), '2026-11-10').outcome).toBe('请选择结果');
    expect(validateCaseAction(form({ participants: '  ' }), '2026-11-10').participants).toBe('请填写参与劝返的人员');
    // A note needs no participants.
    expect(validateCaseAction(form({ kind: 'NOTE', participants: '' }), '2026-11-10')).toEqual({});
  });

  it('trims, drops empty fields and sends the item id as the uuid', () => {
    const p = caseActionPayload('c1', '王小明', form());
    expect(p).toEqual({
      input: { caseID: 'c1', kind: 'PERSUASION', date: '2026-11-09', outcome: 'PROMISED', participants: '班主任张丽', method: '入户' },
      studentName: '王小明',
    });
    expect(caseActionVariables({ id: 'u-1', payload: p }).input.uuid).toBe('u-1');
    expect(caseActionVariables({ id: 'u-1', payload: p }).input.caseID).toBe('c1');
  });

  it('lists the unsent actions of one case only', () => {
    const items = [
      item('a', 'caseAction', 'c1'),
      item('b', 'caseAction', 'c1', 'sent'),
      item('c', 'caseAction', 'c2'),
      item('d', 'absence', 'c1'),
      item('e', 'caseAction', 'c1', 'failed'),
    ];
    expect(pendingCaseActions(items, 'c1').map((i) => i.id)).toEqual(['a', 'e']);
    expect(pendingCaseActions(items, 'c3')).toEqual([]);
  });
});
