import { describe, expect, it } from 'vitest';
import {
  aidKindsByFit,
  aidKindStages,
  buildContactInput,
  chinaDate,
  dayLabel,
  emptyContactForm,
  FALLBACK_OPTIONS,
  contactPersonText,
  flagLabelsOf,
  needsContactPerson,
  inOrder,
  isOverdue,
  localContactDates,
  mergeContacts,
  monthStart,
  pendingHouseholds,
  validateContact,
  type ContactForm,
  type ContactPayload,
  type StoredContact,
} from './contact';
import type { OutboxItem } from './offline/outbox';

const at = (iso: string) => new Date(iso);

describe('China-time dates', () => {
  it('uses UTC+8 whatever the phone says', () => {
    // 23:30 on 30 November in UTC is already 1 December in China.
    expect(chinaDate(at('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(chinaDate(at('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(monthStart(at('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(monthStart(at('2026-11-24T08:00:00Z'))).toBe('2026-11-01');
  });

  it('labels days as people say them', () => {
    const now = at('2026-11-24T08:00:00Z');
    expect(dayLabel('2026-10-03', now)).toBe('10月3日');
    expect(dayLabel('2025-12-31', now)).toBe('2025年12月31日');
    expect(dayLabel('', now)).toBe('从未联系');
  });
});

describe('isOverdue (本月未联系)', () => {
  const now = at('2026-11-24T08:00:00Z');
  it('is overdue before the first of this month, never contacted included', () => {
    expect(isOverdue('2026-10-31', now)).toBe(true);
    expect(isOverdue('', now)).toBe(true);
    expect(isOverdue(null, now)).toBe(true);
    expect(isOverdue('2026-11-01', now)).toBe(false);
  });

  it('counts a contact recorded on the phone and not yet sent', () => {
    expect(isOverdue('2026-10-03', now, ['2026-11-24'])).toBe(false);
    expect(isOverdue('2026-10-03', now, ['2026-10-20'])).toBe(true);
  });

  it('turns over at midnight in China', () => {
    expect(isOverdue('2026-11-30', at('2026-11-30T15:59:00Z'))).toBe(false);
    expect(isOverdue('2026-11-30', at('2026-11-30T16:01:00Z'))).toBe(true);
  });
});

const form = (p: Partial<ContactForm> = {}): ContactForm => ({ ...emptyContactForm('2026-11-24'), mode: 'PHONE', ...p });

describe('validateContact', () => {
  const today = '2026-11-24';
  it('accepts a plain phone call where the situation was learned', () => {
    expect(validateContact(form(), today)).toEqual({});
  });

  it('wants a real date, not in the future', () => {
    expect(validateContact(form({ date: '' }), today).date).toBe('请选择联系日期');
    expect(validateContact(form({ date: '2026-11-25' }), today).date).toBe('联系日期不能晚于今天');
    expect(validateContact(form({ date: '2026-02-30' }), today).date).toBe('日期应为 年-月-日');
    expect(validateContact(form({ date: '2014-12-31' }), today).date).toBe('联系日期过早');
    expect(validateContact(form({ date: '2026-11-24' }), today).date).toBeUndefined();
  });

  it('wants a mode and at least one of the three tasks', () => {
    expect(validateContact(form({ mode: '' }), today).mode).toBe('请选择联系方式');
    expect(validateContact(form({ learnedSituation: false }), today).tasks).toMatch(/至少完成一项/);
    expect(validateContact(form({ learnedSituation: false, policiesExplained: ['雨露计划'] }), today)).toEqual({});
    expect(validateContact(form({ learnedSituation: false, aidApplied: ['县级资助'] }), today)).toEqual({});
  });

  it('asks which student when 疑似辍学 is marked in a family with students', () => {
    expect(validateContact(form({ flags: ['SUSPECTED_DROPOUT'] }), today, 2).flags).toMatch(/哪名学生/);
    expect(validateContact(form({ flags: ['SUSPECTED_DROPOUT'], studentID: 's1' }), today, 2)).toEqual({});
    expect(validateContact(form({ flags: ['SUSPECTED_DROPOUT'] }), today, 0)).toEqual({});
  });

  it('bounds the notes', () => {
    expect(validateContact(form({ notes: '字'.repeat(2001) }), today).notes).toBe('备注最多 2000 字');
    expect(validateContact(form({ notes: `  ${'字'.repeat(2000)}  ` }), today)).toEqual({});
  });
});

describe('buildContactInput', () => {
  it('builds the mutation input in the options order, without empty optional fields', () => {
    const input = buildContactInput(
      'h1',
      form({ mode: 'HOME_VISIT', aidApplied: ['县级资助', '雨露计划'], policiesExplained: ['控辍保学政策'], flags: ['AID_MISSING', 'ILLNESS'], notes: '  家中老人生病  ' }),
      FALLBACK_OPTIONS,
    );
    expect(input).toEqual({
      householdID: 'h1',
      date: '2026-11-24',
      mode: 'HOME_VISIT',
      learnedSituation: true,
      aidApplied: ['雨露计划', '县级资助'],
      policiesExplained: ['控辍保学政策'],
      flags: ['ILLNESS', 'AID_MISSING'],
      notes: '家中老人生病',
    });
    expect('studentID' in input || 'personID' in input || 'uuid' in input).toBe(false);
  });

  it('names the student and, for a supervisor, on whose behalf', () => {
    const input = buildContactInput('h1', form({ studentID: 's2', personID: 'p7' }), FALLBACK_OPTIONS);
    expect(input).toMatchObject({ studentID: 's2', personID: 'p7' });
    expect(input.notes).toBeUndefined();
  });

  it('refuses a form without a mode', () => {
    expect(() => buildContactInput('h1', form({ mode: '' }), FALLBACK_OPTIONS)).toThrow();
  });

  it('keeps unknown choices after the known ones, once', () => {
    expect(inOrder(['b', 'x', 'a', 'b'], ['a', 'b'])).toEqual(['a', 'b', 'x']);
  });
});

const stored = (p: Partial<StoredContact> & { id: string; uuid: string; date: string }): StoredContact => ({
  mode: 'PHONE',
  learnedSituation: true,
  aidApplied: null,
  policiesExplained: null,
  flags: null,
  notes: '',
  createdAt: `${p.date}T02:00:00Z`,
  person: { id: 'p1', name: '张丽' },
  recordedBy: { id: 'p1', name: '张丽' },
  student: null,
  ...p,
});

const item = (id: string, householdID: string, date: string, state: OutboxItem['state'] = 'pending', createdAt = 1): OutboxItem<ContactPayload> => ({
  id,
  owner: 'p1',
  kind: 'contact',
  payload: { input: { householdID, date, mode: 'WECHAT', learnedSituation: true, flags: ['ILLNESS'] }, headName: '王斌建', studentName: '王国刚', personName: '张丽' },
  createdAt,
  state,
  attempts: 0,
  lastError: state === 'failed' ? '该学生不属于此户' : null,
  sentAt: null,
  seq: createdAt,
});

describe('mergeContacts', () => {
  it('shows the server records and those on the phone once each, newest first', () => {
    const list = mergeContacts(
      'h1',
      [stored({ id: 'c2', uuid: 'U-SENT', date: '2026-11-20' }), stored({ id: 'c1', uuid: 'old', date: '2026-10-03', recordedBy: { id: 'p9', name: '王建国' } })],
      [
        item('u-sent', 'h1', '2026-11-20', 'sent'),
        item('u-wait', 'h1', '2026-11-24', 'pending'),
        item('u-bad', 'h1', '2026-11-02', 'failed'),
        item('u-sent-not-listed', 'h1', '2026-11-10', 'sent'),
        item('other-family', 'h2', '2026-11-24'),
      ],
    );
    expect(list.map((e) => [e.date, e.status])).toEqual([
      ['2026-11-24', 'pending'],
      ['2026-11-20', 'sent'],
      ['2026-11-10', 'sent'],
      ['2026-11-02', 'failed'],
      ['2026-10-03', 'stored'],
    ]);
    expect(list[0]).toMatchObject({ key: 'u-wait', mode: 'WECHAT', flags: ['ILLNESS'], studentName: '王国刚', personName: '张丽' });
    expect(list[1].key).toBe('c2');
    expect(list[3].error).toBe('该学生不属于此户');
    expect(list[4].recordedByName).toBe('王建国');
    expect(list[1].recordedByName).toBeNull();
    expect(list[0].recordedByName).toBeNull();
    const onBehalf = item('u-boss', 'h1', '2026-11-24');
    onBehalf.payload = { ...onBehalf.payload, recordedByName: '王建国' };
    expect(mergeContacts('h1', [], [onBehalf])[0]).toMatchObject({ personName: '张丽', recordedByName: '王建国' });
  });

  it('orders records of the same day by when they were made', () => {
    const list = mergeContacts('h1', [stored({ id: 'c1', uuid: 'a', date: '2026-11-24', createdAt: '2026-11-24T01:00:00Z' })], [item('b', 'h1', '2026-11-24', 'pending', Date.parse('2026-11-24T03:00:00Z'))]);
    expect(list.map((e) => e.key)).toEqual(['b', 'c1']);
  });
});

describe('contacts on the phone per family', () => {
  it('collects dates (not of failed records) and the families still waiting', () => {
    const items = [item('a', 'h1', '2026-11-20', 'sent'), item('b', 'h1', '2026-11-24'), item('c', 'h2', '2026-11-01', 'failed'), item('d', 'h3', '2026-11-02')];
    expect(Object.fromEntries(localContactDates(items))).toEqual({ h1: ['2026-11-20', '2026-11-24'], h3: ['2026-11-02'] });
    expect([...pendingHouseholds(items)].sort()).toEqual(['h1', 'h3']);
  });

  it('labels flags from the options', () => {
    expect(flagLabelsOf(['ILLNESS', 'NEW_ONE'])).toEqual(['因病致困', 'NEW_ONE']);
  });
});

describe('who needs a 帮扶联系人 (包人)', () => {
  it('registered-card students, dropouts and suspected dropouts, not graduates', () => {
    expect(needsContactPerson('ENROLLED', 'LIFTED')).toBe(true);
    expect(needsContactPerson('ENROLLED', 'NOT_LIFTED')).toBe(true);
    expect(needsContactPerson('ENROLLED', 'MARGINAL')).toBe(false);
    expect(needsContactPerson('SUSPECTED_DROPOUT', 'HARDSHIP')).toBe(true);
    expect(needsContactPerson('DROPOUT', null)).toBe(true);
    expect(needsContactPerson('GRADUATED', 'LIFTED')).toBe(false);
    expect(contactPersonText({ enrollmentStatus: 'ENROLLED', contactPerson: { name: '许玲' } }, 'MARGINAL')).toBe('许玲');
    expect(contactPersonText({ enrollmentStatus: 'ENROLLED', contactPerson: null }, 'LIFTED')).toBe('未落实');
    expect(contactPersonText({ enrollmentStatus: 'ENROLLED', contactPerson: null }, 'MARGINAL')).toBe('无需');
    // Someone outside the viewer's scope answers for the student: never 未落实.
    expect(contactPersonText({ enrollmentStatus: 'ENROLLED', contactPerson: null, hasContactPerson: true }, 'LIFTED')).toBe('已落实');
    expect(contactPersonText({ enrollmentStatus: 'DROPOUT', contactPerson: null, hasContactPerson: false }, 'MARGINAL')).toBe('未落实');
  });
});

describe('帮办申请: the aid kinds that fit the family first', () => {
  const kinds = FALLBACK_OPTIONS.aidKinds;
  it('offers a primary pupil the compulsory-education kinds and the county’s own', () => {
    const { fit, other } = aidKindsByFit(kinds, ['PRIMARY']);
    expect(fit).toEqual(['义务教育家庭经济困难学生生活补助', '农村义务教育营养改善计划', '县级资助']);
    expect(other).toContain('普通高中国家助学金');
    expect(other).toContain('学前教育幼儿资助');
    expect([...fit, ...other].sort()).toEqual([...kinds].sort());
  });
  it('joins the stages of every student of the family, in the server’s order', () => {
    const { fit } = aidKindsByFit(kinds, ['PRESCHOOL', 'SENIOR', null]);
    expect(fit).toEqual(['学前教育幼儿资助', '普通高中国家助学金', '普通高中免学杂费', '生源地信用助学贷款', '大学新生入学资助', '县级资助']);
  });
  it('a vocational student gets 中职 and 雨露计划', () => {
    expect(aidKindsByFit(kinds, ['VOCATIONAL']).fit).toEqual(['中职国家助学金', '中职免学费', '雨露计划', '县级资助']);
  });
  it('offers every kind when no stage is known', () => {
    expect(aidKindsByFit(kinds, [])).toEqual({ fit: kinds, other: [] });
  });
  it('reads a county’s own kind from its name; an unknown one fits all', () => {
    expect(aidKindStages('高校新生路费补助')).toEqual(['HIGHER']);
    expect(aidKindStages('爱心助学')).toBeNull();
  });
});
