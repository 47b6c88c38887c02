import{Z as e}from"./vue-BXRm0bps.js";var t=class extends String{constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}};new t(`
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
    fragment DropoutCounts on DropoutDashboardRow {
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
  schoolAge
  studying
  studyingNowhere
  suspected
  dropouts
  longOpen
  closedThisTerm
  absencesOpen
  absencesOverdue
}
    `,{fragmentName:`DropoutCounts`}),new t(`
    fragment CaseRow on DropoutCase {
  id
  kind
  source
  status
  openedAt
  closedAt
  closeReason
  student {
    id
    name
    gender
    age
    stage
    grade
    className
    school {
      id
      name
    }
    household {
      id
      village {
        id
        name
        shortName
      }
    }
  }
  responsible {
    id
    name
  }
}
    `,{fragmentName:`CaseRow`}),new t(`
    fragment AbsenceStepFields on AbsenceStep {
  id
  kind
  label
  dueAt
  doneAt
  overdue
  note
  doneBy {
    id
    name
  }
}
    `,{fragmentName:`AbsenceStepFields`}),new t(`
    fragment AbsenceRow on AbsenceReport {
  id
  uuid
  absentSince
  reason
  status
  returnedOn
  reportedAt
  overdueSteps
  student {
    id
    name
    stage
    grade
    className
    school {
      id
      name
    }
  }
  reportedBy {
    id
    name
  }
}
    `,{fragmentName:`AbsenceRow`}),new t(`
    fragment ReturnNoticeFields on CaseAction {
  id
  date
  deadline
  servedOn
  notes
  createdAt
  recordedBy {
    id
    name
  }
}
    `,{fragmentName:`ReturnNoticeFields`}),new t(`
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
    shortName
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
    fragment DrawRow on Draw {
  id
  semester
  level
  share
  seed
  frameSize
  excludePrevious
  unannounced
  state
  verified
  createdAt
  org {
    id
    name
  }
  sample {
    id
    name
  }
}
    `,{fragmentName:`DrawRow`}),new t(`
    fragment InspectionRow on Inspection {
  id
  semester
  kind
  state
  findings
  recordedAt
  inspectorCode
  targetCode
  target {
    id
    name
  }
}
    `,{fragmentName:`InspectionRow`}),new t(`
    fragment ProblemRow on Problem {
  id
  category
  description
  deadline
  state
  repeat
  overdue
  unitCode
  unitOrgID
  ownerID
  raisedByID
  raisedOrgID
  unit {
    id
    name
  }
}
    `,{fragmentName:`ProblemRow`}),new t(`
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
    `,{fragmentName:`AssignmentEntry`}),new t(`
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
    schoolType
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
    schoolType
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
    divisionCode
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
}`),a=new t(`
    query Terms {
  terms {
    label
    isYear
    current
    startsOn
    endsOn
  }
}
    `),o=new t(`
    mutation VoidAgreement($id: ID!, $reason: String!) {
  voidAgreement(id: $id, reason: $reason) {
    id
    state
    voidedAt
    voidReason
  }
}
    `),s=new t(`
    mutation SupersedeAgreement($id: ID!, $reason: String!) {
  supersedeAgreement(id: $id, reason: $reason) {
    id
  }
}
    `),c=new t(`
    mutation SignAgreement($input: SignAgreementInput!) {
  signAgreement(input: $input) {
    id
    state
    signedAt
  }
}
    `),ee=new t(`
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
}`),te=new t(`
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
    `),ne=new t(`
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
    `),re=new t(`
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
}`),ie=new t(`
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
}`),ae=new t(`
    query AidPolicies($first: Int, $after: Cursor, $where: AidPolicyWhereInput) {
  aidPolicies(
    first: $first
    after: $after
    where: $where
    orderBy: {field: CATEGORY, direction: ASC}
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
        category
        kind
        payer
        basis
        amountLabel
        ownerLevel
        fromTerm
        untilTerm
        description
        conditions {
          label
        }
      }
    }
  }
}
    `),oe=new t(`
    query StudentEntitlements($id: ID!, $term: String) {
  node(id: $id) {
    ... on Student {
      id
      entitlements(term: $term) {
        status
        amount
        missing
        policy {
          id
          name
          kind
          payer
          amountLabel
          ownerLevel
        }
      }
    }
  }
}
    `),se=new t(`
    query DeptLists($first: Int, $after: Cursor) {
  deptLists(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        department
        departmentLabel
        period
        rowCount
        uploadedAt
      }
    }
  }
}
    `),ce=new t(`
    query CompareRuns($listID: ID) {
  compareRuns(first: 5, listID: $listID) {
    edges {
      node {
        id
        startedAt
        total
        yearEnd
        durationMs
        counts {
          class
          label
          count
        }
        sinceLast {
          previous {
            id
          }
          added
          resolved
          open
        }
      }
    }
  }
}
    `),le=new t(`
    query CompareResults($run: ID = "0", $class: CompareResultClass, $first: Int, $after: Cursor) {
  node(id: $run) {
    ... on CompareRun {
      results(class: $class, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            classLabel
            listName
            sanbaoName
            idNumber
            detail
          }
        }
      }
    }
  }
}
    `),ue=new t(`
    mutation RunComparison($listID: ID!) {
  runComparison(listID: $listID) {
    id
  }
}
    `),de=new t(`
    query DropoutDashboard($divisionCode: String, $orgID: ID) {
  dropoutDashboard(divisionCode: $divisionCode, orgID: $orgID) {
    cutoff
    termStart
    longOpenDays
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
      division {
        id
        code
        name
        level
      }
    }
    total {
      ...DropoutCounts
    }
    children {
      ...DropoutCounts
    }
    schools {
      ...DropoutCounts
    }
  }
}
    fragment DropoutCounts on DropoutDashboardRow {
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
  schoolAge
  studying
  studyingNowhere
  suspected
  dropouts
  longOpen
  closedThisTerm
  absencesOpen
  absencesOverdue
}`),fe=new t(`
    query DropoutSummary($divisionCode: String, $orgID: ID) {
  dropoutDashboard(divisionCode: $divisionCode, orgID: $orgID) {
    total {
      ...DropoutCounts
    }
  }
}
    fragment DropoutCounts on DropoutDashboardRow {
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
  schoolAge
  studying
  studyingNowhere
  suspected
  dropouts
  longOpen
  closedThisTerm
  absencesOpen
  absencesOverdue
}`),pe=new t(`
    query SchoolAgeChildren($first: Int!, $after: Cursor, $divisionCode: String, $schoolID: ID, $studyingNowhere: Boolean) {
  schoolAgeChildren(
    first: $first
    after: $after
    divisionCode: $divisionCode
    schoolID: $schoolID
    studyingNowhere: $studyingNowhere
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
            shortName
          }
        }
      }
    }
  }
}
    `),me=new t(`
    query DropoutCases($first: Int!, $after: Cursor, $divisionCode: String, $schoolID: ID, $where: DropoutCaseWhereInput) {
  dropoutCases(
    first: $first
    after: $after
    divisionCode: $divisionCode
    schoolID: $schoolID
    where: $where
    orderBy: {field: OPENED_AT, direction: DESC}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...CaseRow
      }
    }
  }
}
    fragment CaseRow on DropoutCase {
  id
  kind
  source
  status
  openedAt
  closedAt
  closeReason
  student {
    id
    name
    gender
    age
    stage
    grade
    className
    school {
      id
      name
    }
    household {
      id
      village {
        id
        name
        shortName
      }
    }
  }
  responsible {
    id
    name
  }
}`),he=new t(`
    query AbsenceReports($first: Int!, $after: Cursor, $divisionCode: String, $schoolID: ID, $where: AbsenceReportWhereInput, $overdueSteps: Boolean) {
  absenceReports(
    first: $first
    after: $after
    divisionCode: $divisionCode
    schoolID: $schoolID
    where: $where
    overdueSteps: $overdueSteps
    orderBy: {field: REPORTED_AT, direction: DESC}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...AbsenceRow
      }
    }
  }
}
    fragment AbsenceRow on AbsenceReport {
  id
  uuid
  absentSince
  reason
  status
  returnedOn
  reportedAt
  overdueSteps
  student {
    id
    name
    stage
    grade
    className
    school {
      id
      name
    }
  }
  reportedBy {
    id
    name
  }
}`),ge=new t(`
    query StudentDropout($studentID: ID!) {
  absenceReports(first: 1, where: {studentID: $studentID, status: OPEN}) {
    edges {
      node {
        id
        absentSince
        overdueSteps
      }
    }
  }
  dropoutCases(first: 1, where: {studentID: $studentID, status: OPEN}) {
    edges {
      node {
        id
        kind
      }
    }
  }
}
    `),_e=new t(`
    query AbsenceReport($id: ID!) {
  node(id: $id) {
    ... on AbsenceReport {
      ...AbsenceRow
      steps {
        ...AbsenceStepFields
      }
    }
  }
}
    fragment AbsenceStepFields on AbsenceStep {
  id
  kind
  label
  dueAt
  doneAt
  overdue
  note
  doneBy {
    id
    name
  }
}
fragment AbsenceRow on AbsenceReport {
  id
  uuid
  absentSince
  reason
  status
  returnedOn
  reportedAt
  overdueSteps
  student {
    id
    name
    stage
    grade
    className
    school {
      id
      name
    }
  }
  reportedBy {
    id
    name
  }
}`),ve=new t(`
    query DropoutCase($id: ID!) {
  node(id: $id) {
    ... on DropoutCase {
      ...CaseRow
      villageCode
      school {
        id
        divisionCode
      }
      closeNote
      openedBy {
        id
        name
      }
      closedBy {
        id
        name
      }
      checkRun {
        id
        kind
        startedAt
      }
      absenceReport {
        id
        absentSince
        reason
        reportedBy {
          id
          name
        }
      }
      actions {
        id
        kind
        date
        participants
        method
        outcome
        notes
        deadline
        createdAt
        recordedBy {
          id
          name
        }
      }
      sevenHeads {
        role
        label
        name
        title
        phone
      }
      noticeOverdue
      returnNotice {
        ...ReturnNoticeFields
      }
    }
  }
}
    fragment CaseRow on DropoutCase {
  id
  kind
  source
  status
  openedAt
  closedAt
  closeReason
  student {
    id
    name
    gender
    age
    stage
    grade
    className
    school {
      id
      name
    }
    household {
      id
      village {
        id
        name
        shortName
      }
    }
  }
  responsible {
    id
    name
  }
}
fragment ReturnNoticeFields on CaseAction {
  id
  date
  deadline
  servedOn
  notes
  createdAt
  recordedBy {
    id
    name
  }
}`),ye=new t(`
    mutation ReportAbsence($input: ReportAbsenceInput!) {
  reportAbsence(input: $input) {
    id
    uuid
  }
}
    `),be=new t(`
    mutation RecordAbsenceStep($stepID: ID!, $note: String) {
  recordAbsenceStep(stepID: $stepID, note: $note) {
    ...AbsenceStepFields
  }
}
    fragment AbsenceStepFields on AbsenceStep {
  id
  kind
  label
  dueAt
  doneAt
  overdue
  note
  doneBy {
    id
    name
  }
}`),xe=new t(`
    mutation MarkReturned($reportID: ID!, $date: String!) {
  markReturned(reportID: $reportID, date: $date) {
    id
    status
    returnedOn
  }
}
    `),l=new t(`
    mutation RecordCaseAction($input: CaseActionInput!) {
  recordCaseAction(input: $input) {
    id
  }
}
    `),u=new t(`
    mutation ConfirmDropout($caseID: ID!) {
  confirmDropout(caseID: $caseID) {
    id
    kind
  }
}
    `),d=new t(`
    mutation CloseCase($input: CloseCaseInput!) {
  closeCase(input: $input) {
    id
    status
    closeReason
    closeNote
    closedAt
  }
}
    `),f=new t(`
    mutation RecordReturnNotice($input: ReturnNoticeInput!) {
  recordReturnNotice(input: $input) {
    ...ReturnNoticeFields
  }
}
    fragment ReturnNoticeFields on CaseAction {
  id
  date
  deadline
  servedOn
  notes
  createdAt
  recordedBy {
    id
    name
  }
}`),p=new t(`
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
    `),m=new t(`
    mutation LogContact($input: LogContactInput!) {
  logContact(input: $input) {
    id
    uuid
    date
  }
}
    `),h=new t(`
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
}`),g=new t(`
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
          shortName
          parent {
            id
            name
          }
        }
      }
    }
  }
}
    `),_=new t(`
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
            shortName
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
    `),v=new t(`
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
              shortName
            }
          }
        }
      }
    }
  }
}
    `),y=new t(`
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
            shortName
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
    `),b=new t(`
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
    `),x=new t(`
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
    `),S=new t(`
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
          }
        }
      }
    }
  }
}
    `),C=new t(`
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
    `),w=new t(`
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
    `),T=new t(`
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
    `),E=new t(`
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
    `),D=new t(`
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
    `),O=new t(`
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
    shortName
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
}`),k=new t(`
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
}`),A=new t(`
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
    `),j=new t(`
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
          shortName
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
    `),M=new t(`
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
    `),Se=new t(`
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
    shortName
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
}`),Ce=new t(`
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
    `),we=new t(`
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
}`),Te=new t(`
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
}`),Ee=new t(`
    query Draws($first: Int!, $after: Cursor) {
  draws(
    first: $first
    after: $after
    orderBy: {field: CREATED_AT, direction: DESC}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...DrawRow
      }
    }
  }
}
    fragment DrawRow on Draw {
  id
  semester
  level
  share
  seed
  frameSize
  excludePrevious
  unannounced
  state
  verified
  createdAt
  org {
    id
    name
  }
  sample {
    id
    name
  }
}`),De=new t(`
    query Inspections($first: Int!, $after: Cursor) {
  inspections(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...InspectionRow
      }
    }
  }
}
    fragment InspectionRow on Inspection {
  id
  semester
  kind
  state
  findings
  recordedAt
  inspectorCode
  targetCode
  target {
    id
    name
  }
}`),Oe=new t(`
    mutation DrawSample($input: DrawInput!) {
  drawSample(input: $input) {
    ...DrawRow
  }
}
    fragment DrawRow on Draw {
  id
  semester
  level
  share
  seed
  frameSize
  excludePrevious
  unannounced
  state
  verified
  createdAt
  org {
    id
    name
  }
  sample {
    id
    name
  }
}`),ke=new t(`
    mutation PublishDraw($id: ID!) {
  publishDraw(id: $id) {
    ...DrawRow
  }
}
    fragment DrawRow on Draw {
  id
  semester
  level
  share
  seed
  frameSize
  excludePrevious
  unannounced
  state
  verified
  createdAt
  org {
    id
    name
  }
  sample {
    id
    name
  }
}`),Ae=new t(`
    mutation RecordInspection($id: ID!, $findings: String) {
  recordInspection(id: $id, findings: $findings) {
    ...InspectionRow
  }
}
    fragment InspectionRow on Inspection {
  id
  semester
  kind
  state
  findings
  recordedAt
  inspectorCode
  targetCode
  target {
    id
    name
  }
}`),je=new t(`
    query ProblemCategories($divisionCode: String!) {
  problemCategories(divisionCode: $divisionCode)
}
    `),Me=new t(`
    query UnitPeople($orgID: ID!) {
  staff(
    first: 100
    orgID: $orgID
    status: ACTIVE
    orderBy: {field: NAME, direction: ASC}
  ) {
    edges {
      node {
        id
        name
      }
    }
  }
}
    `),Ne=new t(`
    query InspectionTarget($id: ID!) {
  node(id: $id) {
    ... on Inspection {
      ...InspectionRow
    }
  }
}
    fragment InspectionRow on Inspection {
  id
  semester
  kind
  state
  findings
  recordedAt
  inspectorCode
  targetCode
  target {
    id
    name
  }
}`),Pe=new t(`
    mutation RaiseProblem($input: RaiseProblemInput!) {
  raiseProblem(input: $input) {
    id
  }
}
    `),Fe=new t(`
    query Problems($first: Int!, $after: Cursor, $where: ProblemWhereInput, $overdue: Boolean) {
  problems(
    first: $first
    after: $after
    where: $where
    overdue: $overdue
    orderBy: {field: DEADLINE, direction: ASC}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...ProblemRow
      }
    }
  }
}
    fragment ProblemRow on Problem {
  id
  category
  description
  deadline
  state
  repeat
  overdue
  unitCode
  unitOrgID
  ownerID
  raisedByID
  raisedOrgID
  unit {
    id
    name
  }
}`),Ie=new t(`
    query Problem($id: ID!) {
  node(id: $id) {
    ... on Problem {
      ...ProblemRow
      source
      sourceDoc
      evidence
      rectifiedAt
      closedAt
      createdAt
      raisedOrg {
        id
        name
      }
      timeline {
        id
        fromState
        toState
        actorID
        at
        note
      }
    }
  }
}
    fragment ProblemRow on Problem {
  id
  category
  description
  deadline
  state
  repeat
  overdue
  unitCode
  unitOrgID
  ownerID
  raisedByID
  raisedOrgID
  unit {
    id
    name
  }
}`),Le=new t(`
    query ProblemPeople($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Person {
      id
      name
    }
  }
}
    `),Re=new t(`
    mutation StartProblem($id: ID!, $note: String) {
  startProblem(id: $id, note: $note) {
    id
    state
  }
}
    `),ze=new t(`
    mutation RectifyProblem($id: ID!, $evidence: String!, $note: String) {
  rectifyProblem(id: $id, evidence: $evidence, note: $note) {
    id
    state
  }
}
    `),Be=new t(`
    mutation AcceptProblem($id: ID!, $note: String) {
  acceptProblem(id: $id, note: $note) {
    id
    state
  }
}
    `),Ve=new t(`
    mutation ReturnProblem($id: ID!, $note: String!) {
  returnProblem(id: $id, note: $note) {
    id
    state
  }
}
    `),He=new t(`
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
    `),Ue=new t(`
    mutation CreateHousehold($input: CreateHouseholdInput!) {
  createHousehold(input: $input) {
    id
  }
}
    `),We=new t(`
    mutation UpdateHousehold($id: ID!, $input: UpdateHouseholdInput!) {
  updateHousehold(id: $id, input: $input) {
    id
  }
}
    `),Ge=new t(`
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
          shortName
        }
      }
    }
  }
}
    `),Ke=new t(`
    mutation CreateStudent($input: CreateStudentInput!) {
  createStudent(input: $input) {
    id
  }
}
    `),qe=new t(`
    mutation UpdateStudent($id: ID!, $input: UpdateStudentInput!) {
  updateStudent(id: $id, input: $input) {
    id
  }
}
    `),Je=new t(`
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
    `),Ye=new t(`
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
    `),Xe=new t(`
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
    `),Ze=new t(`
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
          shortName
        }
      }
    }
  }
}
    `),Qe=new t(`
    query Reminders {
  reminders {
    month
    daysLeft
    families
    familiesDue
    supervises
    toSign {
      count
      longestDays
    }
    unsigned {
      count
      longestDays
      oldestIssuedAt
    }
  }
}
    `),$e=new t(`
    query Behind($first: Int, $after: Cursor, $divisionCode: String) {
  behind(first: $first, after: $after, divisionCode: $divisionCode) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        unit
        overdue
        person {
          id
          name
          phone
        }
      }
    }
  }
}
    `),et=new t(`
    query AuditLogs($first: Int, $after: Cursor, $where: AuditLogWhereInput) {
  auditLogs(
    first: $first
    after: $after
    where: $where
    orderBy: {field: AT, direction: DESC}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        at
        action
        actorName
        studentName
        subject
        rows
      }
    }
  }
}
    `),tt=new t(`
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
}`),nt=new t(`
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
}`),rt=new t(`
    query EligiblePeople($kind: AssignmentKind!, $target: ID!, $search: String) {
  eligiblePeople(kind: $kind, targetID: $target, search: $search, first: 30) {
    eligible
    reason
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
        }
      }
    }
  }
}
    `),it=new t(`
    mutation Assign($input: AssignInput!) {
  assign(input: $input) {
    id
  }
}
    `),at=new t(`
    mutation EndAssignment($id: ID!, $reason: String!) {
  endAssignment(id: $id, reason: $reason) {
    id
    endsAt
    endReason
  }
}
    `),ot=new t(`
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
    `),st=new t(`
    mutation Logout {
  logout
}
    `),ct=new t(`
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
    schoolType
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
}`),lt=new t(`
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
    schoolType
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
}`),ut=new t(`
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
    `),dt=new t(`
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
}`),ft=new t(`
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
    `),pt=new t(`
    mutation UpdatePerson($id: ID!, $input: UpdatePersonInput!) {
  updatePerson(id: $id, input: $input) {
    id
    name
    phone
  }
}
    `),mt=new t(`
    mutation GivePosition($input: GivePositionInput!) {
  givePosition(input: $input) {
    id
  }
}
    `),ht=new t(`
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
}`),gt=new t(`
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
}`),_t=new t(`
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
}`),vt=new t(`
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
    `),yt=new t(`
    mutation ChangePassword($oldPassword: String!, $newPassword: String!) {
  changePassword(oldPassword: $oldPassword, newPassword: $newPassword)
}
    `),bt=new t(`
    query OrphanCount($divisionCode: String, $orgID: ID) {
  orphanedAssignments(divisionCode: $divisionCode, orgID: $orgID, first: 0) {
    totalCount
  }
}
    `),xt=new t(`
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
        villageCode
        contactPerson {
          id
          name
        }
        school {
          id
          name
          divisionCode
        }
        household {
          id
          status
          village {
            id
            name
            shortName
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
    `),St=new t(`
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
    `),Ct=new t(`
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
    `),wt=new t(`
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
    `),Tt=new t(`
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
    `),Et=`sanbao`,Dt=1,N=`queries`,P=`outbox`,F=null;function Ot(){return F||(F=new Promise((e,t)=>{if(typeof indexedDB>`u`){t(Error(`此浏览器不支持离线存储（IndexedDB）`));return}let n=indexedDB.open(Et,Dt);n.onupgradeneeded=()=>{let e=n.result;e.objectStoreNames.contains(`queries`)||e.createObjectStore(N,{keyPath:`key`}),e.objectStoreNames.contains(`outbox`)||e.createObjectStore(P,{keyPath:`id`})},n.onsuccess=()=>{let t=n.result;t.onversionchange=()=>{t.close(),F=null},e(t)},n.onerror=()=>t(n.error??Error(`无法打开离线存储`)),n.onblocked=()=>t(Error(`离线存储被其他页面占用，请关闭其他页面后重试`))}).catch(e=>{throw F=null,e}),F)}async function I(e,t,n){let r=await Ot();return new Promise((i,a)=>{let o=r.transaction(e,t),s,c=n(o.objectStore(e));c&&(c.onsuccess=()=>s=c.result),o.oncomplete=()=>i(s),o.onerror=()=>a(o.error??Error(`离线存储写入失败`)),o.onabort=()=>a(o.error??Error(`离线存储写入被中止`))})}var kt=5184e6;async function L(e){try{return await I(N,`readonly`,t=>t.get(e))}catch{return}}async function At(e,t,n=Date.now()){try{await I(N,`readwrite`,r=>r.put({key:e,data:t,fetchedAt:n}))}catch{}}async function jt(){try{await I(N,`readwrite`,e=>e.clear())}catch{}}async function Mt(e=kt,t=Date.now()){try{let n=(await I(`queries`,`readonly`,e=>e.getAll())??[]).filter(n=>t-n.fetchedAt>e);return n.length&&await I(N,`readwrite`,e=>n.forEach(t=>e.delete(t.key))),n.length}catch{return 0}}var R=e(typeof navigator>`u`||navigator.onLine!==!1),z=new Set,B=null,Nt=2e4;function Pt(e){return z.add(e),()=>z.delete(e)}function V(){if((typeof navigator>`u`||navigator.onLine!==!1)&&(B&&(clearTimeout(B),B=null),!R.value)){R.value=!0;for(let e of z)e()}}function H(){R.value=!1,U()}function U(){B||typeof window>`u`||(B=setTimeout(async()=>{if(B=null,!R.value&&navigator.onLine!==!1){try{if((await fetch(`/healthz`,{cache:`no-store`})).ok)return V()}catch{}U()}},Nt))}function Ft(e=window){e.addEventListener(`online`,()=>V()),e.addEventListener(`offline`,()=>H())}var W=class extends Error{constructor(e,t,n=null){super(e),this.name=`ApiError`,this.code=t,this.field=n}},G=class extends Error{constructor(e=`网络不可用，请检查网络后重试`){super(e),this.name=`NetworkError`}},It=new Set([`BAD_USER_INPUT`,`BAD_REQUEST`,`FORBIDDEN`,`NOT_FOUND`,`CONFLICT`,`GRAPHQL_VALIDATION_FAILED`,`GRAPHQL_PARSE_FAILED`,`REQUEST_TOO_LARGE`,`DEPTH_LIMIT_EXCEEDED`,`ALIAS_LIMIT_EXCEEDED`,`COMPLEXITY_LIMIT_EXCEEDED`]);function Lt(e){return e instanceof W&&It.has(e.code)}function Rt(e){return e instanceof G||e instanceof W&&(e.code===`UNAUTHENTICATED`||e.code===`TOO_MANY_REQUESTS`||e.code===`PASSWORD_CHANGE_REQUIRED`)}function zt(e){return e instanceof Error&&e.message?e.message:`出错了，请稍后再试`}var Bt=`/graphql`,K=2e4,q=null;function Vt(e){q=e}var J=null;function Ht(e){J=e}function Y(e){var t;return(t=/\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(e))==null?void 0:t[1]}function X(e){if(e===void 0)return`null`;if(typeof e!=`object`||!e)return JSON.stringify(e);if(Array.isArray(e))return`[${e.map(X).join(`,`)}]`;let t=e;return`{${Object.keys(t).filter(e=>t[e]!==void 0).sort().map(e=>`${JSON.stringify(e)}:${X(t[e])}`).join(`,`)}}`}function Ut(e){let t=2166136261;for(let n=0;n<e.length;n++)t^=e.charCodeAt(n),t=Math.imul(t,16777619);return(t>>>0).toString(36)}function Z(e,t){return`${Y(e)??`query`}:${Ut(e)}:${X(t??{})}`}async function Q(e,t,n){var r;let i=new AbortController,a=setTimeout(()=>i.abort(),n.timeoutMs??K),o=()=>i.abort();(r=n.signal)==null||r.addEventListener(`abort`,o);try{let r;try{r=await fetch(Bt,{method:`POST`,credentials:`same-origin`,headers:{"Content-Type":`application/json`,Accept:`application/json`},body:JSON.stringify({query:e,variables:t??{},operationName:Y(e)}),signal:i.signal})}catch(e){var s;throw(s=n.signal)!=null&&s.aborted?e:(H(),new G)}if(r.status===502||r.status===503||r.status===504)throw new G(`服务器暂时无法访问，请稍后再试`);let a;try{a=await r.json()}catch(e){throw e instanceof SyntaxError?new W(`服务器返回了无法识别的内容（HTTP ${r.status}）`,`BAD_RESPONSE`):(H(),new G)}return V(),a}finally{var c;clearTimeout(a),(c=n.signal)==null||c.removeEventListener(`abort`,o)}}function $(e,t){var n;let r=(n=e.errors)==null?void 0:n[0];if(r){var i,a;let e=new W(r.message||`出错了，请稍后再试`,((i=r.extensions)==null?void 0:i.code)??`INTERNAL`,((a=r.extensions)==null?void 0:a.field)??null);throw e.code===`UNAUTHENTICATED`&&t.sessionCheck!==!1&&(q==null||q(e.message)),e.code===`PASSWORD_CHANGE_REQUIRED`&&(J==null||J()),e}if(e.data==null)throw new W(`服务器没有返回数据`,`BAD_RESPONSE`);return e.data}async function Wt(e,t,n={}){let r=e.toString(),i=n.cache!==!1,a=Z(r,t),o;try{o=await Q(r,t,n)}catch(e){if(e instanceof G&&i){let e=await L(a);if(e)return{data:e.data,stale:!0,fetchedAt:e.fetchedAt}}throw e}let s=$(o,n),c=Date.now();return i&&await At(a,s,c),{data:s,stale:!1,fetchedAt:c}}async function Gt(e,t,n={}){return $(await Q(e.toString(),t,n),n)}export{rt as $,Re as $t,et as A,ke as At,k as B,tt as Bt,ee as C,dt as Ct,w as D,Ie as Dt,ae as E,je as Et,ce as F,f as Ft,Ye as G,pe as Gt,Ke as H,Ve as Ht,A as I,ze as It,Ee as J,E as Jt,Je as K,Xe as Kt,u as L,Qe as Lt,yt as M,be as Mt,d as N,l as Nt,it as O,Le as Ot,le as P,Ae as Pt,fe as Q,ut as Qt,p as R,ye as Rt,ft as S,bt as St,re as T,S as Tt,_t as U,wt as Ut,Ue as V,nt as Vt,se as W,ue as Wt,me as X,ct as Xt,ve as Y,c as Yt,de as Z,lt as Zt,P as _,Tt as _n,st as _t,Vt as a,St as an,_ as at,he as b,x as bn,n as bt,zt as c,a as cn,j as ct,Pt as d,r as dn,Ce as dt,Ct as en,at as et,R as f,te as fn,Ne as ft,L as g,qe as gn,ot as gt,Mt as h,pt as hn,m as ht,Ht as i,v as in,He as it,$e as j,Pe as jt,C as k,Fe as kt,Rt as l,D as ln,we as lt,jt as m,We as mn,ne as mt,Gt as n,Ge as nn,mt as nt,W as o,xt as on,Ze as ot,Ft as p,ie as pn,De as pt,Oe as q,T as qt,Wt as r,oe as rn,Se as rt,G as s,s as sn,M as st,Z as t,ge as tn,ht as tt,Lt as u,Me as un,Te as ut,I as v,b as vn,xe as vt,i as w,y as wt,Be as x,o as xn,O as xt,_e as y,g as yn,gt as yt,h as z,vt as zt};