import { describe, expect, it } from 'vitest';
import { ApiError } from './api/errors';
import {
  ariaSort,
  checkHouseholdForm,
  checkStudentForm,
  createHouseholdInput,
  createStudentInput,
  emptyHouseholdForm,
  emptyStudentForm,
  HOUSEHOLD_FIELDS,
  HOUSEHOLD_SORTS,
  householdStatusIn,
  householdTotalsWhere,
  householdWhere,
  parseSort,
  placeError,
  reasonOnly,
  sortParam,
  STUDENT_FIELDS,
  studentTotalsWhere,
  studentWhere,
  toggleSort,
  updateHouseholdInput,
  updateStudentInput,
} from './registry';

describe('refusals under the right input', () => {
  it('uses extensions.field and drops the API name before the reason', () => {
    const e = new ApiError('idNumber: 身份证号校验码错误', 'BAD_USER_INPUT', 'idNumber');
    expect(placeError(e, STUDENT_FIELDS)).toEqual({ field: 'idNumber', message: '身份证号校验码错误' });
    expect(reasonOnly('身份证号:校验码错误')).toBe('身份证号:校验码错误');
  });
  it('places a duplicate by the name in its message, and the rest on the form', () => {
    expect(placeError(new ApiError('number: 该户编号已存在', 'CONFLICT'), HOUSEHOLD_FIELDS)).toEqual({ field: 'number', message: '该户编号已存在' });
    expect(placeError(new ApiError('无权进行此操作', 'FORBIDDEN'), HOUSEHOLD_FIELDS)).toEqual({ field: null, message: '无权进行此操作' });
    expect(placeError(new ApiError('kind: 未知', 'BAD_USER_INPUT', 'kind'), HOUSEHOLD_FIELDS).field).toBeNull();
  });
});

describe('sorting', () => {
  const fallback = { field: 'NUMBER' as const, direction: 'ASC' as const };
  it('reads FIELD and -FIELD from the URL, refusing columns the server cannot page on', () => {
    expect(parseSort('-HEAD_NAME', HOUSEHOLD_SORTS, fallback)).toEqual({ field: 'HEAD_NAME', direction: 'DESC' });
    expect(parseSort('LAST_CONTACT_ON', HOUSEHOLD_SORTS, fallback)).toEqual(fallback);
    expect(sortParam(fallback, fallback)).toBe('');
    expect(sortParam({ field: 'STATUS', direction: 'DESC' }, fallback)).toBe('-STATUS');
  });
  it('turns a column around, starts another ascending', () => {
    expect(toggleSort(fallback, 'NUMBER')).toEqual({ field: 'NUMBER', direction: 'DESC' });
    expect(toggleSort({ field: 'NUMBER', direction: 'DESC' }, 'HEAD_NAME')).toEqual({ field: 'HEAD_NAME', direction: 'ASC' });
    expect(ariaSort(fallback, 'NUMBER')).toBe('ascending');
    expect(ariaSort(fallback, 'STATUS')).toBe('none');
  });
});

