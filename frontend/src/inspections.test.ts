import { describe, expect, it } from 'vitest';
import { checkRaiseForm, defaultShare, drawOrgs, emptyRaiseForm, mayRaise, mayRecord, raiseInput } from './inspections';

const county = { id: 'b1', name: '涿州市教育局', kind: 'COUNTY_BUREAU', isCentral: false, divisionCode: '130681000000', division: { id: 'd', name: '涿州市', code: '130681', level: 'COUNTY' } };
const school = { id: 's1', name: '松林店镇中心校', kind: 'SCHOOL', isCentral: true, divisionCode: '130681101000', division: { id: 'd2', name: '松林店镇', code: '130681101', level: 'TOWNSHIP' } };
const range = { from: '130681000000', to: '130681999999' };
const perm = (object: string, action: string, extra: object = {}) => ({ object, action, all: false, assigned: false, villageRanges: [range], schoolRanges: [], schoolIDs: [], ...extra });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const viewer = (orgs: object[], perms: object[]): any => ({ person: { id: 'p1', name: '孙秀英', phone: '', positions: orgs.map((org, i) => ({ id: `x${i}`, role: 'INSPECTOR', org })) }, permissions: perms });

describe('who may draw, record and raise', () => {
  const inspector = viewer([county], [perm('inspection', 'write'), perm('problem', 'raise')]);
  const principal = viewer([school], [perm('inspection', 'read', { villageRanges: [], schoolIDs: ['s1'] })]);

  it('draws for their own bureau inside the write scope', () => {
    expect(drawOrgs(inspector).map((o) => o.id)).toEqual(['b1']);
    expect(drawOrgs(principal)).toEqual([]);
    expect(defaultShare(county as never)).toBe(30);
    expect(defaultShare({ kind: 'CITY_BUREAU' } as never)).toBe(20);
  });

  it('records planned inspections of its area, never its own unit', () => {
    const i = { state: 'PLANNED', inspectorCode: '130681000000', target: { id: 's1', name: '' } } as never;
    expect(mayRecord(inspector, i)).toBe(true);
    expect(mayRecord(inspector, { ...(i as object), state: 'RECORDED' } as never)).toBe(false);
    expect(mayRecord(principal, i)).toBe(false);
    const both = viewer([county, school], [perm('inspection', 'write')]);
    expect(mayRecord(both, i)).toBe(false);
  });

  it('raises with problem/raise over an area and a bureau', () => {
    expect(mayRaise(inspector)).toBe(true);
    expect(mayRaise(principal)).toBe(false);
    expect(mayRaise(viewer([school], [perm('problem', 'raise')]))).toBe(false);
  });
});

describe('the raise form', () => {
  const full = { ...emptyRaiseForm(), source: 'SUPERVISION', sourceDoc: '涿教督〔2026〕3号', unitOrgID: 's1', ownerID: 'p2', raisedOrgID: 'b1', category: '档案不全', description: '资助档案缺2份', deadline: '2026-12-31' };

  it('needs a 文号 unless found by an inspection', () => {
    expect(checkRaiseForm(full)).toEqual({});
    expect(checkRaiseForm({ ...full, sourceDoc: ' ' })).toEqual({ sourceDoc: '请填写文号' });
    expect(checkRaiseForm({ ...full, source: 'INSPECTION', sourceDoc: '' }).source).toBeTruthy();
    expect(checkRaiseForm({ ...full, source: 'INSPECTION', sourceDoc: '', inspectionID: 'i1' })).toEqual({});
  });

  it('names every missing field', () => {
    expect(Object.keys(checkRaiseForm(emptyRaiseForm())).sort()).toEqual(['category', 'deadline', 'description', 'ownerID', 'raisedOrgID', 'source', 'unitOrgID']);
  });

  it('sends the end of the deadline day, China time', () => {
    const i = raiseInput(full);
    expect(i.deadline).toBe('2026-12-31T15:59:59.000Z');
    expect(i.inspectionID).toBeNull();
    expect(i.sourceDoc).toBe('涿教督〔2026〕3号');
  });
});
