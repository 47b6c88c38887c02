import{K as e}from"./vue-iTqDhI4R.js";var t=class extends String{constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}};new t(`
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
  }
}
    `,{fragmentName:`AgreementCard`}),new t(`
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
    `,{fragmentName:`CompletionCount`}),new t(`
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
    `,{fragmentName:`Template`}),new t(`
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
    `,{fragmentName:`CoverageCounts`}),new t(`
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
  }
}
    `,{fragmentName:`Family`}),new t(`
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
    `,{fragmentName:`ContactRecord`}),new t(`
    fragment ImportJobCard on ImportJob {
  id
  kind
  kindLabel
  fileName
  state
  rowsTotal
  rowsChecked
  rowsStored
  createdCount
  updatedCount
  errorCount
  message
  retryable
  errorsURL
  createdAt
  finishedAt
  createdBy {
    id
    name
  }
}
    `,{fragmentName:`ImportJobCard`});var n=new t(`
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
  }
}`),r=new t(`
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
    `),i=new t(`
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
  }
}`),a=new t(`
    mutation SignAgreement($input: SignAgreementInput!) {
  signAgreement(input: $input) {
    id
    state
    signedAt
  }
}
    `),o=new t(`
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
}`),s=new t(`
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
    `),c=new t(`
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
    `),l=new t(`
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
}`),u=new t(`
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
}`),d=new t(`
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
    `),f=new t(`
    mutation LogContact($input: LogContactInput!) {
  logContact(input: $input) {
    id
    uuid
    date
  }
}
    `),p=new t(`
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
}`),m=new t(`
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
    `),ee=new t(`
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
    `),h=new t(`
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
    `),te=new t(`
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
          guarantor {
            id
            name
          }
        }
      }
    }
  }
}
    `),ne=new t(`
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
    `),re=new t(`
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
    `),ie=new t(`
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
    `),ae=new t(`
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
    `),oe=new t(`
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
    `),se=new t(`
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
    `),ce=new t(`
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
    `),le=new t(`
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
    `),ue=new t(`
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
  }
}`),de=new t(`
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
}`),fe=new t(`
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
    `),g=new t(`
    query Households($first: Int!, $after: Cursor, $where: HouseholdWhereInput, $search: String, $divisionCode: String) {
  households(
    first: $first
    after: $after
    where: $where
    search: $search
    divisionCode: $divisionCode
    orderBy: {field: NUMBER, direction: ASC}
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
        village {
          id
          name
        }
        students {
          id
        }
      }
    }
  }
}
    `),_=new t(`
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
}`),v=new t(`
    query ImportKinds {
  importKinds {
    name
    label
    templateURL
    uploadURL
    columns {
      name
      required
      note
    }
  }
}
    `),y=new t(`
    query ImportJob($id: ID!) {
  importJob(id: $id) {
    ...ImportJobCard
    cellErrors(first: 100) {
      totalCount
      edges {
        node {
          id
          line
          column
          reason
        }
      }
    }
  }
}
    fragment ImportJobCard on ImportJob {
  id
  kind
  kindLabel
  fileName
  state
  rowsTotal
  rowsChecked
  rowsStored
  createdCount
  updatedCount
  errorCount
  message
  retryable
  errorsURL
  createdAt
  finishedAt
  createdBy {
    id
    name
  }
}`),b=new t(`
    query ImportJobs {
  importJobs(first: 20, orderBy: {field: CREATED_AT, direction: DESC}) {
    totalCount
    edges {
      node {
        ...ImportJobCard
      }
    }
  }
}
    fragment ImportJobCard on ImportJob {
  id
  kind
  kindLabel
  fileName
  state
  rowsTotal
  rowsChecked
  rowsStored
  createdCount
  updatedCount
  errorCount
  message
  retryable
  errorsURL
  createdAt
  finishedAt
  createdBy {
    id
    name
  }
}`),x=new t(`
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
    `),S=new t(`
    mutation Logout {
  logout
}
    `),C=new t(`
    query Students($first: Int!, $after: Cursor, $where: StudentWhereInput, $search: String, $divisionCode: String) {
  students(
    first: $first
    after: $after
    where: $where
    search: $search
    divisionCode: $divisionCode
    orderBy: {field: NAME, direction: ASC}
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
        school {
          id
          name
        }
        household {
          id
          village {
            id
            name
          }
        }
      }
    }
  }
}
    `),w=new t(`
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
    `),T=new t(`
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
    `),E=new t(`
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
    `),D=`sanbao`,O=1,k=`queries`,A=`outbox`,j=null;function M(){return j||(j=new Promise((e,t)=>{if(typeof indexedDB>`u`){t(Error(`此浏览器不支持离线存储(IndexedDB)`));return}let n=indexedDB.open(D,O);n.onupgradeneeded=()=>{let e=n.result;e.objectStoreNames.contains(`queries`)||e.createObjectStore(k,{keyPath:`key`}),e.objectStoreNames.contains(`outbox`)||e.createObjectStore(A,{keyPath:`id`})},n.onsuccess=()=>{let t=n.result;t.onversionchange=()=>{t.close(),j=null},e(t)},n.onerror=()=>t(n.error??Error(`无法打开离线存储`)),n.onblocked=()=>t(Error(`离线存储被其他页面占用,请关闭其他页面后重试`))}).catch(e=>{throw j=null,e}),j)}async function N(e,t,n){let r=await M();return new Promise((i,a)=>{let o=r.transaction(e,t),s,c=n(o.objectStore(e));c&&(c.onsuccess=()=>s=c.result),o.oncomplete=()=>i(s),o.onerror=()=>a(o.error??Error(`离线存储写入失败`)),o.onabort=()=>a(o.error??Error(`离线存储写入被中止`))})}var P=5184e6;async function F(e){try{return await N(k,`readonly`,t=>t.get(e))}catch{return}}async function I(e,t,n=Date.now()){try{await N(k,`readwrite`,r=>r.put({key:e,data:t,fetchedAt:n}))}catch{}}async function L(){try{await N(k,`readwrite`,e=>e.clear())}catch{}}async function R(e=P,t=Date.now()){try{let n=(await N(`queries`,`readonly`,e=>e.getAll())??[]).filter(n=>t-n.fetchedAt>e);return n.length&&await N(k,`readwrite`,e=>n.forEach(t=>e.delete(t.key))),n.length}catch{return 0}}var z=e(typeof navigator>`u`||navigator.onLine!==!1),B=new Set,V=null,pe=2e4;function me(e){return B.add(e),()=>B.delete(e)}function H(){if((typeof navigator>`u`||navigator.onLine!==!1)&&(V&&(clearTimeout(V),V=null),!z.value)){z.value=!0;for(let e of B)e()}}function U(){z.value=!1,W()}function W(){V||typeof window>`u`||(V=setTimeout(async()=>{if(V=null,!z.value&&navigator.onLine!==!1){try{if((await fetch(`/healthz`,{cache:`no-store`})).ok)return H()}catch{}W()}},pe))}function he(e=window){e.addEventListener(`online`,()=>H()),e.addEventListener(`offline`,()=>U())}var G=class extends Error{constructor(e,t,n=null){super(e),this.name=`ApiError`,this.code=t,this.field=n}},K=class extends Error{constructor(e=`网络不可用,请检查网络后重试`){super(e),this.name=`NetworkError`}},ge=new Set([`BAD_USER_INPUT`,`BAD_REQUEST`,`FORBIDDEN`,`NOT_FOUND`,`CONFLICT`,`GRAPHQL_VALIDATION_FAILED`,`GRAPHQL_PARSE_FAILED`,`REQUEST_TOO_LARGE`,`DEPTH_LIMIT_EXCEEDED`,`ALIAS_LIMIT_EXCEEDED`,`COMPLEXITY_LIMIT_EXCEEDED`]);function _e(e){return e instanceof G&&ge.has(e.code)}function ve(e){return e instanceof K||e instanceof G&&(e.code===`UNAUTHENTICATED`||e.code===`TOO_MANY_REQUESTS`)}function ye(e){return e instanceof Error&&e.message?e.message:`出错了,请稍后再试`}var q=`/graphql`,be=2e4,J=null;function xe(e){J=e}function Y(e){var t;return(t=/\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(e))==null?void 0:t[1]}function X(e){if(e===void 0)return`null`;if(typeof e!=`object`||!e)return JSON.stringify(e);if(Array.isArray(e))return`[${e.map(X).join(`,`)}]`;let t=e;return`{${Object.keys(t).filter(e=>t[e]!==void 0).sort().map(e=>`${JSON.stringify(e)}:${X(t[e])}`).join(`,`)}}`}function Se(e){let t=2166136261;for(let n=0;n<e.length;n++)t^=e.charCodeAt(n),t=Math.imul(t,16777619);return(t>>>0).toString(36)}function Z(e,t){return`${Y(e)??`query`}:${Se(e)}:${X(t??{})}`}async function Q(e,t,n){var r;let i=new AbortController,a=setTimeout(()=>i.abort(),n.timeoutMs??be),o=()=>i.abort();(r=n.signal)==null||r.addEventListener(`abort`,o);try{let r;try{r=await fetch(q,{method:`POST`,credentials:`same-origin`,headers:{"Content-Type":`application/json`,Accept:`application/json`},body:JSON.stringify({query:e,variables:t??{},operationName:Y(e)}),signal:i.signal})}catch(e){var s;throw(s=n.signal)!=null&&s.aborted?e:(U(),new K)}if(r.status===502||r.status===503||r.status===504)throw new K(`服务器暂时无法访问,请稍后再试`);let a;try{a=await r.json()}catch(e){throw e instanceof SyntaxError?new G(`服务器返回了无法识别的内容(HTTP ${r.status})`,`BAD_RESPONSE`):(U(),new K)}return H(),a}finally{var c;clearTimeout(a),(c=n.signal)==null||c.removeEventListener(`abort`,o)}}function $(e,t){var n;let r=(n=e.errors)==null?void 0:n[0];if(r){var i,a;let e=new G(r.message||`出错了,请稍后再试`,((i=r.extensions)==null?void 0:i.code)??`INTERNAL`,((a=r.extensions)==null?void 0:a.field)??null);throw e.code===`UNAUTHENTICATED`&&t.sessionCheck!==!1&&(J==null||J(e.message)),e}if(e.data==null)throw new G(`服务器没有返回数据`,`BAD_RESPONSE`);return e.data}async function Ce(e,t,n={}){let r=e.toString(),i=n.cache!==!1,a=Z(r,t),o;try{o=await Q(r,t,n)}catch(e){if(e instanceof K&&i){let e=await F(a);if(e)return{data:e.data,stale:!0,fetchedAt:e.fetchedAt}}throw e}let s=$(o,n),c=Date.now();return i&&await I(a,s,c),{data:s,stale:!1,fetchedAt:c}}async function we(e,t,n={}){return $(await Q(e.toString(),t,n),n)}export{ne as $,y as A,ie as B,fe as C,_ as D,de as E,x as F,w as G,se as H,S as I,le as J,h as K,n as L,v as M,c as N,ee as O,f as P,E as Q,ue as R,ae as S,p as T,ce as U,T as V,a as W,s as X,r as Y,u as Z,N as _,G as a,l as b,ve as c,z as d,m as et,he as f,A as g,F as h,xe as i,b as j,g as k,_e as l,R as m,we as n,K as o,L as p,C as q,Ce as r,ye as s,Z as t,re as tt,me as u,o as v,d as w,oe as x,i as y,te as z};