describe('filters', () => {
  it('builds the households where', () => {
    expect(householdWhere({ status: 'REGISTERED', flags: ['dibao', 'bogus'], guarantor: 'no' })).toEqual({
      statusIn: ['NOT_LIFTED', 'LIFTED'],
      dibao: true,
      guarantorIDIsNil: true,
    });
    expect(householdWhere({ status: 'MARGINAL', flags: [], guarantor: 'yes' })).toEqual({ status: 'MARGINAL', guarantorIDNotNil: true });
  });
  it('counts the registered shown and those with a guarantor, whatever else is filtered', () => {
    const t = householdTotalsWhere({ status: 'MARGINAL' });
    expect(t.registered).toEqual({ and: [{ status: 'MARGINAL' }, { statusIn: ['NOT_LIFTED', 'LIFTED'] }] });
    expect(t.guaranteed).toEqual({ and: [{ status: 'MARGINAL' }, { statusIn: ['NOT_LIFTED', 'LIFTED'], guarantorIDNotNil: true }] });
    // Nothing filtered: the server refuses an empty part of `and`.
    expect(householdTotalsWhere({}).registered).toEqual({ statusIn: ['NOT_LIFTED', 'LIFTED'] });
  });
  it('builds the students where', () => {
    expect(studentWhere({ stage: 'JUNIOR', status: 'DROPOUT', flags: ['outside', 'leftBehind'], school: '', contact: 'yes' })).toEqual({
      stage: 'JUNIOR',
      enrollmentStatus: 'DROPOUT',
      schoolIDIsNil: true,
      outsideSchoolNameNotNil: true,
      leftBehind: true,
      contactPersonIDNotNil: true,
    });
    expect(studentWhere({ stage: 'x', status: '', flags: [], school: '42', contact: '' })).toEqual({ schoolID: '42' });
    expect(studentTotalsWhere({ stage: 'PRIMARY' }).withContact).toEqual({ and: [{ stage: 'PRIMARY' }, { contactPersonIDNotNil: true }] });
    expect(studentTotalsWhere({}).withContact).toEqual({ contactPersonIDNotNil: true });
    expect(householdStatusIn('REGISTERED')).toEqual(['NOT_LIFTED', 'LIFTED']);
    expect(householdStatusIn('HARDSHIP')).toEqual(['HARDSHIP']);
    expect(householdStatusIn('')).toBeNull();
  });
});

describe('household form', () => {
  it('asks for what the server cannot guess', () => {
    expect(Object.keys(checkHouseholdForm(emptyHouseholdForm())).sort()).toEqual(['headName', 'number', 'status', 'villageID']);
    expect(checkHouseholdForm({ ...emptyHouseholdForm(), number: 'H1', headName: '张', villageID: '7', status: 'LIFTED', size: '三' }).size).toBeTruthy();
  });
  it('creates with what was filled and clears what was emptied on an edit', () => {
    const f = { ...emptyHouseholdForm(), number: ' H1 ', headName: '张三', villageID: '7', status: 'LIFTED' as const, size: '4', phone: '' };
    expect(createHouseholdInput(f)).toEqual({ number: 'H1', headName: '张三', villageID: '7', status: 'LIFTED', dibao: false, tekun: false, disabled: false, size: 4 });
    expect(updateHouseholdInput({ ...f, size: '' })).toMatchObject({ clearSize: true, clearPhone: true, clearAddress: true, number: 'H1' });
  });
});

describe('student form', () => {
  const f = { ...emptyStudentForm('9'), name: '李四', idNumber: '130681201004041234', stage: 'PRIMARY' as const, grade: '4', schoolID: '3' };
  it('asks for the ID number when adding only', () => {
    expect(checkStudentForm(emptyStudentForm(), true)).toMatchObject({ name: expect.any(String), idNumber: expect.any(String), householdID: expect.any(String), stage: expect.any(String) });
    expect(checkStudentForm({ ...f, idNumber: '' }, false)).toEqual({});
    expect(checkStudentForm({ ...f, where: 'outside' }, true).outsideSchoolName).toBe('请填写县外就读学校');
  });
  it('sends a school or an outside school, never both', () => {
    expect(createStudentInput(f)).toMatchObject({ schoolID: '3', grade: 4, householdID: '9' });
    expect(createStudentInput({ ...f, where: 'outside', outsideSchoolName: '北京市第八中学' })).not.toHaveProperty('schoolID');
    expect(updateStudentInput({ ...f, where: 'outside', outsideSchoolName: '北京市第八中学' })).toMatchObject({ clearSchool: true, outsideSchoolName: '北京市第八中学' });
  });
  it('keeps the stored ID number unless a new one is typed, and a school sends 学籍 only', () => {
    expect(updateStudentInput({ ...f, idNumber: '' })).not.toHaveProperty('idNumber');
    expect(Object.keys(updateStudentInput({ ...f, className: '' }, true)).sort()).toEqual(['boarding', 'clearClassName', 'enrollmentStatus', 'grade', 'stage']);
  });
});
