const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/LoginView-Dh0JQ5sc.js","assets/vant-base-Dt_GmSCY.js","assets/vue-BwGMVTC6.js","assets/vant-base-D3kanG2c.css","assets/HomeView-DF7m5UKI.js","assets/ErrorBlock-CnPKB3Z0.js","assets/format-Cj9RZocl.js","assets/StaleNote-DR4TIYlw.js","assets/contact-fPIMMT9h.js","assets/responsibility-Br22lT3_.js","assets/coverage-DQt0cZs3.js","assets/HomeView-BCGMpmMW.css","assets/HouseholdsView-BhEtL-W3.js","assets/vant-BSOFr0MI.js","assets/vant-BDSBMIdo.css","assets/ScrollList-C5xj91kC.js","assets/useRouteQuery-D7xj88GB.js","assets/SortHeader-DQPJJ-WV.js","assets/DivisionSelect-BUdSf52o.js","assets/DivisionSelect-DAt2F60F.css","assets/registry-Bj03o4Nm.js","assets/pickers-Cj3rW_im.js","assets/pickers-BI8Z27iH.css","assets/SortHeader-DtDypoh2.css","assets/HouseholdFormView-Bfyn66zv.js","assets/BackBar-C9J0OIdz.js","assets/HouseholdView-BmG1VgyV.js","assets/useFamily-DxUN-uhb.js","assets/StudentRow-4geJIODg.js","assets/ResponsibilityCard-q9sEnF1K.js","assets/PersonPicker-cX55FaWB.js","assets/PersonPicker-DVzhahMx.css","assets/ChipGroup-Dj0H1heP.js","assets/ChipGroup-BH1yM4Q7.css","assets/ResponsibilityCard-DvRdTcYy.css","assets/HouseholdView-DMdZyFbx.css","assets/StudentsView-BPz74_O2.js","assets/StudentFormView-BFuKN7Lk.js","assets/StudentFormView-DjbJ0e0I.css","assets/StudentView-mwzdtsTX.js","assets/StudentView-BsIXMIjh.css","assets/ContactFormView-B8kFPSj9.js","assets/ContactFormView-DhkWXr5_.css","assets/MeView-BpXmTnCA.js","assets/CoverageView-Cs8j2HkG.js","assets/CoverageView-BLUrKu6q.css","assets/VillageView-iEWDGT3G.js","assets/VillageView-Xt2TahhN.css","assets/AgreementsView-Cn93pF7b.js","assets/AgreementState-B6mxgpaz.js","assets/AgreementsView-B5co4x71.css","assets/AgreementProgressView-dMTsbavg.js","assets/AgreementProgressView-D-5UDLlI.css","assets/TemplatesView-B6AzUkEW.js","assets/TemplatesView-yuQFV3wm.css","assets/AgreementView-CG0ShwGF.js","assets/AgreementView-D4KicCEm.css","assets/NotFoundView-BxED2K_2.js"])))=>i.map(i=>d[i]);
import{$ as e,C as t,F as n,J as r,K as i,L as a,S as o,U as s,X as c,Y as l,Z as ee,_ as u,b as d,g as f,m as p,n as te,o as m,q as ne,r as re,t as ie,v as ae,x as oe,y as h,z as se}from"./vue-BwGMVTC6.js";(function(){let e=document.createElement(`link`).relList;if(e&&e.supports&&e.supports(`modulepreload`))return;for(let e of document.querySelectorAll(`link[rel="modulepreload"]`))n(e);new MutationObserver(e=>{for(let t of e)if(t.type===`childList`)for(let e of t.addedNodes)e.tagName===`LINK`&&e.rel===`modulepreload`&&n(e)}).observe(document,{childList:!0,subtree:!0});function t(e){let t={};return e.integrity&&(t.integrity=e.integrity),e.referrerPolicy&&(t.referrerPolicy=e.referrerPolicy),t.credentials=e.crossOrigin===`use-credentials`?`include`:e.crossOrigin===`anonymous`?`omit`:`same-origin`,t}function n(e){if(e.ep)return;e.ep=!0;let n=t(e);fetch(e.href,n)}})();var g={class:`nav-icon`,viewBox:`0 0 24 24`,"aria-hidden":`true`,fill:`none`,stroke:`currentColor`,"stroke-width":`1.8`,"stroke-linecap":`round`,"stroke-linejoin":`round`},_={key:5,d:`M4 20V10M10 20V4M16 20v-7M22 20H2`},ce=t({__name:`NavIcon`,props:{name:{}},setup(e){return(t,r)=>(n(),d(`svg`,g,[e.name===`home`?(n(),d(p,{key:0},[r[0]||(r[0]=u(`path`,{d:`M3 10.5 12 3l9 7.5`},null,-1)),r[1]||(r[1]=u(`path`,{d:`M5 9v11h5v-6h4v6h5V9`},null,-1))],64)):e.name===`households`?(n(),d(p,{key:1},[r[2]||(r[2]=u(`path`,{d:`M2.5 11 8 6.5l5.5 4.5`},null,-1)),r[3]||(r[3]=u(`path`,{d:`M4 10v9.5h8V10`},null,-1)),r[4]||(r[4]=u(`path`,{d:`M13 8.5 16.5 5.5 21.5 9.5v10h-7`},null,-1)),r[5]||(r[5]=u(`path`,{d:`M7 19.5v-4h2v4`},null,-1))],64)):e.name===`students`?(n(),d(p,{key:2},[r[6]||(r[6]=u(`path`,{d:`m2 8.5 10-4.5 10 4.5-10 4.5z`},null,-1)),r[7]||(r[7]=u(`path`,{d:`M6 10.5v5c0 1.7 2.7 3 6 3s6-1.3 6-3v-5`},null,-1)),r[8]||(r[8]=u(`path`,{d:`M22 8.5v6`},null,-1))],64)):e.name===`coverage`?(n(),d(p,{key:3},[r[9]||(r[9]=u(`circle`,{cx:`12`,cy:`12`,r:`8.5`},null,-1)),r[10]||(r[10]=u(`path`,{d:`M12 3.5V12l6 6`},null,-1))],64)):e.name===`agreements`?(n(),d(p,{key:4},[r[11]||(r[11]=u(`path`,{d:`M6 3h9l4 4v14H6z`},null,-1)),r[12]||(r[12]=u(`path`,{d:`M14.5 3v4.5H19`},null,-1)),r[13]||(r[13]=u(`path`,{d:`M9 12h7M9 15.5h5`},null,-1)),r[14]||(r[14]=u(`path`,{d:`m9 19 1.5-1.5 1.5 1 2-2`},null,-1))],64)):e.name===`progress`?(n(),d(`path`,_)):(n(),d(p,{key:6},[r[15]||(r[15]=u(`circle`,{cx:`12`,cy:`8`,r:`4`},null,-1)),r[16]||(r[16]=u(`path`,{d:`M4 21c.8-4 4-6.5 8-6.5s7.2 2.5 8 6.5`},null,-1))],64))]))}}),v=class extends String{constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}};new v(`
    fragment AgreementCard on Agreement {
  id
  kind
  kindLabel
  term
  title
  state
  issuedAt
  signedAt
  signedName
  daysOutstanding
  pdfURL
  partyName
  partyRole
  issuerRepresentative
  issuerOrg {
    id
    name
    divisionCode
  }
}
    `,{fragmentName:`AgreementCard`}),new v(`
    fragment CompletionCount on AgreementCount {
  key
  label
  kind
  issued
  signed
  unsigned
  org {
    id
    name
    kind
  }
  division {
    id
    code
    name
    level
  }
}
    `,{fragmentName:`CompletionCount`}),new v(`
    fragment Template on AgreementTemplate {
  id
  kind
  ownerCode
  title
  duties
  closing
  version
  updatedAt
}
    `,{fragmentName:`Template`}),new v(`
    fragment CoverageCounts on CoverageRow {
  key
  label
  division {
    id
    code
    name
    level
  }
  school {
    id
    name
  }
  villages {
    total
    covered
    gaps
  }
  households {
    total
    covered
    gaps
  }
  students {
    total
    covered
    gaps
  }
  contacted
  overdue
}
    `,{fragmentName:`CoverageCounts`}),new v(`
    fragment Family on Household {
  id
  number
  headName
  status
  registered
  dibao
  tekun
  disabled
  size
  phone
  address
  villageCode
  lastContactOn
  updatedAt
  village {
    id
    name
    code
    parent {
      id
      name
    }
  }
  guarantor {
    id
    name
    phone
  }
  hasGuarantor
  students {
    id
    name
    gender
    age
    stage
    grade
    className
    enrollmentStatus
    boarding
    disabled
    leftBehind
    migrant
    ethnicMinority
    outsideSchoolName
    lastContactOn
    school {
      id
      name
      divisionCode
    }
    contactPerson {
      id
      name
    }
    hasContactPerson
  }
}
    `,{fragmentName:`Family`}),new v(`
    fragment ContactRecord on Contact {
  id
  uuid
  date
  mode
  learnedSituation
  aidApplied
  policiesExplained
  flags
  notes
  createdAt
  person {
    id
    name
  }
  recordedBy {
    id
    name
  }
  student {
    id
    name
  }
}
    `,{fragmentName:`ContactRecord`}),new v(`
    fragment AssignmentEntry on Assignment {
  id
  kind
  startsAt
  endsAt
  endReason
  personID
  responsible {
    id
    name
    phone
  }
  assignedBy {
    id
    name
  }
}
    `,{fragmentName:`AssignmentEntry`});var le=new v(`
    query MyAgreements {
  myAgreements(first: 50) {
    totalCount
    edges {
      node {
        ...AgreementCard
      }
    }
  }
}
    fragment AgreementCard on Agreement {
  id
  kind
  kindLabel
  term
  title
  state
  issuedAt
  signedAt
  signedName
  daysOutstanding
  pdfURL
  partyName
  partyRole
  issuerRepresentative
  issuerOrg {
    id
    name
    divisionCode
  }
}`),ue=new v(`
    query UnsignedAgreements {
  myAgreements(state: ISSUED, first: 50) {
    totalCount
    edges {
      node {
        id
      }
    }
  }
}
    `),de=new v(`
    query Agreement($id: ID!) {
  node(id: $id) {
    ... on Agreement {
      ...AgreementCard
      text
      contentHash
      signatureDataURL
      voidedAt
      voidReason
      partyPersonID
      supersedes {
        id
        title
      }
      supersededBy {
        id
        title
        state
      }
    }
  }
}
    fragment AgreementCard on Agreement {
  id
  kind
  kindLabel
  term
  title
  state
  issuedAt
  signedAt
  signedName
  daysOutstanding
  pdfURL
  partyName
  partyRole
  issuerRepresentative
  issuerOrg {
    id
    name
    divisionCode
  }
}`),fe=new v(`
    query Terms {
  terms {
    label
    isYear
    current
    startsOn
    endsOn
  }
}
    `),pe=new v(`
    mutation VoidAgreement($id: ID!, $reason: String!) {
  voidAgreement(id: $id, reason: $reason) {
    id
    state
    voidedAt
    voidReason
  }
}
    `),me=new v(`
    mutation SupersedeAgreement($id: ID!, $reason: String!) {
  supersedeAgreement(id: $id, reason: $reason) {
    id
  }
}
    `),he=new v(`
    mutation SignAgreement($input: SignAgreementInput!) {
  signAgreement(input: $input) {
    id
    state
    signedAt
  }
}
    `),ge=new v(`
    query AgreementCompletion($term: String!, $divisionCode: String, $orgID: ID) {
  agreementCompletion(term: $term, divisionCode: $divisionCode, orgID: $orgID) {
    term
    archiveURL
    total {
      ...CompletionCount
    }
    byKind {
      ...CompletionCount
    }
    children {
      ...CompletionCount
    }
  }
}
    fragment CompletionCount on AgreementCount {
  key
  label
  kind
  issued
  signed
  unsigned
  org {
    id
    name
    kind
  }
  division {
    id
    code
    name
    level
  }
}`),_e=new v(`
    query UnsignedList($term: String!, $divisionCode: String, $orgID: ID, $first: Int!, $after: Cursor) {
  agreementCompletion(term: $term, divisionCode: $divisionCode, orgID: $orgID) {
    unsigned(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kindLabel
          partyName
          partyRole
          issuedAt
          daysOutstanding
          issuerOrg {
            id
            name
          }
        }
      }
    }
  }
}
    `),ve=new v(`
    mutation IssueAgreements($input: IssueAgreementsInput!) {
  issueAgreements(input: $input) {
    created
    existing
    skipped {
      name
      reason
    }
  }
}
    `),ye=new v(`
    query AgreementTemplates($divisionCode: String!) {
  agreementTemplates(divisionCode: $divisionCode) {
    ...Template
  }
}
    fragment Template on AgreementTemplate {
  id
  kind
  ownerCode
  title
  duties
  closing
  version
  updatedAt
}`),be=new v(`
    mutation UpdateAgreementTemplate($input: UpdateAgreementTemplateInput!) {
  updateAgreementTemplate(input: $input) {
    ...Template
  }
}
    fragment Template on AgreementTemplate {
  id
  kind
  ownerCode
  title
  duties
  closing
  version
  updatedAt
}`),xe=new v(`
    query ContactOptions {
  contactOptions {
    aidKinds
    policies
    flags {
      key
      label
    }
  }
}
    `),Se=new v(`
    mutation LogContact($input: LogContactInput!) {
  logContact(input: $input) {
    id
    uuid
    date
  }
}
    `),Ce=new v(`
    query Coverage($divisionCode: String, $orgID: ID) {
  coverage(divisionCode: $divisionCode, orgID: $orgID) {
    month
    division {
      id
      code
      name
      level
      parent {
        id
        code
        name
        level
      }
    }
    org {
      id
      name
      kind
      isCentral
      division {
        id
        code
        name
        level
      }
    }
    total {
      ...CoverageCounts
    }
    children {
      ...CoverageCounts
    }
    schools {
      ...CoverageCounts
    }
  }
}
    fragment CoverageCounts on CoverageRow {
  key
  label
  division {
    id
    code
    name
    level
  }
  school {
    id
    name
  }
  villages {
    total
    covered
    gaps
  }
  households {
    total
    covered
    gaps
  }
  students {
    total
    covered
    gaps
  }
  contacted
  overdue
}`),we=new v(`
    query VillageGaps($divisionCode: String, $orgID: ID, $first: Int!, $after: Cursor) {
  coverage(divisionCode: $divisionCode, orgID: $orgID) {
    villageGaps(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          name
          parent {
            id
            name
          }
        }
      }
    }
  }
}
    `),Te=new v(`
    query HouseholdGaps($divisionCode: String, $orgID: ID, $first: Int!, $after: Cursor) {
  coverage(divisionCode: $divisionCode, orgID: $orgID) {
    householdGaps(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          headName
          status
          village {
            id
            name
            parent {
              id
              name
            }
          }
          students {
            id
            name
          }
        }
      }
    }
  }
}
    `),Ee=new v(`
    query StudentGaps($divisionCode: String, $orgID: ID, $first: Int!, $after: Cursor) {
  coverage(divisionCode: $divisionCode, orgID: $orgID) {
    studentGaps(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          stage
          grade
          className
          enrollmentStatus
          outsideSchoolName
          school {
            id
            name
          }
          household {
            id
            headName
            village {
              id
              name
            }
          }
        }
      }
    }
  }
}
    `),De=new v(`
    query OverdueHouseholds($divisionCode: String, $orgID: ID, $first: Int!, $after: Cursor) {
  coverage(divisionCode: $divisionCode, orgID: $orgID) {
    overdueHouseholds(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          headName
          status
          lastContactOn
          village {
            id
            name
            parent {
              id
              name
            }
          }
          hasGuarantor
          guarantor {
            id
            name
          }
        }
      }
    }
  }
}
    `),Oe=new v(`
    query VillageArchive($id: ID!) {
  villageArchive(villageID: $id) {
    village {
      id
      code
      name
      parent {
        id
        code
        name
      }
      guarantor {
        id
        name
        phone
      }
      hasGuarantor
    }
    households
    registeredHouseholds
    guaranteedHouseholds
    students
    registeredStudents
    outsideCounty
    needing
    withContact
    byStage {
      stage
      students
      registered
      needing
      withContact
    }
  }
}
    `),ke=new v(`
    query VillageStudents($id: ID!, $first: Int!, $after: Cursor) {
  villageArchive(villageID: $id) {
    list(first: $first, after: $after, orderBy: {field: NAME, direction: ASC}) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          gender
          age
          stage
          grade
          className
          enrollmentStatus
          outsideSchoolName
          outsideDivision {
            id
            name
          }
          lastContactOn
          school {
            id
            name
          }
          contactPerson {
            id
            name
          }
          hasContactPerson
          household {
            id
            headName
            status
          }
        }
      }
    }
  }
}
    `),Ae=new v(`
    query People($name: String!) {
  people(
    first: 20
    where: {nameContains: $name, active: true}
    orderBy: {field: NAME, direction: ASC}
  ) {
    totalCount
    edges {
      node {
        id
        name
        positions {
          id
          role
          grade
          className
          org {
            id
            name
            kind
            isCentral
            divisionCode
          }
        }
      }
    }
  }
}
    `),je=new v(`
    mutation AssignMany($input: AssignManyInput!) {
  assignMany(input: $input) {
    assignments {
      id
    }
    errors {
      targetID
      field
      reason
    }
  }
}
    `),Me=new v(`
    query AreaOverview {
  households: households(first: 0) {
    totalCount
  }
  registered: households(first: 0, where: {statusIn: [NOT_LIFTED, LIFTED]}) {
    totalCount
  }
  notLifted: households(first: 0, where: {status: NOT_LIFTED}) {
    totalCount
  }
  lifted: households(first: 0, where: {status: LIFTED}) {
    totalCount
  }
  marginal: households(first: 0, where: {status: MARGINAL}) {
    totalCount
  }
  hardship: households(first: 0, where: {status: HARDSHIP}) {
    totalCount
  }
  students: students(first: 0) {
    totalCount
  }
  preschool: students(first: 0, where: {stage: PRESCHOOL}) {
    totalCount
  }
  primary: students(first: 0, where: {stage: PRIMARY}) {
    totalCount
  }
  junior: students(first: 0, where: {stage: JUNIOR}) {
    totalCount
  }
  senior: students(first: 0, where: {stage: SENIOR}) {
    totalCount
  }
  vocational: students(first: 0, where: {stage: VOCATIONAL}) {
    totalCount
  }
  higher: students(first: 0, where: {stage: HIGHER}) {
    totalCount
  }
  dropout: students(first: 0, where: {enrollmentStatus: DROPOUT}) {
    totalCount
  }
  suspectedDropout: students(
    first: 0
    where: {enrollmentStatus: SUSPECTED_DROPOUT}
  ) {
    totalCount
  }
  outside: students(
    first: 0
    where: {schoolIDIsNil: true, outsideSchoolNameNotNil: true}
  ) {
    totalCount
  }
}
    `),Ne=new v(`
    query SchoolOrgs($ids: [ID!]!) {
  orgs(first: 20, where: {idIn: $ids}) {
    edges {
      node {
        id
        name
        isCentral
        schoolType
        divisionCode
        division {
          id
          name
          code
          level
        }
      }
    }
  }
}
    `),Pe=new v(`
    query SchoolStats($schoolID: ID!) {
  students: students(first: 0, where: {schoolID: $schoolID}) {
    totalCount
  }
  enrolled: students(
    first: 0
    where: {schoolID: $schoolID, enrollmentStatus: ENROLLED}
  ) {
    totalCount
  }
  dropout: students(
    first: 0
    where: {schoolID: $schoolID, enrollmentStatus: DROPOUT}
  ) {
    totalCount
  }
  suspectedDropout: students(
    first: 0
    where: {schoolID: $schoolID, enrollmentStatus: SUSPECTED_DROPOUT}
  ) {
    totalCount
  }
  suspended: students(
    first: 0
    where: {schoolID: $schoolID, enrollmentStatus: SUSPENDED}
  ) {
    totalCount
  }
  boarding: students(first: 0, where: {schoolID: $schoolID, boarding: true}) {
    totalCount
  }
  leftBehind: students(first: 0, where: {schoolID: $schoolID, leftBehind: true}) {
    totalCount
  }
  disabled: students(first: 0, where: {schoolID: $schoolID, disabled: true}) {
    totalCount
  }
}
    `),Fe=new v(`
    query TownshipStats($code: String!) {
  households: households(first: 0, divisionCode: $code) {
    totalCount
  }
  registered: households(
    first: 0
    divisionCode: $code
    where: {statusIn: [NOT_LIFTED, LIFTED]}
  ) {
    totalCount
  }
  notLifted: households(
    first: 0
    divisionCode: $code
    where: {status: NOT_LIFTED}
  ) {
    totalCount
  }
  marginal: households(first: 0, divisionCode: $code, where: {status: MARGINAL}) {
    totalCount
  }
  hardship: households(first: 0, divisionCode: $code, where: {status: HARDSHIP}) {
    totalCount
  }
  students: students(first: 0, divisionCode: $code) {
    totalCount
  }
  dropout: students(
    first: 0
    divisionCode: $code
    where: {enrollmentStatus: DROPOUT}
  ) {
    totalCount
  }
  suspectedDropout: students(
    first: 0
    divisionCode: $code
    where: {enrollmentStatus: SUSPECTED_DROPOUT}
  ) {
    totalCount
  }
}
    `),Ie=new v(`
    query MyFamilies {
  myFamilies(first: 50) {
    totalCount
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        ...Family
      }
    }
  }
  overdue: myFamilies(first: 0, overdue: true) {
    totalCount
  }
  students(first: 0) {
    totalCount
  }
}
    fragment Family on Household {
  id
  number
  headName
  status
  registered
  dibao
  tekun
  disabled
  size
  phone
  address
  villageCode
  lastContactOn
  updatedAt
  village {
    id
    name
    code
    parent {
      id
      name
    }
  }
  guarantor {
    id
    name
    phone
  }
  hasGuarantor
  students {
    id
    name
    gender
    age
    stage
    grade
    className
    enrollmentStatus
    boarding
    disabled
    leftBehind
    migrant
    ethnicMinority
    outsideSchoolName
    lastContactOn
    school {
      id
      name
      divisionCode
    }
    contactPerson {
      id
      name
    }
    hasContactPerson
  }
}`),Le=new v(`
    query CoverageSummary($divisionCode: String, $orgID: ID) {
  coverage(divisionCode: $divisionCode, orgID: $orgID) {
    month
    total {
      ...CoverageCounts
    }
  }
}
    fragment CoverageCounts on CoverageRow {
  key
  label
  division {
    id
    code
    name
    level
  }
  school {
    id
    name
  }
  villages {
    total
    covered
    gaps
  }
  households {
    total
    covered
    gaps
  }
  students {
    total
    covered
    gaps
  }
  contacted
  overdue
}`),Re=new v(`
    query CompletionSummary($term: String!, $divisionCode: String, $orgID: ID) {
  agreementCompletion(term: $term, divisionCode: $divisionCode, orgID: $orgID) {
    term
    total {
      issued
      signed
      unsigned
    }
  }
}
    `),ze=new v(`
    query Households($first: Int!, $after: Cursor, $where: HouseholdWhereInput, $search: String, $divisionCode: String, $schoolID: ID, $orderBy: HouseholdOrder) {
  households(
    first: $first
    after: $after
    where: $where
    search: $search
    divisionCode: $divisionCode
    schoolID: $schoolID
    orderBy: $orderBy
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        number
        headName
        status
        dibao
        tekun
        disabled
        phone
        lastContactOn
        hasGuarantor
        guarantor {
          id
          name
        }
        village {
          id
          name
          parent {
            id
            name
          }
        }
        students {
          id
        }
      }
    }
  }
}
    `),Be=new v(`
    query HouseholdTotals($search: String, $divisionCode: String, $schoolID: ID, $registered: HouseholdWhereInput!, $guaranteed: HouseholdWhereInput!) {
  registered: households(
    first: 0
    where: $registered
    search: $search
    divisionCode: $divisionCode
    schoolID: $schoolID
  ) {
    totalCount
  }
  guaranteed: households(
    first: 0
    where: $guaranteed
    search: $search
    divisionCode: $divisionCode
    schoolID: $schoolID
  ) {
    totalCount
  }
}
    `),Ve=new v(`
    query Household($id: ID!) {
  node(id: $id) {
    ... on Household {
      ...Family
      contacts(first: 30, orderBy: {field: DATE, direction: DESC}) {
        totalCount
        edges {
          node {
            ...ContactRecord
          }
        }
      }
    }
  }
}
    fragment Family on Household {
  id
  number
  headName
  status
  registered
  dibao
  tekun
  disabled
  size
  phone
  address
  villageCode
  lastContactOn
  updatedAt
  village {
    id
    name
    code
    parent {
      id
      name
    }
  }
  guarantor {
    id
    name
    phone
  }
  hasGuarantor
  students {
    id
    name
    gender
    age
    stage
    grade
    className
    enrollmentStatus
    boarding
    disabled
    leftBehind
    migrant
    ethnicMinority
    outsideSchoolName
    lastContactOn
    school {
      id
      name
      divisionCode
    }
    contactPerson {
      id
      name
    }
    hasContactPerson
  }
}
fragment ContactRecord on Contact {
  id
  uuid
  date
  mode
  learnedSituation
  aidApplied
  policiesExplained
  flags
  notes
  createdAt
  person {
    id
    name
  }
  recordedBy {
    id
    name
  }
  student {
    id
    name
  }
}`),He=new v(`
    query HouseholdEdit($id: ID!) {
  node(id: $id) {
    ... on Household {
      id
      number
      headName
      status
      dibao
      tekun
      disabled
      size
      phone
      address
      village {
        id
        code
        name
      }
    }
  }
}
    `),Ue=new v(`
    mutation CreateHousehold($input: CreateHouseholdInput!) {
  createHousehold(input: $input) {
    id
  }
}
    `),We=new v(`
    mutation UpdateHousehold($id: ID!, $input: UpdateHouseholdInput!) {
  updateHousehold(id: $id, input: $input) {
    id
  }
}
    `),Ge=new v(`
    query StudentEdit($id: ID!) {
  node(id: $id) {
    ... on Student {
      id
      name
      idNumber
      stage
      grade
      className
      enrollmentStatus
      boarding
      disabled
      leftBehind
      migrant
      ethnicMinority
      villageCode
      schoolID
      outsideSchoolName
      school {
        id
        name
        divisionCode
      }
      household {
        id
        number
        headName
        village {
          id
          name
        }
      }
    }
  }
}
    `),Ke=new v(`
    mutation CreateStudent($input: CreateStudentInput!) {
  createStudent(input: $input) {
    id
  }
}
    `),qe=new v(`
    mutation UpdateStudent($id: ID!, $input: UpdateStudentInput!) {
  updateStudent(id: $id, input: $input) {
    id
  }
}
    `),Je=new v(`
    query DivisionChildren($parent: ID!, $after: Cursor) {
  divisions(
    first: 100
    after: $after
    where: {parentID: $parent}
    orderBy: {field: CODE, direction: ASC}
  ) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        code
        name
        level
      }
    }
  }
}
    `),Ye=new v(`
    query DivisionByCode($code: String!) {
  divisions(first: 1, where: {code: $code}) {
    edges {
      node {
        id
        code
        name
        level
        parent {
          id
          code
          name
          level
          parent {
            id
            code
            name
            level
          }
        }
      }
    }
  }
}
    `),Xe=new v(`
    query SchoolOptions($search: String, $from: String!, $to: String!) {
  orgs(
    first: 20
    where: {kind: SCHOOL, nameContains: $search, divisionCodeGTE: $from, divisionCodeLTE: $to}
    orderBy: {field: NAME, direction: ASC}
  ) {
    edges {
      node {
        id
        name
        divisionCode
      }
    }
  }
}
    `),Ze=new v(`
    query HouseholdOptions($search: String!) {
  households(first: 20, search: $search, orderBy: {field: NUMBER, direction: ASC}) {
    edges {
      node {
        id
        number
        headName
        village {
          id
          name
        }
      }
    }
  }
}
    `),Qe=new v(`
    query Responsibility($id: ID!) {
  node(id: $id) {
    ... on Division {
      id
      hasGuarantor
      guarantor {
        id
        name
        phone
      }
      assignments(first: 50, orderBy: {field: STARTS_AT, direction: DESC}) {
        totalCount
        edges {
          node {
            ...AssignmentEntry
          }
        }
      }
    }
    ... on Household {
      id
      hasGuarantor
      guarantor {
        id
        name
        phone
      }
      assignments(first: 50, orderBy: {field: STARTS_AT, direction: DESC}) {
        totalCount
        edges {
          node {
            ...AssignmentEntry
          }
        }
      }
    }
    ... on Student {
      id
      hasContactPerson
      contactPerson {
        id
        name
        phone
      }
      assignments(first: 50, orderBy: {field: STARTS_AT, direction: DESC}) {
        totalCount
        edges {
          node {
            ...AssignmentEntry
          }
        }
      }
    }
  }
}
    fragment AssignmentEntry on Assignment {
  id
  kind
  startsAt
  endsAt
  endReason
  personID
  responsible {
    id
    name
    phone
  }
  assignedBy {
    id
    name
  }
}`),$e=new v(`
    query ResponsibleOn($kind: AssignmentKind!, $id: ID!, $date: Time!) {
  responsibleOn(kind: $kind, targetID: $id, date: $date) {
    ...AssignmentEntry
  }
}
    fragment AssignmentEntry on Assignment {
  id
  kind
  startsAt
  endsAt
  endReason
  personID
  responsible {
    id
    name
    phone
  }
  assignedBy {
    id
    name
  }
}`),et=new v(`
    query EligiblePeople($kind: AssignmentKind!, $target: ID!, $search: String) {
  eligiblePeople(kind: $kind, targetID: $target, search: $search, first: 30) {
    eligible
    reason
    person {
      id
      name
      phone
      positions {
        id
        role
        grade
        className
        org {
          id
          name
          kind
          isCentral
          divisionCode
        }
      }
    }
  }
}
    `),tt=new v(`
    mutation Assign($input: AssignInput!) {
  assign(input: $input) {
    id
  }
}
    `),nt=new v(`
    mutation EndAssignment($id: ID!, $reason: String!) {
  endAssignment(id: $id, reason: $reason) {
    id
    endsAt
    endReason
  }
}
    `),rt=new v(`
    mutation Login($phone: String!, $password: String!) {
  login(phone: $phone, password: $password) {
    expiresAt
    viewer {
      person {
        id
      }
    }
  }
}
    `),it=new v(`
    mutation Logout {
  logout
}
    `),at=new v(`
    query Students($first: Int!, $after: Cursor, $where: StudentWhereInput, $search: String, $divisionCode: String, $householdStatus: [HouseholdStatus!], $needsContact: Boolean, $orderBy: StudentOrder) {
  students(
    first: $first
    after: $after
    where: $where
    search: $search
    divisionCode: $divisionCode
    householdStatus: $householdStatus
    needsContact: $needsContact
    orderBy: $orderBy
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        gender
        age
        stage
        grade
        className
        enrollmentStatus
        boarding
        disabled
        leftBehind
        migrant
        ethnicMinority
        outsideSchoolName
        lastContactOn
        hasContactPerson
        contactPerson {
          id
          name
        }
        school {
          id
          name
        }
        household {
          id
          status
          village {
            id
            name
            parent {
              id
              name
            }
          }
        }
      }
    }
  }
}
    `),ot=new v(`
    query StudentTotals($search: String, $divisionCode: String, $householdStatus: [HouseholdStatus!], $where: StudentWhereInput!, $withContact: StudentWhereInput!) {
  needing: students(
    first: 0
    where: $where
    search: $search
    divisionCode: $divisionCode
    householdStatus: $householdStatus
    needsContact: true
  ) {
    totalCount
  }
  withContact: students(
    first: 0
    where: $withContact
    search: $search
    divisionCode: $divisionCode
    householdStatus: $householdStatus
    needsContact: true
  ) {
    totalCount
  }
}
    `),st=new v(`
    query Student($id: ID!) {
  node(id: $id) {
    ... on Student {
      id
      name
      gender
      age
      idNumber
      stage
      grade
      className
      enrollmentStatus
      boarding
      disabled
      leftBehind
      migrant
      ethnicMinority
      villageCode
      schoolID
      outsideSchoolName
      outsideDivision {
        id
        name
      }
      school {
        id
        name
        divisionCode
      }
      contactPerson {
        id
        name
      }
      hasContactPerson
      lastContactOn
      updatedAt
      household {
        id
        number
        headName
        status
        phone
        address
        village {
          id
          name
          parent {
            id
            name
          }
        }
      }
    }
  }
}
    `),ct=new v(`
    query RevealIdNumber($id: ID!) {
  students(first: 1, where: {id: $id}) {
    edges {
      node {
        id
        idNumber(full: true)
      }
    }
  }
}
    `),lt=new v(`
    query Viewer {
  viewer {
    name
    person {
      id
      name
      phone
      positions {
        id
        role
        grade
        className
        org {
          id
          name
          kind
          isCentral
          divisionCode
          division {
            id
            name
            code
            level
          }
        }
      }
    }
    roles {
      key
      label
    }
    permissions {
      object
      action
      all
      assigned
      villageRanges {
        from
        to
      }
      schoolRanges {
        from
        to
      }
      schoolIDs
    }
  }
}
    `),ut=`sanbao`,dt=1,y=`queries`,b=`outbox`,x=null;function ft(){return x||(x=new Promise((e,t)=>{if(typeof indexedDB>`u`){t(Error(`此浏览器不支持离线存储(IndexedDB)`));return}let n=indexedDB.open(ut,dt);n.onupgradeneeded=()=>{let e=n.result;e.objectStoreNames.contains(`queries`)||e.createObjectStore(y,{keyPath:`key`}),e.objectStoreNames.contains(`outbox`)||e.createObjectStore(b,{keyPath:`id`})},n.onsuccess=()=>{let t=n.result;t.onversionchange=()=>{t.close(),x=null},e(t)},n.onerror=()=>t(n.error??Error(`无法打开离线存储`)),n.onblocked=()=>t(Error(`离线存储被其他页面占用,请关闭其他页面后重试`))}).catch(e=>{throw x=null,e}),x)}async function S(e,t,n){let r=await ft();return new Promise((i,a)=>{let o=r.transaction(e,t),s,c=n(o.objectStore(e));c&&(c.onsuccess=()=>s=c.result),o.oncomplete=()=>i(s),o.onerror=()=>a(o.error??Error(`离线存储写入失败`)),o.onabort=()=>a(o.error??Error(`离线存储写入被中止`))})}var pt=5184e6;async function mt(e){try{return await S(y,`readonly`,t=>t.get(e))}catch{return}}async function ht(e,t,n=Date.now()){try{await S(y,`readwrite`,r=>r.put({key:e,data:t,fetchedAt:n}))}catch{}}async function gt(){try{await S(y,`readwrite`,e=>e.clear())}catch{}}async function _t(e=pt,t=Date.now()){try{let n=(await S(`queries`,`readonly`,e=>e.getAll())??[]).filter(n=>t-n.fetchedAt>e);return n.length&&await S(y,`readwrite`,e=>n.forEach(t=>e.delete(t.key))),n.length}catch{return 0}}var C=r(typeof navigator>`u`||navigator.onLine!==!1),w=new Set,T=null,vt=2e4;function yt(e){return w.add(e),()=>w.delete(e)}function E(){if((typeof navigator>`u`||navigator.onLine!==!1)&&(T&&(clearTimeout(T),T=null),!C.value)){C.value=!0;for(let e of w)e()}}function D(){C.value=!1,bt()}function bt(){T||typeof window>`u`||(T=setTimeout(async()=>{if(T=null,!C.value&&navigator.onLine!==!1){try{if((await fetch(`/healthz`,{cache:`no-store`})).ok)return E()}catch{}bt()}},vt))}function xt(e=window){e.addEventListener(`online`,()=>E()),e.addEventListener(`offline`,()=>D())}var O=class extends Error{constructor(e,t,n=null){super(e),this.name=`ApiError`,this.code=t,this.field=n}},k=class extends Error{constructor(e=`网络不可用,请检查网络后重试`){super(e),this.name=`NetworkError`}},St=new Set([`BAD_USER_INPUT`,`BAD_REQUEST`,`FORBIDDEN`,`NOT_FOUND`,`CONFLICT`,`GRAPHQL_VALIDATION_FAILED`,`GRAPHQL_PARSE_FAILED`,`REQUEST_TOO_LARGE`,`DEPTH_LIMIT_EXCEEDED`,`ALIAS_LIMIT_EXCEEDED`,`COMPLEXITY_LIMIT_EXCEEDED`]);function Ct(e){return e instanceof O&&St.has(e.code)}function wt(e){return e instanceof k||e instanceof O&&(e.code===`UNAUTHENTICATED`||e.code===`TOO_MANY_REQUESTS`)}function Tt(e){return e instanceof Error&&e.message?e.message:`出错了,请稍后再试`}var Et=`/graphql`,Dt=2e4,A=null;function Ot(e){A=e}function kt(e){var t;return(t=/\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(e))==null?void 0:t[1]}function j(e){if(e===void 0)return`null`;if(typeof e!=`object`||!e)return JSON.stringify(e);if(Array.isArray(e))return`[${e.map(j).join(`,`)}]`;let t=e;return`{${Object.keys(t).filter(e=>t[e]!==void 0).sort().map(e=>`${JSON.stringify(e)}:${j(t[e])}`).join(`,`)}}`}function At(e){let t=2166136261;for(let n=0;n<e.length;n++)t^=e.charCodeAt(n),t=Math.imul(t,16777619);return(t>>>0).toString(36)}function jt(e,t){return`${kt(e)??`query`}:${At(e)}:${j(t??{})}`}async function Mt(e,t,n){var r;let i=new AbortController,a=setTimeout(()=>i.abort(),n.timeoutMs??Dt),o=()=>i.abort();(r=n.signal)==null||r.addEventListener(`abort`,o);try{let r;try{r=await fetch(Et,{method:`POST`,credentials:`same-origin`,headers:{"Content-Type":`application/json`,Accept:`application/json`},body:JSON.stringify({query:e,variables:t??{},operationName:kt(e)}),signal:i.signal})}catch(e){var s;throw(s=n.signal)!=null&&s.aborted?e:(D(),new k)}if(r.status===502||r.status===503||r.status===504)throw new k(`服务器暂时无法访问,请稍后再试`);let a;try{a=await r.json()}catch(e){throw e instanceof SyntaxError?new O(`服务器返回了无法识别的内容(HTTP ${r.status})`,`BAD_RESPONSE`):(D(),new k)}return E(),a}finally{var c;clearTimeout(a),(c=n.signal)==null||c.removeEventListener(`abort`,o)}}function Nt(e,t){var n;let r=(n=e.errors)==null?void 0:n[0];if(r){var i,a;let e=new O(r.message||`出错了,请稍后再试`,((i=r.extensions)==null?void 0:i.code)??`INTERNAL`,((a=r.extensions)==null?void 0:a.field)??null);throw e.code===`UNAUTHENTICATED`&&t.sessionCheck!==!1&&(A==null||A(e.message)),e}if(e.data==null)throw new O(`服务器没有返回数据`,`BAD_RESPONSE`);return e.data}async function M(e,t,n={}){let r=e.toString(),i=n.cache!==!1,a=jt(r,t),o;try{o=await Mt(r,t,n)}catch(e){if(e instanceof k&&i){let e=await mt(a);if(e)return{data:e.data,stale:!0,fetchedAt:e.fetchedAt}}throw e}let s=Nt(o,n),c=Date.now();return i&&await ht(a,s,c),{data:s,stale:!1,fetchedAt:c}}async function N(e,t,n={}){return Nt(await Mt(e.toString(),t,n),n)}var Pt=class extends Error{constructor(e){super(e),this.name=`PermanentError`}},P=new Set,F=new Set,Ft=0,I=null;function It(e){let t=e||null;if(t!==I){I=t;for(let e of F)e(t);R().catch(()=>void 0)}}function Lt(e){return F.add(e),()=>F.delete(e)}function Rt(){let e=globalThis.crypto;if(e&&typeof e.randomUUID==`function`)return e.randomUUID();let t=new Uint8Array(16);if(e&&typeof e.getRandomValues==`function`)e.getRandomValues(t);else for(let e=0;e<16;e++)t[e]=Math.floor(Math.random()*256);t[6]=t[6]&15|64,t[8]=t[8]&63|128;let n=Array.from(t,e=>e.toString(16).padStart(2,`0`)).join(``);return`${n.slice(0,8)}-${n.slice(8,12)}-${n.slice(12,16)}-${n.slice(16,20)}-${n.slice(20)}`}function zt(e,t){return e.createdAt-t.createdAt||e.seq-t.seq}async function L(e){await S(b,`readwrite`,t=>t.put(e))}async function Bt(e){let t=(await S(`outbox`,`readonly`,e=>e.getAll())??[]).sort(zt);return e===void 0?t:t.filter(t=>!!e&&t.owner===e)}function Vt(){return Bt(I)}async function Ht(e){return S(b,`readonly`,t=>t.get(e))}async function R(){if(P.size===0)return;let e=await Vt();for(let t of P)t(e)}function z(e){return P.add(e),Vt().then(e,()=>e([])),()=>P.delete(e)}async function Ut(e,t,n={}){if(!e)throw Error(`outbox: kind is required`);let r=n.owner===void 0?I:n.owner;if(!r)throw Error(`请先登录后再保存记录`);let i=Date.now(),a={id:Rt(),owner:r,kind:e,payload:t,createdAt:i,state:`pending`,attempts:0,lastError:null,sentAt:null,seq:i*1e3+Ft++%1e3};return await L(a),await R(),a}async function Wt(e){let t=await Ht(e);t&&t.state===`failed`&&(await L({...t,state:`pending`,lastError:null}),await R())}async function Gt(e){await S(b,`readwrite`,t=>t.delete(e)),await R()}async function Kt(){let e=(await Vt()).filter(e=>e.state===`sent`);e.length!==0&&(await S(b,`readwrite`,t=>{for(let n of e)t.delete(n.id)}),await R())}function qt(e){let t={pending:0,sent:0,failed:0};for(let n of e)t[n.state]++;return t}function Jt(e){return e instanceof Error&&e.message?e.message:String(e)}var B=null;function Yt(e,t={}){return B||(B=Xt(e,t).finally(()=>{B=null}),B)}async function Xt(e,t){let n=t.isPermanent??(e=>e instanceof Pt),r=t.isFatal??(()=>!0),i=t.online??(()=>typeof navigator>`u`||navigator.onLine!==!1),a=t.owner===void 0?I:t.owner,o={sent:0,failed:0,pending:0};if(!a)return o;let s=(await Bt(a)).filter(e=>e.state===`pending`);if(!i())return o.pending=s.length,o;let c=!1,l=()=>t.owner===void 0&&I!==a;for(let t of s){if(!c&&l()&&(c=!0),c){o.pending++;continue}let i={...t,attempts:t.attempts+1};try{await e(i),await L({...i,state:`sent`,lastError:null,sentAt:Date.now()}),o.sent++}catch(e){n(e)?(await L({...i,state:`failed`,lastError:Jt(e)}),o.failed++):(await L({...i,state:`pending`,lastError:Jt(e)}),o.pending++,r(e)&&(c=!0))}await R()}return o}var V=`sanbao.lastPerson`,H=ne({viewer:null,stale:!1,notice:``}),U=null;function Zt(){try{return localStorage.getItem(V)}catch{return null}}function Qt(e){try{e?localStorage.setItem(V,e):localStorage.removeItem(V)}catch{}}function $t(){return U||(U=(async()=>{try{var e;let t=await M(lt,{});H.viewer=t.data.viewer??null,H.stale=t.stale,It(((e=H.viewer)==null||(e=e.person)==null?void 0:e.id)??null)}catch(e){H.viewer=null,e instanceof k?H.notice=`网络不可用,且本机没有离线数据,请联网后登录`:e instanceof O&&e.code!==`UNAUTHENTICATED`&&(H.notice=e.message)}return H.viewer})().finally(()=>{U=null}),U)}var W=null;function en(){return Zt()!==null}function tn(){return W||(W=en()?$t():Promise.resolve(null)),W}async function nn(e,t){var n;let r=((n=(await N(rt,{phone:e,password:t},{sessionCheck:!1})).login.viewer.person)==null?void 0:n.id)??null;r!==Zt()&&await gt(),Qt(r),H.notice=``;let i=await $t();return W=Promise.resolve(i),i}async function rn(){try{await N(it,{},{sessionCheck:!1})}catch(e){if(!(e instanceof O&&e.code===`UNAUTHENTICATED`))throw e}await gt(),Qt(null),It(null),H.viewer=null,H.stale=!1,W=Promise.resolve(null)}function an(e){H.viewer=null,H.notice=e||`登录已过期,请重新登录`,W=Promise.resolve(null)}var on={BUREAU_SCHOOL:`教育局与学校`,SCHOOL_PRINCIPAL:`学校与校长`,SCHOOL_DEPUTY:`学校与分管领导`,SCHOOL_CONTACT:`学校与帮扶责任人`},sn=[`BUREAU_SCHOOL`,`SCHOOL_PRINCIPAL`,`SCHOOL_DEPUTY`,`SCHOOL_CONTACT`];function cn(e){return e===`SCHOOL`?[`SCHOOL_PRINCIPAL`,`SCHOOL_DEPUTY`,`SCHOOL_CONTACT`]:[`BUREAU_SCHOOL`]}function ln(e=new Date){let t=new Date((typeof e==`number`?e:e.getTime())+288e5),n=t.getUTCFullYear();return t.getUTCMonth()+1<9&&n--,`${n}—${n+1}学年`}function un(e,t=``){let n=[];for(let t of e){var r;let e=t.current?t.isYear?`（本学年）`:`（本学期）`:``;t.isYear?n.push({year:t.label,options:[{value:t.label,text:`${t.label} 全学年${e}`}]}):(r=n[n.length-1])==null||r.options.push({value:t.label,text:`${t.label.replace(/^.*学年/,``)}${e}`})}return t&&!e.some(e=>e.label===t)&&n.push({year:`其他`,options:[{value:t,text:t}]}),n}function dn(e,t){return t>0?Math.round(e/t*100):0}var fn={width:100,height:40},pn={width:2e3,height:1e3};function mn(e,t=1/0){let n=0;for(let r=0;r+3<e.length;r+=4)if(e[r+3]>128&&e[r]+e[r+1]+e[r+2]<384&&++n>=t)return n;return n}function hn(e,t,n){let r=Math.max(1,Math.min(n||1,2));return r=Math.min(r,pn.width/Math.max(e,1),pn.height/Math.max(t,1)),{width:Math.max(fn.width,Math.floor(e*r)),height:Math.max(fn.height,Math.floor(t*r)),scale:r}}function gn(e){let t=e.indexOf(`,`);if(t<0)return 0;let n=e.slice(t+1),r=n.endsWith(`==`)?2:+!!n.endsWith(`=`);return Math.floor(n.length*3/4)-r}function _n(e,t,n,r){let i={},a=e.trim();return a?a!==t.trim()&&(i.name=`请输入本人姓名(${t})确认签署`):i.name=`请输入您的姓名`,n<150?i.signature=n===0?`请在签名区手写签名`:`签名太短,请在签名区完整签名`:!r||!r.startsWith(`data:image/png;base64,`)?i.signature=`签名图片无法生成,请清除后重签`:gn(r)>307200&&(i.signature=`签名图片过大,请清除后重签`),i}function vn(e){let t=new Map;for(let r of e){var n;if(r.kind!==`signature`||r.state===`failed`)continue;let e=(n=r.payload)==null||(n=n.input)==null?void 0:n.id;e&&t.set(e,r)}return t}function yn(e,t,n){let r=vn(n),i=e.filter(e=>r.has(e)).length;return Math.max(0,t-i)}var G=l(null),bn=l([]),xn=0,Sn=!1,K=null,q=f(()=>G.value?yn(G.value.ids,G.value.total,bn.value):0);function J(){return K||(K=(async()=>{try{let e=await M(ue,{});G.value={ids:(e.data.myAgreements.edges??[]).map(e=>{var t;return(e==null||(t=e.node)==null?void 0:t.id)??``}).filter(Boolean),total:e.data.myAgreements.totalCount}}catch{}})().finally(()=>{K=null}),K)}function Cn(){Sn||(Sn=!0,J(),yt(()=>void J()),Lt(e=>{G.value=null,e&&J()}),z(e=>{bn.value=e;let t=e.filter(e=>e.kind===`signature`&&e.state===`sent`).length;t!==xn&&(xn=t,J())}))}var wn=[`county_admin`,`county_aid`,`overseer`,`inspector`],Tn=[`school_leader`,`central_leader`],En=[`teacher`,`head_teacher`];function Dn(e){return((e==null?void 0:e.roles)??[]).map(e=>e.key)}function On(e){let t=Dn(e),n=[];return t.some(e=>wn.includes(e))&&n.push(`area`),t.some(e=>Tn.includes(e))&&n.push(`school`),t.some(e=>En.includes(e))&&n.push(`teacher`),n}function Y(e,t,n){return e==null?void 0:e.permissions.find(e=>e.object===t&&e.action===n)}function X(e,t){return e?t.some(t=>e>=t.from&&e<=t.to):!1}function kn(e,t){var n,r;let i=Y(e,`student`,`reveal_id`);if(!i)return!1;if(i.all)return!0;let a=t.schoolID??((n=t.school)==null?void 0:n.id)??null;return a&&i.schoolIDs.includes(a)||X(t.villageCode,i.villageRanges)?!0:X((r=t.school)==null?void 0:r.divisionCode,i.schoolRanges)}function An(e){var t;return[...new Set(((t=Y(e,`student`,`read`))==null?void 0:t.schoolIDs)??[])]}function jn(e){var t;let n=((e==null||(t=e.person)==null?void 0:t.positions)??[]).find(e=>e.org.kind!==`SCHOOL`);return(n==null?void 0:n.org)??null}function Mn(e){switch(e){case`PROVINCE`:return`全省概况`;case`CITY`:return`全市概况`;default:return`全县概况`}}function Z(e){return!!e&&(e.all||e.villageRanges.length>0||e.schoolRanges.length>0||e.schoolIDs.length>0)}function Nn(e,t){var n,r;let i=e==null||(n=e.person)==null?void 0:n.id;return i?((r=t.guarantor)==null?void 0:r.id)===i||(t.students??[]).some(e=>{var t;return((t=e.contactPerson)==null?void 0:t.id)===i}):!1}function Pn(e,t){var n;let r=Y(e,`contact`,`write`);return!r||!(e!=null&&(n=e.person)!=null&&n.id)?!1:r.all||r.assigned&&Nn(e,t)||X(t.villageCode,r.villageRanges)?!0:(t.students??[]).some(e=>!!e.school&&(r.schoolIDs.includes(e.school.id)||X(e.school.divisionCode,r.schoolRanges)))}function Fn(e){return Z(Y(e,`assignment`,`write`))}function In(e){return Z(Y(e,`agreement`,`issue`))}function Ln(e){return Z(Y(e,`agreement`,`read`))}function Rn(e){return Z(Y(e,`agreementtemplate`,`write`))}function zn(e){let t=On(e);return t.includes(`area`)||t.includes(`school`)}function Bn(e){var t;let n=Y(e,`agreement`,`issue`);if(!n)return[];let r=new Map;for(let i of(e==null||(t=e.person)==null?void 0:t.positions)??[]){let e=i.org,t=e.kind===`COUNTY_BUREAU`&&(n.all||X(e.divisionCode,n.villageRanges)),a=e.kind===`SCHOOL`&&n.schoolIDs.includes(e.id);(t||a)&&r.set(e.id,e)}return[...r.values()]}function Vn(e){var t;if(!Rn(e))return null;let n=((e==null||(t=e.person)==null?void 0:t.positions)??[]).find(e=>e.org.kind===`COUNTY_BUREAU`);return n?{code:n.org.division.code,name:n.org.division.name}:null}function Hn(e){return Z(Y(e,`household`,`write`))}function Un(e){return Z(Y(e,`student`,`write`))}function Wn(e,t){let n=Y(e,`household`,`write`);return!!n&&(n.all||X(t.villageCode,n.villageRanges))}function Gn(e,t){var n,r;let i=Y(e,`student`,`write`);if(i&&(i.all||X(t.villageCode,i.villageRanges)))return`full`;let a=Y(e,`student`,`write_enrollment`);if(!a)return null;let o=t.schoolID??((n=t.school)==null?void 0:n.id)??null;return a.all||o&&a.schoolIDs.includes(o)||X((r=t.school)==null?void 0:r.divisionCode,a.schoolRanges)?`enrollment`:null}function Kn(e,t){var n,r;let i=Y(e,`assignment`,`write`);if(!i)return!1;if(i.all||X(t.villageCode,i.villageRanges))return!0;let a=t.schoolID??((n=t.school)==null?void 0:n.id)??null;return!!a&&i.schoolIDs.includes(a)||X((r=t.school)==null?void 0:r.divisionCode,i.schoolRanges)}function qn(e,t){let n=Y(e,`agreement`,`issue`);return!n||t.state===`VOID`?!1:n.all||X(t.issuerOrg.divisionCode,n.villageRanges)||n.schoolIDs.includes(t.issuerOrg.id)}var Jn={class:`nav`,"aria-label":`主导航`},Yn={class:`nav__brand`},Xn={class:`nav__who`},Zn={class:`nav__icon`},Qn=[`aria-label`],$n=[`aria-label`],er=[`aria-label`],tr={class:`nav__label`},nr=t({__name:`AppNav`,setup(t){let l=re(),te=f(()=>{let e=H.viewer,t=[{key:`home`,to:`/`,label:`首页`}];return zn(e)&&t.push({key:`coverage`,to:`/coverage`,label:`覆盖情况`,rail:!0}),t.push({key:`households`,to:`/households`,label:`户`},{key:`students`,to:`/students`,label:`学生`}),t.push({key:`agreements`,to:`/my/agreements`,label:`我的责任书`,rail:!0}),Ln(e)&&t.push({key:`progress`,to:`/signing`,label:`签订进度`,rail:!0}),t.push({key:`me`,to:`/me`,label:`我的`}),t}),m=r(0);i(z(e=>m.value=qt(e).pending)),Cn();let ne=f(()=>l.meta.tab),ie=f(()=>l.meta.phoneTab??l.meta.tab),g=f(()=>{var e;return((e=H.viewer)==null||(e=e.person)==null||(e=e.positions)==null||(e=e[0])==null?void 0:e.org.name)??``}),_=f(()=>q.value+m.value),v=f(()=>{let e=[];return q.value&&e.push(`待签责任书 ${q.value} 份`),m.value&&e.push(`待发送 ${m.value} 条`),e.join(`,`)});return(t,r)=>{var i;let l=se(`RouterLink`);return n(),d(`nav`,Jn,[u(`div`,Yn,[r[1]||(r[1]=u(`span`,{class:`nav__logo`,"aria-hidden":`true`},`三包`,-1)),u(`div`,null,[r[0]||(r[0]=u(`div`,{class:`nav__app`},`三包联系`,-1)),u(`div`,Xn,[oe(e((i=c(H).viewer)==null?void 0:i.name),1),g.value?(n(),d(p,{key:0},[oe(` · `+e(g.value),1)],64)):h(``,!0)])])]),(n(!0),d(p,null,a(te.value,t=>(n(),ae(l,{key:t.key,to:t.to,class:ee([`nav__item`,{"nav__item--active":ne.value===t.key,"nav__item--phone-active":ie.value===t.key,"nav__item--rail":t.rail}]),"aria-current":ne.value===t.key?`page`:void 0,"data-tab":t.key},{default:s(()=>[u(`span`,Zn,[o(ce,{name:t.key},null,8,[`name`]),t.key===`me`?(n(),d(p,{key:0},[_.value>0?(n(),d(`span`,{key:0,class:`nav__badge nav__badge--phone`,"aria-label":v.value,"data-testid":`nav-me-badge`},e(_.value),9,Qn)):h(``,!0),m.value>0?(n(),d(`span`,{key:1,class:`nav__badge nav__badge--rail`,"aria-label":`待发送 ${m.value} 条`},e(m.value),9,$n)):h(``,!0)],64)):h(``,!0),t.key===`agreements`&&c(q)>0?(n(),d(`span`,{key:1,class:`nav__badge`,"aria-label":`待签责任书 ${c(q)} 份`,"data-testid":`nav-agreements-badge`},e(c(q)),9,er)):h(``,!0)]),u(`span`,tr,e(t.label),1)]),_:2},1032,[`to`,`class`,`aria-current`,`data-tab`]))),128))])}}}),rr={key:0,class:`offline-bar`,role:`status`,"aria-live":`polite`,"data-testid":`offline`},ir=t({__name:`OfflineBar`,setup(e){return(e,t)=>c(C)?h(``,!0):(n(),d(`div`,rr,[...t[0]||(t[0]=[u(`svg`,{viewBox:`0 0 24 24`,width:`16`,height:`16`,"aria-hidden":`true`},[u(`path`,{fill:`currentColor`,d:`M2.3 3.7 3.7 2.3l18 18-1.4 1.4-3.6-3.6-4.7 4.7L1 11.8a16 16 0 0 1 4.5-3.1L2.3 3.7Zm6.6 6.6a11 11 0 0 0-3 1.9l6.1 6.1 2.6-2.6-5.7-5.4ZM12 4c4.2 0 8.1 1.6 11 4.4l-5.5 5.5-1.4-1.4 3.9-3.9A13.5 13.5 0 0 0 12 6c-1 0-2 .1-3 .3L7.3 4.7C8.8 4.2 10.4 4 12 4Z`})],-1),u(`strong`,null,`离线`,-1),u(`span`,null,`显示的是最近一次联网时的数据`,-1)])]))}}),ar={class:`app__main`},or=t({__name:`App`,setup(e){let t=re(),r=f(()=>!!H.viewer&&!t.meta.public);return(e,t)=>{let i=se(`RouterView`);return n(),d(`div`,{class:ee([`app`,{"app--nav":r.value}])},[o(ir),r.value?(n(),ae(nr,{key:0})):h(``,!0),u(`main`,ar,[o(i)])],2)}}}),sr=`modulepreload`,cr=function(e){return`/`+e},lr={},ur=function(e){return e.pathname.endsWith(`.css`)},dr=function(e,t,n){if(t in e)return e[t];let r=n();if(!r){e[t]=void 0;return}let i=r.then(()=>{e[t]=void 0},n=>{throw e[t]=void 0,n});return e[t]=i,i},Q=function(e,t,n){let r=Promise.resolve();if(t&&t.length>0){let e,i=document.querySelector(`meta[property=csp-nonce]`),a=(i==null?void 0:i.nonce)||(i==null?void 0:i.getAttribute(`nonce`));function o(e){return Promise.all(e.map(e=>Promise.resolve(e).then(e=>({status:`fulfilled`,value:e}),e=>({status:`rejected`,reason:e}))))}function s(e){return import.meta.resolve?new URL(import.meta.resolve(e)):new URL(e,import.meta.url)}r=o(t.map(t=>{t=cr(t,n);let r=s(t),i=ur(r);return dr(lr,r.href,()=>{if(e===void 0){e={all:new Set,styles:new Set};let t=document.getElementsByTagName(`link`);for(let n=t.length-1;n>=0;n--){let r=t[n];e.all.add(r.href),r.rel===`stylesheet`&&e.styles.add(r.href)}}if((i?e.styles:e.all).has(r.href))return;let t=document.createElement(`link`);if(t.rel=i?`stylesheet`:sr,i||(t.as=`script`),t.crossOrigin=``,t.href=r.href,a&&t.setAttribute(`nonce`,a),document.head.appendChild(t),i)return new Promise((e,n)=>{let i=a=>{t.removeEventListener(`load`,i),t.removeEventListener(`error`,i),a.type===`error`?n(Error(`Unable to preload CSS for ${r}`)):e(a)};t.addEventListener(`load`,i),t.addEventListener(`error`,i)})})}).filter(e=>e!==void 0))}function i(e){let t=new Event(`vite:preloadError`,{cancelable:!0});if(t.payload=e,window.dispatchEvent(t),!t.defaultPrevented)throw e}return r.then(t=>{for(let e of t||[])e.status===`rejected`&&i(e.reason);return e().catch(i)})},$=ie({history:te(),routes:[{path:`/login`,name:`login`,component:()=>Q(()=>import(`./LoginView-Dh0JQ5sc.js`),__vite__mapDeps([0,1,2,3])),meta:{public:!0,title:`登录`}},{path:`/`,name:`home`,component:()=>Q(()=>import(`./HomeView-DF7m5UKI.js`),__vite__mapDeps([4,1,2,3,5,6,7,8,9,10,11])),meta:{title:`首页`,tab:`home`}},{path:`/households`,name:`households`,component:()=>Q(()=>import(`./HouseholdsView-BhEtL-W3.js`),__vite__mapDeps([12,1,2,3,13,14,15,5,16,17,18,10,19,20,6,21,22,23,7,8,9])),meta:{title:`户`,tab:`households`}},{path:`/households/new`,name:`household-new`,component:()=>Q(()=>import(`./HouseholdFormView-Bfyn66zv.js`),__vite__mapDeps([24,1,2,3,13,14,25,18,10,19,6,20])),meta:{title:`新增户`,tab:`households`}},{path:`/households/:id/edit`,name:`household-edit`,component:()=>Q(()=>import(`./HouseholdFormView-Bfyn66zv.js`),__vite__mapDeps([24,1,2,3,13,14,25,18,10,19,6,20])),meta:{title:`修改户信息`,tab:`households`}},{path:`/households/:id`,name:`household`,component:()=>Q(()=>import(`./HouseholdView-BmG1VgyV.js`),__vite__mapDeps([26,1,2,3,27,5,25,13,14,28,6,7,8,9,29,30,31,32,33,34,35])),meta:{title:`户详情`,tab:`households`}},{path:`/students`,name:`students`,component:()=>Q(()=>import(`./StudentsView-BPz74_O2.js`),__vite__mapDeps([36,1,2,3,13,14,15,5,16,17,18,10,19,20,6,21,22,23,28,7,8,9])),meta:{title:`学生`,tab:`students`}},{path:`/students/new`,name:`student-new`,component:()=>Q(()=>import(`./StudentFormView-BFuKN7Lk.js`),__vite__mapDeps([37,1,2,3,13,14,25,21,10,22,6,20,38])),meta:{title:`添加学生`,tab:`students`}},{path:`/students/:id/edit`,name:`student-edit`,component:()=>Q(()=>import(`./StudentFormView-BFuKN7Lk.js`),__vite__mapDeps([37,1,2,3,13,14,25,21,10,22,6,20,38])),meta:{title:`修改学生信息`,tab:`students`}},{path:`/students/:id`,name:`student`,component:()=>Q(()=>import(`./StudentView-mwzdtsTX.js`),__vite__mapDeps([39,1,2,3,5,25,13,14,7,6,29,30,31,32,33,9,34,8,40])),meta:{title:`学生详情`,tab:`students`}},{path:`/households/:id/contact`,name:`contact`,component:()=>Q(()=>import(`./ContactFormView-B8kFPSj9.js`),__vite__mapDeps([41,1,2,3,13,14,5,27,25,32,33,8,9,6,42])),meta:{title:`记录联系`,tab:`households`}},{path:`/me`,name:`me`,component:()=>Q(()=>import(`./MeView-BpXmTnCA.js`),__vite__mapDeps([43,1,2,3,13,14,6,8,9])),meta:{title:`我的`,tab:`me`}},{path:`/coverage`,name:`coverage`,component:()=>Q(()=>import(`./CoverageView-Cs8j2HkG.js`),__vite__mapDeps([44,1,2,3,5,16,7,6,13,14,15,30,31,10,8,9,45])),meta:{title:`覆盖情况`,tab:`coverage`,phoneTab:`home`}},{path:`/villages/:id`,name:`village`,component:()=>Q(()=>import(`./VillageView-iEWDGT3G.js`),__vite__mapDeps([46,1,2,3,5,15,13,14,25,7,6,29,30,31,32,33,9,34,8,10,47])),meta:{title:`村档案`,tab:`coverage`,phoneTab:`home`}},{path:`/my/agreements`,name:`agreements`,component:()=>Q(()=>import(`./AgreementsView-Cn93pF7b.js`),__vite__mapDeps([48,1,2,3,5,25,13,14,7,6,49,50])),meta:{title:`我的责任书`,tab:`agreements`,phoneTab:`me`}},{path:`/signing`,name:`agreement-progress`,component:()=>Q(()=>import(`./AgreementProgressView-dMTsbavg.js`),__vite__mapDeps([51,1,2,3,5,15,13,14,16,7,6,32,33,10,52])),meta:{title:`责任书签订进度`,tab:`progress`,phoneTab:`home`}},{path:`/signing/templates`,name:`agreement-templates`,component:()=>Q(()=>import(`./TemplatesView-B6AzUkEW.js`),__vite__mapDeps([53,1,2,3,13,14,5,25,7,6,32,33,54])),meta:{title:`责任书模板`,tab:`progress`,phoneTab:`home`}},{path:`/my/agreements/:id`,name:`agreement`,component:()=>Q(()=>import(`./AgreementView-CG0ShwGF.js`),__vite__mapDeps([55,1,2,3,13,14,5,25,7,6,49,9,56])),meta:{title:`责任书`,tab:`agreements`,phoneTab:`me`}},{path:`/:pathMatch(.*)*`,name:`not-found`,component:()=>Q(()=>import(`./NotFoundView-BxED2K_2.js`),__vite__mapDeps([57,1,2,3])),meta:{public:!0,title:`页面不存在`}}],scrollBehavior(e,t,n){return n??{top:0}}});$.beforeEach(async e=>e.meta.public?e.name===`login`&&await tn()?{path:fr(e.query.redirect)}:!0:await tn()?!0:{name:`login`,query:e.fullPath===`/`?{}:{redirect:e.fullPath}}),$.afterEach(e=>{document.title=e.meta.title?`${e.meta.title} · 三包联系`:`三包联系`});function fr(e){let t=Array.isArray(e)?e[0]:e;return typeof t==`string`&&t.startsWith(`/`)&&!t.startsWith(`//`)?t:`/`}function pr(){let e=$.currentRoute.value;e.name!==`login`&&$.replace({name:`login`,query:e.meta.public?{}:{redirect:e.fullPath}})}var mr=new Map;function hr(e,t){mr.set(e,t)}function gr(e){let t=mr.get(e.kind);return t?t(e):Promise.reject(Error(`此版本无法发送「${e.kind}」记录,请更新后重试`))}function _r(){return Yt(gr,{isPermanent:Ct,isFatal:e=>wt(e)||e instanceof k})}async function vr(e){return await Wt(e),_r()}var yr=!1;function br(){if(yr)return;yr=!0;let e=()=>void _r().catch(()=>void 0);yt(e),Lt(t=>{t&&e()}),typeof window<`u`&&window.addEventListener(`online`,e),e()}function xr(e){return{input:{...e.payload.input,uuid:e.id}}}async function Sr(e){await N(Se,xr(e))}async function Cr(e){await N(he,{input:e.payload.input})}function wr(){hr(`contact`,Sr),hr(`signature`,Cr)}if(Ot(e=>{an(e),pr()}),xt(),wr(),m(or).use($).mount(`#app`),$.isReady().then(()=>{br(),_t()}),`serviceWorker`in navigator){window.addEventListener(`load`,()=>{navigator.serviceWorker.register(`/sw.js`).catch(()=>{})});let e=!!navigator.serviceWorker.controller,t=!1;navigator.serviceWorker.addEventListener(`controllerchange`,()=>{t=e}),$.beforeEach((e,n)=>t&&n.matched.length>0?(window.location.assign(e.fullPath),!1):!0)}$.onError((e,t)=>{if(/dynamically imported module|Importing a module script failed|preload/i.test(String(e))&&navigator.onLine){try{if(sessionStorage.getItem(`sanbao.reloadedFor`)===t.fullPath)return;sessionStorage.setItem(`sanbao.reloadedFor`,t.fullPath)}catch{return}window.location.assign(t.fullPath)}});export{mt as $,mn as A,Xe as At,Kt as B,Fe as Bt,Gn as C,le as Ct,on as D,Qe as Dt,q as E,Ae as Et,un as F,Ee as Ft,jt as G,Oe as Gt,Ut as H,be as Ht,_n as I,ot as It,O as J,pe as Jt,N as K,we as Kt,nn as L,at as Lt,cn as M,Pe as Mt,vn as N,st as Nt,sn as O,$e as Ot,hn as P,Ge as Pt,C as Q,rn as R,me as Rt,Dn as S,ve as St,J as T,De as Tt,Gt as U,We as Ut,qt as V,_e as Vt,z as W,qe as Wt,Tt as X,k as Y,yt as Z,Rn as _,He as _t,Mn as a,je as at,zn as b,Be as bt,Pn as c,Ce as ct,Nn as d,Ke as dt,ge as et,Bn as f,Ye as ft,Fn as g,Ve as gt,Un as h,nt as ht,jn as i,tt as it,ln as j,Ne as jt,dn as k,ct as kt,kn as l,Le as lt,Hn as m,et as mt,_r as n,ye as nt,Kn as o,Re as ot,An as p,Je as pt,M as q,ke as qt,fr as r,Me as rt,Wn as s,xe as st,vr as t,de as tt,On as u,Ue as ut,Ln as v,Te as vt,Vn as w,Ie as wt,qn as x,ze as xt,In as y,Ze as yt,H as z,fe as zt};