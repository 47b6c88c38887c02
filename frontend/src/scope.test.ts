import { describe, expect, it } from 'vitest';
import {
  areaOrg,
  areaTitle,
  canAssignTarget,
  canEditHousehold,
  canLogContact,
  canRevealId,
  homeSections,
  inRanges,
  isResponsibleFor,
  issuerOrgs,
  ledSchoolIDs,
  mayAssign,
  mayEditTemplates,
  mayFollowAgreements,
  mayIssue,
  mayAddHouseholds,
  mayViewCoverage,
  mayVoidAgreement,
  studentEditMode,
  templateCounty,
  type Viewer,
} from './scope';

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

describe('who may log a contact (记录联系)', () => {
  const household = {
    villageCode: '130681100211',
    guarantor: { id: 'zhangli' },
    students: [{ contactPerson: { id: 'xuling' }, school: { id: 's-central', divisionCode: '130681100000' } }, { contactPerson: null, school: null }],
  };
  const me = (id: string, ...permissions: P[]) => ({ person: { id }, permissions }) as unknown as Viewer;
  const assigned = perm('contact', 'write', { assigned: true });

  it('the responsible person: 包户责任人 or a student’s 帮扶联系人', () => {
    expect(canLogContact(me('zhangli', assigned), household)).toBe(true);
    expect(canLogContact(me('xuling', assigned), household)).toBe(true);
    expect(canLogContact(me('someone', assigned), household)).toBe(false);
    expect(isResponsibleFor(me('xuling'), household)).toBe(true);
    expect(isResponsibleFor(me('someone'), household)).toBe(false);
  });

  it('a supervisor over the village or a student’s school', () => {
    expect(canLogContact(me('boss', perm('contact', 'write', { villageRanges: county })), household)).toBe(true);
    expect(canLogContact(me('principal', perm('contact', 'write', { schoolIDs: ['s-central'] })), household)).toBe(true);
    expect(canLogContact(me('town', perm('contact', 'write', { schoolRanges: [{ from: '130681100000', to: '130681100999' }] })), household)).toBe(true);
    expect(canLogContact(me('elsewhere', perm('contact', 'write', { villageRanges: [{ from: '130681200000', to: '130681200999' }] })), household)).toBe(false);
  });

  it('nobody without contact/write, nor without a person (API tokens)', () => {
    expect(canLogContact(me('zhangli', perm('contact', 'read', { assigned: true })), household)).toBe(false);
    expect(canLogContact({ person: null, permissions: [perm('contact', 'write', { all: true })] } as unknown as Viewer, household)).toBe(false);
    expect(canLogContact(null, household)).toBe(false);
  });
});

