import { describe, expect, it } from 'vitest';
import { areaOrg, areaTitle, canRevealId, homeSections, inRanges, ledSchoolIDs, type Viewer } from './scope';

type P = Viewer['permissions'][number];
const perm = (object: string, action: string, p: Partial<P> = {}): P => ({
  object,
  action,
  all: false,
  assigned: false,
  villageRanges: [],
  schoolRanges: [],
  schoolIDs: [],
  ...p,
});
const roles = (...keys: string[]) => ({ roles: keys.map((key) => ({ key, label: key })) });
const county = [{ from: '130681000000', to: '130681999999' }];

describe('homeSections', () => {
  it('fits the home to the roles', () => {
    expect(homeSections(roles('county_aid'))).toEqual(['area']);
    expect(homeSections(roles('overseer'))).toEqual(['area']);
    expect(homeSections(roles('inspector'))).toEqual(['area']);
    expect(homeSections(roles('school_leader', 'central_leader'))).toEqual(['school']);
    expect(homeSections(roles('teacher', 'head_teacher'))).toEqual(['teacher']);
    expect(homeSections(roles('head_teacher', 'school_leader'))).toEqual(['school', 'teacher']);
    expect(homeSections(roles())).toEqual([]);
    expect(homeSections(null)).toEqual([]);
  });
});

describe('canRevealId', () => {
  const student = { villageCode: '130681100201', schoolID: '17179869204', school: { id: '17179869204', divisionCode: '130681100000' } };

  it('needs the student/reveal_id permission', () => {
    expect(canRevealId({ permissions: [perm('student', 'read', { villageRanges: county })] }, student)).toBe(false);
    expect(canRevealId(null, student)).toBe(false);
  });

  it('allows the county aid centre within the county', () => {
    const v = { permissions: [perm('student', 'reveal_id', { villageRanges: county, schoolRanges: county })] };
    expect(canRevealId(v, student)).toBe(true);
    // registered elsewhere, enrolled in a county school
    expect(canRevealId(v, { villageCode: '130602000000', school: { divisionCode: '130681001000' } })).toBe(true);
    expect(canRevealId(v, { villageCode: '130602000000', school: null })).toBe(false);
  });

  it('allows school leaders for their own school only', () => {
    const v = { permissions: [perm('student', 'reveal_id', { schoolIDs: ['17179869204'] })] };
    expect(canRevealId(v, student)).toBe(true);
    expect(canRevealId(v, { ...student, schoolID: '17179869999', school: { id: '17179869999' } })).toBe(false);
    expect(canRevealId(v, { villageCode: '130681100201', schoolID: null, school: null })).toBe(false);
  });

  it('allows everything under an all permission', () => {
    expect(canRevealId({ permissions: [perm('student', 'reveal_id', { all: true })] }, {})).toBe(true);
  });
});

describe('ranges and schools', () => {
  it('compares codes inclusively', () => {
    expect(inRanges('130681000000', county)).toBe(true);
    expect(inRanges('130681999999', county)).toBe(true);
    expect(inRanges('130682000000', county)).toBe(false);
    expect(inRanges(null, county)).toBe(false);
  });

  it('takes led schools from student/read', () => {
    expect(ledSchoolIDs({ permissions: [perm('student', 'read', { schoolIDs: ['2', '1', '2'] })] })).toEqual(['2', '1']);
    expect(ledSchoolIDs({ permissions: [] })).toEqual([]);
  });

  it('titles the overview after the level of the bureau', () => {
    expect(areaTitle('COUNTY')).toBe('全县概况');
    expect(areaTitle('CITY')).toBe('全市概况');
    expect(areaTitle('PROVINCE')).toBe('全省概况');
    const org = (kind: string, level: string) => ({ id: '1', name: 'x', kind, isCentral: false, divisionCode: '', division: { id: '1', name: '保定市', code: '130600000000', level } });
    const v = {
      name: '赵志刚',
      roles: [],
      permissions: [],
      person: { id: '1', name: '赵志刚', phone: '', positions: [{ id: '1', role: 'DEPUTY', grade: null, className: null, org: org('CITY_BUREAU', 'CITY') }] },
    } as unknown as Viewer;
    expect(areaOrg(v)?.division.name).toBe('保定市');
  });
});
