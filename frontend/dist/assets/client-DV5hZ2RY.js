import{X as e}from"./vue-UAKsTmtj.js";var t=class extends String{constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}};new t(`
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
    `,{fragmentName:`ImportJobCard`}),new t(`
    fragment StaffPosition on Position {
  id
  role
  grade
  className
  startedAt
  endedAt
  endReason
  org {
    id
    name
    kind
  }
}
    `,{fragmentName:`StaffPosition`}),new t(`
    fragment StaffPerson on Person {
  id
  name
  phone
  active
  leftAt
  mustChangePassword
  positions {
    ...StaffPosition
  }
}
    fragment StaffPosition on Position {
  id
  role
  grade
  className
  startedAt
  endedAt
  endReason
  org {
    id
    name
    kind
  }
}`,{fragmentName:`StaffPerson`}),new t(`
    fragment HandoverRow on Assignment {
  id
  kind
  endsAt
  endReason
  village {
    id
    name
    parent {
      id
      name
    }
  }
  household {
    id
    headName
    number
    village {
      id
      name
    }
  }
  student {
    id
    name
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
    `,{fragmentName:`HandoverRow`}),new t(`
    fragment StaffChange on StaffChangePayload {
  confirmed
  orphaned {
    ...HandoverRow
  }
  refused {
    assignment {
      id
    }
    reason
  }
}
    fragment HandoverRow on Assignment {
  id
  kind
  endsAt
  endReason
  village {
    id
    name
    parent {
      id
      name
    }
  }
  household {
    id
    headName
    number
    village {
      id
      name
    }
  }
  student {
    id
    name
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
}`,{fragmentName:`StaffChange`});var n=new t(`
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
    `),ee=new t(`
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
}`),te=new t(`
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
}`),ne=new t(`
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
    `),re=new t(`
    mutation LogContact($input: LogContactInput!) {
  logContact(input: $input) {
    id
    uuid
    date
  }
}
    `),ie=new t(`
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
}`),ae=new t(`
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
    `),oe=new t(`
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
    `),se=new t(`
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
    `),ce=new t(`
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
    `),le=new t(`
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
    `),ue=new t(`
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
    `),de=new t(`
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
          endedAt
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
    `),fe=new t(`
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
    `),pe=new t(`
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
    `),me=new t(`
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
    `),he=new t(`
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
    `),ge=new t(`
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
    `),_e=new t(`
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
}`),ve=new t(`
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
}`),ye=new t(`
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
    `),be=new t(`
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
    `),xe=new t(`
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
}`),l=new t(`
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
    `),u=new t(`
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
}`),d=new t(`
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
}`),f=new t(`
    mutation Login($phone: String!, $password: String!) {
  login(phone: $phone, password: $password) {
    expiresAt
    viewer {
      mustChangePassword
      person {
        id
      }
    }
  }
}
    `),p=new t(`
    mutation Logout {
  logout
}
    `),m=new t(`
    query Staff($first: Int!, $after: Cursor, $search: String, $orgID: ID, $status: StaffStatus) {
  staff(
    first: $first
    after: $after
    search: $search
    orgID: $orgID
    status: $status
    orderBy: {field: NAME, direction: ASC}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...StaffPerson
      }
    }
  }
}
    fragment StaffPosition on Position {
  id
  role
  grade
  className
  startedAt
  endedAt
  endReason
  org {
    id
    name
    kind
  }
}
fragment StaffPerson on Person {
  id
  name
  phone
  active
  leftAt
  mustChangePassword
  positions {
    ...StaffPosition
  }
}`),h=new t(`
    query StaffMember($id: ID!) {
  node(id: $id) {
    ... on Person {
      ...StaffPerson
      createdAt
    }
  }
}
    fragment StaffPosition on Position {
  id
  role
  grade
  className
  startedAt
  endedAt
  endReason
  org {
    id
    name
    kind
  }
}
fragment StaffPerson on Person {
  id
  name
  phone
  active
  leftAt
  mustChangePassword
  positions {
    ...StaffPosition
  }
}`),g=new t(`
    query StaffUnits {
  staffUnits {
    org {
      id
      name
      kind
      isCentral
    }
    roles
  }
}
    `),_=new t(`
    query OrphanedAssignments($first: Int!, $after: Cursor) {
  orphanedAssignments(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...HandoverRow
      }
    }
  }
}
    fragment HandoverRow on Assignment {
  id
  kind
  endsAt
  endReason
  village {
    id
    name
    parent {
      id
      name
    }
  }
  household {
    id
    headName
    number
    village {
      id
      name
    }
  }
  student {
    id
    name
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
}`),v=new t(`
    mutation AddPerson($input: AddPersonInput!) {
  addPerson(input: $input) {
    oneTimePassword
    person {
      id
      name
      phone
    }
  }
}
    `),y=new t(`
    mutation UpdatePerson($id: ID!, $input: UpdatePersonInput!) {
  updatePerson(id: $id, input: $input) {
    id
    name
    phone
  }
}
    `),b=new t(`
    mutation GivePosition($input: GivePositionInput!) {
  givePosition(input: $input) {
    id
  }
}
    `),x=new t(`
    mutation EndPosition($input: EndPositionInput!) {
  endPosition(input: $input) {
    ...StaffChange
  }
}
    fragment HandoverRow on Assignment {
  id
  kind
  endsAt
  endReason
  village {
    id
    name
    parent {
      id
      name
    }
  }
  household {
    id
    headName
    number
    village {
      id
      name
    }
  }
  student {
    id
    name
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
fragment StaffChange on StaffChangePayload {
  confirmed
  orphaned {
    ...HandoverRow
  }
  refused {
    assignment {
      id
    }
    reason
  }
}`),S=new t(`
    mutation MovePerson($input: MovePersonInput!) {
  movePerson(input: $input) {
    ...StaffChange
  }
}
    fragment HandoverRow on Assignment {
  id
  kind
  endsAt
  endReason
  village {
    id
    name
    parent {
      id
      name
    }
  }
  household {
    id
    headName
    number
    village {
      id
      name
    }
  }
  student {
    id
    name
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
fragment StaffChange on StaffChangePayload {
  confirmed
  orphaned {
    ...HandoverRow
  }
  refused {
    assignment {
      id
    }
    reason
  }
}`),C=new t(`
    mutation DeactivatePerson($input: DeactivatePersonInput!) {
  deactivatePerson(input: $input) {
    ...StaffChange
  }
}
    fragment HandoverRow on Assignment {
  id
  kind
  endsAt
  endReason
  village {
    id
    name
    parent {
      id
      name
    }
  }
  household {
    id
    headName
    number
    village {
      id
      name
    }
  }
  student {
    id
    name
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
fragment StaffChange on StaffChangePayload {
  confirmed
  orphaned {
    ...HandoverRow
  }
  refused {
    assignment {
      id
    }
    reason
  }
}`),w=new t(`
    mutation ResetPassword($personID: ID!) {
  resetPassword(personID: $personID) {
    oneTimePassword
    person {
      id
      name
      phone
    }
  }
}
    `),T=new t(`
    mutation ChangePassword($oldPassword: String!, $newPassword: String!) {
  changePassword(oldPassword: $oldPassword, newPassword: $newPassword)
}
    `),E=new t(`
    query OrphanCount($divisionCode: String, $orgID: ID) {
  orphanedAssignments(divisionCode: $divisionCode, orgID: $orgID, first: 0) {
    totalCount
  }
}
    `),D=new t(`
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
    `),O=new t(`
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
    `),k=new t(`
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
    `),A=new t(`
    query Viewer {
  viewer {
    name
    mustChangePassword
    person {
      id
      name
      phone
      positions: currentPositions {
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
    `),j=`sanbao`,M=1,N=`queries`,P=`outbox`,F=null;function Se(){return F||(F=new Promise((e,t)=>{if(typeof indexedDB>`u`){t(Error(`此浏览器不支持离线存储(IndexedDB)`));return}let n=indexedDB.open(j,M);n.onupgradeneeded=()=>{let e=n.result;e.objectStoreNames.contains(`queries`)||e.createObjectStore(N,{keyPath:`key`}),e.objectStoreNames.contains(`outbox`)||e.createObjectStore(P,{keyPath:`id`})},n.onsuccess=()=>{let t=n.result;t.onversionchange=()=>{t.close(),F=null},e(t)},n.onerror=()=>t(n.error??Error(`无法打开离线存储`)),n.onblocked=()=>t(Error(`离线存储被其他页面占用,请关闭其他页面后重试`))}).catch(e=>{throw F=null,e}),F)}async function I(e,t,n){let r=await Se();return new Promise((i,a)=>{let o=r.transaction(e,t),s,c=n(o.objectStore(e));c&&(c.onsuccess=()=>s=c.result),o.oncomplete=()=>i(s),o.onerror=()=>a(o.error??Error(`离线存储写入失败`)),o.onabort=()=>a(o.error??Error(`离线存储写入被中止`))})}var Ce=5184e6;async function L(e){try{return await I(N,`readonly`,t=>t.get(e))}catch{return}}async function we(e,t,n=Date.now()){try{await I(N,`readwrite`,r=>r.put({key:e,data:t,fetchedAt:n}))}catch{}}async function Te(){try{await I(N,`readwrite`,e=>e.clear())}catch{}}async function Ee(e=Ce,t=Date.now()){try{let n=(await I(`queries`,`readonly`,e=>e.getAll())??[]).filter(n=>t-n.fetchedAt>e);return n.length&&await I(N,`readwrite`,e=>n.forEach(t=>e.delete(t.key))),n.length}catch{return 0}}var R=e(typeof navigator>`u`||navigator.onLine!==!1),z=new Set,B=null,De=2e4;function Oe(e){return z.add(e),()=>z.delete(e)}function V(){if((typeof navigator>`u`||navigator.onLine!==!1)&&(B&&(clearTimeout(B),B=null),!R.value)){R.value=!0;for(let e of z)e()}}function H(){R.value=!1,U()}function U(){B||typeof window>`u`||(B=setTimeout(async()=>{if(B=null,!R.value&&navigator.onLine!==!1){try{if((await fetch(`/healthz`,{cache:`no-store`})).ok)return V()}catch{}U()}},De))}function ke(e=window){e.addEventListener(`online`,()=>V()),e.addEventListener(`offline`,()=>H())}var W=class extends Error{constructor(e,t,n=null){super(e),this.name=`ApiError`,this.code=t,this.field=n}},G=class extends Error{constructor(e=`网络不可用,请检查网络后重试`){super(e),this.name=`NetworkError`}},Ae=new Set([`BAD_USER_INPUT`,`BAD_REQUEST`,`FORBIDDEN`,`NOT_FOUND`,`CONFLICT`,`GRAPHQL_VALIDATION_FAILED`,`GRAPHQL_PARSE_FAILED`,`REQUEST_TOO_LARGE`,`DEPTH_LIMIT_EXCEEDED`,`ALIAS_LIMIT_EXCEEDED`,`COMPLEXITY_LIMIT_EXCEEDED`]);function je(e){return e instanceof W&&Ae.has(e.code)}function Me(e){return e instanceof G||e instanceof W&&(e.code===`UNAUTHENTICATED`||e.code===`TOO_MANY_REQUESTS`||e.code===`PASSWORD_CHANGE_REQUIRED`)}function Ne(e){return e instanceof Error&&e.message?e.message:`出错了,请稍后再试`}var Pe=`/graphql`,K=2e4,q=null;function Fe(e){q=e}var J=null;function Ie(e){J=e}function Y(e){var t;return(t=/\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(e))==null?void 0:t[1]}function X(e){if(e===void 0)return`null`;if(typeof e!=`object`||!e)return JSON.stringify(e);if(Array.isArray(e))return`[${e.map(X).join(`,`)}]`;let t=e;return`{${Object.keys(t).filter(e=>t[e]!==void 0).sort().map(e=>`${JSON.stringify(e)}:${X(t[e])}`).join(`,`)}}`}function Le(e){let t=2166136261;for(let n=0;n<e.length;n++)t^=e.charCodeAt(n),t=Math.imul(t,16777619);return(t>>>0).toString(36)}function Z(e,t){return`${Y(e)??`query`}:${Le(e)}:${X(t??{})}`}async function Q(e,t,n){var r;let i=new AbortController,a=setTimeout(()=>i.abort(),n.timeoutMs??K),o=()=>i.abort();(r=n.signal)==null||r.addEventListener(`abort`,o);try{let r;try{r=await fetch(Pe,{method:`POST`,credentials:`same-origin`,headers:{"Content-Type":`application/json`,Accept:`application/json`},body:JSON.stringify({query:e,variables:t??{},operationName:Y(e)}),signal:i.signal})}catch(e){var s;throw(s=n.signal)!=null&&s.aborted?e:(H(),new G)}if(r.status===502||r.status===503||r.status===504)throw new G(`服务器暂时无法访问,请稍后再试`);let a;try{a=await r.json()}catch(e){throw e instanceof SyntaxError?new W(`服务器返回了无法识别的内容(HTTP ${r.status})`,`BAD_RESPONSE`):(H(),new G)}return V(),a}finally{var c;clearTimeout(a),(c=n.signal)==null||c.removeEventListener(`abort`,o)}}function $(e,t){var n;let r=(n=e.errors)==null?void 0:n[0];if(r){var i,a;let e=new W(r.message||`出错了,请稍后再试`,((i=r.extensions)==null?void 0:i.code)??`INTERNAL`,((a=r.extensions)==null?void 0:a.field)??null);throw e.code===`UNAUTHENTICATED`&&t.sessionCheck!==!1&&(q==null||q(e.message)),e.code===`PASSWORD_CHANGE_REQUIRED`&&(J==null||J()),e}if(e.data==null)throw new W(`服务器没有返回数据`,`BAD_RESPONSE`);return e.data}async function Re(e,t,n={}){let r=e.toString(),i=n.cache!==!1,a=Z(r,t),o;try{o=await Q(r,t,n)}catch(e){if(e instanceof G&&i){let e=await L(a);if(e)return{data:e.data,stale:!0,fetchedAt:e.fetchedAt}}throw e}let s=$(o,n),c=Date.now();return i&&await we(a,s,c),{data:s,stale:!1,fetchedAt:c}}async function ze(e,t,n={}){return $(await Q(e.toString(),t,n),n)}export{he as $,C as A,re as B,pe as C,ne as D,ye as E,be as F,_e as G,p as H,u as I,ce as J,E as K,d as L,b as M,xe as N,ie as O,oe as P,me as Q,l as R,ee as S,T,S as U,f as V,n as W,w as X,de as Y,k as Z,P as _,Fe as a,se as at,o as b,Ne as c,r as ct,Oe as d,y as dt,a as et,R as f,A as ft,L as g,Ee as h,ue as ht,Ie as i,O as it,x as j,ve as k,Me as l,s as lt,Te as m,ae as mt,ze as n,h as nt,W as o,D as ot,ke as p,le as pt,_ as q,Re as r,g as rt,G as s,ge as st,Z as t,m as tt,je as u,te as ut,I as v,fe as w,i as x,v as y,c as z};