describe('what admins may do', () => {
  const v = (...permissions: P[]) => ({ permissions }) as Pick<Viewer, 'permissions'>;
  it('reads each from the permissions, and “self” alone is not enough', () => {
    const self = { villageRanges: [], schoolRanges: [], schoolIDs: [] };
    expect(mayAssign(v(perm('assignment', 'write', { villageRanges: county })))).toBe(true);
    expect(mayAssign(v(perm('assignment', 'read', { villageRanges: county })))).toBe(false);
    expect(mayIssue(v(perm('agreement', 'issue', { schoolIDs: ['s1'] })))).toBe(true);
    expect(mayIssue(v(perm('agreement', 'sign', self)))).toBe(false);
    expect(mayFollowAgreements(v(perm('agreement', 'read', self)))).toBe(false);
    expect(mayFollowAgreements(v(perm('agreement', 'read', { villageRanges: county })))).toBe(true);
    expect(mayEditTemplates(v(perm('agreementtemplate', 'write', { villageRanges: county })))).toBe(true);
    expect(mayEditTemplates(v(perm('agreementtemplate', 'read', { all: true })))).toBe(false);
    expect(mayViewCoverage(roles('county_aid'))).toBe(true);
    expect(mayViewCoverage(roles('school_leader'))).toBe(true);
    expect(mayViewCoverage(roles('teacher', 'head_teacher'))).toBe(false);
  });

  it('issues for its bureau or its schools, and edits its county’s templates', () => {
    const pos = (id: string, kind: string, code: string, level: string) => ({
      id: `p-${id}`,
      role: 'PRINCIPAL',
      org: { id, name: id, kind, isCentral: false, divisionCode: code, division: { id: `d-${id}`, name: `n-${id}`, code, level } },
    });
    const countyAdmin = {
      person: { positions: [pos('bureau', 'COUNTY_BUREAU', '130681000000', 'COUNTY')] },
      permissions: [perm('agreement', 'issue', { villageRanges: county }), perm('agreementtemplate', 'write', { villageRanges: county })],
    } as unknown as Viewer;
    expect(issuerOrgs(countyAdmin).map((o) => o.id)).toEqual(['bureau']);
    expect(templateCounty(countyAdmin)).toEqual({ code: '130681000000', name: 'n-bureau' });
    const principal = {
      person: { positions: [pos('s1', 'SCHOOL', '130681100000', 'TOWNSHIP'), pos('s9', 'SCHOOL', '130681200000', 'TOWNSHIP')] },
      permissions: [perm('agreement', 'issue', { schoolIDs: ['s1'] })],
    } as unknown as Viewer;
    expect(issuerOrgs(principal).map((o) => o.id)).toEqual(['s1']);
    expect(templateCounty(principal)).toBeNull();
    expect(issuerOrgs({ ...principal, permissions: [] } as unknown as Viewer)).toEqual([]);
  });
});

describe('registry and guarantee actions', () => {
  const student = { villageCode: '130681100201', schoolID: '9', school: { id: '9', divisionCode: '130681100000' } };
  const countyAdmin = {
    permissions: [
      perm('household', 'write', { villageRanges: county }),
      perm('student', 'write', { villageRanges: county }),
      perm('assignment', 'write', { villageRanges: county }),
      perm('agreement', 'issue', { villageRanges: county }),
    ],
  };
  const principal = { permissions: [perm('student', 'write_enrollment', { schoolIDs: ['9'] }), perm('assignment', 'write', { schoolIDs: ['9'] }), perm('agreement', 'issue', { schoolIDs: ['9'] })] };

  it('lets the county edit its registry and a school only its students\' 学籍', () => {
    expect(mayAddHouseholds(countyAdmin)).toBe(true);
    expect(mayAddHouseholds(principal)).toBe(false);
    expect(canEditHousehold(countyAdmin, { villageCode: '130681100201' })).toBe(true);
    expect(canEditHousehold(countyAdmin, { villageCode: '130123100201' })).toBe(false);
    expect(studentEditMode(countyAdmin, student)).toBe('full');
    expect(studentEditMode(principal, student)).toBe('enrollment');
    expect(studentEditMode(principal, { ...student, schoolID: '10', school: { id: '10', divisionCode: '130681100000' } })).toBeNull();
  });

  it('offers changing the responsible person where the viewer assigns', () => {
    expect(canAssignTarget(countyAdmin, { villageCode: '130681100201' })).toBe(true);
    expect(canAssignTarget(principal, student)).toBe(true);
    expect(canAssignTarget(principal, { villageCode: '130681100201' })).toBe(false);
    expect(canAssignTarget({ permissions: [] }, student)).toBe(false);
  });

  it('lets the issuing side void an agreement that is not void yet', () => {
    const bureau = { id: '1', divisionCode: '130681000000' };
    expect(mayVoidAgreement(countyAdmin, { state: 'SIGNED', issuerOrg: bureau })).toBe(true);
    expect(mayVoidAgreement(countyAdmin, { state: 'VOID', issuerOrg: bureau })).toBe(false);
    expect(mayVoidAgreement(principal, { state: 'ISSUED', issuerOrg: bureau })).toBe(false);
    expect(mayVoidAgreement(principal, { state: 'ISSUED', issuerOrg: { id: '9', divisionCode: '130681100000' } })).toBe(true);
  });
});
