import { describe, expect, it } from 'vitest';
import {
  classLabel,
  daysLeftInMonth,
  enrollmentLabel,
  flagLabels,
  formatCount,
  formatDate,
  formatIdNumber,
  formatLongDate,
  formatUpdatedAt,
  genderLabel,
  gradeLabel,
  HOUSEHOLD_FLAGS,
  householdStatusLabel,
  isMaskedId,
  isRegistered,
  monthLabel,
  percent,
  positionRoleLabel,
  positionsLine,
  schoolLabel,
  stageLabel,
  STUDENT_FLAGS,
  telHref,
} from './format';

describe('enum labels', () => {
  it('names household status as the poverty registry does', () => {
    expect(householdStatusLabel('NOT_LIFTED')).toBe('未脱贫');
    expect(householdStatusLabel('LIFTED')).toBe('已脱贫');
    expect(householdStatusLabel('MARGINAL')).toBe('边缘户');
    expect(householdStatusLabel('HARDSHIP')).toBe('非建档立卡困难户');
    expect(householdStatusLabel('HARDSHIP', true)).toBe('困难户');
    expect(householdStatusLabel(null)).toBe('');
  });

  it('counts only 未脱贫 and 已脱贫 as 建档立卡', () => {
    expect(isRegistered('NOT_LIFTED')).toBe(true);
    expect(isRegistered('LIFTED')).toBe(true);
    expect(isRegistered('MARGINAL')).toBe(false);
    expect(isRegistered('HARDSHIP')).toBe(false);
  });

  it('names 学段, 学籍状态 and gender', () => {
    expect(['PRESCHOOL', 'PRIMARY', 'JUNIOR', 'SENIOR', 'VOCATIONAL', 'HIGHER'].map((s) => stageLabel(s as never))).toEqual([
      '学前',
      '小学',
      '初中',
      '高中',
      '中职',
      '高校',
    ]);
    expect(
      ['ENROLLED', 'DROPOUT', 'SUSPECTED_DROPOUT', 'SUSPENDED', 'GRADUATED', 'NOT_ENROLLED'].map((s) => enrollmentLabel(s as never)),
    ).toEqual(['在读', '辍学', '疑似辍学', '休学', '毕业', '未入学']);
    expect(genderLabel('MALE')).toBe('男');
    expect(genderLabel('FEMALE')).toBe('女');
  });

  it('lists the flags that are set, in a fixed order', () => {
    expect(flagLabels(STUDENT_FLAGS, { migrant: true, boarding: true, disabled: false })).toEqual(['寄宿', '随迁子女']);
    expect(flagLabels(HOUSEHOLD_FLAGS, { tekun: true, dibao: true, disabled: true })).toEqual(['低保', '特困供养', '残疾']);
    expect(flagLabels(STUDENT_FLAGS, {})).toEqual([]);
  });

  it('writes positions on one line, grouped by unit', () => {
    const org = { name: '松林店镇中心校', kind: 'SCHOOL' };
    expect(
      positionsLine([
        { role: 'TEACHER', org },
        { role: 'HEAD_TEACHER', grade: 4, className: '2班', org },
      ]),
    ).toBe('松林店镇中心校 教师、班主任（四年级2班）');
    expect(positionsLine([{ role: 'AID_OFFICER', org: { name: '涿州市教育和体育局', kind: 'COUNTY_BUREAU' } }, { role: 'PRINCIPAL', org }])).toBe(
      '涿州市教育和体育局 资助中心专干；松林店镇中心校 校长',
    );
    expect(positionsLine([])).toBe('');
  });

  it('names positions, the bureau aid officer included', () => {
    expect(positionRoleLabel('AID_OFFICER', 'COUNTY_BUREAU')).toBe('资助中心专干');
    expect(positionRoleLabel('AID_OFFICER', 'SCHOOL')).toBe('资助专干');
    expect(positionRoleLabel('HEAD_TEACHER')).toBe('班主任');
    expect(positionRoleLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(positionRoleLabel('PRINCIPAL', 'SCHOOL', 'KINDERGARTEN')).toBe('园长');
    expect(positionRoleLabel('VICE_PRINCIPAL', 'SCHOOL', 'KINDERGARTEN')).toBe('副园长');
    expect(positionRoleLabel('PRINCIPAL', 'SCHOOL', 'PRIMARY')).toBe('校长');
  });
});

describe('grades', () => {
  it('says each 学段 its own way', () => {
    expect(gradeLabel('PRIMARY', 4)).toBe('四年级');
    expect(gradeLabel('JUNIOR', 8)).toBe('八年级');
    expect(gradeLabel('JUNIOR', 2)).toBe('初二');
    expect(gradeLabel('SENIOR', 1)).toBe('高一');
    expect(gradeLabel('SENIOR', 12)).toBe('高三');
    expect(gradeLabel('VOCATIONAL', 2)).toBe('中职二年级');
    expect(gradeLabel('HIGHER', 3)).toBe('大三');
    expect(gradeLabel('PRESCHOOL', null)).toBe('');
    expect(gradeLabel('PRIMARY', 0)).toBe('');
  });

  it('joins 学段, 年级 and 班级', () => {
    expect(classLabel('PRIMARY', 4, '2班')).toBe('小学 · 四年级2班');
    expect(classLabel('PRESCHOOL', null, '')).toBe('学前');
    expect(classLabel('HIGHER', 2, '')).toBe('高校 · 大二');
  });
});

describe('ID numbers and phones', () => {
  it('groups a masked ID number so it reads clearly', () => {
    expect(formatIdNumber('130681********123X')).toBe('130681 ******** 123X');
    expect(isMaskedId('130681********123X')).toBe(true);
  });

  it('groups a full ID number the same way', () => {
    expect(formatIdNumber('130681201808078267')).toBe('130681 20180807 8267');
    expect(isMaskedId('130681201808078267')).toBe(false);
  });

  it('leaves odd values alone and shows a dash for none', () => {
    expect(formatIdNumber('12345')).toBe('12345');
    expect(formatIdNumber(null)).toBe('—');
    expect(formatIdNumber('')).toBe('—');
  });

  it('makes tel: links only from real numbers', () => {
    expect(telHref('169 1816 2815')).toBe('tel:16918162815');
    expect(telHref('0312-5551234')).toBe('tel:03125551234');
    expect(telHref('')).toBeNull();
    expect(telHref(null)).toBeNull();
    expect(telHref('无')).toBeNull();
  });

  it('names the school, or the outside one', () => {
    expect(schoolLabel({ school: { name: '松林店镇中心校' } })).toBe('松林店镇中心校');
    expect(schoolLabel({ school: null, outsideSchoolName: '石家庄铁道大学' })).toBe('石家庄铁道大学（县外）');
    expect(schoolLabel({ school: null, outsideSchoolName: '' })).toBe('未登记学校');
  });
});

describe('dates', () => {
  const now = new Date(2026, 10, 24, 15, 30); // 2026-11-24 15:30 local, a Tuesday

  it('writes long dates with the weekday', () => {
    expect(formatLongDate(now)).toBe('2026年11月24日 星期二');
    expect(formatLongDate(new Date(2026, 10, 22))).toBe('2026年11月22日 星期日');
  });

  it('omits the current year in short dates', () => {
    expect(formatDate(new Date(2026, 0, 5), now, true)).toBe('1月5日');
    expect(formatDate(new Date(2025, 0, 5), now, true)).toBe('2025年1月5日');
    expect(formatDate('2026-11-24T11:50:49Z', now)).toMatch(/^2026年11月2[45]日$/);
    expect(formatDate('not a date', now)).toBe('');
  });

  it('says when data was last updated as people say it', () => {
    expect(formatUpdatedAt(new Date(2026, 10, 24, 15, 29, 30), now)).toBe('刚刚');
    expect(formatUpdatedAt(new Date(2026, 10, 24, 15, 5), now)).toBe('25分钟前');
    expect(formatUpdatedAt(new Date(2026, 10, 24, 9, 5), now)).toBe('今天 09:05');
    expect(formatUpdatedAt(new Date(2026, 10, 23, 18, 30), now)).toBe('昨天 18:30');
    expect(formatUpdatedAt(new Date(2026, 10, 20, 10, 32), now)).toBe('11月20日 10:32');
    expect(formatUpdatedAt(new Date(2025, 10, 20, 10, 32), now)).toBe('2025年11月20日 10:32');
    expect(formatUpdatedAt(now.getTime(), now)).toBe('刚刚');
  });

  it('knows the month and the days left in it', () => {
    expect(monthLabel(now)).toBe('2026年11月');
    expect(daysLeftInMonth(now)).toBe(7); // 24..30
    expect(daysLeftInMonth(new Date(2026, 1, 1))).toBe(28);
    expect(daysLeftInMonth(new Date(2028, 1, 29))).toBe(1);
  });
});

describe('numbers', () => {
  it('shows counts plainly up to four digits', () => {
    expect(formatCount(3000)).toBe('3000');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(null)).toBe('—');
  });

  it('rounds shares', () => {
    expect(percent(1980, 5000)).toBe('40%');
    expect(percent(7, 5000)).toBe('0.1%');
    expect(percent(0, 5000)).toBe('0%');
    expect(percent(1, 0)).toBe('—');
  });
});
